/// Where a canary rollout stands: the status fields the weight and replica arithmetic reads.
package struct CanaryStatus: Sendable, Hashable {
  /// `status.currentStepIndex` (unset is 0); equal to the step count once all steps are done.
  package var currentStepIndex: Int
  /// `status.abort`: the rollout was aborted and is returning to stable.
  package var isAborted: Bool
  /// `status.promoteFull`: skip the remaining steps and analysis.
  package var isPromotingFully: Bool
  /// Whether a stable revision exists that differs from the one being rolled out. False on the
  /// first rollout (`status.stableRS` empty) and once promoted (`currentPodHash == stableRS`),
  /// when the rollout simply brings the current revision to 100 %.
  package var hasSeparateStable: Bool

  /// Creates a status; the defaults describe a rollout at its first step.
  ///
  /// - Precondition: `currentStepIndex >= 0`.
  package init(
    currentStepIndex: Int = 0, isAborted: Bool = false, isPromotingFully: Bool = false,
    hasSeparateStable: Bool = true
  ) {
    precondition(currentStepIndex >= 0, "negative step index")
    self.currentStepIndex = currentStepIndex
    self.isAborted = isAborted
    self.isPromotingFully = isPromotingFully
    self.hasSeparateStable = hasSeparateStable
  }
}
