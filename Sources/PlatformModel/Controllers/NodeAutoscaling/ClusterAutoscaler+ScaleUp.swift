import SimKernel

extension ClusterAutoscaler {
  /// One way to help pending pods: grow one group by some nodes.
  package struct ScaleUpOption: Sendable, Hashable {
    /// The group to grow.
    package var groupID: Int
    /// Nodes to add, from the binpacking estimate, capped by the group's (and cluster's) room.
    package var nodeCount: Int
    /// The pending pods those nodes would run.
    package var podIDs: [Int]
    /// Least-waste score: idle CPU share plus idle memory share of the new nodes (0 is no waste).
    package var wasteScore: Double
  }

  /// What one scale-up scan decided.
  package struct ScaleUpDecision: Sendable, Hashable {
    /// The chosen option, `nil` when no group can help.
    package var chosen: ScaleUpOption?
    /// Every option the expanders chose among, by group ID.
    package var options: [ScaleUpOption]
    /// Pending pods that already fit on free room of existing nodes or on nodes still booting.
    package var alreadyAccommodated: [Int]
    /// Pending pods no group could run (too big, or a zone no group is confined to).
    package var unhelpable: [Int]

    /// The chosen group's new target size, if any.
    package func newTargetSize(in groups: [NodeGroup]) -> Int? {
      guard let chosen, let group = groups.first(where: { $0.id == chosen.groupID }) else {
        return nil
      }
      return group.targetSize + chosen.nodeCount
    }
  }

  /// Decides whether to grow a node group for pods the scheduler could not place, and by how much.
  ///
  /// As upstream (FAQ "How does scale-up work?", core/scaleup): pods that fit on free room of
  /// existing nodes, or on nodes already requested and still booting (empty template nodes), are
  /// left alone. For each group not backed off and below its maximum, the pods a template node
  /// could run are packed first-fit-decreasing onto new template nodes (the binpacking
  /// estimator: pods ordered by CPU share plus memory share of the template, each tried on every
  /// new node in order before a node is added, stopping when the group's room runs out). The
  /// expanders then pick one option; ties left at the end are broken at random.
  ///
  /// - Parameters:
  ///   - pendingPods: unschedulable pods.
  ///   - groups: the node groups.
  ///   - freeNodes: free room on registered nodes (the scheduler may not have caught up).
  ///   - now: the scan time, for group back-off.
  ///   - settings: the autoscaler's flags.
  ///   - generator: random source for the `random` expander and for ties. Draws happen only when
  ///     two or more options remain: one `Int.random(in:using:)` per `random` expander reached
  ///     and one for the final tie.
  /// - Returns: the decision; the simulation sets the chosen group's target size to
  ///   ``ScaleUpDecision/newTargetSize(in:)`` and boots that many nodes.
  package static func scaleUp(
    pendingPods: [AutoscalingPod], groups: [NodeGroup], freeNodes: [PackingBin] = [],
    now: SimTime = .zero, settings: Settings,
    using generator: inout some RandomNumberGenerator
  ) -> ScaleUpDecision {
    let groups = groups.sorted { $0.id < $1.id }

    // 1. Pods that fit on existing free room or on booting nodes need no new node.
    var bins = freeNodes
    var nextVirtualID = -1
    for group in groups where group.upcomingNodes > 0 {
      for _ in 0..<group.upcomingNodes {
        bins.append(
          PackingBin(
            nodeID: nextVirtualID, free: group.nodeAllocatable,
            zone: group.zones.count == 1 ? group.zones[0] : nil))
        nextVirtualID -= 1
      }
    }
    var accommodated: [Int] = []
    var stillPending: [AutoscalingPod] = []
    for pod in pendingPods.sortedByCPUThenMemoryDescending() {
      if PackingBin.placeFirstFit(pod, in: &bins) != nil {
        accommodated.append(pod.id)
      } else {
        stillPending.append(pod)
      }
    }

    // 2. One option per group that can help.
    let totalNodes = groups.reduce(0) { $0 + $1.targetSize }
    let clusterRoom = settings.maxNodesTotal.map { max(0, $0 - totalNodes) } ?? Int.max
    var options: [ScaleUpOption] = []
    for group in groups {
      if let until = group.backedOffUntil, now < until { continue }
      let room = min(group.maxSize - group.targetSize, clusterRoom)
      guard room > 0 else { continue }
      let candidates = stillPending.filter(group.canEverRun)
      guard !candidates.isEmpty else { continue }
      let estimate = estimateNodes(for: candidates, template: group.nodeAllocatable, limit: room)
      guard estimate.nodeCount > 0 else { continue }
      let requested = candidates.filter { estimate.podIDs.contains($0.id) }.map(\.requests).total()
      let available = group.nodeAllocatable * estimate.nodeCount
      let waste =
        Double(available.cpuMillicores - requested.cpuMillicores) / Double(available.cpuMillicores)
        + Double(available.memoryMiB - requested.memoryMiB) / Double(available.memoryMiB)
      options.append(
        ScaleUpOption(
          groupID: group.id, nodeCount: estimate.nodeCount, podIDs: estimate.podIDs,
          wasteScore: waste))
    }

    let helpable = Set(options.flatMap(\.podIDs))
    let unhelpable = stillPending.map(\.id).filter { !helpable.contains($0) }.sorted()

    // 3. Expanders in turn, then a random tie-break.
    var remaining = options
    for expander in settings.expanders where remaining.count > 1 {
      remaining = best(remaining, by: expander, groups: groups, using: &generator)
    }
    var chosen = remaining.first
    if remaining.count > 1 {
      chosen = remaining[Int.random(in: 0..<remaining.count, using: &generator)]
    }
    return ScaleUpDecision(
      chosen: chosen, options: options, alreadyAccommodated: accommodated.sorted(),
      unhelpable: unhelpable)
  }

