/// Region-adjusted prices for the things a ``CostLedger`` counts.
///
/// Every price here is the table's us-east-1 figure times ``PriceTable/regionMultiplier``. When
/// a name appears twice in a list, the first entry wins (validation should reject duplicates).
extension PriceTable {
  /// EKS control plane, per cluster-hour, region-adjusted.
  package var controlPlaneHourly: Double { eksControlPlanePerHour * regionMultiplier }

  /// Application load balancer, per hour, region-adjusted.
  package var loadBalancerHourly: Double { loadBalancerPerHour * regionMultiplier }

  /// Application load balancer, per LCU-hour, region-adjusted.
  package var loadBalancerCapacityUnitHourly: Double { loadBalancerPerLCUHour * regionMultiplier }

  /// NAT gateway, per gateway-hour, region-adjusted.
  package var natGatewayHourly: Double { natGatewayPerHour * regionMultiplier }

  /// NAT gateway, per GB processed, region-adjusted.
  package var natGatewayPerGBProcessed: Double { natGatewayPerGB * regionMultiplier }

  /// Inter-zone transfer, per GB each way, region-adjusted.
  package var interZonePerGBTransferred: Double { interZonePerGB * regionMultiplier }

  /// One node's hourly price: on-demand times the region multiplier, times
  /// ``PriceTable/spotShareOfOnDemand`` for spot.
  ///
  /// - Returns: The price, or `nil` when the instance type is not in ``PriceTable/instances``.
  package func nodeHourly(instanceType: String, purchase: PurchaseOption) -> Double? {
    guard let entry = instances.first(where: { $0.name == instanceType }) else { return nil }
    let onDemand = entry.onDemandPerHour * regionMultiplier
    switch purchase {
    case .onDemand: return onDemand
    case .spot: return onDemand * spotShareOfOnDemand
    }
  }

  /// One database instance's hourly price: single-AZ times the region multiplier, doubled for
  /// Multi-AZ (the standby is billed as a second instance).
  ///
  /// - Returns: The price, or `nil` when the class is not in ``PriceTable/databaseInstances``.
  package func databaseHourly(instanceClass: String, multiAZ: Bool) -> Double? {
    guard let entry = databaseInstances.first(where: { $0.name == instanceClass }) else {
      return nil
    }
    return entry.perHour * regionMultiplier * (multiAZ ? 2 : 1)
  }

  /// One cache node's hourly price, region-adjusted.
  ///
  /// - Returns: The price, or `nil` when the node type is not in ``PriceTable/cacheNodes``.
  package func cacheNodeHourly(nodeType: String) -> Double? {
    guard let entry = cacheNodes.first(where: { $0.name == nodeType }) else { return nil }
    return entry.perHour * regionMultiplier
  }

  /// The platform's instance types, database class and cache node type that this table has no
  /// price for, in the order they appear in the configuration.
  ///
  /// Scenario validation calls this so that ``CostBreakdown`` never meets an unpriced name.
  /// A disabled cache is not checked.
  ///
  /// - Returns: One ``MissingPrice`` per unpriced field; empty when everything is priced.
  package func missingPrices(for platform: PlatformConfiguration) -> [MissingPrice] {
    var missing: [MissingPrice] = []
    for (index, group) in platform.nodeGroups.enumerated()
    where nodeHourly(instanceType: group.instanceType, purchase: .onDemand) == nil {
      missing.append(
        MissingPrice(
          path: "nodeGroups[\(index)].instanceType", kind: "instance type",
          name: group.instanceType, known: instances.map(\.name)))
    }
    let database = platform.database
    if databaseHourly(instanceClass: database.instanceClass, multiAZ: false) == nil {
      missing.append(
        MissingPrice(
          path: "database.instanceClass", kind: "database instance class",
          name: database.instanceClass, known: databaseInstances.map(\.name)))
    }
    let cache = platform.cache
    if cache.enabled && cacheNodeHourly(nodeType: cache.nodeType) == nil {
      missing.append(
        MissingPrice(
          path: "cache.nodeType", kind: "cache node type", name: cache.nodeType,
          known: cacheNodes.map(\.name)))
    }
    return missing
  }
}
