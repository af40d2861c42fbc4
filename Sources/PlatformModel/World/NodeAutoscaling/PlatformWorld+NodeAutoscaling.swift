import SimKernel

/// The node autoscaler's scans: Cluster Autoscaler scale-up and scale-down over the node
/// groups, or Karpenter provisioning, consolidation and spot interruption handling. The
/// decisions are the pure functions of ``ClusterAutoscaler`` and ``Karpenter``; this file
/// builds their inputs from the world and carries out what they return.
extension PlatformWorld {
  /// Schedules the first scan when the scenario has a node autoscaler.
  mutating func startNodeAutoscaler(in simulation: inout Simulation<WorldEvent>) {
    guard let configuration = nodeAutoscaler.configuration else { return }
    simulation.schedule(.nodeAutoscalerScan, after: configuration.scanInterval, priority: .high)
    nodeAutoscaler.scanScheduled = true
  }

  /// Schedules a scan at the next multiple of the scan interval if the cluster changed since
  /// the last one and none is scheduled.
  ///
  /// The autoscaler runs every scan interval, but a scan that finds the cluster as the last one
  /// left it, with no Pending pods and no timer running, decides nothing. So the world schedules
  /// scans only while there is something to decide, at the times the periodic loop would have
  /// run them.
  mutating func armNodeAutoscaler(in simulation: inout Simulation<WorldEvent>) {
    guard let configuration = nodeAutoscaler.configuration, !nodeAutoscaler.scanScheduled,
      cluster.schedulingVersion != nodeAutoscaler.scannedVersion
    else { return }
    let interval = configuration.scanInterval.microseconds
    let now = simulation.now.microsecondsSinceStart
    let next = SimTime(microsecondsSinceStart: (now / interval + 1) * interval)
    simulation.schedule(.nodeAutoscalerScan, after: next - simulation.now, priority: .high)
    nodeAutoscaler.scanScheduled = true
  }

  /// One scan: scale up for Pending pods first; when nothing was launched, look for nodes to
  /// remove. Schedules the next scan while Pending pods, unneeded-node timers, drains or a
  /// consolidation in waiting need one.
  mutating func nodeAutoscalerScan(in simulation: inout Simulation<WorldEvent>) {
    guard let configuration = nodeAutoscaler.configuration else { return }
    nodeAutoscaler.scanScheduled = false
    let pending = Array(cluster.pendingPods)
    switch configuration.mode {
    case .clusterAutoscaler:
      let launched = clusterAutoscalerScaleUp(pending: pending, in: &simulation)
      if !launched { clusterAutoscalerScaleDown(in: &simulation) }
    case .karpenter:
      let launched = karpenterProvision(pending: pending, in: &simulation)
      if !launched && pending.isEmpty { karpenterConsolidate(in: &simulation) }
    }
    nodeAutoscaler.scannedVersion = cluster.schedulingVersion
    let timersRunning =
      cluster.removedNodesWithTimer > 0
      || cluster.activeNodes.contains {
        cluster[$0].unneededSince != nil || cluster[$0].lifecycle == .draining
      }
    if !pending.isEmpty || timersRunning || nodeAutoscaler.consolidationWaiting {
      simulation.schedule(.nodeAutoscalerScan, after: configuration.scanInterval, priority: .high)
      nodeAutoscaler.scanScheduled = true
    }
  }

  /// The Karpenter pool's nodes' group: one past the node groups.
  var karpenterPool: NodeGroupID { NodeGroupID(scenario.platform.nodeGroups.count) }

  /// The scheduler's view of a pod, for the autoscalers.
  ///
  /// Reads the service's fields in place: copying its configuration out (arrays and all) for
  /// every pod of every node scan was most of a Cluster Autoscaler run.
  func autoscalingPod(_ pod: PodID) -> AutoscalingPod {
    let s = cluster[pod].service
    return AutoscalingPod(
      id: pod.index,
      requests: ResourceAmount(
        cpuMillicores: services[s].cpuRequestMillicores, memoryMiB: services[s].memoryRequestMiB,
        pods: 1),
      zone: nil, budgetID: services[s].disruptionBudget == nil ? nil : s.index)
  }

