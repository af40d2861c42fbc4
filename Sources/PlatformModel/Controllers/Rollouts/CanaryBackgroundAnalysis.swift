/// Analysis that runs alongside the canary steps (`canary.analysis`).
package struct CanaryBackgroundAnalysis: Sendable, Hashable {
  /// What to run.
  package var analysis: RolloutAnalysis
  /// The step index at which the run starts; `nil` starts it with the rollout.
  package var startingStep: Int?

  /// Creates a background analysis.
  package init(_ analysis: RolloutAnalysis, startingStep: Int? = nil) {
    self.analysis = analysis
    self.startingStep = startingStep
  }
}
