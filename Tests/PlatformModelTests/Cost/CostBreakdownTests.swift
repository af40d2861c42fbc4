import SimKernel
import Testing

@testable import PlatformModel

@Suite struct CostBreakdownTests {
  /// The built-in table: us-east-1 prices, eu-central-1 multiplier 1.12, spot share 0.35.
  let prices = PriceTable()

  @Test("3 t3.medium on-demand for 30 days cost 3 * 0.0416 * 1.12 * 720")
  func onDemandNodes() {
    var ledger = CostLedger()
    ledger.addNodeTime(
      instanceType: "t3.medium", purchase: .onDemand, nodes: 3, duration: .days(30))
    let cost = CostBreakdown(ledger: ledger, prices: prices, elapsed: .days(30))
    let expected = 3 * 0.0416 * 1.12 * 720  // $100.6272
    #expect(cost.nodes.count == 1)
    #expect(cost.nodes[0].detail == "t3.medium/on-demand")
    #expect(cost.nodes[0].quantity == 2_160)
    #expect(dollarsAgree(cost.nodes[0].dollars, expected))
    #expect(dollarsAgree(cost.dollars(.nodes), expected))
    #expect(dollarsAgree(cost.total, expected))
    #expect(dollarsAgree(cost.perMonth, expected))
    #expect(dollarsAgree(cost.perHour, expected / 720))
  }

  @Test("spot costs on-demand times the spot share")
  func spotShare() {
    var ledger = CostLedger()
    ledger.addNodeTime(instanceType: "t3.medium", purchase: .spot, nodes: 2, duration: .hours(10))
    let cost = CostBreakdown(ledger: ledger, prices: prices, elapsed: .hours(10))
    #expect(dollarsAgree(cost.nodes[0].unitPrice, 0.0416 * 1.12 * 0.35))
    #expect(dollarsAgree(cost.dollars(.nodes), 20 * 0.0416 * 1.12 * 0.35))  // $0.326144
  }

  @Test("a Multi-AZ database costs twice the single-AZ one")
  func multiAZDoubles() {
    var single = CostLedger()
    single.addDatabaseTime(instanceClass: "db.t3.small", multiAZ: false, duration: .days(30))
    var multi = CostLedger()
    multi.addDatabaseTime(instanceClass: "db.t3.small", multiAZ: true, duration: .days(30))
    let singleCost = CostBreakdown(ledger: single, prices: prices, elapsed: .days(30))
    let multiCost = CostBreakdown(ledger: multi, prices: prices, elapsed: .days(30))
    #expect(dollarsAgree(singleCost.dollars(.database), 0.036 * 1.12 * 720))  // $29.0304
    #expect(dollarsAgree(multiCost.dollars(.database), 2 * 0.036 * 1.12 * 720))  // $58.0608
    #expect(multiCost.lineItems.map(\.name).contains("database/db.t3.small/multi-AZ"))
    #expect(singleCost.lineItems.map(\.name).contains("database/db.t3.small/single-AZ"))
  }

  @Test("NAT gateways cost per gateway-hour plus per GB processed")
  func natGateways() {
    var ledger = CostLedger()
    ledger.addNATGatewayTime(gateways: 3, duration: .hours(24))
    ledger.addNATProcessedGB(100)
    let cost = CostBreakdown(ledger: ledger, prices: prices, elapsed: .hours(24))
    let hours = 3 * 24 * 0.045 * 1.12  // $3.6288
    let data = 100 * 0.045 * 1.12  // $5.04
    #expect(dollarsAgree(cost.dollars(.natGateways), hours + data))
    let lines = cost.lineItems.filter { $0.category == .natGateways }
    #expect(lines.map(\.detail) == ["hours", "data"])
    #expect(dollarsAgree(lines[1].dollars, data))
  }

  @Test("the load balancer costs per hour plus per LCU-hour of the largest dimension")
  func loadBalancer() {
    var ledger = CostLedger()
    ledger.addLoadBalancerTime(duration: .hours(720))
    // 9,000 active connections is 3 LCUs (the other dimensions are lower) for 720 hours.
    ledger.addLoadBalancerUsage(
      LoadBalancerUsage(
        newConnectionsPerSecond: 25, activeConnections: 9_000, processedGBPerHour: 0.2,
        ruleEvaluationsPerSecond: 0),
      duration: .hours(720))
    let cost = CostBreakdown(ledger: ledger, prices: prices, elapsed: .hours(720))
    let expected = 720 * 0.0225 * 1.12 + 3 * 720 * 0.008 * 1.12  // $18.144 + $19.3536
    #expect(dollarsAgree(cost.dollars(.loadBalancer), expected))
  }

