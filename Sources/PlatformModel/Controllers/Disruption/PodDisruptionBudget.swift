/// A PodDisruptionBudget: how many of a workload's pods voluntary evictions may take down.
///
/// Budgets limit voluntary disruption only (drain, consolidation, rollouts); node failures and
/// spot reclaims ignore them. The arithmetic follows the disruption controller
/// (kubernetes/kubernetes pkg/controller/disruption/disruption.go: `getExpectedPodCount`,
/// `countHealthyPods`, `updatePdbStatus`) and the eviction subresource
/// (pkg/registry/core/pod/storage/eviction.go: `checkAndDecrement`, `canIgnorePDB`).
package struct PodDisruptionBudget: Sendable, Hashable {
  /// The rule a budget states: exactly one of `minAvailable` and `maxUnavailable`.
  package enum Rule: Sendable, Hashable {
    /// At least this many (or this share of the workload's replicas) must stay ready.
    case minAvailable(IntOrPercent)
    /// At most this many (or this share of the workload's replicas) may be unavailable.
    case maxUnavailable(IntOrPercent)
  }

  /// What to do with a pod that is running but not ready when someone asks to evict it.
  package enum UnhealthyPodEvictionPolicy: Sendable, Hashable {
    /// The default: an unready pod may go without using the budget only while the workload
    /// has at least its desired healthy pods (and wants more than zero).
    case ifHealthyBudget
    /// An unready pod may always go, without using the budget.
    case alwaysAllow
  }

  /// The budget's ID, chosen by the simulation.
  package var id: Int
  /// The budget's rule.
  package var rule: Rule
  /// How unready pods are treated on eviction.
  package var unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy

  /// Creates a budget.
  package init(
    id: Int, rule: Rule, unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy = .ifHealthyBudget
  ) {
    self.id = id
    self.rule = rule
    self.unhealthyPodEvictionPolicy = unhealthyPodEvictionPolicy
  }

  /// The status fields the disruption controller writes.
  package struct Status: Sendable, Hashable {
    /// Pods the budget expects: the replica count of the owning workload, or, for an integer
    /// `minAvailable`, the number of pods the selector matches.
    package var expectedPods: Int
    /// The fewest ready pods the budget allows.
    package var desiredHealthy: Int
    /// Ready pods that are not being deleted or already promised to an eviction.
    package var currentHealthy: Int
    /// Evictions the budget allows now: `currentHealthy - desiredHealthy`, or 0 when that is
    /// negative or nothing is expected.
    package var disruptionsAllowed: Int

    /// Creates a status from its fields.
    package init(
      expectedPods: Int, desiredHealthy: Int, currentHealthy: Int, disruptionsAllowed: Int
    ) {
      self.expectedPods = expectedPods
      self.desiredHealthy = desiredHealthy
      self.currentHealthy = currentHealthy
      self.disruptionsAllowed = disruptionsAllowed
    }
  }

  /// The number of pods the budget expects.
  ///
  /// An integer `minAvailable` counts the pods its selector matches; a percentage
  /// `minAvailable` and any `maxUnavailable` use the sum of the owning controllers' replica
  /// counts (`getExpectedScale`).
  ///
  /// - Parameters:
  ///   - matchingPods: pods the selector matches, ready or not, not yet deleted.
  ///   - desiredReplicas: the replica count of the workload that owns them.
  package func expectedPods(matchingPods: Int, desiredReplicas: Int) -> Int {
    switch rule {
    case .minAvailable(.count): matchingPods
    case .minAvailable(.percent), .maxUnavailable: desiredReplicas
    }
  }

  /// The fewest ready pods the budget allows, given the pods it expects.
  ///
  /// Percentages round up in both rules, so `maxUnavailable: 30%` of 7 pods allows 3 down
  /// (desired 4) and `minAvailable: 34%` of 3 needs 2.
  ///
  /// - Parameter expectedPods: from ``expectedPods(matchingPods:desiredReplicas:)``.
  /// - Returns: `minAvailable` scaled up, or `max(0, expected - maxUnavailable scaled up)`.
  package func desiredHealthy(expectedPods: Int) -> Int {
    switch rule {
    case .minAvailable(let value):
      value.scaled(against: expectedPods, roundingUp: true)
    case .maxUnavailable(let value):
      max(0, expectedPods - value.scaled(against: expectedPods, roundingUp: true))
    }
  }

  /// Evictions the budget allows now, as the disruption controller computes them.
  ///
  /// - Parameters:
  ///   - healthyPods: ready pods not being deleted and not promised to an eviction.
  ///   - expectedPods: from ``expectedPods(matchingPods:desiredReplicas:)``; for a workload whose
  ///     pods all exist this is simply its replica count.
  /// - Returns: `healthyPods - desiredHealthy`, or 0 when that is negative or `expectedPods <= 0`.
  package func allowedDisruptions(healthyPods: Int, expectedPods: Int) -> Int {
    status(healthyPods: healthyPods, expectedPods: expectedPods).disruptionsAllowed
  }

  /// The status the disruption controller would write.
  ///
  /// - Parameters:
  ///   - healthyPods: ready pods not being deleted and not promised to an eviction.
  ///   - expectedPods: from ``expectedPods(matchingPods:desiredReplicas:)``.
  package func status(healthyPods: Int, expectedPods: Int) -> Status {
    let desired = desiredHealthy(expectedPods: expectedPods)
    let allowed = expectedPods <= 0 ? 0 : max(0, healthyPods - desired)
    return Status(
      expectedPods: expectedPods, desiredHealthy: desired, currentHealthy: healthyPods,
      disruptionsAllowed: allowed)
  }

  /// The status for a workload, from the counts the simulation keeps.
  ///
  /// - Parameters:
  ///   - healthyPods: ready pods not being deleted and not promised to an eviction.
  ///   - matchingPods: pods the selector matches, ready or not, not yet deleted.
  ///   - desiredReplicas: the replica count of the workload that owns them.
  package func status(healthyPods: Int, matchingPods: Int, desiredReplicas: Int) -> Status {
    status(
      healthyPods: healthyPods,
      expectedPods: expectedPods(matchingPods: matchingPods, desiredReplicas: desiredReplicas))
  }

  /// Whether the eviction subresource would let a pod covered by this budget go now.
  ///
  /// A pending pod, or one already terminating, ignores budgets (`canIgnorePDB`). An unready
  /// running pod may go without using the budget under ``UnhealthyPodEvictionPolicy/alwaysAllow``,
  /// or under the default policy while `currentHealthy >= desiredHealthy > 0`. Otherwise the
  /// eviction needs `disruptionsAllowed > 0`.
  ///
  /// - Parameters:
  ///   - podIsReady: whether the pod is ready.
  ///   - podIsRunning: false for a pending pod or one already terminating.
  ///   - status: the budget's current status.
  package func canEvict(podIsReady: Bool, podIsRunning: Bool = true, status: Status) -> Bool {
    evictionUsesBudget(podIsReady: podIsReady, podIsRunning: podIsRunning, status: status)
      .map { usesBudget in !usesBudget || status.disruptionsAllowed > 0 } ?? true
  }

  /// Evicts a pod if the budget allows, updating `status` as the eviction subresource does.
  ///
  /// An eviction that uses the budget lowers `disruptionsAllowed` and `currentHealthy` by one
  /// (the pod joins `disruptedPods`, which the controller stops counting as healthy).
  ///
  /// - Returns: whether the pod may be evicted.
  package func evict(podIsReady: Bool, podIsRunning: Bool = true, status: inout Status) -> Bool {
    guard
      let usesBudget = evictionUsesBudget(
        podIsReady: podIsReady, podIsRunning: podIsRunning, status: status)
    else { return true }
    guard usesBudget else { return true }
    guard status.disruptionsAllowed > 0 else { return false }
    status.disruptionsAllowed -= 1
    status.currentHealthy -= 1
    return true
  }

  /// `nil` when the budget does not apply at all; otherwise whether the eviction spends it.
  private func evictionUsesBudget(podIsReady: Bool, podIsRunning: Bool, status: Status) -> Bool? {
    guard podIsRunning else { return nil }
    if podIsReady { return true }
    switch unhealthyPodEvictionPolicy {
    case .alwaysAllow:
      return false
    case .ifHealthyBudget:
      return !(status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0)
    }
  }
}
