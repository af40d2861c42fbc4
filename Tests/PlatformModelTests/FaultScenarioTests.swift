import SimKernel
import Testing

@testable import PlatformModel

/// Faithful numbers: what the model must get right about the reference platform under faults.
@Suite struct FaultScenarioTests {
  /// The reference platform for `hours`, with zone spread on every service.
  private func spreadReference(hours: Int64) -> PlatformScenario {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(hours)
    for s in scenario.platform.services.indices { scenario.platform.services[s].zoneSpread = true }
    return scenario
  }

  /// Failed requests in intervals ending in `(from, to]`.
  private func failed(_ rows: [IntervalRecord], from: SimDuration, to: SimDuration) -> Double {
    rows.filter { $0.end > SimTime(sinceStart: from) && $0.end <= SimTime(sinceStart: to) }
      .reduce(0) { $0 + $1.failedRequests }
  }

  /// Requests in intervals ending in `(from, to]`.
  private func requests(_ rows: [IntervalRecord], from: SimDuration, to: SimDuration) -> Double {
    rows.filter { $0.end > SimTime(sinceStart: from) && $0.end <= SimTime(sinceStart: to) }
      .reduce(0) { $0 + $1.requests }
  }

  @Test("an AZ outage on 3 AZs with zone spread fails requests only until health checks react")
  func zoneOutageWithSpreadKeepsServing() {
    var scenario = spreadReference(hours: 4)
    scenario.faults = [
      FaultConfiguration(kind: .zoneOutage(zone: "eu-central-1c"), timing: .scheduled(at: .hours(1), duration: .hours(1)))
    ]
    let rows = simulateKeepingRows(scenario).rows
    let during = failed(rows, from: .hours(1), to: .hours(1) + .minutes(2))
    #expect(during > 0, "the dead zone's pods must cost something before they are noticed")
    // The ALB needs at most interval + (threshold - 1) * interval + timeout = 65 s, and
    // kube-proxy the 50 s grace period; after two minutes nothing fails.
    let after = failed(rows, from: .hours(1) + .minutes(2), to: .hours(4))
    #expect(after < 1e-9 * requests(rows, from: .hours(1) + .minutes(2), to: .hours(4)), "failed \(after)")
    // Roughly a third of the pods were in the dead zone for under 65 s of the interval.
    let share = during / requests(rows, from: .hours(1), to: .hours(1) + .minutes(2))
    #expect(share > 0.01 && share < 0.34, "share \(share)")
  }

  @Test("a single NAT gateway loses the whole platform's egress when its zone fails; one per zone does not")
  func singleNATLosesEgress() {
    var single = spreadReference(hours: 3)
    single.faults = [
      FaultConfiguration(kind: .zoneOutage(zone: "eu-central-1a"), timing: .scheduled(at: .hours(1), duration: .hours(1)))
    ]
    var perZone = single
    perZone.platform.natGateways = .perZone
    let window = (from: SimDuration.hours(1) + .minutes(10), to: SimDuration.hours(2))
    let singleRows = simulateKeepingRows(single).rows
    let perZoneRows = simulateKeepingRows(perZone).rows
    let singleRatio = failed(singleRows, from: window.from, to: window.to) / requests(singleRows, from: window.from, to: window.to)
    let perZoneRatio = failed(perZoneRows, from: window.from, to: window.to) / requests(perZoneRows, from: window.from, to: window.to)
    // 40 % of requests go to the backend, 5 % of which need egress, plus frontend calls to it.
    #expect(singleRatio > 0.02, "single NAT error ratio \(singleRatio)")
    #expect(perZoneRatio < 1e-9, "per-zone NAT error ratio \(perZoneRatio)")
    // Egress comes back with the zone.
    #expect(failed(singleRows, from: .hours(2) + .minutes(10), to: .hours(3)) < 1e-6)
  }

  @Test("Multi-AZ database failovers take 60 to 120 seconds", arguments: 1...8)
  func multiAZFailoverDuration(seed: UInt64) throws {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(2)
    scenario.seed = seed
    scenario.faults = [
      FaultConfiguration(kind: .databaseFailure, timing: .scheduled(at: .hours(1), duration: .minutes(1)))
    ]
    let (result, rows) = simulateKeepingRows(scenario)
    let start = try #require(result.events.first { $0.kind == .databaseFailover })
    let end = try #require(result.events.first { $0.kind == .databaseUp })
    let outage = end.time - start.time
    #expect(outage >= .seconds(60) && outage <= .seconds(120), "outage \(outage)")
    // Requests needing the database fail only during the outage.
    #expect(failed(rows, from: .zero, to: .hours(1)) == 0)
    let windowEnd = end.time.sinceStart + .minutes(1)
    let outside = failed(rows, from: windowEnd, to: .hours(2))
    #expect(outside < 1e-9, "failures after the failover: \(outside)")
    #expect(failed(rows, from: .hours(1), to: windowEnd) > 0)
  }

  @Test("a single-AZ database failure lasts much longer than a Multi-AZ failover")
  func singleAZRecoveryIsLonger() throws {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(3)
    scenario.platform.database.multiAZ = false
    scenario.faults = [
      FaultConfiguration(kind: .databaseFailure, timing: .scheduled(at: .hours(1), duration: .minutes(1)))
    ]
    let result = simulate(scenario)
    let down = try #require(result.events.first { $0.kind == .databaseDown })
    let up = try #require(result.events.first { $0.kind == .databaseUp })
    #expect(up.time - down.time >= .minutes(10))
  }

  @Test("interval failures, run totals and incident failures agree")
  func accountingAgrees() {
    var scenario = spreadReference(hours: 6)
    scenario.faults = [
      FaultConfiguration(kind: .nodeFailure(nodeGroup: "general"), timing: .scheduled(at: .hours(2), duration: .minutes(30)))
    ]
    let (result, rows) = simulateKeepingRows(scenario)
    let intervalFailed = rows.reduce(0) { $0 + $1.failedRequests }
    let intervalRequests = rows.reduce(0) { $0 + $1.requests }
    #expect(abs(intervalFailed - result.totals.failed) <= 1e-9 * max(1, result.totals.failed))
    #expect(abs(intervalRequests - result.totals.requests) <= 1e-9 * result.totals.requests)
    #expect(result.incidents.count == 1)
    let incident = result.incidents[0]
    #expect(abs(incident.failedRequests - result.totals.failed) <= 1e-6 * max(1, result.totals.failed))
    let budget = errorBudgetRequests(scenario: scenario, totals: result.totals)
    #expect(abs(incident.errorBudgetSpent - result.totals.failed / budget) < 1e-12)
  }

  @Test("the same scenario and seed give the same run")
  func deterministic() {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(12)
    scenario.faults = [
      FaultConfiguration(
        kind: .podCrash(service: "backend"),
        timing: .stochastic(
          timeBetweenFailures: try! .exponential(mean: 3_600), repairTime: try! .constant(60)))
    ]
    let (a, aRows) = simulateKeepingRows(scenario)
    let (b, bRows) = simulateKeepingRows(scenario)
    #expect(aRows == bRows)
    #expect(a.events == b.events)
    #expect(a.incidents == b.incidents)
    #expect(a.incidents.count > 3)
  }
}