  /// The binpacking estimate: how many template nodes the pods need, at most `limit`.
  ///
  /// First-fit decreasing: pods in decreasing order of (CPU share + memory share) of the template;
  /// each pod goes on the first new node with room, else on a new node while fewer than `limit`
  /// exist, else stays unplaced.
  ///
  /// - Precondition: every pod fits on an empty template node.
  /// - Returns: the number of new nodes that received pods, and the pods placed.
  package static func estimateNodes(
    for pods: [AutoscalingPod], template: ResourceAmount, limit: Int
  ) -> (nodeCount: Int, podIDs: [Int]) {
    var nodes: [ResourceAmount] = []
    var placed: [Int] = []
    for pod in pods.sortedByScoreDescending(relativeTo: template) {
      precondition(pod.requests.fits(in: template), "pod larger than the template node")
      if let index = nodes.firstIndex(where: { pod.requests.fits(in: $0) }) {
        nodes[index] -= pod.requests
        placed.append(pod.id)
      } else if nodes.count < limit {
        nodes.append(template - pod.requests)
        placed.append(pod.id)
      }
    }
    return (nodes.count, placed)
  }

  /// The options an expander prefers: a non-empty subset of `options`.
  private static func best(
    _ options: [ScaleUpOption], by expander: Expander, groups: [NodeGroup],
    using generator: inout some RandomNumberGenerator
  ) -> [ScaleUpOption] {
    switch expander {
    case .leastWaste:
      let least = options.map(\.wasteScore).min() ?? 0
      return options.filter { $0.wasteScore == least }
    case .mostPods:
      let most = options.map(\.podIDs.count).max() ?? 0
      return options.filter { $0.podIDs.count == most }
    case .priority:
      func priority(_ option: ScaleUpOption) -> Int {
        groups.first { $0.id == option.groupID }?.priority ?? 0
      }
      let highest = options.map(priority).max() ?? 0
      return options.filter { priority($0) == highest }
    case .random:
      return [options[Int.random(in: 0..<options.count, using: &generator)]]
    }
  }
}
