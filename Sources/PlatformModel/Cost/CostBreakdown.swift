import SimKernel

/// What a run cost, in US dollars by line item, with its total, hourly and monthly rates.
///
/// Built from a ``CostLedger``, a ``PriceTable`` and the simulated time the ledger covers.
/// Every price is the table's figure times ``PriceTable/regionMultiplier``; spot nodes cost
/// on-demand times ``PriceTable/spotShareOfOnDemand``; a Multi-AZ database costs twice
/// single-AZ. The formulas are in docs/cost-model.md.
///
/// Line items come in ``CostCategory`` order. The control plane, the load balancer's hours and
/// capacity units, the NAT gateways' hours and data and inter-zone transfer always have a line
/// (possibly zero), so tables have the same rows from run to run; nodes, database and cache have
/// one line per kind the ledger saw, sorted by name.
package struct CostBreakdown: Sendable, Equatable {
  /// The simulated time the ledger covers.
  package var elapsed: SimDuration
  /// The priced lines, in ``CostCategory`` order and by name within a category.
  package var lineItems: [CostLineItem]

  /// Prices `ledger` with `prices`.
  ///
  /// An instance type, database class or cache node type missing from the table is a
  /// programmer error: scenario validation rejects it first (``PriceTable/missingPrices(for:)``).
  ///
  /// - Parameters:
  ///   - ledger: What was used.
  ///   - prices: What it costs.
  ///   - elapsed: The simulated time the ledger covers, the base of ``perHour`` and
  ///     ``perMonth``.
  /// - Precondition: `elapsed > .zero`, and every kind in `ledger` has a price in `prices`.
  /// - Complexity: O(*k* log *k*), where *k* is the number of kinds in the ledger.
  package init(ledger: CostLedger, prices: PriceTable, elapsed: SimDuration) {
    precondition(elapsed > .zero, "CostBreakdown: elapsed time must be positive (got \(elapsed))")
    self.elapsed = elapsed
    let hours = CostLedger.hours
    var items: [CostLineItem] = []
    items.append(
      CostLineItem(
        category: .controlPlane, detail: "", quantity: hours(ledger.controlPlaneTime),
        unit: "cluster-hours", unitPrice: prices.controlPlaneHourly))
    for (kind, time) in ledger.nodeTime.sorted(by: { $0.key < $1.key }) {
      guard let price = prices.nodeHourly(instanceType: kind.instanceType, purchase: kind.purchase)
      else { Self.unpriced("instance type", kind.instanceType) }
      items.append(
        CostLineItem(
          category: .nodes, detail: kind.name, quantity: hours(time), unit: "node-hours",
          unitPrice: price))
    }
    for (kind, time) in ledger.databaseTime.sorted(by: { $0.key < $1.key }) {
      guard
        let price = prices.databaseHourly(instanceClass: kind.instanceClass, multiAZ: kind.multiAZ)
      else { Self.unpriced("database instance class", kind.instanceClass) }
      items.append(
        CostLineItem(
          category: .database, detail: kind.name, quantity: hours(time), unit: "instance-hours",
          unitPrice: price))
    }
    for (nodeType, time) in ledger.cacheNodeTime.sorted(by: { $0.key < $1.key }) {
      guard let price = prices.cacheNodeHourly(nodeType: nodeType) else {
        Self.unpriced("cache node type", nodeType)
      }
      items.append(
        CostLineItem(
          category: .cache, detail: nodeType, quantity: hours(time), unit: "node-hours",
          unitPrice: price))
    }
    items += [
      CostLineItem(
        category: .loadBalancer, detail: "hours", quantity: hours(ledger.loadBalancerTime),
        unit: "hours", unitPrice: prices.loadBalancerHourly),
      CostLineItem(
        category: .loadBalancer, detail: "capacity-units",
        quantity: ledger.loadBalancerCapacityUnitHours, unit: "LCU-hours",
        unitPrice: prices.loadBalancerCapacityUnitHourly),
      CostLineItem(
        category: .natGateways, detail: "hours", quantity: hours(ledger.natGatewayTime),
        unit: "gateway-hours", unitPrice: prices.natGatewayHourly),
      CostLineItem(
        category: .natGateways, detail: "data", quantity: ledger.natProcessedGB, unit: "GB",
        unitPrice: prices.natGatewayPerGBProcessed),
      CostLineItem(
        category: .interZoneTransfer, detail: "", quantity: ledger.interZoneGB, unit: "GB",
        unitPrice: prices.interZonePerGBTransferred),
    ]
    self.lineItems = items
  }

  /// Stops on a name the table does not price.
  private static func unpriced(_ kind: String, _ name: String) -> Never {
    preconditionFailure(
      "CostBreakdown: \(kind) \"\(name)\" has no price; scenario validation should have "
        + "rejected it (PriceTable.missingPrices(for:))")
  }

  /// Dollars in one category (summed in line-item order).
  package func dollars(_ category: CostCategory) -> Double {
    lineItems.reduce(0) { $1.category == category ? $0 + $1.dollars : $0 }
  }

  /// The node line items, one per `type/purchase`, sorted by name.
  package var nodes: [CostLineItem] { lineItems.filter { $0.category == .nodes } }

  /// Dollars over the elapsed time (summed in line-item order).
  package var total: Double { lineItems.reduce(0) { $0 + $1.dollars } }

  /// Dollars per hour: ``total`` over the elapsed hours.
  package var perHour: Double { total / CostLedger.hours(elapsed) }

  /// Dollars per 30-day month (720 hours), scaled from the elapsed time.
  package var perMonth: Double { perHour * Self.hoursPerMonth }

  /// The hours in a billing month as AWS quotes monthly figures (``SimKernel/SimDuration/reportingMonth``).
  package static let hoursPerMonth: Double = SimDuration.reportingMonth.inSeconds / 3_600
}

extension PlatformScenario {
  /// What one pod of `service` costs an hour: the on-demand price of the first node group's
  /// instance type times the larger of the pod's CPU and memory shares of the node (0 when
  /// the service or the type is unknown).
  package func podHourPrice(of service: String) -> Double {
    guard let config = platform.services.first(where: { $0.name == service }),
      let group = platform.nodeGroups.first,
      let instance = prices.instances.first(where: { $0.name == group.instanceType })
    else { return 0 }
    let cpuShare = Double(config.cpuRequestMillicores) / Double(instance.vcpu * 1_000)
    let memoryShare = Double(config.memoryRequestMiB) / Double(instance.memoryMiB)
    return instance.onDemandPerHour * prices.regionMultiplier * max(cpuShare, memoryShare)
  }
}
