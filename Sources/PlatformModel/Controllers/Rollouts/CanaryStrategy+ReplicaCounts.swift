extension CanaryStrategy {
  /// The counts a basic canary (no traffic router) should scale to now; see
  /// ``CanaryReplicaCounts/basicCanary(replicas:weight:fenceposts:canary:stable:older:)``.
  ///
  /// The weight is ``scaleTarget(status:)``'s, which without a router never uses
  /// `setCanaryScale`, as upstream.
  package func basicReplicaCounts(
    replicas: Int, status: CanaryStatus, canary: ReplicaSetCounts?,
    stable: CanaryStableReplicaSet, older: [ReplicaSetCounts]
  ) -> CanaryReplicaCounts {
    CanaryReplicaCounts.basicCanary(
      replicas: replicas, weight: scaleTarget(status: status).weight,
      fenceposts: fenceposts(replicas: replicas), canary: canary, stable: stable, older: older)
  }

  /// The counts a canary behind a traffic router should have.
  ///
  /// Mirrors `CalculateReplicaCountsForTrafficRoutedCanary` (argoproj/argo-rollouts
  /// utils/replicaset/canary.go). The canary gets `setCanaryScale.replicas` if in force, else its
  /// weight's share of `replicas` rounded up (at least `minPodsPerReplicaSet` if not zero).
  /// Without `dynamicStableScale` the stable keeps all `replicas`. With it, the stable gets the
  /// larger of the share for `100 − weight` and the share for the stable's actual traffic weight
  /// (so it is not shrunk before traffic leaves it), and after an abort the canary likewise keeps
  /// the share for its actual weight until traffic has moved back; both then honour
  /// `minPodsPerReplicaSet`. A `setCanaryScale.weight` above 100 would give upstream a negative
  /// stable share; here that share is 0.
  ///
  /// - Parameters:
  ///   - replicas: `spec.replicas`.
  ///   - status: the rollout's status.
  ///   - actualWeights: the weights the router applies now, or `nil` if unknown.
  /// - Returns: the `spec.replicas` to give the canary and stable ReplicaSets.
  package func trafficRoutedReplicaCounts(
    replicas: Int, status: CanaryStatus, actualWeights: CanaryTrafficWeights?
  ) -> CanaryReplicaCounts {
    let target = scaleTarget(status: status)
    var canary =
      target.replicas
      ?? atLeastMinPods(CanaryReplicaCounts.replicas(forTrafficWeight: target.weight, of: replicas))
    guard dynamicStableScale else { return CanaryReplicaCounts(canary: canary, stable: replicas) }
    var stable = CanaryReplicaCounts.replicas(
      forTrafficWeight: max(0, 100 - target.weight), of: replicas)
    if let actualWeights {
      stable = max(
        stable, CanaryReplicaCounts.replicas(forTrafficWeight: actualWeights.stable, of: replicas))
      if status.isAborted {
        canary = max(
          canary, CanaryReplicaCounts.replicas(forTrafficWeight: actualWeights.canary, of: replicas)
        )
      }
    }
    return CanaryReplicaCounts(canary: atLeastMinPods(canary), stable: atLeastMinPods(stable))
  }

  /// `count`, raised to `minPodsPerReplicaSet` unless it is zero or there is no traffic router
  /// (upstream `CheckMinPodsPerReplicaSet`).
  private func atLeastMinPods(_ count: Int) -> Int {
    guard count != 0, usesTrafficRouting, let minPods = minPodsPerReplicaSet else { return count }
    return max(count, minPods)
  }

  /// The counts the canary and stable ReplicaSets should have now, with or without a router.
  package func replicaCounts(
    replicas: Int, status: CanaryStatus, canary: ReplicaSetCounts?,
    stable: CanaryStableReplicaSet, older: [ReplicaSetCounts],
    actualWeights: CanaryTrafficWeights?
  ) -> CanaryReplicaCounts {
    usesTrafficRouting
      ? trafficRoutedReplicaCounts(replicas: replicas, status: status, actualWeights: actualWeights)
      : basicReplicaCounts(
        replicas: replicas, status: status, canary: canary, stable: stable, older: older)
  }

  /// Whether the ReplicaSets have reached the counts of the current step, so the rollout may
  /// move on.
  ///
  /// Mirrors `AtDesiredReplicaCountsForCanary` (argoproj/argo-rollouts
  /// utils/replicaset/canary.go): the canary must have exactly its desired pods, all available;
  /// the stable must have exactly its desired pods created (available or not), except with a
  /// router and dynamic stable scaling; and without a router no older ReplicaSet may still have
  /// available pods, since they would still take traffic.
  package func isAtDesiredReplicaCounts(
    replicas: Int, status: CanaryStatus, canary: ReplicaSetCounts?,
    stable: CanaryStableReplicaSet, older: [ReplicaSetCounts],
    actualWeights: CanaryTrafficWeights?
  ) -> Bool {
    let desired = replicaCounts(
      replicas: replicas, status: status, canary: canary, stable: stable, older: older,
      actualWeights: actualWeights)
    guard let canary, canary.specReplicas == desired.canary,
      canary.availableReplicas == desired.canary
    else { return false }
    if !usesTrafficRouting || !dynamicStableScale {
      guard let stableSet = stable.counts(canary: canary), stableSet.specReplicas == desired.stable,
        stableSet.statusReplicas == desired.stable
      else { return false }
    }
    if !usesTrafficRouting && older.contains(where: { $0.availableReplicas != 0 }) { return false }
    return true
  }
}
