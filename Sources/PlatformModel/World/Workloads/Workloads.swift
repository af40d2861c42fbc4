/// The services' workloads as the control plane sees them: the replicas each Deployment asks
/// for (`spec.replicas`), the HorizontalPodAutoscalers that set them, and metrics-server,
/// which the autoscalers read.
///
/// The pods themselves are the ``Cluster``'s; rollouts split a workload's replicas between
/// revisions (``Delivery``).
struct Workloads: Sendable {
  /// Per service: the replica count its workload asks for.
  var replicaTarget: PerService<Int>
  /// The autoscaled services' autoscalers, in service order.
  var autoscalers: [ServiceAutoscaler] = []
  /// metrics-server: the latest per-pod usage per service, and the integrals behind it.
  var metricsServer: MetricsServer

  /// The workloads at their starting replicas, without autoscalers yet.
  init(startingReplicas: PerService<Int>) {
    replicaTarget = startingReplicas
    metricsServer = MetricsServer(serviceCount: startingReplicas.count)
  }
}
