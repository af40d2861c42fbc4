import SimKernel
import Testing

@testable import PlatformModel

@Suite struct FlowModelTests {
  @Test("a day of the reference platform serves nearly everything")
  func referenceDay() {
    var scenario = PlatformScenario.reference
    scenario.horizon = .days(1)
    let (result, rows) = simulateKeepingRows(scenario)
    #expect(rows.count == 1_440)
    #expect(result.totals.intervals == 1_440)
    #expect(result.totals.requests > 3_000_000)
    #expect(result.totals.failed / result.totals.requests < 1e-6)
    print("requests", result.totals.requests, "failed", result.totals.failed,
      "p50", result.latency.quantile(0.5) ?? -1, "p95", result.latency.quantile(0.95) ?? -1,
      "cpu", result.totals.cpuUsedCoreSeconds / result.totals.cpuRequestedCoreSeconds,
      "mem", result.totals.memoryUsedMiBSeconds / result.totals.memoryRequestedMiBSeconds)
  }
}