  /// Pods bound to `node` that still hold its resources.
  func podsBound(to node: NodeID) -> [AutoscalingPod] {
    let bound = cluster.pods(on: node)
    var views: [AutoscalingPod] = []
    views.reserveCapacity(bound.count)
    for pod in bound where cluster[pod].phase != .deleted { views.append(autoscalingPod(pod)) }
    return views
  }

  /// The scheduler's view of each of `pods`.
  ///
  /// A loop: `pods.map(autoscalingPod)` turns a method into a closure, which copies the world.
  func autoscalingPods(_ pods: [PodID]) -> [AutoscalingPod] {
    var views: [AutoscalingPod] = []
    views.reserveCapacity(pods.count)
    for pod in pods { views.append(autoscalingPod(pod)) }
    return views
  }

  /// A node's requests as free room for packing.
  func freeRoom(of node: NodeID) -> ResourceAmount {
    ResourceAmount(
      cpuMillicores: cluster[node].allocatableCPUMillicores - cluster[node].requestedCPUMillicores,
      memoryMiB: cluster[node].allocatableMemoryMiB - cluster[node].requestedMemoryMiB,
      pods: cluster[node].allocatablePods - cluster[node].boundPods)
  }

  /// The zone a new node of `group` launches in: of the group's zones that are up, the one
  /// with the fewest of its working nodes (Auto Scaling groups balance zones; Karpenter retries
  /// a launch that fails in a lost zone in another). `nil` when none of its zones is up: EC2
  /// cannot launch there.
  func launchZone(ofGroup group: NodeGroupID) -> ZoneID? {
    var counts = [Int](repeating: 0, count: network.zoneCount)
    for n in cluster.activeNodes
    where cluster[n].group == group && cluster[n].lifecycle != .removed && !cluster[n].isFailed {
      counts[cluster[n].zone.index] += 1
    }
    return zones(ofGroup: group).filter { network.isUp(zone: $0) }.min { a, b in
      counts[a.index] != counts[b.index] ? counts[a.index] < counts[b.index] : a.index < b.index
    }
  }

  // MARK: - Cluster Autoscaler

