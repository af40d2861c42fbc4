/// The platform's components: zones, egress, compute, services and data stores.
package struct PlatformConfiguration: Sendable, Equatable {
  /// The AWS region, e.g. `eu-central-1`.
  package var region: String
  /// Availability zone names, e.g. `["eu-central-1a", "eu-central-1b", "eu-central-1c"]`.
  package var zones: [String]
  /// Where the NAT gateways are that give private subnets their egress.
  package var natGateways: NATGatewayLayout
  /// The worker node groups.
  package var nodeGroups: [NodeGroupConfiguration]
  /// The services running as pods.
  package var services: [ServiceConfiguration]
  /// Whether a node needs internet egress (a NAT gateway in its zone's route) to pull an image
  /// it does not hold yet: true for images from a public registry, or from ECR without VPC
  /// endpoints (the reference); false with ECR VPC endpoints or pre-pulled images.
  package var imagePullsNeedEgress: Bool = true
  /// The DaemonSets on every node (the reference's by default): each takes a pod slot and its
  /// requests from every node.
  package var daemonSets: [DaemonSetConfiguration] = DaemonSetConfiguration.reference
  /// What adds and removes nodes, if anything (`nil`: node groups keep their desired size).
  package var nodeAutoscaling: NodeAutoscalingConfiguration? = nil
  /// The application load balancer in front of the services.
  package var loadBalancer: LoadBalancerConfiguration
  /// The relational database.
  package var database: DatabaseConfiguration
  /// The cache in front of the database.
  package var cache: CacheConfiguration

  /// Creates a platform from its parts.
  package init(
    region: String, zones: [String], natGateways: NATGatewayLayout,
    nodeGroups: [NodeGroupConfiguration], services: [ServiceConfiguration],
    loadBalancer: LoadBalancerConfiguration, database: DatabaseConfiguration,
    cache: CacheConfiguration
  ) {
    self.region = region
    self.zones = zones
    self.natGateways = natGateways
    self.nodeGroups = nodeGroups
    self.services = services
    self.loadBalancer = loadBalancer
    self.database = database
    self.cache = cache
  }

  /// The node groups' names, then the Karpenter pool's (`karpenter`) when Karpenter provisions
  /// nodes: the groups the reports count nodes of, in their order (timeseries.csv's
  /// `nodes_<group>` columns, summary.json's `nodes`).
  package var nodeGroupNames: [String] {
    nodeGroups.map(\.name) + (nodeAutoscaling?.mode == .karpenter ? ["karpenter"] : [])
  }
}

/// Where NAT gateways sit, which decides what an AZ failure does to egress.
package enum NATGatewayLayout: Sendable, Equatable {
  /// One gateway in the named zone, shared by every private subnet (the TByte code).
  case single(zone: String)
  /// One gateway in each zone, each serving its own zone's private subnets (the TByte docs).
  case perZone
  /// No NAT: private subnets have no egress.
  case none
}

/// Whether nodes are bought on demand or on the spot market.
package enum PurchaseOption: String, Sendable, Equatable, CaseIterable {
  case onDemand = "on-demand"
  case spot
}

/// A group of identical worker nodes spread over zones.
package struct NodeGroupConfiguration: Sendable, Equatable {
  /// The group's name.
  package var name: String
  /// The EC2 instance type, e.g. `t3.medium`; its size and price come from the price table.
  package var instanceType: String
  /// On-demand or spot.
  package var purchase: PurchaseOption
  /// The fewest nodes the group may have.
  package var minNodes: Int
  /// The nodes at the start of the run.
  package var desiredNodes: Int
  /// The most nodes the group may have.
  package var maxNodes: Int
  /// Zones the group places nodes in, round-robin; empty means every zone of the platform.
  package var zones: [String]

  /// Creates a node group.
  package init(
    name: String, instanceType: String, purchase: PurchaseOption, minNodes: Int,
    desiredNodes: Int, maxNodes: Int, zones: [String]
  ) {
    self.name = name
    self.instanceType = instanceType
    self.purchase = purchase
    self.minNodes = minNodes
    self.desiredNodes = desiredNodes
    self.maxNodes = maxNodes
    self.zones = zones
  }
}
