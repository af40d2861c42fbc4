import SimKernel

extension ClusterAutoscaler {
  /// When the autoscaler last changed the cluster, for the scale-down cool-downs.
  package struct ScaleDownHistory: Sendable, Hashable {
    /// The last scale-up, `nil` for none.
    package var lastScaleUp: SimTime?
    /// The last node deletion, `nil` for none.
    package var lastDeletion: SimTime?
    /// The last failed node removal (an eviction refused, a drain timed out), `nil` for none.
    package var lastFailure: SimTime?

    /// Creates a history.
    package init(
      lastScaleUp: SimTime? = nil, lastDeletion: SimTime? = nil, lastFailure: SimTime? = nil
    ) {
      self.lastScaleUp = lastScaleUp
      self.lastDeletion = lastDeletion
      self.lastFailure = lastFailure
    }
  }

  /// Why a node is not unneeded, or not removed this scan.
  package enum UnremovableReason: Sendable, Hashable {
    /// It carries the scale-down-disabled annotation.
    case scaleDownDisabled
    /// Its utilization is at or above the threshold.
    case notUnderutilized
    /// A pod on it has no controller to recreate it.
    case podNotReplicated(podID: Int)
    /// Moving its pods would take a PodDisruptionBudget below zero.
    case blockedByDisruptionBudget(budgetID: Int)
    /// Its pods do not all fit on the other nodes.
    case noPlaceForPods(podID: Int)
    /// Unneeded, but not yet for ``Settings/scaleDownUnneededTime``.
    case notUnneededLongEnough
    /// Its group is at its minimum size.
    case groupAtMinimumSize
    /// Scale-down is cooling down after a scale-up, deletion or failure.
    case scaleDownInCooldown
    /// The scan already removes as many nodes as allowed.
    case parallelismLimit
  }

  /// A node found unneeded, and since when.
  package struct UnneededNode: Sendable, Hashable {
    /// The node.
    package var nodeID: Int
    /// When it became unneeded; kept across scans while it stays unneeded.
    package var since: SimTime
  }

  /// What one scale-down scan decided.
  package struct ScaleDownDecision: Sendable, Hashable {
    /// Nodes unneeded now, with their timers; pass `since` back as ``Node/unneededSince``.
    package var unneeded: [UnneededNode]
    /// Empty nodes to delete now (only DaemonSet pods on them).
    package var emptyNodesToDelete: [Int]
    /// Non-empty nodes to cordon, drain through the eviction API, then delete.
    package var nodesToDrain: [Int]
    /// Nodes kept this scan, with the reason, by node ID.
    package var unremovable: [Int: UnremovableReason]
    /// Whether a cool-down stopped all removals this scan.
    package var inCooldown: Bool

    /// Every node to remove this scan.
    package var nodesToRemove: [Int] { emptyNodesToDelete + nodesToDrain }
  }

