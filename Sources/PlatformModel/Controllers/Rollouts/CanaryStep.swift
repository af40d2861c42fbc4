import SimKernel

/// One step of a canary rollout (`CanaryStep`).
///
/// Upstream's experiment, header-route, mirror-route and plugin steps are not modelled.
package enum CanaryStep: Sendable, Hashable {
  /// Send `weight` percent of traffic (or of pods, without a router) to the canary.
  case setWeight(Int)
  /// Wait `duration`, or until promoted when `nil`.
  case pause(duration: SimDuration?)
  /// Run an analysis and wait for it: success continues, failure or error aborts, an
  /// inconclusive result pauses.
  case analysis(RolloutAnalysis)
  /// Size the canary apart from its traffic weight (traffic routing only).
  case setCanaryScale(SetCanaryScale)

  /// The weight of a `setWeight` step, otherwise `nil`.
  package var setWeight: Int? {
    if case .setWeight(let weight) = self { return weight }
    return nil
  }

  /// The scale of a `setCanaryScale` step, otherwise `nil`.
  package var canaryScale: SetCanaryScale? {
    if case .setCanaryScale(let scale) = self { return scale }
    return nil
  }
}
