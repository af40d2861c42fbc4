import SimKernel

/// A service's releases in flight: its stable revision and, while a rollout runs, the new
/// revision, the rollout's progress and its analysis runs.
struct DeliveryState: Sendable {
  /// The revision that serves when no rollout runs.
  var stableRevision = 0
  /// The next revision number to hand out.
  var nextRevision = 1
  /// The release being rolled out, if any (an index into the release records).
  var release: ReleaseID? = nil
  /// The revision it rolls out.
  var newRevision = -1
  /// The canary's current step.
  var stepIndex = 0
  /// The end of the current timed pause, if one runs.
  var pauseUntil: SimTime? = nil
  /// Whether a promotion was requested for an indefinite pause.
  var promotionRequested = false
  /// Whether the rollout is paused until a promotion (an indefinite pause, or a blue/green
  /// preview without auto-promotion): a paused rollout is not held to its progress deadline.
  var awaitingPromotion = false
  /// Whether the rollout was aborted (its new revision is being removed).
  var aborted = false
  /// Blue/green: whether production traffic has switched to the new revision.
  var switched = false
  /// When the rollout last made progress (a new pod became ready), for the progress deadline.
  var lastProgress: SimTime = .zero
  /// The background (or blue/green post-promotion) analysis and the step (or pre-promotion)
  /// analysis.
  var background: ActiveAnalysis? = nil
  var stepAnalysis: ActiveAnalysis? = nil
  /// Bumped whenever scheduled rollout events become stale.
  var generation = 0
  /// The canary weight last logged, to log changes only.
  var loggedWeight = -1
}

/// An analysis run with what each of its metrics measures and the counters each metric's
/// previous measurement left.
struct ActiveAnalysis: Sendable {
  var run: AnalysisRun
  var checks: [AnalysisCheck]
  /// Per metric: the cumulative group figures at its previous measurement.
  var baselines: [AnalysisBaseline]
}

/// Cumulative figures of a revision group at one instant.
struct AnalysisBaseline: Sendable {
  var requests = 0.0
  var failed = 0.0
  var cpuCoreSeconds = 0.0
  var podSeconds = 0.0
}

/// How a revision's quality changes the flow of the pods that run it.
struct RevisionEffects: Sendable, Equatable {
  /// Share of its requests that fail.
  var errorRate = 0.0
  /// Added time per request, in seconds.
  var addedLatencySeconds = 0.0
  /// Multiplier of CPU per request.
  var cpuFactor = 1.0

  /// The effects of `quality`.
  init(_ quality: ReleaseQuality) {
    switch quality {
    case .errorRate(let rate): errorRate = rate
    case .addedLatency(let added): addedLatencySeconds = added.inSeconds
    case .cpuRegression(let factor): cpuFactor = factor
    case .good, .crashOnStart, .memoryLeak: break
    }
  }

  /// No effect.
  init() {}
}
