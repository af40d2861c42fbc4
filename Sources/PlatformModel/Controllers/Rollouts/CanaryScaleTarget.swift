/// What the canary should be sized to: an explicit pod count or a weight.
///
/// Upstream returns the pair `(*int32, int32)` from `GetCanaryReplicasOrWeight`; with explicit
/// replicas the weight is 0, which dynamic stable scaling then reads as "stable at 100 %".
package struct CanaryScaleTarget: Sendable, Hashable {
  /// A pod count from a `setCanaryScale` step, overriding the weight.
  package var replicas: Int?
  /// The canary weight in percent (may exceed 100 from `setCanaryScale.weight`).
  package var weight: Int

  /// Creates a target.
  package init(replicas: Int? = nil, weight: Int) {
    self.replicas = replicas
    self.weight = weight
  }
}
