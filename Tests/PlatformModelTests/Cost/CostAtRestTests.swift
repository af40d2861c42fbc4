import SimKernel
import Testing

@testable import PlatformModel

@Suite struct CostAtRestTests {
  @Test("the reference platform at rest costs $0.446096 an hour, $321.19 a month")
  func referencePlatform() {
    let scenario = PlatformScenario.reference
    let cost = CostBreakdown(atRest: scenario.platform, prices: scenario.prices)
    // At 1.12: control plane 0.10, 3 x t3.medium 0.0416, db.t3.small 0.036 x 2 (Multi-AZ),
    // 2 x cache.t3.micro 0.017, ALB 0.0225, one NAT gateway 0.045.
    let controlPlane = 0.10 * 1.12  // 0.112
    let nodes = 3 * 0.0416 * 1.12  // 0.139776
    let database = 2 * 0.036 * 1.12  // 0.08064
    let cache = 2 * 0.017 * 1.12  // 0.03808
    let loadBalancer = 0.0225 * 1.12  // 0.0252
    let nat = 0.045 * 1.12  // 0.0504
    #expect(dollarsAgree(cost.dollars(.controlPlane), controlPlane))
    #expect(dollarsAgree(cost.dollars(.nodes), nodes))
    #expect(dollarsAgree(cost.dollars(.database), database))
    #expect(dollarsAgree(cost.dollars(.cache), cache))
    #expect(dollarsAgree(cost.dollars(.loadBalancer), loadBalancer))
    #expect(dollarsAgree(cost.dollars(.natGateways), nat))
    #expect(cost.dollars(.interZoneTransfer) == 0)
    #expect(dollarsAgree(cost.perHour, 0.446096))
    #expect(dollarsAgree(cost.perMonth, 0.446096 * 720))  // $321.18912
  }

  @Test("the at-rest ledger counts each component as configured")
  func ledgerCounts() {
    var platform = PlatformScenario.reference.platform
    platform.natGateways = .perZone
    platform.nodeGroups.append(
      NodeGroupConfiguration(
        name: "burst", instanceType: "t3.medium", purchase: .spot, minNodes: 0, desiredNodes: 2,
        maxNodes: 8, zones: []))
    platform.cache.replicas = 2
    let ledger = CostLedger(atRest: platform, duration: .hours(10))
    #expect(ledger.controlPlaneTime == .hours(10))
    #expect(
      ledger.nodeTime == [
        CostLedger.NodeKind(instanceType: "t3.medium", purchase: .onDemand): .hours(30),
        CostLedger.NodeKind(instanceType: "t3.medium", purchase: .spot): .hours(20),
      ])
    #expect(
      ledger.databaseTime == [
        CostLedger.DatabaseKind(instanceClass: "db.t3.small", multiAZ: true): .hours(10)
      ])
    #expect(ledger.cacheNodeTime == ["cache.t3.micro": .hours(30)])
    #expect(ledger.loadBalancerTime == .hours(10))
    #expect(ledger.natGatewayTime == .hours(30))  // one per zone, three zones
    #expect(ledger.loadBalancerCapacityUnitHours == 0)
    #expect(ledger.natProcessedGB == 0 && ledger.interZoneGB == 0)
  }

  @Test("no NAT and no cache cost nothing")
  func noNATNoCache() {
    var platform = PlatformScenario.reference.platform
    platform.natGateways = .none
    platform.cache.enabled = false
    let cost = CostBreakdown(atRest: platform, prices: PriceTable())
    #expect(cost.dollars(.natGateways) == 0)
    #expect(cost.dollars(.cache) == 0)
    #expect(!cost.lineItems.contains { $0.category == .cache })
  }

  @Test("pricing a month of the at-rest ledger gives 720 times the hourly figure")
  func crossCheck() {
    let platform = PlatformScenario.reference.platform
    let prices = PriceTable()
    let month = CostBreakdown(
      ledger: CostLedger(atRest: platform, duration: .days(30)), prices: prices,
      elapsed: .days(30))
    let hourly = CostBreakdown(atRest: platform, prices: prices)
    #expect(dollarsAgree(month.total, hourly.perHour * 720))
    #expect(dollarsAgree(month.perMonth, hourly.perMonth))
  }
}
