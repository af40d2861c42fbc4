import SimKernel

/// A sequential stopping rule: run replications in batches until a metric's confidence
/// interval is narrow enough, as Akaroa and Law and Kelton's sequential procedure do.
///
/// **Checkpoints.** The rule is consulted only after fixed numbers of replications, the
/// checkpoints ``minimumReplications``, then every ``batchSize`` more, the last one capped at
/// ``maximumReplications``: with minimum 10, batch 10 and cap 35 they are 10, 20, 30, 35.
/// At a checkpoint *n* the decision depends only on the values of replications 0..<*n*, never
/// on how many ran in parallel or which finished first, so the number of replications run is
/// the same with 1 job or 64. A runner that starts replications beyond the next checkpoint
/// (to keep its workers busy) must leave them out of the decision, and out of the results
/// if the rule stops.
///
/// **Target.** A relative target r is met when `halfWidth <= r·|mean|`; an absolute target h
/// when `halfWidth <= h`. A zero half-width (every value equal) meets either target, even with
/// mean 0; otherwise a mean of 0 never meets a relative target.
package struct PrecisionRule: Equatable, Sendable {
  /// How narrow the confidence interval of the mean must be.
  package enum Target: Equatable, Sendable {
    /// Half-width at most this fraction of |mean|, e.g. 0.05 for ±5 %.
    case relativeHalfWidth(Double)
    /// Half-width at most this, in the metric's own unit.
    case absoluteHalfWidth(Double)
  }

  /// Why replications stop.
  package enum StopReason: Equatable, Sendable {
    /// The interval reached the target.
    case precisionReached
    /// ``maximumReplications`` ran without reaching the target.
    case replicationCapReached
  }

  /// What to do at a checkpoint.
  package enum Decision: Equatable, Sendable {
    /// Run replications until there are this many (the next checkpoint), then decide again.
    case continueTo(replications: Int)
    /// Stop here.
    case stop(StopReason)
  }

  /// The metric whose interval is watched, as the results name it, e.g. `latency.p95Ms`.
  package let metric: String
  /// How narrow its interval must be.
  package let target: Target
  /// Replications always run before the first decision.
  package let minimumReplications: Int
  /// Replications never exceeded.
  package let maximumReplications: Int
  /// Replications added between decisions.
  package let batchSize: Int
  /// The confidence level of the interval.
  package let level: Double

  /// A rule; invalid settings are rejected with a message naming the setting.
  ///
  /// - Parameters:
  ///   - metric: the metric's name, for messages and for the runner to look up.
  ///   - target: the half-width to reach, positive and finite.
  ///   - minimumReplications: the first checkpoint, at least 2 (an interval needs two values).
  ///   - maximumReplications: the cap, at least `minimumReplications`.
  ///   - batchSize: replications between checkpoints, at least 1.
  ///   - level: the confidence level, in (0, 1).
  /// - Throws: ``ExperimentInputError`` with subject `precision rule for "metric"`.
  package init(
    metric: String, target: Target, minimumReplications: Int = 10, maximumReplications: Int,
    batchSize: Int = 10, level: Double = 0.95
  ) throws(ExperimentInputError) {
    func fail(_ message: String) -> ExperimentInputError {
      ExperimentInputError(
        subject: "precision rule for \(ExperimentInputError.quote(metric))", message: message)
    }
    switch target {
    case .relativeHalfWidth(let r):
      guard r > 0 && r.isFinite else {
        throw fail(
          "relative half-width must be greater than 0 (got \(ExperimentInputError.show(r)))")
      }
    case .absoluteHalfWidth(let h):
      guard h > 0 && h.isFinite else {
        throw fail(
          "absolute half-width must be greater than 0 (got \(ExperimentInputError.show(h)))")
      }
    }
    guard minimumReplications >= 2 else {
      throw fail("minimum replications must be at least 2 (got \(minimumReplications))")
    }
    guard maximumReplications >= minimumReplications else {
      throw fail(
        "maximum replications must be at least the minimum, \(minimumReplications) "
          + "(got \(maximumReplications))")
    }
    guard batchSize >= 1 else { throw fail("batch size must be at least 1 (got \(batchSize))") }
    guard level > 0 && level < 1 else {
      throw fail(
        "confidence level must be between 0 and 1 (got \(ExperimentInputError.show(level)))")
    }
    self.metric = metric
    self.target = target
    self.minimumReplications = minimumReplications
    self.maximumReplications = maximumReplications
    self.batchSize = batchSize
    self.level = level
  }

  /// The first checkpoint: ``minimumReplications``.
  package var firstCheckpoint: Int { minimumReplications }

  /// Whether the rule is consulted after `replications` replications.
  /// - Complexity: O(1).
  package func isCheckpoint(_ replications: Int) -> Bool {
    guard replications >= minimumReplications && replications <= maximumReplications else {
      return false
    }
    return replications == maximumReplications
      || (replications - minimumReplications) % batchSize == 0
  }

  /// The first checkpoint after `replications` replications, or `nil` past the cap.
  /// - Complexity: O(1).
  package func checkpoint(after replications: Int) -> Int? {
    if replications < minimumReplications { return minimumReplications }
    if replications >= maximumReplications { return nil }
    let batches = (replications - minimumReplications) / batchSize + 1
    let (next, overflow) = batchSize.multipliedReportingOverflow(by: batches)
    guard !overflow, next <= maximumReplications - minimumReplications else {
      return maximumReplications
    }
    return minimumReplications + next
  }

  /// Whether `summary`'s confidence interval meets ``target`` (see the type's discussion).
  /// `false` without an interval (one replication).
  package func isMet(by summary: ReplicationSummary) -> Bool {
    guard let interval = summary.confidenceInterval else { return false }
    if interval.halfWidth == 0 { return true }
    switch target {
    case .relativeHalfWidth(let r): return interval.halfWidth <= r * abs(interval.mean)
    case .absoluteHalfWidth(let h): return interval.halfWidth <= h
    }
  }

  /// The decision at a checkpoint, from the metric's values of replications 0..<*n*.
  ///
  /// - Parameter values: the metric's value in each of the first *n* replications, *n* a
  ///   checkpoint; their order does not matter.
  /// - Returns: stop when the target is met or *n* is the cap, else continue to the next
  ///   checkpoint.
  /// - Precondition: `isCheckpoint(values.count)`; every value is finite.
  /// - Complexity: O(*n* log *n*).
  package func decision(forFirst values: some Collection<Double>) -> Decision {
    precondition(
      isCheckpoint(values.count),
      "PrecisionRule: \(values.count) replications is not a checkpoint")
    if isMet(by: ReplicationSummary(values, level: level)) { return .stop(.precisionReached) }
    guard let next = checkpoint(after: values.count) else { return .stop(.replicationCapReached) }
    return .continueTo(replications: next)
  }
}
