import SimKernel

/// The node autoscaler's scans: Cluster Autoscaler scale-up and scale-down over the node
/// groups, or Karpenter provisioning, consolidation and spot interruption handling. The
/// decisions are the pure functions of ``ClusterAutoscaler`` and ``Karpenter``; this file
/// builds their inputs from the world and carries out what they return.
extension PlatformWorld {
  /// Schedules the first scan when the scenario has a node autoscaler.
  mutating func startNodeAutoscaler(in simulation: inout Simulation<WorldEvent>) {
    guard let configuration = nodeAutoscaling else { return }
    simulation.schedule(.nodeAutoscalerScan, after: configuration.scanInterval, priority: .high)
    nodeScanScheduled = true
  }

  /// Schedules a scan at the next multiple of the scan interval if the cluster changed since
  /// the last one and none is scheduled.
  ///
  /// The autoscaler runs every scan interval, but a scan that finds the cluster as the last one
  /// left it, with no Pending pods and no timer running, decides nothing. So the world schedules
  /// scans only while there is something to decide, at the times the periodic loop would have
  /// run them.
  mutating func armNodeAutoscaler(in simulation: inout Simulation<WorldEvent>) {
    guard let configuration = nodeAutoscaling, !nodeScanScheduled, clusterVersion != scannedVersion
    else { return }
    let interval = configuration.scanInterval.microseconds
    let now = simulation.now.microsecondsSinceStart
    let next = SimTime(microsecondsSinceStart: (now / interval + 1) * interval)
    simulation.schedule(.nodeAutoscalerScan, after: next - simulation.now, priority: .high)
    nodeScanScheduled = true
  }

  /// One scan: scale up for Pending pods first; when nothing was launched, look for nodes to
  /// remove. Schedules the next scan while Pending pods, unneeded-node timers, drains or a
  /// consolidation in waiting need one.
  mutating func nodeAutoscalerScan(in simulation: inout Simulation<WorldEvent>) {
    guard let configuration = nodeAutoscaling else { return }
    nodeScanScheduled = false
    let pending = pods.indices.filter { pods[$0].phase == .pending }
    switch configuration.mode {
    case .clusterAutoscaler:
      let launched = clusterAutoscalerScaleUp(pending: pending, in: &simulation)
      if !launched { clusterAutoscalerScaleDown(in: &simulation) }
    case .karpenter:
      let launched = karpenterProvision(pending: pending, in: &simulation)
      if !launched && pending.isEmpty { karpenterConsolidate(in: &simulation) }
    }
    scannedVersion = clusterVersion
    let timersRunning = nodes.contains { $0.unneededSince != nil || $0.lifecycle == .draining }
    if !pending.isEmpty || timersRunning || consolidationWaiting {
      simulation.schedule(.nodeAutoscalerScan, after: configuration.scanInterval, priority: .high)
      nodeScanScheduled = true
    }
  }

  /// The scheduler's view of a pod, for the autoscalers.
  ///
  /// Reads the service's fields in place: copying its configuration out (arrays and all) for
  /// every pod of every node scan was most of a Cluster Autoscaler run.
  func autoscalingPod(_ pod: Int) -> AutoscalingPod {
    let s = pods[pod].service
    return AutoscalingPod(
      id: pod,
      requests: ResourceAmount(
        cpuMillicores: services[s].cpuRequestMillicores, memoryMiB: services[s].memoryRequestMiB),
      zone: nil, budgetID: services[s].disruptionBudget == nil ? nil : s)
  }

  /// Pods bound to `node` that still hold its resources.
  func podsBound(to node: Int) -> [AutoscalingPod] {
    var bound: [AutoscalingPod] = []
    for pod in pods.indices where pods[pod].node == node && pods[pod].phase != .deleted {
      bound.append(autoscalingPod(pod))
    }
    return bound
  }

  /// A node's requests as free room for packing.
  func freeRoom(of node: Int) -> ResourceAmount {
    ResourceAmount(
      cpuMillicores: nodes[node].allocatableCPUMillicores - nodes[node].requestedCPUMillicores,
      memoryMiB: nodes[node].allocatableMemoryMiB - nodes[node].requestedMemoryMiB)
  }

