import SimKernel

/// A run judged against its objectives: availability, error budget, p95 latency and the
/// verdicts on each.
///
/// The one place these figures are computed: summary.json and the terminal summary
/// (Reports' `RunSummary`) and an experiment's replication metrics (`ReplicationOutcome`)
/// both read them from here, so a replication agrees with `platform-sim run` to the bit.
package struct RunAssessment: Equatable, Sendable {
  /// Successful over offered requests, `1 - failed / requests`; 1 for a run without requests.
  package var availability: Double
  /// The run's failures over the SLO window's error budget (``errorBudgetRequests(scenario:totals:)``);
  /// 1 means all of it, 0 when the budget is empty.
  package var errorBudgetSpent: Double
  /// The run's 95th-percentile latency in seconds; `nil` when no request succeeded.
  package var latencyP95Seconds: Double?
  /// `availability >= objectives.availability`.
  package var availabilityMet: Bool
  /// `p95 < objectives.latencyP95`, with a run without latencies counted as p95 = 0.
  package var latencyP95Met: Bool
  /// `errorBudgetSpent <= 1`.
  package var errorBudgetMet: Bool

  /// Judges `result` against its scenario's objectives.
  ///
  /// - Complexity: O(latency buckets).
  package init(_ result: PlatformRunResult) {
    let objectives = result.scenario.objectives
    let totals = result.totals
    availability = totals.requests > 0 ? 1 - totals.failed / totals.requests : 1
    let budget = errorBudgetRequests(scenario: result.scenario, totals: totals)
    errorBudgetSpent = budget > 0 ? totals.failed / budget : 0
    latencyP95Seconds = result.latency.quantile(0.95)
    availabilityMet = availability >= objectives.availability
    latencyP95Met = (latencyP95Seconds ?? 0) < objectives.latencyP95.inSeconds
    errorBudgetMet = errorBudgetSpent <= 1
  }

  /// Whether every objective was met.
  package var allObjectivesMet: Bool { availabilityMet && latencyP95Met && errorBudgetMet }
}
