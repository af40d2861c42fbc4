/// A rolling update's `maxSurge` and `maxUnavailable` resolved to pod counts.
///
/// `maxSurge` is how many pods may exist above the desired count; `maxUnavailable` is how many of
/// the desired pods may be unavailable. Both the Deployment controller and Argo Rollouts' canary
/// resolve them together, because rounding can make both zero, which would let nothing move.
package struct RollingFenceposts: Sendable, Hashable {
  /// Pods allowed above the desired count.
  package var maxSurge: Int
  /// Desired pods allowed to be unavailable.
  package var maxUnavailable: Int

  /// Creates resolved fenceposts.
  package init(maxSurge: Int, maxUnavailable: Int) {
    self.maxSurge = maxSurge
    self.maxUnavailable = maxUnavailable
  }

  /// Resolves both limits against `desired` pods in one step.
  ///
  /// Mirrors `ResolveFenceposts` (kubernetes/kubernetes pkg/controller/deployment/util/
  /// deployment_util.go; copied as `resolveFenceposts` in argoproj/argo-rollouts utils/replicaset/
  /// replicaset.go): a missing value is 0, a `maxSurge` percentage rounds up, a `maxUnavailable`
  /// percentage rounds down, and if both come out 0 then `maxUnavailable` becomes 1, "on the
  /// theory that surge might not work due to quota". Examples from upstream's doc comment: with 2
  /// desired, unavailable 1 % and surge 0 % the update goes old −1, new +1, old −1, new +1; with
  /// surge 1 % it goes new +1 first.
  ///
  /// - Parameters:
  ///   - maxSurge: `maxSurge`, or `nil` for 0.
  ///   - maxUnavailable: `maxUnavailable`, or `nil` for 0.
  ///   - desired: the desired replica count percentages are taken of.
  /// - Returns: the resolved limits.
  /// - Precondition: `desired >= 0` and percentages are not negative.
  package static func resolve(
    maxSurge: IntOrPercent?, maxUnavailable: IntOrPercent?, desired: Int
  ) -> RollingFenceposts {
    let surge = (maxSurge ?? .count(0)).scaled(against: desired, roundingUp: true)
    var unavailable = (maxUnavailable ?? .count(0)).scaled(against: desired, roundingUp: false)
    if surge == 0 && unavailable == 0 { unavailable = 1 }
    return RollingFenceposts(maxSurge: surge, maxUnavailable: unavailable)
  }

  /// The `maxUnavailable` a controller actually uses for `replicas` desired pods: 0 when there
  /// are none, and never more than `replicas`.
  ///
  /// Mirrors the clamp in `MaxUnavailable` (kubernetes/kubernetes deployment_util.go and
  /// argoproj/argo-rollouts utils/replicaset/replicaset.go).
  package func clampedMaxUnavailable(replicas: Int) -> Int {
    replicas == 0 ? 0 : min(maxUnavailable, replicas)
  }
}