  /// The zone of a group with the fewest of its nodes (Auto Scaling groups balance zones).
  func leastPopulatedZone(ofGroup group: Int) -> Int {
    let candidates = zones(ofGroup: group)
    var counts = [Int](repeating: 0, count: zoneUp.count)
    for node in nodes where node.group == group && node.lifecycle != .removed {
      counts[node.zone] += 1
    }
    return candidates.min { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 < $1 }
      ?? 0
  }

  // MARK: - Cluster Autoscaler

  /// The node groups as the Cluster Autoscaler sees them.
  func clusterAutoscalerGroups() -> [ClusterAutoscaler.NodeGroup] {
    scenario.platform.nodeGroups.enumerated().map { index, group in
      var target = 0
      var upcoming = 0
      for node in nodes where node.group == index {
        switch node.lifecycle {
        case .provisioning:
          target += 1
          upcoming += 1
        case .running: target += 1
        case .draining, .removed: break
        }
      }
      return ClusterAutoscaler.NodeGroup(
        id: index, nodeAllocatable: nodeShape(group.instanceType).allocatable, targetSize: target,
        upcomingNodes: upcoming, minSize: group.minNodes, maxSize: group.maxNodes,
        zones: zones(ofGroup: index))
    }
  }

  /// Grows one node group for Pending pods; returns whether it launched nodes.
  mutating func clusterAutoscalerScaleUp(
    pending: [Int], in simulation: inout Simulation<WorldEvent>
  ) -> Bool {
    guard !pending.isEmpty else { return false }
    let groups = clusterAutoscalerGroups()
    let free = nodes.indices.filter { nodes[$0].isSchedulable }.map {
      PackingBin(nodeID: $0, free: freeRoom(of: $0), zone: nodes[$0].zone)
    }
    let decision = ClusterAutoscaler.scaleUp(
      pendingPods: pending.map(autoscalingPod), groups: groups, freeNodes: free,
      now: simulation.now, settings: clusterAutoscalerSettings, using: &provisioningStream)
    guard let chosen = decision.chosen else { return false }
    let group = scenario.platform.nodeGroups[chosen.groupID]
    let target = decision.newTargetSize(in: groups) ?? 0
    log(
      simulation.now, .clusterAutoscalerScaleUp, group.name,
      "\(pending.count) pending pods; +\(chosen.nodeCount) nodes, target size \(target)")
    for _ in 0..<chosen.nodeCount {
      _ = launchNode(
        group: chosen.groupID, zone: leastPopulatedZone(ofGroup: chosen.groupID),
        instanceType: group.instanceType, purchase: group.purchase,
        reason: "cluster autoscaler scale-up", in: &simulation)
    }
    scaleDownHistory.lastScaleUp = simulation.now
    return true
  }

  /// Finds unneeded nodes and removes those unneeded long enough.
  mutating func clusterAutoscalerScaleDown(in simulation: inout Simulation<WorldEvent>) {
    // Loops, not closures: a closure in a mutating method captures a copy of the whole world.
    var candidates: [Int] = []
    var view: [ClusterAutoscaler.Node] = []
    for n in nodes.indices where nodes[n].isSchedulable {
      candidates.append(n)
      view.append(
        ClusterAutoscaler.Node(
          id: n, groupID: nodes[n].group, zone: nodes[n].zone,
          allocatable: ResourceAmount(
            cpuMillicores: nodes[n].allocatableCPUMillicores,
            memoryMiB: nodes[n].allocatableMemoryMiB),
          pods: podsBound(to: n), unneededSince: nodes[n].unneededSince))
    }
    let draining = nodes.reduce(0) { $0 + ($1.lifecycle == .draining ? 1 : 0) }
    let decision = ClusterAutoscaler.scaleDown(
      nodes: view, groups: clusterAutoscalerGroups(), now: simulation.now,
      history: scaleDownHistory, disruptionsAllowed: disruptionsAllowed(),
      drainsInProgress: draining, settings: clusterAutoscalerSettings)
    for n in candidates { nodes[n].unneededSince = nil }
    for unneeded in decision.unneeded { nodes[unneeded.nodeID].unneededSince = unneeded.since }
    for n in decision.emptyNodesToDelete {
      nodes[n].lifecycle = .draining
      removeNode(n, reason: "cluster autoscaler: empty and unneeded", in: &simulation)
    }
    for n in decision.nodesToDrain {
      drain(n, reason: "cluster autoscaler: unneeded, pods fit elsewhere", in: &simulation)
    }
    if !decision.nodesToRemove.isEmpty { scaleDownHistory.lastDeletion = simulation.now }
  }

