/// kube-scheduler's choice of a node for one pod.
extension Cluster {
  /// The node the scheduler picks for `pod`, or nil when none has room.
  ///
  /// Filters nodes that are up, Ready and have the pod's requests and a pod slot free (the
  /// NodeResourcesFit filter, `pods` included); with zone spread, keeps
  /// only the zones with the fewest pods of the service bound to nodes; then scores by most
  /// free CPU (the default `LeastAllocated` strategy), ties to the lowest node ID.
  ///
  /// - Complexity: O(*n* + *s*) for *n* active nodes and *s* pods of the service.
  func chooseNode(for pod: PodID) -> NodeID? {
    let service = pods[pod.index].service
    let requests = podRequests[service]
    var fewestInZone = Int.max
    var perZone: [Int] = []
    if zoneSpread[service] {
      perZone = [Int](repeating: 0, count: zoneCount)
      for other in pods(of: service) {
        if let node = pods[other.index].node { perZone[nodes[node.index].zone.index] += 1 }
      }
      for node in activeNodes where fits(requests, on: node.index) {
        let n = node.index
        fewestInZone = Swift.min(fewestInZone, perZone[nodes[n].zone.index])
      }
    }
    var best: NodeID? = nil
    var bestFree = Int.min
    for node in activeNodes where fits(requests, on: node.index) {
      let n = node.index
      if !perZone.isEmpty && perZone[nodes[n].zone.index] != fewestInZone { continue }
      let free = nodes[n].allocatableCPUMillicores - nodes[n].requestedCPUMillicores
      // The most free CPU; among equals the lowest index (the first one seen).
      if free > bestFree {
        best = NodeID(n)
        bestFree = free
      }
    }
    return best
  }

  /// Whether the node in slot `n` takes new pods and has `requests` free.
  @inline(__always)
  private func fits(_ requests: ResourceAmount, on n: Int) -> Bool {
    nodes[n].isSchedulable
      && nodes[n].allocatableCPUMillicores - nodes[n].requestedCPUMillicores >= requests.cpuMillicores
      && nodes[n].allocatableMemoryMiB - nodes[n].requestedMemoryMiB >= requests.memoryMiB
      && nodes[n].allocatablePods - nodes[n].boundPods >= requests.pods
  }
}
