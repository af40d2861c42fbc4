import PlatformModel
import SimKernel
import Testing

@testable import Experiments

@Suite struct ReplicationOutcomeTests {
  @Test("one 6-hour database outage in 20 days: availability, bad minutes, monthly scaling, flags")
  func knownOutage() throws {
    let text = ExperimentTestScenarios.closedForm(
      recovery: #"{"constant": "6h"}"#,
      faults: #"[{"kind": "databaseFailure", "at": "2d3h", "duration": "1s"}]"#)
    let scenario = try ExperimentTestScenarios.scenario(text)
    let result = simulate(scenario)
    let outcome = ReplicationOutcome(result)
    let availability = try #require(outcome[.availability])
    #expect(abs(availability - (1 - 6.0 / 480)) < 1e-9, "\(availability)")
    // The outage lies in one one-day reporting interval.
    #expect(outcome[.downtimeMinutes] == 1_440)
    let monthly = try #require(outcome[.monthlyDowntimeMinutes])
    #expect(abs(monthly - 2_160) < 1e-9, "\(monthly)")
    #expect(outcome[.goodIntervals] == 19.0 / 20)
    #expect(outcome[.incidents] == 1)
    #expect(outcome[.monthlyCostUSD] == result.cost.perMonth)
    #expect(outcome[.availabilityMet] == 0 && outcome[.errorBudgetMet] == 0)
    #expect(outcome[.latencyP95Met] == 1 && outcome[.allObjectivesMet] == 0)
    let budget = errorBudgetRequests(scenario: scenario, totals: result.totals)
    #expect(outcome[.errorBudgetSpent] == result.totals.failed / budget)
  }

  @Test("without incidents the mean time to restore is missing, not zero")
  func noIncidents() throws {
    let text = ExperimentTestScenarios.closedForm(
      horizon: "2d", recovery: #"{"constant": "6h"}"#, faults: "[]")
    let outcome = ReplicationOutcome(simulate(try ExperimentTestScenarios.scenario(text)))
    #expect(outcome[.meanTimeToRestoreSeconds] == nil)
    #expect(outcome[.incidents] == 0 && outcome[.availability] == 1)
    #expect(outcome[.allObjectivesMet] == 1)
  }
}
