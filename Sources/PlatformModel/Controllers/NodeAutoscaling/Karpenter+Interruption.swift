import SimKernel

extension Karpenter {
  /// What Karpenter does on a spot interruption warning.
  package struct InterruptionResponse: Sendable, Hashable {
    /// The node to taint (cordon) now.
    package var cordonedNodeID: Int
    /// When EC2 reclaims the instance: the warning time plus the notice. Pods still there die.
    package var reclaimAt: SimTime
    /// Pods whose evictions the PodDisruptionBudgets allow now.
    package var evictNow: [Int]
    /// Pods whose budgets refuse eviction now; the drain retries them until the reclaim.
    package var evictionBlocked: [Int]
    /// Capacity launched at once for the node's pods, before they are evicted.
    package var replacement: ProvisioningDecision
  }

  /// Responds to a spot interruption warning for one owned node.
  ///
  /// As the Karpenter disruption docs describe interruption handling: the node is tainted and
  /// drained at once (evictions go through the eviction API, so PodDisruptionBudgets apply; the
  /// refused ones are retried), and the NodePool starts a replacement as soon as it sees the
  /// warning: the node's pods, DaemonSet pods aside, are provisioned as if pending, onto other
  /// nodes' free room first. The interrupted node still counts against the CPU limit until it
  /// is gone. EC2 reclaims it ``Settings/spotInterruptionNotice`` after the warning whatever the
  /// budgets say.
  ///
  /// - Parameters:
  ///   - nodeID: the interrupted node.
  ///   - noticeAt: when the warning arrived.
  ///   - nodes: every node, the interrupted one included.
  ///   - disruptionsAllowed: `disruptionsAllowed` of each PodDisruptionBudget, by ID.
  ///   - settings: the pool.
  /// - Precondition: `nodes` contains `nodeID`.
  package static func handleSpotInterruption(
    nodeID: Int, noticeAt: SimTime, nodes: [Node], disruptionsAllowed: [Int: Int],
    settings: Settings
  ) -> InterruptionResponse {
    guard let node = nodes.first(where: { $0.id == nodeID }) else {
      preconditionFailure("interrupted node \(nodeID) is not among the nodes")
    }
    var ledger = EvictionBudget(disruptionsAllowed: disruptionsAllowed)
    var evictNow: [Int] = []
    var blocked: [Int] = []
    for pod in node.movablePods.sorted(by: { $0.id < $1.id }) {
      if ledger.spend(budgetID: pod.budgetID) {
        evictNow.append(pod.id)
      } else {
        blocked.append(pod.id)
      }
    }
    var others = nodes.filter { $0.id != nodeID }
    // The interrupted node is not a destination, but its vCPUs still count against the limit.
    var stillCounted = node
    stillCounted.isDeleting = true
    stillCounted.pods = []
    others.append(stillCounted)
    let replacement = provision(pendingPods: node.movablePods, nodes: others, settings: settings)
    return InterruptionResponse(
      cordonedNodeID: nodeID, reclaimAt: noticeAt + settings.spotInterruptionNotice,
      evictNow: evictNow, evictionBlocked: blocked, replacement: replacement)
  }
}
