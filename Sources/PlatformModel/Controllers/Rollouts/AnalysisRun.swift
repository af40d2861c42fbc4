import SimKernel

/// One analysis run: its metrics, what each has measured, and the run's phase (`AnalysisRun`).
///
/// The run is running while any metric is; once all are completed its phase is the worst of
/// theirs, in upstream's order successful < running < pending < inconclusive < error < failed
/// (``AnalysisPhase/severity``). A metric that fails, errors or turns inconclusive makes the run
/// *terminating*: no new measurements start and unbounded metrics count as successful.
package struct AnalysisRun: Sendable, Hashable {
  /// The metrics, in spec order.
  package private(set) var metrics: [AnalysisMetric]
  /// Each metric's result, parallel to ``metrics`` (same count, same order).
  package var results: [AnalysisMetricResult]
  /// When the run started (`status.startedAt`); initial delays count from here.
  package var startedAt: SimTime
  /// Whether termination was requested (`spec.terminate`), e.g. because the rollout moved on.
  package var isTerminationRequested = false
  /// The run's phase.
  package private(set) var phase: AnalysisPhase = .pending
  /// Why the run ended as it did, in upstream's wording; empty while running.
  package private(set) var message = ""

  /// Creates a run of `metrics` with nothing measured.
  ///
  /// - Precondition: metric names are unique, as upstream's `FlattenTemplates` requires.
  package init(metrics: [AnalysisMetric], startedAt: SimTime) {
    precondition(Set(metrics.map(\.name)).count == metrics.count, "duplicate metric name")
    self.metrics = metrics
    self.results = Array(repeating: AnalysisMetricResult(), count: metrics.count)
    self.startedAt = startedAt
  }

  /// Whether the run has ended.
  package var isCompleted: Bool { phase.isCompleted }

  /// Whether the run is stopping: termination was requested, or a metric not in dry-run mode has
  /// already failed, errored or turned inconclusive.
  ///
  /// Mirrors `IsTerminating` (argoproj/argo-rollouts utils/analysis/helpers.go), which reads the
  /// metrics' stored phases, i.e. those from the previous assessment.
  package var isTerminating: Bool {
    if isTerminationRequested { return true }
    return zip(metrics, results).contains { metric, result in
      !metric.isDryRun && [.failed, .error, .inconclusive].contains(result.phase)
    }
  }

  /// Re-assesses every metric and the run, as one reconciliation of the analysis controller.
  ///
  /// Mirrors `reconcileAnalysisRun` and `assessRunStatus` (argoproj/argo-rollouts
  /// analysis/analysis.go). A completed run does not change. Otherwise each metric's phase is
  /// re-assessed (``AnalysisMetric/phase(of:isTerminating:)``) with `isTerminating` taken before
  /// any is updated. A metric that has not measured yet counts as unfinished. The run's phase is
  /// then: when terminating, the worst completed non-dry-run phase, or successful if there is
  /// none; otherwise running until every metric is completed, then the worst of them. Dry-run
  /// metrics never make the run worse than successful.
  ///
  /// - Returns: the run's phase after this assessment.
  @discardableResult
  package mutating func assess() -> AnalysisPhase {
    if phase.isCompleted { return phase }
    precondition(results.count == metrics.count, "one result per metric")
    let terminating = isTerminating
    var worst: AnalysisPhase?
    var worstMessage = isTerminationRequested ? "Run Terminated" : ""
    var everythingCompleted = true
    for index in metrics.indices {
      let metric = metrics[index]
      guard results[index].lastMeasurement != nil else {
        everythingCompleted = false  // not started yet, e.g. waiting out its initial delay
        continue
      }
      let metricPhase = metric.phase(of: results[index], isTerminating: terminating)
      results[index].phase = metricPhase
      guard metricPhase.isCompleted else {
        everythingCompleted = false
        continue
      }
      if metric.isDryRun {
        if worst == nil { worst = .successful }
        continue
      }
      if worst.map({ metricPhase.isWorse(than: $0) }) ?? true {
        worst = metricPhase
        if let breach = metric.limitBreach(in: results[index]) {
          worstMessage =
            "Metric \"\(metric.name)\" assessed \(metricPhase) due to \(breach.message)"
        }
      }
    }
    let newPhase: AnalysisPhase
    let newMessage: String
    if terminating {
      newPhase = worst ?? .successful
      newMessage = worstMessage
    } else if let worst, everythingCompleted {
      newPhase = worst
      newMessage = worstMessage
    } else {
      newPhase = .running
      newMessage = ""
    }
    if newPhase != phase {
      phase = newPhase
      message = newMessage
    }
    return phase
  }
}
