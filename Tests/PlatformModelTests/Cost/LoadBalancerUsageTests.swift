import Testing

@testable import PlatformModel

@Suite struct LoadBalancerUsageTests {
  @Test("one LCU is 25 new connections/s, 3,000 active, 1 GB/h or 1,000 rule evaluations/s")
  func oneCapacityUnitPerDimension() {
    #expect(LoadBalancerUsage(newConnectionsPerSecond: 25).capacityUnits == 1)
    #expect(LoadBalancerUsage(activeConnections: 3_000).capacityUnits == 1)
    #expect(LoadBalancerUsage(processedGBPerHour: 1).capacityUnits == 1)
    #expect(LoadBalancerUsage(ruleEvaluationsPerSecond: 1_000).capacityUnits == 1)
    #expect(LoadBalancerUsage().capacityUnits == 0)
  }

  @Test(
    "the largest dimension sets the LCUs",
    arguments: [
      // (new/s, active, GB/h, rules/s) -> LCUs; per dimension: a/25, b/3000, c/1, d/1000
      (50.0, 3_000.0, 0.5, 100.0, 2.0),  // new connections: 2, 1, 0.5, 0.1
      (10.0, 9_000.0, 0.5, 100.0, 3.0),  // active connections: 0.4, 3, 0.5, 0.1
      (10.0, 300.0, 4.5, 100.0, 4.5),  // processed bytes: 0.4, 0.1, 4.5, 0.1
      (10.0, 300.0, 0.5, 6_000.0, 6.0),  // rule evaluations: 0.4, 0.1, 0.5, 6
    ])
  func maxOfDimensions(
    newPerSecond: Double, active: Double, gbPerHour: Double, rules: Double, lcus: Double
  ) {
    let usage = LoadBalancerUsage(
      newConnectionsPerSecond: newPerSecond, activeConnections: active,
      processedGBPerHour: gbPerHour, ruleEvaluationsPerSecond: rules)
    #expect(usage.capacityUnits == lcus)
  }

  @Test("the first 10 rules of a request are free")
  func freeRules() {
    #expect(
      LoadBalancerUsage.ruleEvaluationsPerSecond(requestsPerSecond: 400, rulesProcessed: 3) == 0)
    #expect(
      LoadBalancerUsage.ruleEvaluationsPerSecond(requestsPerSecond: 400, rulesProcessed: 10) == 0)
    #expect(
      LoadBalancerUsage.ruleEvaluationsPerSecond(requestsPerSecond: 400, rulesProcessed: 15)
        == 2_000)
  }

  @Test("a negative figure is a programmer error")
  func rejectsNegative() async {
    await #expect(processExitsWith: .failure) {
      _ = LoadBalancerUsage(activeConnections: -1)
    }
  }
}
