@testable import PlatformModel

/// The cluster the HPA counting tests draw random pod and node tables for: two services of
/// 250m / 256Mi pods in one zone.
enum TwoServiceCluster {
  /// Node `index`, or none for a negative index (an unbound pod).
  static func node(_ index: Int) -> NodeID? { index < 0 ? nil : NodeID(index) }

  /// The cluster holding these tables, indexed.
  static func of(nodes: [NodeState], pods: [PodState]) -> Cluster {
    let requests = ResourceAmount(cpuMillicores: 250, memoryMiB: 256)
    return Cluster(
      podRequests: [requests, requests], zoneSpread: [false, false], zoneCount: 1, nodes: nodes,
      pods: pods)
  }
}
