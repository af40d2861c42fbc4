/// One figure measured in every replication, summarised across replications.
///
/// Two kinds: *values* (availability, cost, …) are summarised by their mean, a Student-t
/// interval and percentiles (``ReplicationSummary``); *flags* (an objective met or not, stored
/// as 1 or 0) by the proportion of replications where they hold, with a Wilson interval
/// (``ProportionInterval``). docs/experiments.md defines each metric.
///
/// The order of the cases is the order of the columns of replications.csv and of the metrics in
/// sweep.csv; append new metrics at the end of their kind.
package enum ExperimentMetric: Int, CaseIterable, Sendable, CustomStringConvertible {
  /// Successful over offered requests (summary.json's `availability.requests`).
  case availability
  /// Share of reporting intervals within the availability and latency objectives.
  case goodIntervals
  /// Requests that failed.
  case failedRequests
  /// Share of the SLO window's error budget spent; 1 is all of it.
  case errorBudgetSpent
  /// 95th percentile latency of successful requests over the run, seconds; missing when no
  /// request succeeded.
  case latencyP95Seconds
  /// Incidents (fault occurrences).
  case incidents
  /// Mean time to restore over the run's incidents, seconds; missing without incidents.
  case meanTimeToRestoreSeconds
  /// Minutes of reporting intervals that missed an objective ("bad minutes").
  case downtimeMinutes
  /// ``downtimeMinutes`` scaled to a 30-day month: × 30 d / horizon.
  case monthlyDowntimeMinutes
  /// The platform's cost per 30-day month, US dollars (summary.json's
  /// `costUSD.per30DayMonth`).
  case monthlyCostUSD
  /// 1 when the availability objective was met over the horizon, else 0.
  case availabilityMet
  /// 1 when the p95 latency objective was met, else 0.
  case latencyP95Met
  /// 1 when at most the whole error budget was spent, else 0.
  case errorBudgetMet
  /// 1 when all three objectives were met, else 0.
  case allObjectivesMet

  /// Whether it is summarised as a mean or as a proportion.
  package enum Kind: Sendable {
    /// A number; mean, interval and percentiles.
    case value
    /// 1 or 0; the proportion of replications with 1, with a Wilson interval.
    case flag
  }

  /// Value or flag.
  package var kind: Kind { rawValue >= Self.availabilityMet.rawValue ? .flag : .value }

  /// The name in summary.json and on the command line (`--precision availability=0.0005`).
  package var name: String {
    switch self {
    case .availability: "availability"
    case .goodIntervals: "goodIntervals"
    case .failedRequests: "failedRequests"
    case .errorBudgetSpent: "errorBudgetSpent"
    case .latencyP95Seconds: "latencyP95Seconds"
    case .incidents: "incidents"
    case .meanTimeToRestoreSeconds: "meanTimeToRestoreSeconds"
    case .downtimeMinutes: "downtimeMinutes"
    case .monthlyDowntimeMinutes: "monthlyDowntimeMinutes"
    case .monthlyCostUSD: "monthlyCostUSD"
    case .availabilityMet: "availabilityMet"
    case .latencyP95Met: "latencyP95Met"
    case .errorBudgetMet: "errorBudgetMet"
    case .allObjectivesMet: "allObjectivesMet"
    }
  }

  /// The column name in replications.csv and the prefix of its columns in sweep.csv.
  package var column: String {
    switch self {
    case .availability: "availability"
    case .goodIntervals: "good_intervals"
    case .failedRequests: "failed_requests"
    case .errorBudgetSpent: "error_budget_spent"
    case .latencyP95Seconds: "latency_p95_s"
    case .incidents: "incidents"
    case .meanTimeToRestoreSeconds: "mean_time_to_restore_s"
    case .downtimeMinutes: "downtime_min"
    case .monthlyDowntimeMinutes: "monthly_downtime_min"
    case .monthlyCostUSD: "monthly_cost_usd"
    case .availabilityMet: "availability_met"
    case .latencyP95Met: "latency_p95_met"
    case .errorBudgetMet: "error_budget_met"
    case .allObjectivesMet: "all_objectives_met"
    }
  }

  /// Whether a replication may lack a value (no incidents, no successful request).
  package var canBeMissing: Bool {
    self == .meanTimeToRestoreSeconds || self == .latencyP95Seconds
  }

  /// The metric named `name` (``name``), or `nil`.
  package init?(named name: String) {
    guard let metric = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = metric
  }

  /// ``name``.
  package var description: String { name }
}
