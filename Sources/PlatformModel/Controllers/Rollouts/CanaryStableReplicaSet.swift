/// The stable ReplicaSet as the canary arithmetic sees it.
///
/// Upstream passes a pointer that may be nil or may be the canary ReplicaSet itself
/// (`CheckStableRSExists`, argoproj/argo-rollouts utils/replicaset/canary.go); only a separate
/// stable ReplicaSet is scaled by the canary steps.
package enum CanaryStableReplicaSet: Sendable, Hashable {
  /// No stable ReplicaSet (the first rollout, or it was deleted).
  case absent
  /// The stable ReplicaSet is the canary one: the rollout is fully promoted.
  case sameAsCanary
  /// A separate stable ReplicaSet.
  case separate(ReplicaSetCounts)

  /// The stable ReplicaSet's counts, resolving `sameAsCanary` to `canary`, as upstream's pointer
  /// would.
  package func counts(canary: ReplicaSetCounts?) -> ReplicaSetCounts? {
    switch self {
    case .absent: nil
    case .sameAsCanary: canary
    case .separate(let counts): counts
    }
  }
}
