import SimKernel

extension Karpenter {
  /// Which consolidation mechanism produced a command.
  package enum ConsolidationMethod: String, Sendable, Hashable {
    /// Delete empty nodes, several at once.
    case emptiness
    /// Delete two or more nodes, possibly launching one cheaper replacement.
    case multiNode
    /// Delete one node, possibly launching one cheaper replacement.
    case singleNode
  }

  /// One consolidation action.
  package struct ConsolidationCommand: Sendable, Hashable {
    /// The mechanism.
    package var method: ConsolidationMethod
    /// Nodes to cordon, drain and delete (after the replacement, if any, is ready).
    package var nodesToDelete: [Int]
    /// The node to launch first, `nil` for a plain deletion.
    package var replacement: Launch?
    /// Hourly price removed minus hourly price added.
    package var savingsPerHour: Double
  }

  /// Why an owned node is not a consolidation candidate this pass.
  package enum ConsolidationBlock: Sendable, Hashable {
    /// It is already being deleted.
    case deleting
    /// A pod arrived or left less than ``Settings/consolidateAfter`` ago.
    case notConsolidatableYet
    /// The policy is `WhenEmpty` and the node has pods.
    case notEmpty
    /// A pod on it has no controller (treated as `do-not-disrupt`).
    case podNotReplicated(podID: Int)
    /// A PodDisruptionBudget would not allow evicting its pods.
    case blockedByDisruptionBudget
  }

  /// What one consolidation pass decided.
  package struct ConsolidationDecision: Sendable, Hashable {
    /// The action to take, `nil` for none.
    package var command: ConsolidationCommand?
    /// Owned nodes that were not candidates, and why.
    package var blocked: [Int: ConsolidationBlock]
    /// Nodes the pool's disruption budget allows disrupting now.
    package var allowedDisruptions: Int
  }

  /// Looks for one consolidation action, as Karpenter's disruption loop does.
  ///
  /// Candidates are owned nodes not being deleted whose pods last changed at least
  /// ``Settings/consolidateAfter`` ago, whose pods all have controllers and whose
  /// PodDisruptionBudgets allow evicting them; under `WhenEmpty` only empty ones. The pool's
  /// budget allows `scaled(nodes, rounding up) - deleting` disruptions. The mechanisms run in
  /// upstream order and the first that finds an action wins:
  /// 1. Emptiness: delete every empty candidate, up to the budget.
  /// 2. Multi-node: candidates ordered by pod count then ID (a simplified disruption cost); the
  ///    longest prefix of two or more (at most the budget and
  ///    ``Settings/multiNodeConsolidationLimit``), found by binary search, whose pods fit on the
  ///    other nodes plus at most one new node cheaper than the prefix together.
  /// 3. Single-node: the first candidate whose pods fit on the other nodes, or on them plus one
  ///    node cheaper than it.
  /// A replacement for spot nodes only is itself spot and needs
  /// ``Settings/spotToSpotConsolidation``; a single-node spot replacement also needs
  /// ``Settings/spotToSpotMinimumFlexibility`` cheaper spot types that fit. Replacements count
  /// against the CPU limit without the nodes they replace. Simplified: no 15 s re-validation
  /// before acting, no preferred affinity or topology spread, budgets checked per command.
  ///
  /// - Parameters:
  ///   - nodes: every node, owned or not (others only receive pods).
  ///   - now: the pass time.
  ///   - disruptionsAllowed: `disruptionsAllowed` of each PodDisruptionBudget, by ID.
  ///   - settings: the pool.
  package static func consolidate(
    nodes: [Node], now: SimTime, disruptionsAllowed: [Int: Int], settings: Settings
  ) -> ConsolidationDecision {
    let nodes = nodes.sorted { $0.id < $1.id }
    let owned = nodes.filter(\.isManaged)
    let deleting = owned.filter(\.isDeleting).count
    let allowed = max(
      0, settings.disruptionBudgetNodes.scaled(against: owned.count, roundingUp: true) - deleting)
    let budgets = EvictionBudget(disruptionsAllowed: disruptionsAllowed)

    var blocked: [Int: ConsolidationBlock] = [:]
    var candidates: [Node] = []
    for node in owned {
      if node.isDeleting {
        blocked[node.id] = .deleting
      } else if now < node.lastPodEventAt + settings.consolidateAfter {
        blocked[node.id] = .notConsolidatableYet
      } else if settings.consolidationPolicy == .whenEmpty && !node.isEmpty {
        blocked[node.id] = .notEmpty
      } else if let pod = node.movablePods.first(where: { !$0.isReplicated }) {
        blocked[node.id] = .podNotReplicated(podID: pod.id)
      } else if !budgets.allows(budgetIDs: node.movablePods.map(\.budgetID)) {
        blocked[node.id] = .blockedByDisruptionBudget
      } else {
        candidates.append(node)
      }
    }
    func decision(_ command: ConsolidationCommand?) -> ConsolidationDecision {
      ConsolidationDecision(command: command, blocked: blocked, allowedDisruptions: allowed)
    }
    guard allowed > 0 else { return decision(nil) }

    // 1. Emptiness.
    let empty = candidates.filter(\.isEmpty).prefix(allowed)
    if !empty.isEmpty {
      return decision(
        ConsolidationCommand(
          method: .emptiness, nodesToDelete: empty.map(\.id), replacement: nil,
          savingsPerHour: empty.reduce(0) { $0 + $1.pricePerHour }))
    }
    guard settings.consolidationPolicy == .whenEmptyOrUnderutilized else { return decision(nil) }

    let ordered = candidates.sorted {
      $0.movablePods.count != $1.movablePods.count
        ? $0.movablePods.count < $1.movablePods.count : $0.id < $1.id
    }
    // 2. Multi-node: binary search for the longest workable prefix of length >= 2.
    let longest = min(ordered.count, allowed, settings.multiNodeConsolidationLimit)
    if longest >= 2 {
      var low = 2
      var high = longest
      var best: ConsolidationCommand?
      while low <= high {
        let mid = (low + high) / 2
        if let command = consolidation(
          of: Array(ordered.prefix(mid)), method: .multiNode, nodes: nodes, budgets: budgets,
          settings: settings)
        {
          best = command
          low = mid + 1
        } else {
          high = mid - 1
        }
      }
      if let best { return decision(best) }
    }
    // 3. Single-node.
    for candidate in ordered {
      if let command = consolidation(
        of: [candidate], method: .singleNode, nodes: nodes, budgets: budgets, settings: settings)
      {
        return decision(command)
      }
    }
    return decision(nil)
  }

