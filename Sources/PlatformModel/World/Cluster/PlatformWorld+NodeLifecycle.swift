import SimKernel

/// Nodes from launch to deletion: the starting node groups, launches by an autoscaler,
/// cordon and drain (respecting PodDisruptionBudgets), deletion and billing.
extension PlatformWorld {
  /// Share of a node's CPU that pods can request (EKS reserves some for the system).
  static let allocatableCPUShare = 0.9
  /// Share of a node's memory that pods can request (kube-reserved plus eviction threshold).
  static let allocatableMemoryShare = 0.8
  /// How often a drain retries evictions a disruption budget refused (kubectl drain and
  /// Karpenter's terminator retry every few seconds).
  static let drainRetryInterval = SimDuration.seconds(5)

  /// The allocatable part of `capacity`: `share` of it, rounded down, but at least 1.
  ///
  /// An instance type of 1 MiB (which validates) had 0 MiB allocatable, and Cluster
  /// Autoscaler's utilisation of an empty node failed its precondition (a fuzz crasher).
  static func allocatable(_ capacity: Int, share: Double) -> Int {
    Swift.max(1, Int(Double(capacity) * share))
  }

  /// What one node of `instanceType` offers pods (its allocatable CPU, memory and pod slots,
  /// less what the DaemonSets take), and its size.
  func nodeShape(_ instanceType: String)
    -> (allocatable: ResourceAmount, cpuMillicores: Int, memoryMiB: Int)
  {
    let instance = scenario.prices.instances.first { $0.name == instanceType }
    let cpu = (instance?.vcpu ?? 2) * 1_000
    let memory = instance?.memoryMiB ?? 4_096
    let maxPods = instance?.maxPods ?? InstanceTypePrice.defaultMaxPods
    return (
      Self.podAllocatable(
        cpuMillicores: cpu, memoryMiB: memory, maxPods: maxPods,
        daemonSets: resolved.daemonSetsPerNode),
      cpu, memory
    )
  }

  /// What a node of this size offers pods: allocatable CPU and memory (``allocatableCPUShare``
  /// and ``allocatableMemoryShare`` of its size) and `maxPods` slots, less the DaemonSets'
  /// requests and pods. CPU and memory stay at least 1 (see ``allocatable(_:share:)``).
  static func podAllocatable(
    cpuMillicores: Int, memoryMiB: Int, maxPods: Int, daemonSets: ResourceAmount
  ) -> ResourceAmount {
    ResourceAmount(
      cpuMillicores: Swift.max(1, allocatable(cpuMillicores, share: allocatableCPUShare) - daemonSets.cpuMillicores),
      memoryMiB: Swift.max(1, allocatable(memoryMiB, share: allocatableMemoryShare) - daemonSets.memoryMiB),
      pods: Swift.max(0, maxPods - daemonSets.pods))
  }

  /// A node group's name, as reports show it (`karpenter` for the pool).
  func groupName(_ group: NodeGroupID) -> String { nodeGroupNames[group.index] }

  /// The zones `group`'s nodes may run in (every zone when the group names none).
  func zones(ofGroup group: NodeGroupID) -> [ZoneID] {
    let every = (0..<network.zoneCount).map(ZoneID.init)
    guard group.index < scenario.platform.nodeGroups.count else { return every }
    let names = scenario.platform.nodeGroups[group.index].zones
    return names.isEmpty ? every : names.compactMap { resolved.zoneIndex[$0] }
  }

  /// Creates each group's desired nodes, round-robin over its zones, running at time zero.
  mutating func buildNodes() {
    for (groupIndex, group) in scenario.platform.nodeGroups.enumerated() {
      let zones = zones(ofGroup: NodeGroupID(groupIndex))
      for n in 0..<group.desiredNodes {
        _ = addNode(
          group: NodeGroupID(groupIndex), zone: zones[n % zones.count], instanceType: group.instanceType,
          purchase: group.purchase, at: .zero, lifecycle: .running)
      }
    }
  }