  /// The node groups as the Cluster Autoscaler sees them.
  func clusterAutoscalerGroups() -> [ClusterAutoscaler.NodeGroup] {
    scenario.platform.nodeGroups.enumerated().map { index, group in
      var target = 0
      var upcoming = 0
      for n in cluster.activeNodes where cluster[n].group.index == index {
        switch cluster[n].lifecycle {
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
        zones: zones(ofGroup: NodeGroupID(index)).map(\.index))
    }
  }

  /// Grows one node group for Pending pods; returns whether it launched nodes.
  ///
  /// A scan that launched nothing is remembered by the cluster's version: with no group backed
  /// off, the decision depends only on the Pending pods, the free room and the groups, all
  /// read from the cluster, and it draws no random number when there is no option to choose
  /// from. So until the cluster changes, later scans would launch nothing too and are skipped.
  mutating func clusterAutoscalerScaleUp(
    pending: [PodID], in simulation: inout Simulation<WorldEvent>
  ) -> Bool {
    guard !pending.isEmpty else { return false }
    if nodeAutoscaler.fruitlessScaleUpVersion == cluster.version {
      #if DEBUG
        // Checked against a fresh decision now and then where the tests run, as the unneeded
        // scan is.
        nodeAutoscaler.fruitlessScaleUpSkips += 1
        if nodeAutoscaler.fruitlessScaleUpSkips % 16 == 1 {
          var stream = nodeAutoscaler.provisioningStream
          precondition(
            scaleUpDecision(
              pending: pending, groups: clusterAutoscalerGroups(), at: simulation.now,
              using: &stream
            ).chosen == nil,
            "a scale-up skipped as fruitless would launch nodes at \(simulation.now)")
        }
      #endif
      return false
    }
    let groups = clusterAutoscalerGroups()
    var stream = nodeAutoscaler.provisioningStream
    let decision = scaleUpDecision(
      pending: pending, groups: groups, at: simulation.now, using: &stream)
    nodeAutoscaler.provisioningStream = stream
    guard let chosen = decision.chosen else {
      nodeAutoscaler.fruitlessScaleUpVersion = cluster.version
      return false
    }
    let group = scenario.platform.nodeGroups[chosen.groupID]
    let target = decision.newTargetSize(in: groups) ?? 0
    log(
      simulation.now, .clusterAutoscalerScaleUp, group.name,
      "\(pending.count) pending pods; +\(chosen.nodeCount) nodes, target size \(target)")
    for _ in 0..<chosen.nodeCount {
      _ = launchNode(
        group: NodeGroupID(chosen.groupID), instanceType: group.instanceType,
        purchase: group.purchase, reason: "cluster autoscaler scale-up", in: &simulation)
    }
    nodeAutoscaler.scaleDownHistory.lastScaleUp = simulation.now
    return true
  }

  /// The scale-up decision for `pending` over `groups` now (a scan's, or the debug-build check
  /// of a skipped one).
  func scaleUpDecision(
    pending: [PodID], groups: [ClusterAutoscaler.NodeGroup], at now: SimTime,
    using stream: inout RandomStream
  ) -> ClusterAutoscaler.ScaleUpDecision {
    var free: [PackingBin] = []
    for node in cluster.activeNodes where cluster[node].isSchedulable {
      free.append(
        PackingBin(nodeID: node.index, free: freeRoom(of: node), zone: cluster[node].zone.index))
    }
    return ClusterAutoscaler.scaleUp(
      pendingPods: autoscalingPods(pending), groups: groups, freeNodes: free,
      now: now, settings: nodeAutoscaler.clusterAutoscalerSettings, using: &stream)
  }

  /// Finds unneeded nodes and removes those unneeded long enough.
  ///
  /// The unneeded-node scan is reused while the cluster and the budgets are as it saw them
  /// (``UnneededScanMemo``); in a debug build every reuse is checked against a rescan.
  mutating func clusterAutoscalerScaleDown(in simulation: inout Simulation<WorldEvent>) {
    let allowed: [Int: Int]
    let scan: ClusterAutoscaler.UnneededScan
    if let memo = nodeAutoscaler.unneededScanMemo,
      memo.holds(clusterVersion: cluster.version, replicaTargets: workloads.replicaTarget)
    {
      allowed = memo.disruptionsAllowed
      scan = memo.scan
      #if DEBUG
        // The first reuse of each scan and every 16th after it are checked against a rescan
        // where the tests run (every reuse made a month of large-platform take 9 minutes).
        nodeAutoscaler.unneededScanMemo?.reuses += 1
        if (nodeAutoscaler.unneededScanMemo?.reuses ?? 0) % 16 == 1 {
          precondition(
            allowed == disruptionsAllowed()
              && scan == findUnneededNodes(disruptionsAllowed: allowed),
            "the reused unneeded-node scan differs from a rescan at \(simulation.now)")
        }
      #endif
    } else {
      allowed = disruptionsAllowed()
      scan = findUnneededNodes(disruptionsAllowed: allowed)
      nodeAutoscaler.unneededScanMemo = UnneededScanMemo(
        clusterVersion: cluster.version, replicaTargets: workloads.replicaTarget,
        disruptionsAllowed: allowed, scan: scan)
    }
    var draining = 0
    for n in cluster.activeNodes where cluster[n].lifecycle == .draining { draining += 1 }
    // The groups only bound removals, so a scan that found no unneeded node needs none.
    let decision = ClusterAutoscaler.chooseRemovals(
      scan, groups: scan.candidates.isEmpty ? [] : clusterAutoscalerGroups(), now: simulation.now,
      history: nodeAutoscaler.scaleDownHistory,
      disruptionsAllowed: allowed, drainsInProgress: draining,
      settings: nodeAutoscaler.clusterAutoscalerSettings)
    // Timers are written only where they change, so that a scan that changes nothing leaves
    // the cluster's version, and with it the memo, as they were.
    // (A dictionary, not an array over every node slot: slots grow with the horizon.)
    var since: [Int: SimTime] = [:]
    for unneeded in decision.unneeded { since[unneeded.nodeID] = unneeded.since }
    for n in cluster.activeNodes
    where cluster.nodes[n.index].isSchedulable && cluster.nodes[n.index].unneededSince != since[n.index] {
      cluster[n].unneededSince = since[n.index]
    }
    for n in decision.emptyNodesToDelete.map(NodeID.init) {
      cluster[n].lifecycle = .draining
      removeNode(n, reason: "cluster autoscaler: empty and unneeded", in: &simulation)
    }
    for n in decision.nodesToDrain.map(NodeID.init) {
      drain(n, reason: "cluster autoscaler: unneeded, pods fit elsewhere", in: &simulation)
    }
    if !decision.nodesToRemove.isEmpty { nodeAutoscaler.scaleDownHistory.lastDeletion = simulation.now }
  }

  /// The Cluster Autoscaler's unneeded-node scan over the registered, schedulable nodes.
  func findUnneededNodes(disruptionsAllowed allowed: [Int: Int]) -> ClusterAutoscaler.UnneededScan {
    var view: [ClusterAutoscaler.Node] = []
    for n in cluster.activeNodes where cluster[n].isSchedulable {
      view.append(
        ClusterAutoscaler.Node(
          id: n.index, groupID: cluster[n].group.index, zone: cluster[n].zone.index,
          allocatable: ResourceAmount(
            cpuMillicores: cluster[n].allocatableCPUMillicores,
            memoryMiB: cluster[n].allocatableMemoryMiB, pods: cluster[n].allocatablePods),
          pods: podsBound(to: n), unneededSince: cluster[n].unneededSince))
    }
    return ClusterAutoscaler.findUnneeded(
      nodes: view, disruptionsAllowed: allowed, settings: nodeAutoscaler.clusterAutoscalerSettings)
  }

  // MARK: - Karpenter

  /// The pool's settings: its instance types sized as the world sizes nodes and priced from
  /// the price table (spot at the table's spot share, both with the region multiplier).
  static func karpenterSettings(
    _ configuration: NodeAutoscalingConfiguration, prices: PriceTable, daemonSets: ResourceAmount
  ) -> Karpenter.Settings {
    let types = configuration.instanceTypes.compactMap { name -> Karpenter.InstanceType? in
      guard let entry = prices.instances.first(where: { $0.name == name }) else { return nil }
      let onDemand = entry.onDemandPerHour * prices.regionMultiplier
      return Karpenter.InstanceType(
        name: name, cpuCapacityMillicores: entry.vcpu * 1_000,
        allocatable: podAllocatable(
          cpuMillicores: entry.vcpu * 1_000, memoryMiB: entry.memoryMiB, maxPods: entry.maxPods,
          daemonSets: daemonSets),
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
    cluster.activeNodes.compactMap { n in
      let node = cluster[n]
      guard node.lifecycle != .removed, node.up || node.lifecycle == .provisioning else {
        return nil
      }
      let price = nodeAutoscaler.karpenterSettings?.instanceTypes.first { $0.name == node.instanceType }
        .flatMap { $0.price(node.purchase, allowed: [node.purchase]) } ?? 0
      return Karpenter.Node(
        id: n.index, isManaged: node.group == karpenterPool,
        instanceType: node.instanceType, capacityType: node.purchase, pricePerHour: price,
        cpuCapacityMillicores: node.capacityCPUMillicores,
        allocatable: ResourceAmount(
          cpuMillicores: node.allocatableCPUMillicores, memoryMiB: node.allocatableMemoryMiB,
          pods: node.allocatablePods),
        zone: node.zone.index, pods: podsBound(to: n), lastPodEventAt: node.lastPodChange,
        isDeleting: node.lifecycle == .draining)
    }
  }

  /// Launches NodeClaims for Pending pods; returns whether it launched any.
  mutating func karpenterProvision(pending: [PodID], in simulation: inout Simulation<WorldEvent>)
    -> Bool
  {
    guard !pending.isEmpty, let settings = nodeAutoscaler.karpenterSettings else { return false }
    let decision = Karpenter.provision(
      pendingPods: autoscalingPods(pending), nodes: karpenterNodes(), settings: settings)
    for launch in decision.launches {
      _ = launchPoolNode(launch, reason: "\(launch.podIDs.count) pending pods", in: &simulation)
    }
    return !decision.launches.isEmpty
  }

  /// Launches one node of the Karpenter pool.
  mutating func launchPoolNode(
    _ launch: Karpenter.Launch, reason: String, in simulation: inout Simulation<WorldEvent>
  ) -> NodeID? {
    launchNode(
      group: karpenterPool, zone: launch.zone.map(ZoneID.init), instanceType: launch.instanceType,
      purchase: launch.capacityType, reason: "karpenter: \(reason)", in: &simulation)
  }

  /// One consolidation pass: delete empty or underused pool nodes, or replace some with one
  /// cheaper node (the replacement first; the old nodes drain once it is Ready).
  mutating func karpenterConsolidate(in simulation: inout Simulation<WorldEvent>) {
    guard let settings = nodeAutoscaler.karpenterSettings, nodeAutoscaler.replacementsPending.isEmpty else {
      nodeAutoscaler.consolidationWaiting = !nodeAutoscaler.replacementsPending.isEmpty
      return
    }
    let decision = Karpenter.consolidate(
      nodes: karpenterNodes(), now: simulation.now, disruptionsAllowed: disruptionsAllowed(),
      settings: settings)
    nodeAutoscaler.consolidationWaiting = decision.blocked.values.contains(.notConsolidatableYet)
    guard let command = decision.command else { return }
    let detail = "\(command.method.rawValue): \(command.nodesToDelete.map { "node-\($0)" }.joined(separator: " ")), saves $\((command.savingsPerHour * 10_000).rounded() / 10_000)/h"
    if let replacement = command.replacement {
      guard
        let node = launchPoolNode(replacement, reason: "consolidation replacement", in: &simulation)
      else { return }
      nodeAutoscaler.replacementsPending[node] = command.nodesToDelete.map(NodeID.init)
      log(simulation.now, .karpenterConsolidate, "node-\(node)", detail)
    } else {
      log(simulation.now, .karpenterConsolidate, "pool", detail)
      for n in command.nodesToDelete.map(NodeID.init) {
        drain(n, reason: "karpenter consolidation (\(command.method.rawValue))", in: &simulation)
      }
    }
    nodeAutoscaler.consolidationWaiting = true
  }

  /// A node joined: if it replaces consolidated nodes, they drain now.
  mutating func nodeJoined(_ node: NodeID, in simulation: inout Simulation<WorldEvent>) {
    guard let replaced = nodeAutoscaler.replacementsPending.removeValue(forKey: node) else { return }
    for n in replaced {
      drain(n, reason: "karpenter consolidation: replaced by node-\(node)", in: &simulation)
    }
  }

  // MARK: - Spot interruptions

  /// Draws when `node`'s spot capacity will be reclaimed: notices arrive as a Poisson process
  /// at the configured monthly rate per spot node.
  mutating func scheduleSpotInterruption(of node: NodeID, in simulation: inout Simulation<WorldEvent>) {
    guard let rate = nodeAutoscaler.configuration?.spotInterruptionsPerNodeMonth, rate > 0,
      nodeAutoscaler.configuration?.mode == .karpenter
    else { return }
    guard let gap = try? Distribution.exponential(mean: SimDuration.reportingMonth.inSeconds / rate)
    else { return }
    let seconds = gap.sample(using: &nodeAutoscaler.spotStream)
    guard seconds < scenario.horizon.inSeconds else { return }
    simulation.schedule(
      .spotInterruptionNotice(node: node, generation: cluster[node].generation),
      after: SimDuration(seconds: seconds))
  }

  /// EC2 warns that `node` will be reclaimed in two minutes: Karpenter cordons and drains it
  /// (budgets apply) and launches a replacement at once.
  mutating func spotInterruptionNotice(_ node: NodeID, in simulation: inout Simulation<WorldEvent>) {
    guard let settings = nodeAutoscaler.karpenterSettings, cluster[node].up,
      cluster[node].lifecycle == .running || cluster[node].lifecycle == .draining
    else { return }
    log(simulation.now, .spotInterruption, "node-\(node)", "two-minute notice")
    let response = Karpenter.handleSpotInterruption(
      nodeID: node.index, noticeAt: simulation.now, nodes: karpenterNodes(),
      disruptionsAllowed: disruptionsAllowed(), settings: settings)
    for launch in response.replacement.launches {
      _ = launchPoolNode(launch, reason: "spot interruption of node-\(node)", in: &simulation)
    }
    if cluster[node].lifecycle == .running {
      drain(node, reason: "spot interruption notice", in: &simulation)
    }
    simulation.schedule(
      .spotReclaimed(node: node, generation: cluster[node].generation),
      after: settings.spotInterruptionNotice)
  }
}