  /// The action that removes `group`, if one exists: a deletion, or one cheaper replacement.
  private static func consolidation(
    of group: [Node], method: ConsolidationMethod, nodes: [Node], budgets: EvictionBudget,
    settings: Settings
  ) -> ConsolidationCommand? {
    let removed = Set(group.map(\.id))
    let pods = group.flatMap(\.movablePods)
    guard budgets.allows(budgetIDs: pods.map(\.budgetID)) else { return nil }
    let price = group.reduce(0) { $0 + $1.pricePerHour }
    let allSpot = group.allSatisfy { $0.capacityType == .spot }
    if allSpot && !settings.spotToSpotConsolidation {
      // Spot nodes may only be deleted: the pods must fit on the other nodes.
      var bins = nodes.filter { !$0.isDeleting && !removed.contains($0.id) }.map(\.bin)
      guard PackingBin.placeAll(pods, in: &bins) != nil else { return nil }
      return ConsolidationCommand(
        method: method, nodesToDelete: group.map(\.id), replacement: nil, savingsPerHour: price)
    }
    let capacityTypes: Set<PurchaseOption> = allSpot ? [.spot] : settings.capacityTypes
    let plan = simulate(
      pods: pods,
      destinations: nodes.filter { !$0.isDeleting && !removed.contains($0.id) }.map(\.bin),
      remainingCPU: remainingCPU(nodes: nodes, excluding: removed, settings: settings),
      settings: settings, priceCeiling: price, capacityTypes: capacityTypes)
    guard plan.unschedulable.isEmpty, plan.drafts.count <= 1 else { return nil }
    guard let draft = plan.drafts.first else {
      return ConsolidationCommand(
        method: method, nodesToDelete: group.map(\.id), replacement: nil, savingsPerHour: price)
    }
    if allSpot && method == .singleNode {
      let cheaperSpot = draft.options.filter { index in
        settings.instanceTypes[index].price(.spot, allowed: [.spot]).map { $0 < price } ?? false
      }
      guard cheaperSpot.count >= settings.spotToSpotMinimumFlexibility else { return nil }
    }
    guard
      let launch = cheapestLaunch(
        for: draft, settings: settings, priceCeiling: price, capacityTypes: capacityTypes)
    else { return nil }
    return ConsolidationCommand(
      method: method, nodesToDelete: group.map(\.id), replacement: launch,
      savingsPerHour: price - launch.pricePerHour)
  }
}
