import SimKernel

extension CostLedger {
  /// The ledger of `platform` left at rest for `duration`: every component up, each node group
  /// at its desired size, no traffic.
  ///
  /// Counts one EKS control plane, `desiredNodes` nodes per group, one database instance
  /// (Multi-AZ as configured), `1 + replicas` cache nodes when the cache is enabled, one load
  /// balancer, and one NAT gateway for `.single`, one per zone for `.perZone`, none for `.none`.
  /// Volumes (LCU-hours, NAT and inter-zone GB) stay zero: they depend on traffic.
  ///
  /// A run with no scaling, faults or traffic must end with exactly this ledger; it is also the
  /// base of capacity-planning estimates (``CostBreakdown/init(atRest:prices:)``).
  ///
  /// - Precondition: `duration >= .zero`, and node and replica counts are not negative.
  package init(atRest platform: PlatformConfiguration, duration: SimDuration) {
    self.init()
    addControlPlaneTime(duration: duration)
    for group in platform.nodeGroups {
      addNodeTime(
        instanceType: group.instanceType, purchase: group.purchase, nodes: group.desiredNodes,
        duration: duration)
    }
    addDatabaseTime(
      instanceClass: platform.database.instanceClass, multiAZ: platform.database.multiAZ,
      duration: duration)
    if platform.cache.enabled {
      addCacheNodeTime(
        nodeType: platform.cache.nodeType, nodes: 1 + platform.cache.replicas, duration: duration)
    }
    addLoadBalancerTime(duration: duration)
    let gateways: Int
    switch platform.natGateways {
    case .single: gateways = 1
    case .perZone: gateways = platform.zones.count
    case .none: gateways = 0
    }
    addNATGatewayTime(gateways: gateways, duration: duration)
  }
}