  /// Appends a node and returns its index.
  mutating func addNode(
    group: NodeGroupID, zone: ZoneID, instanceType: String, purchase: PurchaseOption, at time: SimTime,
    lifecycle: NodeLifecycle
  ) -> NodeID {
    let shape = nodeShape(instanceType)
    let running = lifecycle == .running
    let node = cluster.addNode(
      NodeState(
        group: group, zone: zone, up: running, ready: running,
        allocatableCPUMillicores: shape.allocatable.cpuMillicores,
        allocatableMemoryMiB: shape.allocatable.memoryMiB, allocatablePods: shape.allocatable.pods,
        capacityCPUMillicores: shape.cpuMillicores, capacityMemoryMiB: shape.memoryMiB,
        lifecycle: lifecycle, instanceType: instanceType, purchase: purchase, launchedAt: time,
        lastPodChange: time))
    flowCursor.invalidate()
    return node
  }

  /// An autoscaler launches a node in `zone` (by default the group's ``launchZone(ofGroup:)``):
  /// it is billed from now and joins the cluster after a provisioning time drawn from the
  /// autoscaler's distribution.
  ///
  /// - Returns: the node, or `nil` when its zone is down (EC2 launches nothing there; the
  ///   autoscaler tries again at a later scan).
  mutating func launchNode(
    group: NodeGroupID, zone requested: ZoneID? = nil, instanceType: String,
    purchase: PurchaseOption, reason: String, in simulation: inout Simulation<WorldEvent>
  ) -> NodeID? {
    let zone = requested.flatMap { network.isUp(zone: $0) ? $0 : nil } ?? launchZone(ofGroup: group)
    guard let zone else {
      log(
        simulation.now, .nodeLaunchFailed, groupName(group),
        "\(instanceType) \(purchase.rawValue): no zone of the group is up (\(reason))")
      return nil
    }
    let node = addNode(
      group: group, zone: zone, instanceType: instanceType, purchase: purchase,
      at: simulation.now, lifecycle: .provisioning)
    let seconds = nodeAutoscaler.sampleProvisioningSeconds()
    log(
      simulation.now, .nodeLaunch, "node-\(node)",
      "\(instanceType) \(purchase.rawValue) in \(zoneName(zone)): \(reason)")
    simulation.schedule(
      .nodeRegistered(node: node, generation: cluster[node].generation),
      after: SimDuration(seconds: seconds))
    return node
  }

  /// A launched node registered and is Ready: Pending pods may land on it.
  mutating func nodeRegistered(_ node: NodeID, in simulation: inout Simulation<WorldEvent>) {
    guard cluster[node].lifecycle == .provisioning else { return }
    guard network.isUp(zone: cluster[node].zone) else {
      // Its zone was lost while it booted: the instance never joins (AWS fails it).
      removeNode(node, reason: "launch failed: zone \(zoneName(cluster[node].zone)) is down", in: &simulation)
      return
    }
    cluster[node].lifecycle = .running
    cluster[node].up = true
    cluster[node].ready = true
    cluster[node].lastPodChange = simulation.now
    cluster.markSchedulingChanged()
    log(simulation.now, .nodeReady, "node-\(node)", "registered after provisioning")
    if cluster[node].purchase == .spot { scheduleSpotInterruption(of: node, in: &simulation) }
    nodeJoined(node, in: &simulation)
    schedulePendingPods(in: &simulation)
  }

  /// Cordons `node` and starts evicting its pods through the eviction API.
  mutating func drain(_ node: NodeID, reason: String, in simulation: inout Simulation<WorldEvent>) {
    guard cluster[node].lifecycle == .running else { return }
    flowCursor.invalidate()
    cluster[node].lifecycle = .draining
    cluster[node].drainStarted = simulation.now
    cluster[node].unneededSince = nil
    cluster.markSchedulingChanged()
    log(simulation.now, .nodeDrain, "node-\(node)", reason)
    continueDrain(node, in: &simulation)
  }

