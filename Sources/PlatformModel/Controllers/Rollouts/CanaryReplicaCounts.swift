/// How many pods the canary and the stable ReplicaSet should have.
package struct CanaryReplicaCounts: Sendable, Hashable, CustomStringConvertible {
  /// Pods for the canary (new) ReplicaSet.
  package var canary: Int
  /// Pods for the stable ReplicaSet.
  package var stable: Int

  /// Creates counts.
  package init(canary: Int, stable: Int) {
    self.canary = canary
    self.stable = stable
  }

  /// `canary 2, stable 8`.
  package var description: String { "canary \(canary), stable \(stable)" }

  /// The canary and stable counts that come closest to `weight` percent canary.
  ///
  /// Mirrors `approximateWeightedCanaryStableReplicaCounts` (argoproj/argo-rollouts
  /// utils/replicaset/canary.go). Candidates are the rounded-up and rounded-down canary shares of
  /// `replicas`, with the stable filling up to `replicas`, and, when surging is allowed, the same
  /// two canary counts with the stable filling up to `replicas + 1`. The rounded-down candidate is
  /// dropped when rounding is a tie (the larger canary wins); a zero canary, or a rounded-up one
  /// that leaves no stable pod, is allowed only for weights 0 and 100 or a single replica that
  /// may not surge. The first candidate with the smallest distance from `weight` wins. The tie
  /// test and the distances are computed in `Double`, exactly as upstream's `float64`, so that
  /// near-ties break the same way.
  ///
  /// - Parameters:
  ///   - weight: the desired canary weight in percent.
  ///   - replicas: `spec.replicas`.
  ///   - maxSurge: the resolved `maxSurge`; only whether it is positive matters.
  /// - Returns: the closest canary and stable counts.
  /// - Precondition: `weight` and `replicas` are not negative.
  package static func approximating(weight: Int, replicas: Int, maxSurge: Int)
    -> CanaryReplicaCounts
  {
    precondition(weight >= 0 && replicas >= 0, "negative weight or replicas")
    if replicas == 0 { return CanaryReplicaCounts(canary: 0, stable: 0) }
    let ceilCanary = (replicas * weight + 99) / 100
    let floorCanary = replicas * weight / 100
    let zeroAllowed = weight == 100 || weight == 0 || (replicas == 1 && maxSurge == 0)
    var options: [(canary: Int, total: Int)] = []
    if ceilCanary < replicas || zeroAllowed { options.append((ceilCanary, replicas)) }
    if !roundingTies(weight: weight, total: replicas) && (floorCanary != 0 || zeroAllowed) {
      options.append((floorCanary, replicas))
    }
    if maxSurge > 0 {
      options.append((ceilCanary, replicas + 1))
      if !roundingTies(weight: weight, total: replicas + 1) && (floorCanary != 0 || zeroAllowed) {
        options.append((floorCanary, replicas + 1))
      }
    }
    guard var best = options.first else {
      return CanaryReplicaCounts(canary: 0, stable: replicas)  // upstream: "should not get here"
    }
    var bestDelta = distance(weight: weight, canary: best.canary, total: best.total)
    for option in options.dropFirst() {
      let delta = distance(weight: weight, canary: option.canary, total: option.total)
      if delta < bestDelta {
        best = option
        bestDelta = delta
      }
    }
    return CanaryReplicaCounts(canary: best.canary, stable: best.total - best.canary)
  }

  /// Whether `weight` percent of `total` is exactly half-way between two counts
  /// (upstream `floorCeilingTied`).
  private static func roundingTies(weight: Int, total: Int) -> Bool {
    let share = Double(total) * (Double(weight) / 100)
    return share - share.rounded(.towardZero) == 0.5
  }

  /// How far `canary` of `total` pods is from `weight` percent (upstream `weightDelta`).
  private static func distance(weight: Int, canary: Int, total: Int) -> Double {
    abs(Double(canary * 100) / Double(total) - Double(weight))
  }

  /// The pods of `replicas` that carry `weight` percent of traffic, rounded up.
  ///
  /// Mirrors `trafficWeightToReplicas` (argoproj/argo-rollouts utils/replicaset/canary.go).
  /// - Precondition: `weight` and `replicas` are not negative.
  package static func replicas(forTrafficWeight weight: Int, of replicas: Int) -> Int {
    precondition(weight >= 0 && replicas >= 0, "negative weight or replicas")
    return (weight * replicas + 99) / 100
  }

  /// The counts a basic canary (no traffic router) should scale to now.
  ///
  /// Mirrors `CalculateReplicaCountsForBasicCanary` (argoproj/argo-rollouts
  /// utils/replicaset/canary.go). The target split is
  /// ``approximating(weight:replicas:maxSurge:)``, or all canary without a separate stable. Pods
  /// are first added within `replicas + maxSurge`, the stable before the canary. While older
  /// ReplicaSets still have pods, nothing is removed. Otherwise pods are removed only while
  /// `replicas − maxUnavailable` stay available: when the canary is growing, the stable shrinks
  /// and the canary's availability counts (the stable's does not, so a crash-looping stable can
  /// still be drained); when it is shrinking (an abort or a lower weight), the canary shrinks and
  /// the stable's availability counts. A final adjustment keeps the pair within the surge limit
  /// without giving up availability (`adjustReplicaWithinLimits`).
  ///
  /// - Parameters:
  ///   - replicas: `spec.replicas`.
  ///   - weight: the desired canary weight (``CanaryStrategy/scaleTarget(status:)``).
  ///   - fenceposts: the resolved limits (``CanaryStrategy/fenceposts(replicas:)``).
  ///   - canary: the canary ReplicaSet, or `nil` before it exists.
  ///   - stable: the stable ReplicaSet.
  ///   - older: every other ReplicaSet of the rollout.
  /// - Returns: the `spec.replicas` to give the canary and stable ReplicaSets now.
  package static func basicCanary(
    replicas: Int, weight: Int, fenceposts: RollingFenceposts, canary: ReplicaSetCounts?,
    stable: CanaryStableReplicaSet, older: [ReplicaSetCounts]
  ) -> CanaryReplicaCounts {
    let target = approximating(weight: weight, replicas: replicas, maxSurge: fenceposts.maxSurge)
    var desiredCanary = target.canary
    var desiredStable = target.stable
    var canaryCount = canary?.specReplicas ?? 0
    var stableCount = 0
    let stableSet = stable.counts(canary: canary)
    let separateStable: ReplicaSetCounts?
    if case .separate(let counts) = stable { separateStable = counts } else { separateStable = nil }
    if let separateStable {
      stableCount = separateStable.specReplicas
    } else {
      // Without a separate stable the steps do not apply: bring the canary to 100 %.
      desiredCanary = replicas
      desiredStable = 0
    }

    let maxAllowed = replicas + fenceposts.maxSurge
    let olderReplicas = older.reduce(0) { $0 + $1.specReplicas }
    let total =
      olderReplicas + (canary?.specReplicas ?? 0) + (separateStable?.specReplicas ?? 0)
    var scaleUp = maxAllowed - total
    if let separateStable, separateStable.specReplicas < desiredStable, scaleUp > 0 {
      if separateStable.specReplicas + scaleUp < desiredStable {
        stableCount = separateStable.specReplicas + scaleUp
        scaleUp = 0
      } else {
        stableCount = desiredStable
        scaleUp -= desiredStable - separateStable.specReplicas
      }
    }
    if let canary, canary.specReplicas < desiredCanary, scaleUp > 0 {
      canaryCount = min(canary.specReplicas + scaleUp, desiredCanary)
    }
    if olderReplicas > 0 {
      // Older ReplicaSets go first, before the canary or stable shrink.
      return CanaryReplicaCounts(canary: canaryCount, stable: stableCount)
    }

    let minAvailable = replicas - fenceposts.maxUnavailable
    let isIncreasing = canary.map { desiredCanary >= $0.specReplicas } ?? true
    let countable =
      (canary?.replicasForScaleDown(ignoringAvailability: !isIncreasing) ?? 0)
      + (stableSet?.replicasForScaleDown(ignoringAvailability: isIncreasing) ?? 0)
    if countable <= minAvailable {
      return CanaryReplicaCounts(canary: canaryCount, stable: stableCount)
    }
    let scaleDown = countable - minAvailable
    if !isIncreasing {
      canaryCount = drained(canary, toward: desiredCanary, by: scaleDown, else: canaryCount)
      (canaryCount, stableCount) = withinLimits(
        drain: canary, adjust: stableSet, drainCount: canaryCount, adjustCount: stableCount,
        maxAllowed: maxAllowed, minAvailable: minAvailable)
    } else if let separateStable {
      stableCount = drained(separateStable, toward: desiredStable, by: scaleDown, else: stableCount)
      (stableCount, canaryCount) = withinLimits(
        drain: separateStable, adjust: canary, drainCount: stableCount, adjustCount: canaryCount,
        maxAllowed: maxAllowed, minAvailable: minAvailable)
    }
    return CanaryReplicaCounts(canary: canaryCount, stable: stableCount)
  }

  /// The drained ReplicaSet's new count: toward `desired` by at most `scaleDown`, or `current`
  /// when it is not above `desired` (upstream `calculateScaleDownReplicaCount`).
  private static func drained(
    _ set: ReplicaSetCounts?, toward desired: Int, by scaleDown: Int, else current: Int
  ) -> Int {
    guard let set, set.specReplicas > desired else { return current }
    return max(desired, set.specReplicas - scaleDown)
  }

  /// Trims the adjusted ReplicaSet to stay within `maxAllowed` pods, gives back what that trim
  /// costs in availability below `minAvailable`, and takes any remaining excess from the drained
  /// ReplicaSet (upstream `adjustReplicaWithinLimits`).
  private static func withinLimits(
    drain: ReplicaSetCounts?, adjust: ReplicaSetCounts?, drainCount: Int, adjustCount: Int,
    maxAllowed: Int, minAvailable: Int
  ) -> (drain: Int, adjust: Int) {
    var drainCount = drainCount
    var adjustCount = adjustCount
    var available = 0
    var overLimit = max(0, adjustCount + drainCount - maxAllowed)
    if let drain { available += min(drain.availableReplicas, drainCount) }
    if let adjust {
      adjustCount -= overLimit
      available += min(adjust.availableReplicas, adjustCount)
      let availabilityLost = max(0, adjust.availableReplicas - adjustCount)
      let availabilityNeeded = max(0, minAvailable - available)
      adjustCount += min(availabilityLost, availabilityNeeded)
      overLimit = max(0, adjustCount + drainCount - maxAllowed)
      drainCount -= overLimit
    }
    return (drainCount, adjustCount)
  }
}