  @Test("inter-zone transfer costs per GB")
  func interZone() {
    var ledger = CostLedger()
    ledger.addInterZoneGB(50)
    let cost = CostBreakdown(ledger: ledger, prices: prices, elapsed: .hours(1))
    #expect(dollarsAgree(cost.dollars(.interZoneTransfer), 50 * 0.01 * 1.12))  // $0.56
  }

  @Test("the region multiplier applies to every price")
  func regionMultiplierEverywhere() {
    let ledger = Self.everything()
    var usEast = prices
    usEast.regionMultiplier = 1
    var doubled = prices
    doubled.regionMultiplier = 2
    let base = CostBreakdown(ledger: ledger, prices: usEast, elapsed: .days(1))
    let scaled = CostBreakdown(ledger: ledger, prices: doubled, elapsed: .days(1))
    #expect(base.lineItems.count == scaled.lineItems.count)
    for (a, b) in zip(base.lineItems, scaled.lineItems) {
      #expect(a.dollars > 0, "\(a.name) should be priced")
      #expect(dollarsAgree(b.dollars, 2 * a.dollars), "\(a.name)")
    }
  }

  @Test("line items come in category order, kinds sorted by name, fixed lines always present")
  func lineItemOrder() {
    let cost = CostBreakdown(ledger: Self.everything(), prices: prices, elapsed: .days(1))
    #expect(
      cost.lineItems.map(\.name) == [
        "controlPlane",
        "nodes/m5.large/on-demand", "nodes/t3.medium/on-demand", "nodes/t3.medium/spot",
        "database/db.t3.small/multi-AZ",
        "cache/cache.t3.micro",
        "loadBalancer/hours", "loadBalancer/capacity-units",
        "natGateways/hours", "natGateways/data",
        "interZoneTransfer",
      ])
    let empty = CostBreakdown(ledger: CostLedger(), prices: prices, elapsed: .hours(1))
    #expect(
      empty.lineItems.map(\.name) == [
        "controlPlane", "loadBalancer/hours", "loadBalancer/capacity-units",
        "natGateways/hours", "natGateways/data", "interZoneTransfer",
      ])
    #expect(empty.total == 0)
  }

  @Test("total, per hour and per 30-day month scale from the elapsed time")
  func rates() {
    var ledger = CostLedger()
    ledger.addControlPlaneTime(duration: .days(10))
    ledger.addInterZoneGB(100)
    let cost = CostBreakdown(ledger: ledger, prices: prices, elapsed: .days(10))
    let total = 240 * 0.10 * 1.12 + 100 * 0.01 * 1.12  // $26.88 + $1.12 = $28
    #expect(dollarsAgree(cost.total, total))
    #expect(dollarsAgree(cost.perHour, total / 240))
    #expect(dollarsAgree(cost.perMonth, total / 240 * 720))
    #expect(
      dollarsAgree(cost.dollars(.controlPlane) + cost.dollars(.interZoneTransfer), cost.total))
  }

  @Test("an instance type missing from the table is a programmer error")
  func rejectsUnpricedType() async {
    await #expect(processExitsWith: .failure) {
      var ledger = CostLedger()
      ledger.addNodeTime(instanceType: "x9.huge", purchase: .onDemand, duration: .hours(1))
      _ = CostBreakdown(ledger: ledger, prices: PriceTable(), elapsed: .hours(1))
    }
  }

  @Test("zero elapsed time is a programmer error")
  func rejectsZeroElapsed() async {
    await #expect(processExitsWith: .failure) {
      _ = CostBreakdown(ledger: CostLedger(), prices: PriceTable(), elapsed: .zero)
    }
  }

  /// A day of a bit of everything.
  static func everything() -> CostLedger {
    var ledger = CostLedger()
    ledger.addControlPlaneTime(duration: .days(1))
    ledger.addNodeTime(instanceType: "t3.medium", purchase: .spot, duration: .days(1))
    ledger.addNodeTime(instanceType: "t3.medium", purchase: .onDemand, nodes: 2, duration: .days(1))
    ledger.addNodeTime(instanceType: "m5.large", purchase: .onDemand, duration: .hours(3))
    ledger.addDatabaseTime(instanceClass: "db.t3.small", multiAZ: true, duration: .days(1))
    ledger.addCacheNodeTime(nodeType: "cache.t3.micro", nodes: 2, duration: .days(1))
    ledger.addLoadBalancerTime(duration: .days(1))
    ledger.addLoadBalancerCapacityUnitHours(12)
    ledger.addNATGatewayTime(gateways: 1, duration: .days(1))
    ledger.addNATProcessedGB(3)
    ledger.addInterZoneGB(7)
    return ledger
  }
}
