import SimKernel
import Testing

@testable import Experiments

/// Simulated availability against MTBF / (MTBF + MTTR).
///
/// In ``ExperimentTestScenarios/closedForm(horizon:recovery:faults:)`` every request fails
/// exactly while the single-AZ database or the single NAT gateway is down, and nothing else
/// fails. Database failures arrive as a Poisson process (exponential gaps, zero-length fault)
/// and each is repaired after an exponential recovery drawn from the operator's stream; a
/// failure while the database is already down changes nothing, so by memorylessness the
/// database alternates exponential up times (MTBF) and down times (MTTR). The NAT gateway's
/// fault is up for an exponential gap, then down for an exponential repair. The two use
/// different random streams, so they are independent, and the availability of requests (a flat
/// rate) is the fraction of time both are up: a₁ for the database alone, a₁·a₂ in series.
///
/// Each replication starts with everything up, which biases a finite horizon upwards by about
/// (1 − a)/((λ + μ)·T): 0.0012 for the database over 20 days, a fifth of the interval's
/// half-width, so the steady-state value is the right target.
@Suite struct ClosedFormAvailabilityTests {
  /// The mean availability of `replications` replications of `text`, with its 95 % interval.
  static func availability(_ text: String, replications: Int) throws -> ReplicationSummary {
    let scenario = try ExperimentTestScenarios.scenario(text)
    let plan = try ExperimentPlan(
      base: scenario, scenarioHash: "test", file: "test.json", axes: [],
      replications: replications)
    let results = ExperimentRunner.run(plan, jobs: 2)
    return ReplicationSummary(results.rows.compactMap { $0.outcome[.availability] })
  }

  @Test("one component: the 95 % interval of 200 replications covers MTBF/(MTBF + MTTR) = 8/9")
  func singleComponent() throws {
    let expected = Availability.steadyState(
      meanTimeBetweenFailures: .days(2), meanTimeToRepair: .hours(6))
    let summary = try Self.availability(
      ExperimentTestScenarios.databaseFailures, replications: 200)
    let interval = try #require(summary.confidenceInterval)
    #expect(interval.contains(expected), "\(interval) should cover \(expected)")
    // Narrow enough to mean something: a model off by 2 % of downtime share would miss.
    #expect(interval.halfWidth < 0.01, "\(interval)")
  }

  @Test("two components in series: the interval covers a₁·a₂ and excludes either alone")
  func seriesOfTwo() throws {
    let text = ExperimentTestScenarios.closedForm(
      recovery: #"{"exponential": {"mean": "6h"}}"#,
      faults: """
        [{"kind": "databaseFailure", "timeBetweenFailures": {"exponential": {"mean": "2d"}},
          "repairTime": {"constant": 0}},
         {"kind": "natGatewayFailure", "zone": "eu-central-1a",
          "timeBetweenFailures": {"exponential": {"mean": "3d"}},
          "repairTime": {"exponential": {"mean": "4h"}}}]
        """)
    let database = Availability.steadyState(
      meanTimeBetweenFailures: .days(2), meanTimeToRepair: .hours(6))
    let nat = Availability.steadyState(
      meanTimeBetweenFailures: .days(3), meanTimeToRepair: .hours(4))
    let expected = Availability.series([database, nat])
    let summary = try Self.availability(text, replications: 200)
    let interval = try #require(summary.confidenceInterval)
    #expect(interval.contains(expected), "\(interval) should cover \(expected)")
    #expect(!interval.contains(database) && !interval.contains(nat), "\(interval)")
  }

  @Test("two redundant components: the interval covers 1 − (1 − a₁)(1 − a₂) and excludes a₁")
  func parallelPair() throws {
    // 100 days, so that starting with both nodes up (which biases availability upwards by
    // about (1/(λ₁+μ₁) + 1/(λ₂+μ₂) − 1/(λ₁+μ₁+λ₂+μ₂))/T ≈ 0.5 % of the downtime) stays well
    // inside the interval.
    let text = ExperimentTestScenarios.redundantPair(
      horizon: "100d",
      faults: """
        [{"kind": "nodeFailure", "nodeGroup": "a",
          "timeBetweenFailures": {"exponential": {"mean": "2d"}},
          "repairTime": {"exponential": {"mean": "6h"}}},
         {"kind": "nodeFailure", "nodeGroup": "b",
          "timeBetweenFailures": {"exponential": {"mean": "1d"}},
          "repairTime": {"exponential": {"mean": "8h"}}}]
        """)
    let a = Availability.steadyState(meanTimeBetweenFailures: .days(2), meanTimeToRepair: .hours(6))
    let b = Availability.steadyState(meanTimeBetweenFailures: .days(1), meanTimeToRepair: .hours(8))
    let expected = Availability.parallel([a, b])
    let summary = try Self.availability(text, replications: 200)
    let interval = try #require(summary.confidenceInterval)
    #expect(interval.contains(expected), "\(interval) should cover \(expected)")
    // Redundancy shows: better than either node, and short of perfect.
    #expect(interval.lower > max(a, b) && interval.upper < 1, "\(interval)")
    // Narrow enough to mean something: a tenth of the pair's downtime share.
    #expect(interval.halfWidth < 0.1 * (1 - expected), "\(interval)")
  }
}