  /// Finds unneeded nodes and decides which to remove now.
  ///
  /// As upstream (FAQ "How does scale-down work?", core/scaledown/planner): a node is unneeded when
  /// its utilization (the larger of CPU and memory requests over allocatable, DaemonSet pods
  /// included) is below the threshold and every non-DaemonSet pod on it could move: it has a
  /// controller, its PodDisruptionBudget allows it, and it fits on the other nodes. Nodes are
  /// checked one after another: empty nodes first (so no drain counts on room about to be
  /// deleted), then nodes already unneeded (oldest first), then by ID. Each node found unneeded
  /// leaves the what-if and its pods, with any the what-if moved onto it, go to the others, so
  /// two nodes never count on the same free room. A node's timer keeps its start while it stays
  /// unneeded and resets when it stops. Removals need the node unneeded for
  /// ``Settings/scaleDownUnneededTime`` and no cool-down (a scale-up within
  /// ``Settings/scaleDownDelayAfterAdd``, a deletion within
  /// ``Settings/scaleDownDelayAfterDelete``, a failure within
  /// ``Settings/scaleDownDelayAfterFailure``); unneeded timers run on through a cool-down. Empty
  /// nodes go in bulk, non-empty nodes one at a time (``Settings/maxDrainParallelism``), all
  /// within ``Settings/maxScaleDownParallelism`` and never below a group's minimum size.
  ///
  /// - Parameters:
  ///   - nodes: registered, ready nodes not already being deleted.
  ///   - groups: their groups; ``NodeGroup/targetSize`` must not count nodes being deleted.
  ///   - now: the scan time.
  ///   - history: the last scale-up, deletion and failure.
  ///   - disruptionsAllowed: `disruptionsAllowed` of each PodDisruptionBudget, by ID.
  ///   - drainsInProgress: non-empty nodes still draining from earlier scans.
  ///   - settings: the autoscaler's flags.
  package static func scaleDown(
    nodes: [Node], groups: [NodeGroup], now: SimTime, history: ScaleDownHistory,
    disruptionsAllowed: [Int: Int], drainsInProgress: Int = 0, settings: Settings
  ) -> ScaleDownDecision {
    var unremovable: [Int: UnremovableReason] = [:]
    let order = nodes.sorted { a, b in
      if a.isEmpty != b.isEmpty { return a.isEmpty }
      switch (a.unneededSince, b.unneededSince) {
      case (let x?, let y?) where x != y: return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a.id < b.id
      }
    }
    var bins = nodes.sorted { $0.id < $1.id }.map {
      PackingBin(nodeID: $0.id, free: $0.free, zone: $0.zone)
    }
    let budgets = EvictionBudget(disruptionsAllowed: disruptionsAllowed)
    // Pods the what-if has moved onto each node; removing that node must move them again.
    var movedIn: [Int: [AutoscalingPod]] = [:]

    // 1. Which nodes are unneeded now.
    var unneeded: [UnneededNode] = []
    for node in order {
      if node.scaleDownDisabled {
        unremovable[node.id] = .scaleDownDisabled
        continue
      }
      guard
        node.requested.utilization(of: node.allocatable) < settings.scaleDownUtilizationThreshold
      else {
        unremovable[node.id] = .notUnderutilized
        continue
      }
      let movable = node.movablePods
      if let pod = movable.first(where: { !$0.isReplicated }) {
        unremovable[node.id] = .podNotReplicated(podID: pod.id)
        continue
      }
      if !budgets.allows(budgetIDs: movable.map(\.budgetID)) {
        unremovable[node.id] = .blockedByDisruptionBudget(
          budgetID: firstExceededBudget(movable, budgets) ?? -1)
        continue
      }
      let toMove = movable + movedIn[node.id, default: []]
      var others = bins.filter { $0.nodeID != node.id }
      guard let placements = PackingBin.placeAll(toMove, in: &others) else {
        var probe = bins.filter { $0.nodeID != node.id }
        let stuck = toMove.sortedByCPUThenMemoryDescending().first {
          PackingBin.placeFirstFit($0, in: &probe) == nil
        }
        unremovable[node.id] = .noPlaceForPods(podID: stuck?.id ?? -1)
        continue
      }
      bins = others  // the node leaves the what-if; its pods now use the others' room
      movedIn[node.id] = nil
      for placement in placements {
        if let pod = toMove.first(where: { $0.id == placement.podID }) {
          movedIn[placement.nodeID, default: []].append(pod)
        }
      }
      unneeded.append(UnneededNode(nodeID: node.id, since: node.unneededSince ?? now))
    }

    // 2. Cool-downs stop removals but not the timers.
    func within(_ last: SimTime?, _ delay: SimDuration) -> Bool {
      last.map { now < $0 + delay } ?? false
    }
    let inCooldown =
      within(history.lastScaleUp, settings.scaleDownDelayAfterAdd)
      || within(history.lastDeletion, settings.scaleDownDelayAfterDelete)
      || within(history.lastFailure, settings.scaleDownDelayAfterFailure)

    var empty: [Int] = []
    var drain: [Int] = []
    let byID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
    var room = Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0.targetSize - $0.minSize) })
    var ledger = budgets
    let ripe = unneeded.filter { now - $0.since >= settings.scaleDownUnneededTime }
    for candidate in unneeded where !ripe.contains(candidate) {
      unremovable[candidate.nodeID] = .notUnneededLongEnough
    }
    if inCooldown {
      for candidate in ripe { unremovable[candidate.nodeID] = .scaleDownInCooldown }
    } else {
      // 3. Empty nodes in bulk, then non-empty ones one at a time.
      let ripeNodes = ripe.compactMap { byID[$0.nodeID] }
      for node in ripeNodes where node.isEmpty {
        guard empty.count < settings.maxScaleDownParallelism else {
          unremovable[node.id] = .parallelismLimit
          continue
        }
        guard room[node.groupID, default: 0] > 0 else {
          unremovable[node.id] = .groupAtMinimumSize
          continue
        }
        room[node.groupID, default: 0] -= 1
        empty.append(node.id)
      }
      let drainSlots = min(
        settings.maxDrainParallelism - drainsInProgress,
        settings.maxScaleDownParallelism - empty.count)
      for node in ripeNodes where !node.isEmpty {
        guard drain.count < drainSlots else {
          unremovable[node.id] = .parallelismLimit
          continue
        }
        guard room[node.groupID, default: 0] > 0 else {
          unremovable[node.id] = .groupAtMinimumSize
          continue
        }
        guard ledger.spend(budgetIDs: node.movablePods.map(\.budgetID)) else {
          unremovable[node.id] = .blockedByDisruptionBudget(
            budgetID: firstExceededBudget(node.movablePods, ledger) ?? -1)
          continue
        }
        room[node.groupID, default: 0] -= 1
        drain.append(node.id)
      }
    }
    return ScaleDownDecision(
      unneeded: unneeded.sorted { $0.nodeID < $1.nodeID }, emptyNodesToDelete: empty,
      nodesToDrain: drain, unremovable: unremovable, inCooldown: inCooldown)
  }

  /// The lowest budget ID the pods would take below zero, if any.
  private static func firstExceededBudget(_ pods: [AutoscalingPod], _ budgets: EvictionBudget)
    -> Int?
  {
    var wanted: [Int: Int] = [:]
    for case let id? in pods.map(\.budgetID) { wanted[id, default: 0] += 1 }
    return wanted.keys.sorted().first { wanted[$0, default: 0] > budgets.remaining[$0, default: 0] }
  }
}
