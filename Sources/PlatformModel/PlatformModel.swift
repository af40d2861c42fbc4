// PlatformModel: the platform (regions, zones, NAT gateways, node groups, nodes, pods,
// services, the load balancer, database and cache), its traffic, its controllers (scheduler,
// HPA, node lifecycle, cluster autoscaler, rollouts), faults, incidents and cost accounting.
// It knows nothing of files, JSON or the command line. Filled by the model issues.
