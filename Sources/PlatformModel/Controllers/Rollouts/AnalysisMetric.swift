import SimKernel

/// One metric of an analysis: how often to measure, how many times, and how many bad
/// measurements it tolerates (`Metric` in an AnalysisTemplate).
///
/// What is measured and the success condition belong to the simulator's metric provider; this
/// type carries only what the assessment arithmetic reads. Defaults are upstream's: no interval
/// (measure once), `failureLimit` 0, `inconclusiveLimit` 0, `consecutiveErrorLimit` 4.
package struct AnalysisMetric: Sendable, Hashable {
  /// The metric's name, unique within a run.
  package var name: String
  /// Time between measurements; `nil` measures once (unless `count` says otherwise).
  package var interval: SimDuration?
  /// Delay after the run starts before the first measurement; `nil` for none.
  package var initialDelay: SimDuration?
  /// Measurements to take; `nil` (or 0, as upstream) means "from the interval": once without
  /// one, indefinitely with one. See ``effectiveCount``.
  package var count: Int?
  /// Failed measurements tolerated; one more fails the metric.
  package var failureLimit: Int
  /// Inconclusive measurements tolerated; one more makes the metric inconclusive.
  package var inconclusiveLimit: Int
  /// Consecutive erroneous measurements tolerated; one more errors the metric.
  package var consecutiveErrorLimit: Int
  /// Whether the metric runs in dry-run mode: measured and assessed, but never affecting the
  /// run's phase (upstream selects these with `dryRun` rules by metric name).
  package var isDryRun: Bool

  /// Creates a metric with upstream's defaults for whatever is left out.
  ///
  /// - Precondition: limits and `count` are not negative and `interval` is positive, as upstream
  ///   validation (`ValidateMetrics`) requires.
  package init(
    name: String, interval: SimDuration? = nil, initialDelay: SimDuration? = nil,
    count: Int? = nil, failureLimit: Int = 0, inconclusiveLimit: Int = 0,
    consecutiveErrorLimit: Int = RolloutDefaults.consecutiveErrorLimit, isDryRun: Bool = false
  ) {
    precondition(
      failureLimit >= 0 && inconclusiveLimit >= 0 && consecutiveErrorLimit >= 0,
      "negative analysis limit")
    precondition((count ?? 0) >= 0, "negative measurement count")
    precondition(interval.map { $0 > .zero } ?? true, "non-positive measurement interval")
    self.name = name
    self.interval = interval
    self.initialDelay = initialDelay
    self.count = count
    self.failureLimit = failureLimit
    self.inconclusiveLimit = inconclusiveLimit
    self.consecutiveErrorLimit = consecutiveErrorLimit
    self.isDryRun = isDryRun
  }

  /// How many measurements complete the metric, or `nil` when it runs until stopped.
  ///
  /// Mirrors `Metric.EffectiveCount` (argoproj/argo-rollouts pkg/apis/rollouts/v1alpha1/
  /// analysis_types.go): an unset or zero `count` is 1 without an interval and unbounded with
  /// one; otherwise it is `count`.
  package var effectiveCount: Int? {
    guard let count, count != 0 else { return interval == nil ? 1 : nil }
    return count
  }
}
