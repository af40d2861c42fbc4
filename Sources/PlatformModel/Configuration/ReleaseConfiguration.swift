import SimKernel

/// New revisions of services: when they are merged, what is wrong with them, and how long the
/// path from merge to the rollout starting takes.
///
/// A release is merged at a scheduled time or by a stochastic stream; after the GitOps delay
/// (the CI build plus the Argo CD sync) the service's delivery strategy rolls it out.
package struct ReleaseConfiguration: Sendable, Equatable {
  /// Releases at fixed times.
  package var scheduled: [ScheduledRelease] = []
  /// A stream of releases at random times, if any.
  package var stream: ReleaseStream? = nil
  /// Promotions of rollouts waiting at an indefinite pause.
  package var promotions: [ScheduledPromotion] = []
  /// From merge to the rollout starting: CI build, image push, Argo CD sync (its default
  /// reconciliation polls every 3 minutes). Default uniform 4-10 minutes **(assumption)**.
  package var gitOpsDelay: Distribution
  /// Whether an operator rolls a bad revision back when an alert fires while it serves traffic
  /// (a new release of the previous revision, through the same path), if analysis did not
  /// abort it first.
  package var operatorRollsBack: Bool = true

  /// No releases, the default GitOps delay.
  package init() {
    guard let delay = try? Distribution.uniform(min: 240, max: 600) else { preconditionFailure() }
    gitOpsDelay = delay
  }
}

/// One release at a fixed time.
package struct ScheduledRelease: Sendable, Equatable {
  /// The service it changes.
  package var service: String
  /// When it is merged.
  package var at: SimDuration
  /// What is wrong with it, if anything.
  package var quality: ReleaseQuality

  /// Creates a release.
  package init(service: String, at: SimDuration, quality: ReleaseQuality) {
    self.service = service
    self.at = at
    self.quality = quality
  }
}

/// Releases at random: a Poisson stream per week, each bad with a probability.
package struct ReleaseStream: Sendable, Equatable {
  /// Releases per week, over all the listed services.
  package var perWeek: Double
  /// The chance a release is bad.
  package var badProbability: Double
  /// What a bad release does, drawn uniformly from this list.
  package var badQualities: [ReleaseQuality]
  /// The services released, drawn uniformly.
  package var services: [String]

  /// Creates a stream.
  package init(
    perWeek: Double, badProbability: Double, badQualities: [ReleaseQuality], services: [String]
  ) {
    self.perWeek = perWeek
    self.badProbability = badProbability
    self.badQualities = badQualities
    self.services = services
  }
}

/// A manual promotion (`kubectl argo rollouts promote`) of a rollout paused indefinitely.
package struct ScheduledPromotion: Sendable, Equatable {
  /// The service whose rollout is promoted.
  package var service: String
  /// When.
  package var at: SimDuration

  /// Creates a promotion.
  package init(service: String, at: SimDuration) {
    self.service = service
    self.at = at
  }
}

/// What a revision does differently from a good one.
package enum ReleaseQuality: Sendable, Equatable {
  /// Nothing.
  case good
  /// This share of the requests its pods serve fail.
  case errorRate(Double)
  /// Its pods take this much longer per request.
  case addedLatency(SimDuration)
  /// Its containers exit at start: the pods never become ready (CrashLoopBackOff).
  case crashOnStart
  /// Its pods' memory grows by this many MiB an hour until the limit OOM-kills them.
  case memoryLeak(mibPerHour: Double)
  /// Its requests cost this many times the CPU.
  case cpuRegression(factor: Double)

  /// The name used in reports and scenario files.
  package var kind: String {
    switch self {
    case .good: "good"
    case .errorRate: "errorRate"
    case .addedLatency: "addedLatency"
    case .crashOnStart: "crashOnStart"
    case .memoryLeak: "memoryLeak"
    case .cpuRegression: "cpuRegression"
    }
  }

  /// Whether anything is wrong.
  package var isBad: Bool { self != .good }
}
