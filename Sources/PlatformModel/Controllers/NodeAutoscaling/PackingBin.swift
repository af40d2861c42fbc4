/// Room on one node, real or simulated, for placing pods in a what-if.
///
/// Both autoscalers answer "where would these pods go?" by first-fit placement over bins: Cluster
/// Autoscaler's binpacking estimator and drain simulation, Karpenter's scheduler simulation.
/// Only CPU, memory and zone are checked; affinity, taints, ports and volumes are not modelled.
package struct PackingBin: Sendable, Hashable {
  /// The node's ID; for a node that does not exist yet, an index chosen by the caller.
  package var nodeID: Int
  /// CPU and memory still free.
  package var free: ResourceAmount
  /// The node's zone, `nil` when not yet decided (a pod with a zone then cannot use it).
  package var zone: Int?

  /// Creates a bin.
  package init(nodeID: Int, free: ResourceAmount, zone: Int?) {
    self.nodeID = nodeID
    self.free = free
    self.zone = zone
  }

  /// Whether `pod` fits: enough CPU and memory, and the right zone if it needs one.
  package func admits(_ pod: AutoscalingPod) -> Bool {
    pod.requests.fits(in: free) && (pod.zone == nil || pod.zone == zone)
  }

  /// Places `pod` in the first bin that admits it.
  ///
  /// - Returns: the index of that bin, or `nil` if none does (nothing changes).
  /// - Complexity: O(*n*) in the number of bins.
  package static func placeFirstFit(_ pod: AutoscalingPod, in bins: inout [PackingBin]) -> Int? {
    guard let index = bins.firstIndex(where: { $0.admits(pod) }) else { return nil }
    bins[index].free -= pod.requests
    return index
  }

  /// Places every pod, largest first, each in the first bin that admits it; all or nothing.
  ///
  /// - Returns: the node ID each pod went to, in the order placed, or `nil` (with `bins`
  ///   unchanged) when some pod fits nowhere.
  package static func placeAll(
    _ pods: [AutoscalingPod], in bins: inout [PackingBin]
  ) -> [(podID: Int, nodeID: Int)]? {
    var trial = bins
    var placements: [(podID: Int, nodeID: Int)] = []
    for pod in pods.sortedByCPUThenMemoryDescending() {
      guard let index = placeFirstFit(pod, in: &trial) else { return nil }
      placements.append((pod.id, trial[index].nodeID))
    }
    bins = trial
    return placements
  }
}

extension Array where Element == AutoscalingPod {
  /// The pods largest first by CPU, then memory, then ID (Karpenter's
  /// `byCPUAndMemoryDescending` ordering, with a deterministic last key).
  package func sortedByCPUThenMemoryDescending() -> [AutoscalingPod] {
    sorted { a, b in
      if a.requests.cpuMillicores != b.requests.cpuMillicores {
        return a.requests.cpuMillicores > b.requests.cpuMillicores
      }
      if a.requests.memoryMiB != b.requests.memoryMiB {
        return a.requests.memoryMiB > b.requests.memoryMiB
      }
      return a.id < b.id
    }
  }

  /// The pods largest first by their share of `shape`: CPU over allocatable CPU plus memory
  /// over allocatable memory (Cluster Autoscaler's `DecreasingPodOrderer`), ties by ID.
  package func sortedByScoreDescending(relativeTo shape: ResourceAmount) -> [AutoscalingPod] {
    func score(_ pod: AutoscalingPod) -> Double {
      Double(pod.requests.cpuMillicores) / Double(Swift.max(shape.cpuMillicores, 1))
        + Double(pod.requests.memoryMiB) / Double(Swift.max(shape.memoryMiB, 1))
    }
    return map { (pod: $0, score: score($0)) }
      .sorted { $0.score != $1.score ? $0.score > $1.score : $0.pod.id < $1.pod.id }
      .map(\.pod)
  }
}
