import SimKernel

/// The resources a run consumed, in resource-time and volumes, for pricing afterwards.
///
/// The simulation feeds the ledger as it runs: node time per instance type and purchase option,
/// control-plane, database, cache, load-balancer and NAT gateway time, load-balancer capacity
/// units (LCU-hours), NAT-processed and inter-zone gigabytes. ``CostBreakdown`` turns a ledger
/// and a ``PriceTable`` into dollars; keeping usage and prices apart lets one run be priced
/// under several tables and lets shards merge before pricing.
///
/// Time is kept as ``SimDuration`` (integer microseconds), so sums are exact and merging
/// ledgers in any grouping or order gives the same result bit for bit. Volumes (GB, LCU-hours)
/// are `Double`s: merges are commutative but, like any floating-point sum, may differ in the
/// last bits when the grouping changes.
///
/// Lookups by type are dictionary lookups keyed by strings: feed the ledger when a resource
/// changes state or once per reporting step, not per event.
package struct CostLedger: Sendable, Equatable {
  /// A kind of worker node: its EC2 instance type and how it is bought.
  package struct NodeKind: Sendable, Hashable, Comparable {
    /// The EC2 instance type, e.g. `t3.medium`.
    package var instanceType: String
    /// On-demand or spot.
    package var purchase: PurchaseOption

    /// Creates a node kind.
    package init(instanceType: String, purchase: PurchaseOption) {
      self.instanceType = instanceType
      self.purchase = purchase
    }

    /// `"t3.medium/on-demand"`, the name of its line item.
    package var name: String { "\(instanceType)/\(purchase.rawValue)" }

    /// Orders by ``name``.
    package static func < (a: NodeKind, b: NodeKind) -> Bool { a.name < b.name }
  }

  /// A kind of database instance: its RDS class and whether it has a Multi-AZ standby.
  package struct DatabaseKind: Sendable, Hashable, Comparable {
    /// The RDS instance class, e.g. `db.t3.small`.
    package var instanceClass: String
    /// Whether a synchronous standby runs in a second zone (priced as a second instance).
    package var multiAZ: Bool

    /// Creates a database kind.
    package init(instanceClass: String, multiAZ: Bool) {
      self.instanceClass = instanceClass
      self.multiAZ = multiAZ
    }

    /// `"db.t3.small/multi-AZ"` or `"db.t3.micro/single-AZ"`, the name of its line item.
    package var name: String { "\(instanceClass)/\(multiAZ ? "multi-AZ" : "single-AZ")" }

    /// Orders by ``name``.
    package static func < (a: DatabaseKind, b: DatabaseKind) -> Bool { a.name < b.name }
  }

  /// EKS control plane time (cluster-time).
  package private(set) var controlPlaneTime: SimDuration = .zero
  /// Worker node time (node-time) by kind.
  package private(set) var nodeTime: [NodeKind: SimDuration] = [:]
  /// Database instance time by kind; a Multi-AZ instance counts once here.
  package private(set) var databaseTime: [DatabaseKind: SimDuration] = [:]
  /// Cache node time (node-time) by ElastiCache node type.
  package private(set) var cacheNodeTime: [String: SimDuration] = [:]
  /// Application load balancer time.
  package private(set) var loadBalancerTime: SimDuration = .zero
  /// Load balancer capacity units consumed, in LCU-hours.
  package private(set) var loadBalancerCapacityUnitHours: Double = 0
  /// NAT gateway time (gateway-time).
  package private(set) var natGatewayTime: SimDuration = .zero
  /// Gigabytes processed by NAT gateways.
  package private(set) var natProcessedGB: Double = 0
  /// Gigabytes sent between zones (each direction counted where it is sent).
  package private(set) var interZoneGB: Double = 0

  /// An empty ledger.
  package init() {}

  /// Adds EKS control plane time.
  ///
  /// - Parameters:
  ///   - clusters: How many clusters ran for `duration`.
  ///   - duration: How long they ran.
  /// - Precondition: `clusters >= 0` and `duration >= .zero`.
  package mutating func addControlPlaneTime(clusters: Int = 1, duration: SimDuration) {
    Self.accumulate(&controlPlaneTime, Self.resourceTime(clusters, duration))
  }

  /// Adds worker node time.
  ///
  /// - Parameters:
  ///   - instanceType: The EC2 instance type; it must have a price in the table the ledger is
  ///     later priced with.
  ///   - purchase: On-demand or spot.
  ///   - nodes: How many nodes of this kind ran for `duration`.
  ///   - duration: How long they ran.
  /// - Precondition: `nodes >= 0` and `duration >= .zero`.
  /// - Complexity: One dictionary lookup.
  package mutating func addNodeTime(
    instanceType: String, purchase: PurchaseOption, nodes: Int = 1, duration: SimDuration
  ) {
    let time = Self.resourceTime(nodes, duration)
    Self.accumulate(
      &nodeTime[NodeKind(instanceType: instanceType, purchase: purchase), default: .zero], time)
  }

  /// Adds database instance time.
  ///
  /// - Parameters:
  ///   - instanceClass: The RDS instance class.
  ///   - multiAZ: Whether the instance has a Multi-AZ standby (priced at twice single-AZ).
  ///   - duration: How long it ran.
  /// - Precondition: `duration >= .zero`.
  /// - Complexity: One dictionary lookup.
  package mutating func addDatabaseTime(
    instanceClass: String, multiAZ: Bool, duration: SimDuration
  ) {
    let time = Self.resourceTime(1, duration)
    Self.accumulate(
      &databaseTime[DatabaseKind(instanceClass: instanceClass, multiAZ: multiAZ), default: .zero],
      time)
  }

  /// Adds cache node time.
  ///
  /// - Parameters:
  ///   - nodeType: The ElastiCache node type.
  ///   - nodes: How many nodes (primary and replicas) ran for `duration`.
  ///   - duration: How long they ran.
  /// - Precondition: `nodes >= 0` and `duration >= .zero`.
  /// - Complexity: One dictionary lookup.
  package mutating func addCacheNodeTime(nodeType: String, nodes: Int = 1, duration: SimDuration) {
    Self.accumulate(&cacheNodeTime[nodeType, default: .zero], Self.resourceTime(nodes, duration))
  }

  /// Adds application load balancer time.
  ///
  /// - Parameters:
  ///   - loadBalancers: How many load balancers ran for `duration`.
  ///   - duration: How long they ran.
  /// - Precondition: `loadBalancers >= 0` and `duration >= .zero`.
  package mutating func addLoadBalancerTime(loadBalancers: Int = 1, duration: SimDuration) {
    Self.accumulate(&loadBalancerTime, Self.resourceTime(loadBalancers, duration))
  }

  /// Adds the capacity units a window's load on the load balancer consumed.
  ///
  /// The window's LCUs are the largest of its four dimensions (see
  /// ``LoadBalancerUsage/capacityUnits``), held for `duration`.
  ///
  /// - Parameters:
  ///   - usage: The window's average rates and connection count.
  ///   - duration: The window's length.
  /// - Precondition: `duration >= .zero`.
  package mutating func addLoadBalancerUsage(_ usage: LoadBalancerUsage, duration: SimDuration) {
    precondition(duration >= .zero, "CostLedger: negative duration \(duration)")
    loadBalancerCapacityUnitHours += usage.capacityUnits * Self.hours(duration)
  }

  /// Adds load balancer capacity units already expressed as LCU-hours.
  ///
  /// - Precondition: `lcuHours` is finite and not negative.
  package mutating func addLoadBalancerCapacityUnitHours(_ lcuHours: Double) {
    Self.checkVolume(lcuHours, "LCU-hours")
    loadBalancerCapacityUnitHours += lcuHours
  }

  /// Adds NAT gateway time.
  ///
  /// - Parameters:
  ///   - gateways: How many gateways ran for `duration`.
  ///   - duration: How long they ran.
  /// - Precondition: `gateways >= 0` and `duration >= .zero`.
  package mutating func addNATGatewayTime(gateways: Int, duration: SimDuration) {
    Self.accumulate(&natGatewayTime, Self.resourceTime(gateways, duration))
  }

  /// Adds gigabytes processed by NAT gateways.
  ///
  /// - Precondition: `gigabytes` is finite and not negative.
  package mutating func addNATProcessedGB(_ gigabytes: Double) {
    Self.checkVolume(gigabytes, "NAT GB")
    natProcessedGB += gigabytes
  }

  /// Adds gigabytes sent from one zone to another.
  ///
  /// AWS charges each direction; add both directions of a round trip.
  ///
  /// - Precondition: `gigabytes` is finite and not negative.
  package mutating func addInterZoneGB(_ gigabytes: Double) {
    Self.checkVolume(gigabytes, "inter-zone GB")
    interZoneGB += gigabytes
  }

  /// Adds everything in `other` to this ledger.
  ///
  /// Time merges exactly: merging shards in any order and grouping gives equal ledgers.
  ///
  /// - Complexity: O(*k*), where *k* is the number of kinds in `other`.
  package mutating func merge(_ other: CostLedger) {
    Self.accumulate(&controlPlaneTime, other.controlPlaneTime)
    nodeTime.merge(other.nodeTime, uniquingKeysWith: Self.saturatingSum)
    databaseTime.merge(other.databaseTime, uniquingKeysWith: Self.saturatingSum)
    cacheNodeTime.merge(other.cacheNodeTime, uniquingKeysWith: Self.saturatingSum)
    Self.accumulate(&loadBalancerTime, other.loadBalancerTime)
    loadBalancerCapacityUnitHours += other.loadBalancerCapacityUnitHours
    Self.accumulate(&natGatewayTime, other.natGatewayTime)
    natProcessedGB += other.natProcessedGB
    interZoneGB += other.interZoneGB
  }

  /// `count` resources for `duration`, checked, saturating at ``SimDuration/saturation``
  /// (73,000 years of resource time) rather than trapping on overflow.
  /// `a + b`, saturating at ``SimKernel/SimDuration/saturation`` (about 73,000 years): resource
  /// time summed over 10^5 nodes and a century passes Int64 microseconds.
  private static func saturatingSum(_ a: SimDuration, _ b: SimDuration) -> SimDuration {
    let (sum, overflow) = a.microseconds.addingReportingOverflow(b.microseconds)
    return overflow || sum > SimDuration.saturation.microseconds
      ? .saturation : SimDuration(microseconds: sum)
  }

  /// `total += time`, saturating (``saturatingSum(_:_:)``).
  private static func accumulate(_ total: inout SimDuration, _ time: SimDuration) {
    total = saturatingSum(total, time)
  }

  private static func resourceTime(_ count: Int, _ duration: SimDuration) -> SimDuration {
    precondition(count >= 0, "CostLedger: negative resource count \(count)")
    precondition(duration >= .zero, "CostLedger: negative duration \(duration)")
    let (product, overflow) = duration.microseconds.multipliedReportingOverflow(
      by: Int64(count))
    return overflow || product > SimDuration.saturation.microseconds
      ? .saturation : SimDuration(microseconds: product)
  }

  /// Traps on a negative or non-finite volume.
  private static func checkVolume(_ value: Double, _ what: String) {
    precondition(
      value.isFinite && value >= 0, "CostLedger: \(what) must be finite and >= 0 (got \(value))")
  }

  /// `duration` in hours.
  package static func hours(_ duration: SimDuration) -> Double {
    Double(duration.microseconds) / 3_600_000_000
  }
}
