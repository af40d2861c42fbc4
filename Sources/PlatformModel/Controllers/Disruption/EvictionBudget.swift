/// The evictions each PodDisruptionBudget still allows during one controller decision.
///
/// Node autoscalers check budgets before draining a node and spend them as they evict: Cluster
/// Autoscaler's `RemainingPdbTracker` and Karpenter's eviction queue both refuse an eviction
/// that would take a budget below zero. Pods with no budget are always allowed.
package struct EvictionBudget: Sendable, Equatable {
  /// Evictions still allowed, by budget ID; a budget not listed allows none.
  package private(set) var remaining: [Int: Int]

  /// Creates a ledger from each budget's `disruptionsAllowed`.
  ///
  /// - Parameter disruptionsAllowed: by budget ID, e.g. from
  ///   ``PodDisruptionBudget/allowedDisruptions(healthyPods:expectedPods:)``.
  package init(disruptionsAllowed: [Int: Int]) {
    self.remaining = disruptionsAllowed
  }

  /// Whether every pod in the list could be evicted together.
  ///
  /// - Parameter budgetIDs: each pod's budget, `nil` for a pod no budget covers.
  /// - Complexity: O(*n*) in the number of pods.
  package func allows(budgetIDs: some Sequence<Int?>) -> Bool {
    var wanted: [Int: Int] = [:]
    for case let id? in budgetIDs { wanted[id, default: 0] += 1 }
    return wanted.allSatisfy { id, count in count <= remaining[id, default: 0] }
  }

  /// Spends the budget for evicting all the pods at once, if it allows them all.
  ///
  /// - Returns: whether they were allowed; if not, nothing is spent.
  package mutating func spend(budgetIDs: some Sequence<Int?>) -> Bool {
    let ids = Array(budgetIDs)
    guard allows(budgetIDs: ids) else { return false }
    for case let id? in ids { remaining[id, default: 0] -= 1 }
    return true
  }

  /// Spends one eviction from a pod's budget, if it allows one.
  ///
  /// - Parameter budgetID: the pod's budget, `nil` for none.
  /// - Returns: whether the pod may be evicted.
  package mutating func spend(budgetID: Int?) -> Bool {
    guard let id = budgetID else { return true }
    guard remaining[id, default: 0] > 0 else { return false }
    remaining[id, default: 0] -= 1
    return true
  }
}
