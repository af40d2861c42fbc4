/// Hourly and per-unit prices in US dollars, with where they come from.
///
/// The built-in table (``reference``) holds us-east-1 on-demand list prices as recalled in
/// ../shared/reference/platform-facts.md (figures marked "check" there are not read off a price
/// page), scaled by ``regionMultiplier`` for the scenario's region. Scenario files can override
/// any entry.
package struct PriceTable: Sendable, Equatable {
  /// When the figures were taken.
  package var date: String = "2026-11-27"
  /// Where they come from.
  package var source: String =
    "PlatformSim reference/platform-facts.md: AWS us-east-1 on-demand list prices (some recalled)"
  /// Multiplier for the region against us-east-1 (eu-central-1 runs about 10-15 % higher).
  package var regionMultiplier: Double = 1.12
  /// EKS control plane, per cluster-hour.
  package var eksControlPlanePerHour: Double = 0.10
  /// EC2 instance types: size and on-demand price.
  package var instances: [InstanceTypePrice] = InstanceTypePrice.reference
  /// Spot price as a share of on-demand (spot is typically 60-70 % cheaper).
  package var spotShareOfOnDemand: Double = 0.35
  /// RDS instance classes, single-AZ price per hour (Multi-AZ doubles it).
  package var databaseInstances: [NamedHourlyPrice] = [
    NamedHourlyPrice(name: "db.t3.micro", perHour: 0.018),
    NamedHourlyPrice(name: "db.t3.small", perHour: 0.036),
    NamedHourlyPrice(name: "db.t3.medium", perHour: 0.072),
    NamedHourlyPrice(name: "db.m5.large", perHour: 0.178),
  ]
  /// ElastiCache node types, per node-hour.
  package var cacheNodes: [NamedHourlyPrice] = [
    NamedHourlyPrice(name: "cache.t3.micro", perHour: 0.017),
    NamedHourlyPrice(name: "cache.t3.small", perHour: 0.034),
    NamedHourlyPrice(name: "cache.t3.medium", perHour: 0.068),
  ]
  /// Application load balancer, per hour.
  package var loadBalancerPerHour: Double = 0.0225
  /// Application load balancer, per LCU-hour.
  package var loadBalancerPerLCUHour: Double = 0.008
  /// NAT gateway, per gateway-hour.
  package var natGatewayPerHour: Double = 0.045
  /// NAT gateway, per GB processed.
  package var natGatewayPerGB: Double = 0.045
  /// Data transfer between zones, per GB each way.
  package var interZonePerGB: Double = 0.01

  /// The built-in table.
  package init() {}
}

/// An EC2 instance type's size and on-demand hourly price.
package struct InstanceTypePrice: Sendable, Equatable {
  /// The type's name, e.g. `t3.medium`.
  package var name: String
  /// Virtual CPUs.
  package var vcpu: Int
  /// Memory in MiB.
  package var memoryMiB: Int
  /// On-demand price per hour (us-east-1).
  package var onDemandPerHour: Double
  /// The most pods the kubelet runs on one node of this type, DaemonSet pods included: with the
  /// VPC CNI (no prefix delegation) `ENIs × (IPv4 addresses per ENI − 1) + 2`
  /// (aws/amazon-vpc-cni-k8s `misc/eni-max-pods.txt`); 110, the kubelet's and the EKS AMI's
  /// default, for a type the table does not know.
  package var maxPods: Int

  /// The kubelet's default `maxPods`, which the EKS AMI uses for types it has no ENI figures for.
  package static let defaultMaxPods = 110

  /// Creates an entry.
  package init(
    name: String, vcpu: Int, memoryMiB: Int, onDemandPerHour: Double,
    maxPods: Int = InstanceTypePrice.defaultMaxPods
  ) {
    self.name = name
    self.vcpu = vcpu
    self.memoryMiB = memoryMiB
    self.onDemandPerHour = onDemandPerHour
    self.maxPods = maxPods
  }

  /// Common general-purpose types, with their VPC CNI pod limits (ENIs × (IPv4 per ENI − 1)
  /// + 2: t3.small 3 × 3 + 2, t3.medium 3 × 5 + 2, t3.large 3 × 11 + 2, m5/m6i/c5.large
  /// 3 × 9 + 2, m5.xlarge 4 × 14 + 2; aws/amazon-vpc-cni-k8s `misc/eni-max-pods.txt`).
  package static let reference: [InstanceTypePrice] = [
    InstanceTypePrice(name: "t3.small", vcpu: 2, memoryMiB: 2_048, onDemandPerHour: 0.0208, maxPods: 11),
    InstanceTypePrice(name: "t3.medium", vcpu: 2, memoryMiB: 4_096, onDemandPerHour: 0.0416, maxPods: 17),
    InstanceTypePrice(name: "t3.large", vcpu: 2, memoryMiB: 8_192, onDemandPerHour: 0.0832, maxPods: 35),
    InstanceTypePrice(name: "m5.large", vcpu: 2, memoryMiB: 8_192, onDemandPerHour: 0.096, maxPods: 29),
    InstanceTypePrice(name: "m6i.large", vcpu: 2, memoryMiB: 8_192, onDemandPerHour: 0.096, maxPods: 29),
    InstanceTypePrice(name: "m5.xlarge", vcpu: 4, memoryMiB: 16_384, onDemandPerHour: 0.192, maxPods: 58),
    InstanceTypePrice(name: "c5.large", vcpu: 2, memoryMiB: 4_096, onDemandPerHour: 0.085, maxPods: 29),
  ]
}

/// A named thing with an hourly price.
package struct NamedHourlyPrice: Sendable, Equatable {
  /// The name, e.g. `db.t3.small`.
  package var name: String
  /// Price per hour (us-east-1).
  package var perHour: Double

  /// Creates an entry.
  package init(name: String, perHour: Double) {
    self.name = name
    self.perHour = perHour
  }
}