  // MARK: - Karpenter

  /// The pool's settings: its instance types sized as the world sizes nodes and priced from
  /// the price table (spot at the table's spot share, both with the region multiplier).
  static func karpenterSettings(_ configuration: NodeAutoscalingConfiguration, prices: PriceTable)
    -> Karpenter.Settings
  {
    let types = configuration.instanceTypes.compactMap { name -> Karpenter.InstanceType? in
      guard let entry = prices.instances.first(where: { $0.name == name }) else { return nil }
      let onDemand = entry.onDemandPerHour * prices.regionMultiplier
      return Karpenter.InstanceType(
        name: name, cpuCapacityMillicores: entry.vcpu * 1_000,
        allocatable: ResourceAmount(
          cpuMillicores: allocatable(entry.vcpu * 1_000, share: allocatableCPUShare),
          memoryMiB: allocatable(entry.memoryMiB, share: allocatableMemoryShare)),
        onDemandPerHour: onDemand, spotPerHour: onDemand * prices.spotShareOfOnDemand)
    }
    var settings = Karpenter.Settings(instanceTypes: types)
    settings.capacityTypes = Set(configuration.capacityTypes)
    settings.cpuLimitMillicores = configuration.cpuLimitCores.map { $0 * 1_000 }
    settings.consolidationPolicy = configuration.consolidationPolicy
    settings.consolidateAfter = configuration.consolidateAfter
    return settings
  }

  /// Every node as Karpenter sees it: the pool's own (managed) and the node groups' (others,
  /// which only receive pods). Provisioning nodes count with their full room, as NodeClaims
  /// already launched; draining ones as deleting.
  func karpenterNodes() -> [Karpenter.Node] {
    nodes.indices.compactMap { n in
      let node = nodes[n]
      guard node.lifecycle != .removed, node.up || node.lifecycle == .provisioning else {
        return nil
      }
      let price = karpenterSettings?.instanceTypes.first { $0.name == node.instanceType }
        .flatMap { $0.price(node.purchase, allowed: [node.purchase]) } ?? 0
      return Karpenter.Node(
        id: n, isManaged: node.group == scenario.platform.nodeGroups.count,
        instanceType: node.instanceType, capacityType: node.purchase, pricePerHour: price,
        cpuCapacityMillicores: node.capacityCPUMillicores,
        allocatable: ResourceAmount(
          cpuMillicores: node.allocatableCPUMillicores, memoryMiB: node.allocatableMemoryMiB),
        zone: node.zone, pods: podsBound(to: n), lastPodEventAt: node.lastPodChange,
        isDeleting: node.lifecycle == .draining)
    }
  }

  /// Launches NodeClaims for Pending pods; returns whether it launched any.
  mutating func karpenterProvision(pending: [Int], in simulation: inout Simulation<WorldEvent>)
    -> Bool
  {
    guard !pending.isEmpty, let settings = karpenterSettings else { return false }
    let decision = Karpenter.provision(
      pendingPods: pending.map(autoscalingPod), nodes: karpenterNodes(), settings: settings)
    for launch in decision.launches {
      _ = launchPoolNode(launch, reason: "\(launch.podIDs.count) pending pods", in: &simulation)
    }
    return !decision.launches.isEmpty
  }

