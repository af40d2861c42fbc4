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

  /// The nodes one scan finds unneeded, before time enters: what ``findUnneeded(nodes:disruptionsAllowed:settings:)``
  /// returns and ``chooseRemovals(_:groups:now:history:drainsInProgress:settings:)`` reads.
  ///
  /// It depends only on the nodes (their pods, room and timers), the budgets and the
  /// threshold, so a caller may keep it while those stay the same.
  package struct UnneededScan: Sendable, Hashable {
    /// A node found unneeded, with what the removal step needs of it.
    package struct Candidate: Sendable, Hashable {
      package var nodeID: Int
      package var groupID: Int
      /// Whether only DaemonSet pods run on it (deleted in bulk, without a drain).
      package var isEmpty: Bool
      /// The budgets of the pods a drain would evict, one entry per pod.
      package var budgetIDs: [Int?]
      /// The node's timer as it was passed in; `nil`: it starts at the scan.
      package var unneededSince: SimTime?
    }
    /// The unneeded nodes, in the order they were found.
    package var candidates: [Candidate]
    /// Nodes found needed, with the reason, by node ID.
    package var unremovable: [Int: UnremovableReason]
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
    let scan = findUnneeded(nodes: nodes, disruptionsAllowed: disruptionsAllowed, settings: settings)
    return chooseRemovals(
      scan, groups: groups, now: now, history: history,
      disruptionsAllowed: disruptionsAllowed, drainsInProgress: drainsInProgress,
      settings: settings)
  }

  /// Step 1 of ``scaleDown(nodes:groups:now:history:disruptionsAllowed:drainsInProgress:settings:)``:
  /// which nodes are unneeded now, checked one after another in the planner's order, each
  /// leaving the what-if once found unneeded.
  ///
  /// - Complexity: O(*n*² + *n* · *p*) for *n* nodes and *p* pods per node: each candidate
  ///   packs its pods first-fit over the other nodes.
  package static func findUnneeded(
    nodes: [Node], disruptionsAllowed: [Int: Int], settings: Settings
  ) -> UnneededScan {
    var unremovable: [Int: UnremovableReason] = [:]
    // The per-node figures, once: `requested`, `movablePods` and `isEmpty` are computed
    // properties that walk (and copy) the pods.
    let requested = nodes.map(\.requested)
    let movable = nodes.map(\.movablePods)
    let isEmpty = movable.map(\.isEmpty)
    let since = nodes.map(\.unneededSince)
    let ids = nodes.map(\.id)
    let order = nodes.indices.sorted { i, j in
      if isEmpty[i] != isEmpty[j] { return isEmpty[i] }
      switch (since[i], since[j]) {
      case (let x?, let y?) where x != y: return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return ids[i] < ids[j]
      }
    }
    // The what-if: every node's free room, by ID; a node found unneeded leaves it (its bin
    // stays, marked out, so positions never move).
    var bins = nodes.indices.sorted { ids[$0] < ids[$1] }.map {
      PackingBin(nodeID: ids[$0], free: nodes[$0].allocatable - requested[$0], zone: nodes[$0].zone)
    }
    var inWhatIf = [Bool](repeating: true, count: bins.count)
    var binOfNode: [Int: Int] = [:]
    for (position, bin) in bins.enumerated() { binOfNode[bin.nodeID] = position }
    let budgets = EvictionBudget(disruptionsAllowed: disruptionsAllowed)
    // Pods the what-if has moved onto each node; removing that node must move them again.
    var movedIn: [Int: [AutoscalingPod]] = [:]
    var candidates: [UnneededScan.Candidate] = []
    for i in order {
      let node = nodes[i]
      if node.scaleDownDisabled {
        unremovable[node.id] = .scaleDownDisabled
        continue
      }
      guard
        requested[i].utilization(of: node.allocatable) < settings.scaleDownUtilizationThreshold
      else {
        unremovable[node.id] = .notUnderutilized
        continue
      }
      if let pod = movable[i].first(where: { !$0.isReplicated }) {
        unremovable[node.id] = .podNotReplicated(podID: pod.id)
        continue
      }
      if !budgets.allows(budgetIDs: movable[i].map(\.budgetID)) {
        unremovable[node.id] = .blockedByDisruptionBudget(
          budgetID: firstExceededBudget(movable[i], budgets) ?? -1)
        continue
      }
      // Its pods, and any the what-if moved onto it, go largest first each to the first other
      // node with room (PackingBin.placeAll over the other bins, done in place and undone if
      // some pod fits nowhere; that pod is the one reported).
      let own = binOfNode[node.id]
      let toMove = movable[i] + movedIn[node.id, default: []]
      var placed: [(pod: AutoscalingPod, bin: Int)] = []
      var stuck: AutoscalingPod? = nil
      for pod in toMove.sortedByCPUThenMemoryDescending() {
        var target: Int? = nil
        for b in bins.indices where inWhatIf[b] && b != own && bins[b].admits(pod) {
          target = b
          break
        }
        guard let target else {
          stuck = pod
          break
        }
        bins[target].free -= pod.requests
        placed.append((pod, target))
      }
      if let stuck {
        for placement in placed { bins[placement.bin].free += placement.pod.requests }
        unremovable[node.id] = .noPlaceForPods(podID: stuck.id)
        continue
      }
      if let own { inWhatIf[own] = false }  // its pods now use the others' room
      movedIn[node.id] = nil
      for placement in placed {
        movedIn[bins[placement.bin].nodeID, default: []].append(placement.pod)
      }
      candidates.append(
        UnneededScan.Candidate(
          nodeID: node.id, groupID: node.groupID, isEmpty: isEmpty[i],
          budgetIDs: movable[i].map(\.budgetID), unneededSince: node.unneededSince))
    }
    return UnneededScan(candidates: candidates, unremovable: unremovable)
  }

  /// Steps 2 and 3 of ``scaleDown(nodes:groups:now:history:disruptionsAllowed:drainsInProgress:settings:)``:
  /// the unneeded nodes' timers at `now`, the cool-downs, and which ripe nodes go this scan.
  package static func chooseRemovals(
    _ scan: UnneededScan, groups: [NodeGroup], now: SimTime, history: ScaleDownHistory,
    disruptionsAllowed: [Int: Int], drainsInProgress: Int, settings: Settings
  ) -> ScaleDownDecision {
    var unremovable = scan.unremovable
    let unneeded = scan.candidates.map {
      UnneededNode(nodeID: $0.nodeID, since: $0.unneededSince ?? now)
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
    var room = Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0.targetSize - $0.minSize) })
    var ledger = EvictionBudget(disruptionsAllowed: disruptionsAllowed)
    let ripe = scan.candidates.indices.filter {
      now - unneeded[$0].since >= settings.scaleDownUnneededTime
    }
    var isRipe = [Bool](repeating: false, count: unneeded.count)
    for index in ripe { isRipe[index] = true }
    for (index, candidate) in unneeded.enumerated() where !isRipe[index] {
      unremovable[candidate.nodeID] = .notUnneededLongEnough
    }
    if inCooldown {
      for index in ripe { unremovable[unneeded[index].nodeID] = .scaleDownInCooldown }
    } else {
      // 3. Empty nodes in bulk, then non-empty ones one at a time.
      let ripeNodes = ripe.map { scan.candidates[$0] }
      for node in ripeNodes where node.isEmpty {
        guard empty.count < settings.maxScaleDownParallelism else {
          unremovable[node.nodeID] = .parallelismLimit
          continue
        }
        guard room[node.groupID, default: 0] > 0 else {
          unremovable[node.nodeID] = .groupAtMinimumSize
          continue
        }
        room[node.groupID, default: 0] -= 1
        empty.append(node.nodeID)
      }
      let drainSlots = min(
        settings.maxDrainParallelism - drainsInProgress,
        settings.maxScaleDownParallelism - empty.count)
      for node in ripeNodes where !node.isEmpty {
        guard drain.count < drainSlots else {
          unremovable[node.nodeID] = .parallelismLimit
          continue
        }
        guard room[node.groupID, default: 0] > 0 else {
          unremovable[node.nodeID] = .groupAtMinimumSize
          continue
        }
        guard ledger.spend(budgetIDs: node.budgetIDs) else {
          unremovable[node.nodeID] = .blockedByDisruptionBudget(
            budgetID: firstExceededBudget(node.budgetIDs, ledger) ?? -1)
          continue
        }
        room[node.groupID, default: 0] -= 1
        drain.append(node.nodeID)
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
    firstExceededBudget(pods.map(\.budgetID), budgets)
  }

  /// The lowest budget ID pods with these budgets would take below zero, if any.
  private static func firstExceededBudget(_ budgetIDs: [Int?], _ budgets: EvictionBudget) -> Int? {
    var wanted: [Int: Int] = [:]
    for case let id? in budgetIDs { wanted[id, default: 0] += 1 }
    return wanted.keys.sorted().first { wanted[$0, default: 0] > budgets.remaining[$0, default: 0] }
  }
}
