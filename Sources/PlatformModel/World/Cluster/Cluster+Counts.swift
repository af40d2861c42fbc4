/// The counts controllers read: a workload's replicas, its ready pods, a node's bound pods.
///
/// Each walks one index (a service's or a node's pods), never the whole pod table.
extension Cluster {
  /// Whether a pod in `phase` counts as a replica of its workload (everything not terminating
  /// or deleted: what a ReplicaSet's `status.replicas` counts).
  static func isReplica(_ phase: PodPhase) -> Bool { phase != .terminating && phase != .deleted }

  /// The pods of `service` that count as its replicas, in ID order.
  func replicaPods(of service: ServiceID) -> [PodID] {
    pods(of: service).filter { Self.isReplica(pods[$0.index].phase) }
  }

  /// The pods of one revision of `service` that count as its replicas, in ID order.
  func replicaPods(of service: ServiceID, revision: Int) -> [PodID] {
    pods(of: service).filter {
      pods[$0.index].revision == revision && Self.isReplica(pods[$0.index].phase)
    }
  }

  /// How many pods of `service` count as its replicas.
  func replicaCount(of service: ServiceID) -> Int {
    var count = 0
    for pod in pods(of: service) where Self.isReplica(pods[pod.index].phase) { count += 1 }
    return count
  }

  /// How many pods of `service` are ready (a PodDisruptionBudget's healthy pods).
  func readyCount(of service: ServiceID) -> Int {
    var count = 0
    for pod in pods(of: service) where pods[pod.index].phase == .ready { count += 1 }
    return count
  }

  /// Whether any pod still holds `node`'s resources.
  func isHeld(_ node: NodeID) -> Bool {
    pods(on: node).contains { pods[$0.index].phase != .deleted }
  }
}