  /// Launches one node of the Karpenter pool.
  mutating func launchPoolNode(
    _ launch: Karpenter.Launch, reason: String, in simulation: inout Simulation<WorldEvent>
  ) -> Int {
    let pool = scenario.platform.nodeGroups.count
    return launchNode(
      group: pool, zone: launch.zone ?? leastPopulatedZone(ofGroup: pool),
      instanceType: launch.instanceType, purchase: launch.capacityType,
      reason: "karpenter: \(reason)", in: &simulation)
  }

  /// One consolidation pass: delete empty or underused pool nodes, or replace some with one
  /// cheaper node (the replacement first; the old nodes drain once it is Ready).
  mutating func karpenterConsolidate(in simulation: inout Simulation<WorldEvent>) {
    guard let settings = karpenterSettings, replacementsPending.isEmpty else {
      consolidationWaiting = !replacementsPending.isEmpty
      return
    }
    let decision = Karpenter.consolidate(
      nodes: karpenterNodes(), now: simulation.now, disruptionsAllowed: disruptionsAllowed(),
      settings: settings)
    consolidationWaiting = decision.blocked.values.contains(.notConsolidatableYet)
    guard let command = decision.command else { return }
    let detail = "\(command.method.rawValue): \(command.nodesToDelete.map { "node-\($0)" }.joined(separator: " ")), saves $\((command.savingsPerHour * 10_000).rounded() / 10_000)/h"
    if let replacement = command.replacement {
      let node = launchPoolNode(replacement, reason: "consolidation replacement", in: &simulation)
      replacementsPending[node] = command.nodesToDelete
      log(simulation.now, .karpenterConsolidate, "node-\(node)", detail)
    } else {
      log(simulation.now, .karpenterConsolidate, "pool", detail)
      for n in command.nodesToDelete {
        drain(n, reason: "karpenter consolidation (\(command.method.rawValue))", in: &simulation)
      }
    }
    consolidationWaiting = true
  }

  /// A node joined: if it replaces consolidated nodes, they drain now.
  mutating func nodeJoined(_ node: Int, in simulation: inout Simulation<WorldEvent>) {
    guard let replaced = replacementsPending.removeValue(forKey: node) else { return }
    for n in replaced {
      drain(n, reason: "karpenter consolidation: replaced by node-\(node)", in: &simulation)
    }
  }

  // MARK: - Spot interruptions

  /// Draws when `node`'s spot capacity will be reclaimed: notices arrive as a Poisson process
  /// at the configured monthly rate per spot node.
  mutating func scheduleSpotInterruption(of node: Int, in simulation: inout Simulation<WorldEvent>) {
    guard let rate = nodeAutoscaling?.spotInterruptionsPerNodeMonth, rate > 0,
      nodeAutoscaling?.mode == .karpenter
    else { return }
    guard let gap = try? Distribution.exponential(mean: SimDuration.reportingMonth.inSeconds / rate)
    else { return }
    let seconds = gap.sample(using: &spotStream)
    guard seconds < scenario.horizon.inSeconds else { return }
    simulation.schedule(
      .spotInterruptionNotice(node: node, generation: nodes[node].generation),
      after: SimDuration(seconds: seconds))
  }

  /// EC2 warns that `node` will be reclaimed in two minutes: Karpenter cordons and drains it
  /// (budgets apply) and launches a replacement at once.
  mutating func spotInterruptionNotice(_ node: Int, in simulation: inout Simulation<WorldEvent>) {
    guard let settings = karpenterSettings, nodes[node].up,
      nodes[node].lifecycle == .running || nodes[node].lifecycle == .draining
    else { return }
    log(simulation.now, .spotInterruption, "node-\(node)", "two-minute notice")
    let response = Karpenter.handleSpotInterruption(
      nodeID: node, noticeAt: simulation.now, nodes: karpenterNodes(),
      disruptionsAllowed: disruptionsAllowed(), settings: settings)
    for launch in response.replacement.launches {
      _ = launchPoolNode(launch, reason: "spot interruption of node-\(node)", in: &simulation)
    }
    if nodes[node].lifecycle == .running {
      drain(node, reason: "spot interruption notice", in: &simulation)
    }
    simulation.schedule(
      .spotReclaimed(node: node, generation: nodes[node].generation),
      after: settings.spotInterruptionNotice)
  }
}
