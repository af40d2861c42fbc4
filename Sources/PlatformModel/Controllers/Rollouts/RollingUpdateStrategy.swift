/// A Kubernetes Deployment's `RollingUpdate` strategy: the plain rolling update that canary
/// rollouts are compared against.
///
/// Each reconciliation either grows the new ReplicaSet within `replicas + maxSurge` pods or, if
/// it cannot, shrinks old ReplicaSets while `replicas − maxUnavailable` pods stay available
/// (kubernetes/kubernetes pkg/controller/deployment/rolling.go, `rolloutRolling`).
package struct RollingUpdateStrategy: Sendable, Hashable {
  /// `maxSurge`; `nil` counts as 0. The API server defaults it to 25 %.
  package var maxSurge: IntOrPercent?
  /// `maxUnavailable`; `nil` counts as 0. The API server defaults it to 25 %.
  package var maxUnavailable: IntOrPercent?

  /// Creates a strategy; the defaults are the apps/v1 API defaults, 25 % and 25 %.
  package init(
    maxSurge: IntOrPercent? = .percent(25), maxUnavailable: IntOrPercent? = .percent(25)
  ) {
    self.maxSurge = maxSurge
    self.maxUnavailable = maxUnavailable
  }

  /// Pods allowed above `replicas` (`MaxSurge`, kubernetes/kubernetes
  /// pkg/controller/deployment/util/deployment_util.go).
  package func maxSurgePods(replicas: Int) -> Int {
    RollingFenceposts.resolve(
      maxSurge: maxSurge, maxUnavailable: maxUnavailable, desired: replicas
    ).maxSurge
  }

  /// Pods of `replicas` allowed to be unavailable: 0 for no replicas, at most `replicas`
  /// (`MaxUnavailable`, deployment_util.go).
  package func maxUnavailablePods(replicas: Int) -> Int {
    RollingFenceposts.resolve(
      maxSurge: maxSurge, maxUnavailable: maxUnavailable, desired: replicas
    ).clampedMaxUnavailable(replicas: replicas)
  }

  /// Pods that must stay available (`MinAvailable`, deployment_util.go).
  package func minAvailablePods(replicas: Int) -> Int {
    replicas - maxUnavailablePods(replicas: replicas)
  }

  /// The new ReplicaSet's size after scaling up as far as the surge allows.
  ///
  /// Mirrors `NewRSNewReplicas` (deployment_util.go): unchanged when all ReplicaSets together
  /// already have `replicas + maxSurge` pods, else grown by the room left, but not past
  /// `replicas`. `maxSurge` here is the percentage rounded up, without the fencepost rule.
  ///
  /// - Parameters:
  ///   - replicas: the Deployment's `spec.replicas`.
  ///   - newReplicaSet: the new ReplicaSet's `spec.replicas`.
  ///   - allReplicaSets: `spec.replicas` summed over all the Deployment's ReplicaSets.
  /// - Returns: the new ReplicaSet's `spec.replicas`.
  package func newReplicaSetScaleUp(replicas: Int, newReplicaSet: Int, allReplicaSets: Int) -> Int {
    let surge = (maxSurge ?? .count(0)).scaled(against: replicas, roundingUp: true)
    let maxTotal = replicas + surge
    if allReplicaSets >= maxTotal { return newReplicaSet }
    return newReplicaSet + min(maxTotal - allReplicaSets, replicas - newReplicaSet)
  }

  /// The new ReplicaSet's target this reconciliation (`reconcileNewReplicaSet`, rolling.go):
  /// `replicas` if it has more, else
  /// ``newReplicaSetScaleUp(replicas:newReplicaSet:allReplicaSets:)``.
  package func newReplicaSetTarget(replicas: Int, newReplicaSet: Int, allReplicaSets: Int) -> Int {
    if newReplicaSet >= replicas { return replicas }
    return newReplicaSetScaleUp(
      replicas: replicas, newReplicaSet: newReplicaSet, allReplicaSets: allReplicaSets)
  }

  /// Removes up to `limit` unavailable pods from old ReplicaSets, oldest first.
  ///
  /// Mirrors `cleanupUnhealthyReplicas` (rolling.go): removing pods that are not available does
  /// not lower availability, so it is done before anything else.
  ///
  /// - Parameters:
  ///   - old: the old ReplicaSets, oldest first.
  ///   - limit: the most pods to remove.
  /// - Returns: the old ReplicaSets with their new `specReplicas`, and how many pods went.
  package static func removingUnavailable(from old: [ReplicaSetCounts], limit: Int)
    -> (old: [ReplicaSetCounts], removed: Int)
  {
    var old = old
    var removed = 0
    for index in old.indices {
      if removed >= limit { break }
      let set = old[index]
      if set.specReplicas == 0 || set.specReplicas == set.availableReplicas { continue }
      let count = min(limit - removed, set.specReplicas - set.availableReplicas)
      if count <= 0 { continue }  // more available than specified: nothing unhealthy to remove
      old[index].specReplicas -= count
      removed += count
    }
    return (old, removed)
  }

  /// Removes available pods from old ReplicaSets, oldest first, while `minAvailablePods` stay
  /// available across the new and old ReplicaSets.
  ///
  /// Mirrors `scaleDownOldReplicaSetsForRollingUpdate` (rolling.go).
  ///
  /// - Parameters:
  ///   - replicas: the Deployment's `spec.replicas`.
  ///   - newReplicaSet: the new ReplicaSet, if it exists.
  ///   - old: the old ReplicaSets, oldest first.
  /// - Returns: the old ReplicaSets with their new `specReplicas`, and how many pods went.
  package func removingAvailable(
    replicas: Int, newReplicaSet: ReplicaSetCounts?, old: [ReplicaSetCounts]
  ) -> (old: [ReplicaSetCounts], removed: Int) {
    let minAvailable = minAvailablePods(replicas: replicas)
    let available =
      old.reduce(0) { $0 + $1.availableReplicas } + (newReplicaSet?.availableReplicas ?? 0)
    if available <= minAvailable { return (old, 0) }
    let wanted = available - minAvailable
    var old = old
    var removed = 0
    for index in old.indices {
      if removed >= wanted { break }
      if old[index].specReplicas == 0 { continue }
      let count = min(old[index].specReplicas, wanted - removed)
      old[index].specReplicas -= count
      removed += count
    }
    return (old, removed)
  }

  /// The old ReplicaSets' targets this reconciliation.
  ///
  /// Mirrors `reconcileOldReplicaSets` (rolling.go): at most `all pods − minAvailable − the new
  /// ReplicaSet's unavailable pods` may go, so that a new ReplicaSet whose pods never become
  /// available does not drain the old ones; unavailable old pods go first
  /// (``removingUnavailable(from:limit:)``), then available ones
  /// (``removingAvailable(replicas:newReplicaSet:old:)``).
  ///
  /// - Parameters:
  ///   - replicas: the Deployment's `spec.replicas`.
  ///   - newReplicaSet: the new ReplicaSet.
  ///   - old: the old ReplicaSets, oldest first.
  /// - Returns: each old ReplicaSet's new `specReplicas`, in the same order.
  package func oldReplicaSetTargets(
    replicas: Int, newReplicaSet: ReplicaSetCounts, old: [ReplicaSetCounts]
  ) -> [Int] {
    let unchanged = old.map(\.specReplicas)
    let oldPods = old.reduce(0) { $0 + $1.specReplicas }
    if oldPods == 0 { return unchanged }
    let allPods = oldPods + newReplicaSet.specReplicas
    let newUnavailable = newReplicaSet.specReplicas - newReplicaSet.availableReplicas
    let maxScaledDown = allPods - minAvailablePods(replicas: replicas) - newUnavailable
    if maxScaledDown <= 0 { return unchanged }
    // Upstream works on the active old ReplicaSets only (`FilterActiveReplicaSets`).
    let active = old.indices.filter { old[$0].specReplicas > 0 }
    let cleaned = Self.removingUnavailable(from: active.map { old[$0] }, limit: maxScaledDown)
    let scaled = removingAvailable(
      replicas: replicas, newReplicaSet: newReplicaSet, old: cleaned.old)
    var targets = unchanged
    for (position, index) in active.enumerated() {
      targets[index] = scaled.old[position].specReplicas
    }
    return targets
  }

  /// One reconciliation of a rolling update: scale the new ReplicaSet up if possible, otherwise
  /// scale old ones down (`rolloutRolling`, rolling.go).
  ///
  /// - Parameters:
  ///   - replicas: the Deployment's `spec.replicas`.
  ///   - newReplicaSet: the new ReplicaSet.
  ///   - old: the old ReplicaSets, oldest first.
  /// - Returns: the new ReplicaSet's and each old ReplicaSet's new `specReplicas`.
  package func reconcile(
    replicas: Int, newReplicaSet: ReplicaSetCounts, old: [ReplicaSetCounts]
  ) -> (newReplicaSet: Int, old: [Int]) {
    let all = old.reduce(newReplicaSet.specReplicas) { $0 + $1.specReplicas }
    let newTarget = newReplicaSetTarget(
      replicas: replicas, newReplicaSet: newReplicaSet.specReplicas, allReplicaSets: all)
    if newTarget != newReplicaSet.specReplicas { return (newTarget, old.map(\.specReplicas)) }
    return (
      newReplicaSet.specReplicas,
      oldReplicaSetTargets(replicas: replicas, newReplicaSet: newReplicaSet, old: old)
    )
  }
}
