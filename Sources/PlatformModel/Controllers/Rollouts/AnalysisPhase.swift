/// The phase of an analysis run, of one of its metrics, or of one measurement (`AnalysisPhase`).
///
/// A measurement ends `successful`, `failed`, `inconclusive` or `error`, and is `running` while
/// in flight. A metric and a run also start `pending`. The four end phases are *completed*.
package enum AnalysisPhase: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Nothing measured yet.
  case pending = "Pending"
  /// Measuring, or waiting for the next measurement.
  case running = "Running"
  /// Passed.
  case successful = "Successful"
  /// Failed: the rollout aborts.
  case failed = "Failed"
  /// Could not be measured: the rollout aborts once errors persist.
  case error = "Error"
  /// Neither passed nor failed: the rollout pauses for a human.
  case inconclusive = "Inconclusive"

  /// Whether this is an end phase (`AnalysisPhase.Completed`: successful, failed, error or
  /// inconclusive).
  package var isCompleted: Bool {
    switch self {
    case .successful, .failed, .error, .inconclusive: true
    case .pending, .running: false
    }
  }

  /// The position in upstream's best-to-worst order, `analysisStatusOrder` (argoproj/argo-rollouts
  /// utils/analysis/helpers.go): successful, running, pending, inconclusive, error, failed.
  package var severity: Int {
    switch self {
    case .successful: 0
    case .running: 1
    case .pending: 2
    case .inconclusive: 3
    case .error: 4
    case .failed: 5
    }
  }

  /// Whether `self` is a worse outcome than `current` (upstream `IsWorse(current, new)`).
  package func isWorse(than current: AnalysisPhase) -> Bool { severity > current.severity }

  /// The worse of two phases, the first on a tie (upstream `Worst`).
  package static func worst(_ left: AnalysisPhase, _ right: AnalysisPhase) -> AnalysisPhase {
    right.isWorse(than: left) ? right : left
  }

  /// The manifest spelling, e.g. `Successful`.
  package var description: String { rawValue }
}
