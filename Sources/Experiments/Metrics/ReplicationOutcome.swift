import PlatformModel
import SimKernel

/// The metrics of one replication: one optional value per ``ExperimentMetric``, in case order.
///
/// The availability, budget, p95 and verdicts come from ``PlatformModel/RunAssessment``, as the
/// single-run summary.json's do (a test pins the two together), so an experiment of one
/// replication agrees with `platform-sim run` to the bit. Only these numbers are kept: the
/// run's time series and event log are dropped as soon as the replication ends.
package struct ReplicationOutcome: Equatable, Sendable {
  /// One value per metric, indexed by `ExperimentMetric.rawValue`; `nil` where the metric is
  /// undefined for this replication (see ``ExperimentMetric/canBeMissing``).
  package var values: [Double?]

  /// An outcome from values in metric order.
  ///
  /// - Precondition: one value per metric; flags are 0 or 1; values are finite.
  package init(values: [Double?]) {
    precondition(
      values.count == ExperimentMetric.allCases.count,
      "ReplicationOutcome: \(values.count) values for \(ExperimentMetric.allCases.count) metrics")
    for metric in ExperimentMetric.allCases {
      guard let value = values[metric.rawValue] else {
        precondition(metric.canBeMissing, "ReplicationOutcome: \(metric) is missing")
        continue
      }
      precondition(value.isFinite, "ReplicationOutcome: \(metric) is \(value)")
      precondition(
        metric.kind == .value || value == 0 || value == 1,
        "ReplicationOutcome: flag \(metric) is \(value)")
    }
    self.values = values
  }

  /// The metrics of `result`.
  ///
  /// - Complexity: O(incidents + latency buckets).
  package init(_ result: PlatformRunResult) {
    let scenario = result.scenario
    let totals = result.totals
    let outcome = RunAssessment(result)
    let restore = result.incidents.map(\.timeToRestore)
    let meanTimeToRestore =
      restore.isEmpty
      ? nil : restore.reduce(0) { $0 + $1.inSeconds } / Double(restore.count)
    let badIntervals = Double(totals.intervals - totals.goodIntervals)
    let downtime = badIntervals * scenario.reportingInterval.inSeconds / 60
    let month = SimDuration.reportingMonth.inSeconds
    func flag(_ b: Bool) -> Double { b ? 1 : 0 }
    var values = [Double?](repeating: nil, count: ExperimentMetric.allCases.count)
    values[ExperimentMetric.availability.rawValue] = outcome.availability
    values[ExperimentMetric.goodIntervals.rawValue] =
      totals.intervals > 0 ? Double(totals.goodIntervals) / Double(totals.intervals) : 0
    values[ExperimentMetric.failedRequests.rawValue] = totals.failed
    values[ExperimentMetric.errorBudgetSpent.rawValue] = outcome.errorBudgetSpent
    values[ExperimentMetric.latencyP95Seconds.rawValue] = outcome.latencyP95Seconds
    values[ExperimentMetric.incidents.rawValue] = Double(result.incidents.count)
    values[ExperimentMetric.meanTimeToRestoreSeconds.rawValue] = meanTimeToRestore
    values[ExperimentMetric.downtimeMinutes.rawValue] = downtime
    values[ExperimentMetric.monthlyDowntimeMinutes.rawValue] =
      downtime * month / scenario.horizon.inSeconds
    values[ExperimentMetric.monthlyCostUSD.rawValue] = result.cost.perMonth
    values[ExperimentMetric.availabilityMet.rawValue] = flag(outcome.availabilityMet)
    values[ExperimentMetric.latencyP95Met.rawValue] = flag(outcome.latencyP95Met)
    values[ExperimentMetric.errorBudgetMet.rawValue] = flag(outcome.errorBudgetMet)
    values[ExperimentMetric.allObjectivesMet.rawValue] = flag(outcome.allObjectivesMet)
    self.init(values: values)
  }

  /// The value of `metric`, if present.
  package subscript(metric: ExperimentMetric) -> Double? { values[metric.rawValue] }
}
