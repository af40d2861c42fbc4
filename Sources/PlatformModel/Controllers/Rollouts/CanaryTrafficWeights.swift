/// The traffic weights a router currently applies (`TrafficWeights` in the rollout status).
package struct CanaryTrafficWeights: Sendable, Hashable {
  /// Percent of traffic to the canary.
  package var canary: Int
  /// Percent of traffic to the stable ReplicaSet.
  package var stable: Int

  /// Creates weights.
  ///
  /// - Precondition: both are in `0...100`.
  package init(canary: Int, stable: Int) {
    precondition((0...100).contains(canary) && (0...100).contains(stable), "weight out of range")
    self.canary = canary
    self.stable = stable
  }
}
