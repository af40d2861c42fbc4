/// A pod as the node autoscalers see it: what it requests and what limits moving it.
///
/// The same value describes a pending pod (only ``requests`` and ``zone`` matter) and a pod
/// running on a node that a scale-down or consolidation would have to move.
package struct AutoscalingPod: Sendable, Hashable {
  /// The pod's ID in the simulation.
  package var id: Int
  /// The pod's CPU and memory requests.
  package var requests: ResourceAmount
  /// The zone the pod must run in (a volume or a node selector), `nil` for anywhere.
  package var zone: Int?
  /// Whether a controller (Deployment, ReplicaSet, StatefulSet) recreates the pod elsewhere.
  /// Cluster Autoscaler will not remove a node that runs an unreplicated pod; Karpenter treats
  /// one here like a `karpenter.sh/do-not-disrupt` pod.
  package var isReplicated: Bool
  /// The PodDisruptionBudget covering the pod, `nil` for none.
  package var budgetID: Int?
  /// Whether the pod belongs to a DaemonSet: it runs on every node, is never moved and does not
  /// stop a node counting as empty (it still counts toward utilization).
  package var isDaemon: Bool

  /// Creates a pod.
  package init(
    id: Int, requests: ResourceAmount, zone: Int? = nil, isReplicated: Bool = true,
    budgetID: Int? = nil, isDaemon: Bool = false
  ) {
    self.id = id
    self.requests = requests
    self.zone = zone
    self.isReplicated = isReplicated
    self.budgetID = budgetID
    self.isDaemon = isDaemon
  }
}
