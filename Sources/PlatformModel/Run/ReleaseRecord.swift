import SimKernel

/// One release from merge to the end of its rollout, for releases.csv and summary.json.
package struct ReleaseRecord: Sendable, Equatable {
  /// How a release ended.
  package enum Outcome: String, Sendable, Equatable {
    /// Still rolling out when the run ended.
    case inProgress = "in-progress"
    /// Fully promoted: its revision is stable.
    case promoted
    /// Aborted by analysis; traffic went back to the stable revision.
    case aborted
    /// Made no progress for the progress deadline (600 s); left where it stopped.
    case stuck
    /// Replaced by a newer release of the same service before it finished.
    case superseded
  }

  /// Sequence number, from 1.
  package var id: Int
  /// The service it changes.
  package var service: String
  /// The delivery strategy (`canary`, `blueGreen`, `rolling`).
  package var strategy: String
  /// Its quality.
  package var quality: ReleaseQuality
  /// Whether it is an operator's rollback to the previous revision.
  package var isRollback: Bool = false
  /// When it was merged, when its rollout started and when it ended.
  package var merged: SimTime
  package var started: SimTime? = nil
  package var ended: SimTime? = nil
  /// How it ended.
  package var outcome: Outcome = .inProgress
  /// When analysis (or the operator) decided it was bad: the abort, or the rollback merge.
  package var detected: SimTime? = nil
  /// When its revision stopped taking traffic after that decision.
  package var rolledBack: SimTime? = nil
  /// Requests that failed anywhere on the platform while its rollout ran, and, for a bad
  /// release that got promoted, until it was rolled back.
  package var failedRequests = 0.0
  /// Share of the SLO window's error budget those failures spent (filled at the end).
  package var errorBudgetSpent = 0.0
  /// The most pods of the service beyond its desired replicas during the rollout.
  package var peakExtraPods = 0
  /// Pod-hours beyond the desired replicas.
  package var extraPodHours = 0.0
  /// Why the analysis ended as it did, if it ran.
  package var analysisMessage = ""

  /// Time from the rollout's start to the decision that it was bad.
  package var timeToDetect: SimDuration? {
    guard let detected, let started else { return nil }
    return detected - started
  }
  /// Time from that decision to its revision taking no more traffic.
  package var timeToRollback: SimDuration? {
    guard let detected, let rolledBack else { return nil }
    return rolledBack - detected
  }
}
