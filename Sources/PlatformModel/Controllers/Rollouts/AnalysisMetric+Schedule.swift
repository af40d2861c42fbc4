import SimKernel

extension AnalysisMetric {
  /// When this metric's next measurement should start, or `nil` if none should.
  ///
  /// Mirrors `generateMetricTasks` and `calculateNextReconcileTime` (argoproj/argo-rollouts
  /// analysis/analysis.go): a completed metric, one with a measurement in flight, and any metric
  /// of a terminating run start nothing new; the first measurement is due when the run starts,
  /// or `initialDelay` later; after that, none once ``effectiveCount`` is reached, otherwise the
  /// next is due `interval` after the last finished, or 10 s after an erroneous one
  /// (``RolloutDefaults/errorRetryInterval``) whatever the interval.
  ///
  /// Resuming an in-flight measurement (upstream's `resumeAt`) is the metric provider's business
  /// and is not scheduled here.
  ///
  /// - Parameters:
  ///   - result: what the metric has measured.
  ///   - runStartedAt: when the run started.
  ///   - isTerminating: whether the run is stopping (see ``AnalysisRun/isTerminating``).
  /// - Returns: the due time, which may be in the past (measure now), or `nil`.
  package func nextMeasurementTime(
    result: AnalysisMetricResult, runStartedAt: SimTime, isTerminating: Bool
  ) -> SimTime? {
    if result.phase.isCompleted || result.hasMeasurementInFlight || isTerminating { return nil }
    guard let last = result.lastMeasurement, let finishedAt = last.finishedAt else {
      return runStartedAt + (initialDelay ?? .zero)
    }
    if let effectiveCount, result.count >= effectiveCount { return nil }
    let wait =
      last.phase == .error
      ? RolloutDefaults.errorRetryInterval
      : interval ?? RolloutDefaults.errorRetryInterval
    return finishedAt + wait
  }
}

extension AnalysisRun {
  /// Each metric's next measurement time, parallel to ``metrics``; all `nil` once the run is
  /// completed.
  ///
  /// See ``AnalysisMetric/nextMeasurementTime(result:runStartedAt:isTerminating:)``.
  package var nextMeasurementTimes: [SimTime?] {
    let terminating = isTerminating
    return metrics.indices.map { index in
      isCompleted
        ? nil
        : metrics[index].nextMeasurementTime(
          result: results[index], runStartedAt: startedAt, isTerminating: terminating)
    }
  }
}
