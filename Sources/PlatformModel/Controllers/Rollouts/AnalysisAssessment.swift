/// A metric limit that its measurements have exceeded: the phase it forces and why.
package struct AnalysisLimitBreach: Sendable, Hashable {
  /// `failed`, `inconclusive` or `error`.
  package var phase: AnalysisPhase
  /// Upstream's wording, e.g. `failed (3) > failureLimit (2)`.
  package var message: String
}

extension AnalysisMetric {
  /// The limit `result` has exceeded, if any.
  ///
  /// Mirrors `assessMetricFailureInconclusiveOrError` (argoproj/argo-rollouts
  /// analysis/analysis.go): failed measurements above `failureLimit` fail the metric,
  /// inconclusive ones above `inconclusiveLimit` make it inconclusive, and consecutive errors
  /// above `consecutiveErrorLimit` error it. The checks run in that order and a later one wins,
  /// so errors override inconclusive, which overrides failed.
  package func limitBreach(in result: AnalysisMetricResult) -> AnalysisLimitBreach? {
    var breach: AnalysisLimitBreach?
    if result.failed > failureLimit {
      breach = AnalysisLimitBreach(
        phase: .failed, message: "failed (\(result.failed)) > failureLimit (\(failureLimit))")
    }
    if result.inconclusive > inconclusiveLimit {
      breach = AnalysisLimitBreach(
        phase: .inconclusive,
        message: "inconclusive (\(result.inconclusive)) > inconclusiveLimit (\(inconclusiveLimit))")
    }
    if result.consecutiveErrors > consecutiveErrorLimit {
      breach = AnalysisLimitBreach(
        phase: .error,
        message:
          "consecutiveErrors (\(result.consecutiveErrors)) > consecutiveErrorLimit "
          + "(\(consecutiveErrorLimit))")
    }
    return breach
  }

  /// The metric's phase given its measurements so far.
  ///
  /// Mirrors `assessMetricStatus` (argoproj/argo-rollouts analysis/analysis.go), in order:
  /// a completed phase stays; with no measurement the metric is pending, or successful if the run
  /// is terminating; with one in flight it is running; an exceeded limit gives that limit's
  /// phase; reaching ``effectiveCount`` makes it successful (tolerated failures notwithstanding);
  /// an unbounded metric is successful once the run terminates and running until then.
  ///
  /// - Parameters:
  ///   - result: the metric's measurements and stored phase.
  ///   - isTerminating: whether the run is stopping (see ``AnalysisRun/isTerminating``).
  /// - Returns: the metric's phase now.
  package func phase(of result: AnalysisMetricResult, isTerminating: Bool) -> AnalysisPhase {
    if result.phase.isCompleted { return result.phase }
    guard let last = result.lastMeasurement else {
      return isTerminating ? .successful : .pending
    }
    if !last.phase.isCompleted { return .running }
    if let breach = limitBreach(in: result) { return breach.phase }
    if let effectiveCount, result.count >= effectiveCount { return .successful }
    return isTerminating ? .successful : .running
  }
}
