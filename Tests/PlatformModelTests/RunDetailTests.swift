import SimKernel
import Testing

@testable import PlatformModel

/// A summary run keeps every figure of a full run, bit for bit, and builds no rows.
@Suite struct RunDetailTests {
  /// The reference for half a day, plain, under a zone outage, and without autoscalers.
  static let scenarios: [PlatformScenario] = {
    var plain = PlatformScenario.reference
    plain.horizon = .hours(12)
    var outage = plain
    outage.faults = [
      FaultConfiguration(
        kind: .zoneOutage(zone: "eu-central-1c"),
        timing: .scheduled(at: .hours(2), duration: .hours(1)))
    ]
    var fixed = outage
    for s in fixed.platform.services.indices { fixed.platform.services[s].autoscaler = nil }
    return [plain, outage, fixed]
  }()

  @Test("a summary run has a full run's figures and cost without building its rows", arguments: 0..<3)
  func summaryMatchesFull(index: Int) {
    let scenario = Self.scenarios[index]
    let (full, rows) = simulateKeepingRows(scenario, replication: 1)
    let summary = simulate(scenario, replication: 1, detail: .summary)
    #expect(rows.count == 720)
    #expect(full.nodesPerGroup.allSatisfy { $0.intervals == 720 })
    #expect(summary.nodesPerGroup.count == full.nodesPerGroup.count)
    #expect(summary.nodesPerGroup.allSatisfy { $0 == NodeCountStatistics() })
    #expect(summary.ledger == full.ledger)
    #expect(summary.cost == full.cost)
    #expect(summary.incidents == full.incidents)
    #expect(summary.releases == full.releases)
    #expect(summary.events == full.events)
    #expect(summary.eventsFired == full.eventsFired)
    #expect(summary.latency.weights.map(\.bitPattern) == full.latency.weights.map(\.bitPattern))
    #expect(summary.capacity.episodes == full.capacity.episodes)
    let figures: (RunTotals) -> [Double] = { t in
      [
        t.seconds, t.requests, t.failed, t.unserved, t.cpuUsedCoreSeconds,
        t.cpuRequestedCoreSeconds, t.cpuCapacityCoreSeconds, t.memoryUsedMiBSeconds,
        t.memoryRequestedMiBSeconds, t.memoryCapacityMiBSeconds, t.processedGB, t.natGB,
        t.interZoneGB, Double(t.intervals), Double(t.goodIntervals),
      ] + t.failedByCause
    }
    #expect(figures(summary.totals).map(\.bitPattern) == figures(full.totals).map(\.bitPattern))
  }
}