  /// Evicts every pod on a draining node that its disruption budget allows, replacing each
  /// through its ReplicaSet; retries the refused ones later. Deletes the node once empty.
  mutating func continueDrain(_ node: NodeID, in simulation: inout Simulation<WorldEvent>) {
    guard cluster[node].lifecycle == .draining else { return }
    var refused = 0
    for pod in cluster.pods(on: node) {
      switch cluster[pod].phase {
      case .terminating, .deleted: continue
      default: break
      }
      let service = cluster[pod].service
      if evictionAllowed(pod) {
        log(simulation.now, .podEvicted, podName(pod), "drain of node-\(node)")
        terminate(pod, in: &simulation)
        scaleService(service, to: workloads.replicaTarget[service], in: &simulation)
      } else {
        refused += 1
      }
    }
    if refused > 0 {
      if let limit = nodeAutoscaler.drainGiveUpAfter, let started = cluster[node].drainStarted,
        simulation.now - started >= limit
      {
        cluster[node].lifecycle = .running
        cluster[node].drainStarted = nil
        cluster.markSchedulingChanged()
        nodeAutoscaler.drainFailed(at: simulation.now)
        log(simulation.now, .nodeDrainFailed, "node-\(node)",
          "\(refused) evictions refused by disruption budgets for \(limit); uncordoned")
        return
      }
      simulation.schedule(
        .nodeDrainRetry(node: node, generation: cluster[node].generation),
        after: Self.drainRetryInterval)
    }
    removeIfDrained(node, in: &simulation)
  }

  /// Whether the eviction API lets `pod` go now: its service's PodDisruptionBudget (if any)
  /// must allow one more disruption.
  func evictionAllowed(_ pod: PodID) -> Bool {
    let service = cluster[pod].service
    guard let rule = services[service].disruptionBudget else { return true }
    let budget = PodDisruptionBudget(id: service.index, rule: rule)
    let status = budget.status(
      healthyPods: cluster.readyCount(of: service), matchingPods: cluster.replicaCount(of: service),
      desiredReplicas: workloads.replicaTarget[service])
    return budget.canEvict(podIsReady: cluster[pod].phase == .ready, status: status)
  }

  /// `disruptionsAllowed` of each service's budget, keyed by service index.
  func disruptionsAllowed() -> [Int: Int] {
    var allowed: [Int: Int] = [:]
    for s in services.indices {
      guard let rule = services[s].disruptionBudget else { continue }
      let status = PodDisruptionBudget(id: s.index, rule: rule).status(
        healthyPods: cluster.readyCount(of: s), matchingPods: cluster.replicaCount(of: s),
        desiredReplicas: workloads.replicaTarget[s])
      allowed[s.index] = status.disruptionsAllowed
    }
    return allowed
  }

  /// Deletes a draining node once no pod is bound to it any more.
  mutating func removeIfDrained(_ node: NodeID, in simulation: inout Simulation<WorldEvent>) {
    guard cluster[node].lifecycle == .draining, !cluster.isHeld(node) else { return }
    removeNode(node, reason: "drained", in: &simulation)
  }

  /// Deletes `node` now: its instance stops being billed; pods still bound to it are gone and
  /// their ReplicaSets replace them.
  mutating func removeNode(_ node: NodeID, reason: String, in simulation: inout Simulation<WorldEvent>) {
    guard cluster[node].lifecycle != .removed else { return }
    flowCursor.invalidate()
    bill(node, until: simulation.now)
    cluster[node].lifecycle = .removed
    cluster[node].up = false
    cluster[node].ready = false
    cluster[node].generation += 1
    cluster.markSchedulingChanged()
    log(simulation.now, .nodeRemoved, "node-\(node)", reason)
    for pod in cluster.pods(on: node) {
      cluster.unbind(pod, at: flowCursor.integratedUntil)
      if cluster[pod].phase == .terminating || cluster[pod].phase == .deleted {
        cluster[pod].phase = .deleted
        cluster[pod].generation += 1
        continue
      }
      cluster[pod].inRotation = false
      schedule(pod, in: &simulation)
    }
  }

  /// Adds `node`'s time from launch to `time` to the node bill.
  mutating func bill(_ node: NodeID, until time: SimTime) {
    let n = cluster[node]
    guard n.lifecycle != .removed, time > n.launchedAt else { return }
    recorder.nodeBill.addNodeTime(instanceType: n.instanceType, purchase: n.purchase, duration: time - n.launchedAt)
  }

  /// Bills every node still in the cluster up to `time` (the end of the run).
  mutating func closeNodeBill(at time: SimTime) {
    for node in cluster.activeNodes { bill(node, until: time) }
  }

  /// Nodes per group that are provisioning, running or draining (the node count an autoscaler
  /// manages), the Karpenter pool last.
  func nodeCountsPerGroup() -> [Int] {
    var counts = [Int](repeating: 0, count: nodeGroupNames.count)
    for n in cluster.activeNodes where cluster[n].lifecycle != .removed {
      counts[cluster[n].group.index] += 1
    }
    return counts
  }
}
