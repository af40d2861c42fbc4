import SimKernel

/// The cluster's pods and nodes, and the indexes that let a handler touch only what an event
/// concerns: the pods on a node, the pods of a service, the Pending pods, the free pod slots.
///
/// Every change goes through the two subscripts' `_modify` (or the few mutating methods
/// below), which keep the indexes and ``version`` right, so no caller can forget them:
///
/// - the indexes are updated from the pod's service, node and phase before and after the
///   change (a handful of comparisons per write);
/// - ``version`` is bumped by every write to a pod or a node: anything computed from the two
///   tables at one version (a flow step, an HPA pod census) still holds at that version;
/// - ``schedulingVersion`` is bumped by every change the node autoscaler's decisions depend on
///   (bindings, Pending pods, node lifecycle), see ``markSchedulingChanged()``.
///
/// Each index lists IDs in ascending order, so iterating one visits the pods in the order a
/// scan of the whole table would: results do not depend on whether a handler scans or asks.
struct Cluster: Sendable {
  /// The pods, by slot; slots of deleted pods are reused (lowest first).
  private(set) var pods: [PodState] = []
  /// The nodes, by slot; removed nodes keep their slots.
  private(set) var nodes: [NodeState] = []
  /// Per node: the pods bound to it, in any phase.
  private var podsByNode: [PodIDSet] = []
  /// Per service: its pods, in any phase (deleted slots stay until reused).
  private var podsByService: PerService<PodIDSet>
  /// The pods waiting for a node.
  private(set) var pendingPods = PodIDSet()
  /// The deleted pods' slots, free for reuse.
  private var deletedPods = PodIDSet()
  /// The nodes any scan, the scheduler or the flow can look at, in ID order: every node not
  /// removed, and removed ones still marked up. Removed nodes keep their slots for good, so on
  /// a cluster whose autoscaler adds and removes nodes every day the slots grow with the
  /// horizon while these do not; a loop over them visits, in the same order, exactly the
  /// nodes a loop over every slot would pass through any filter that drops removed nodes that
  /// are down (``isActive(_:)``).
  private(set) var activeNodes: [NodeID] = []
  /// Removed nodes that still carry an unneeded timer (a node the Cluster Autoscaler deleted
  /// as empty keeps the one it had), which keep the node autoscaler's scans running.
  private(set) var removedNodesWithTimer = 0
  /// Bumped by every write to a pod or a node.
  private(set) var version: UInt64 = 0
  /// Bumped by every change the node autoscaler's decisions depend on.
  private(set) var schedulingVersion: UInt64 = 0
  /// Per service: what each of its pods requests from its node.
  let podRequests: PerService<ResourceAmount>
  /// Per service: whether its pods spread over zones (`topologySpreadConstraints` on zone).
  let zoneSpread: PerService<Bool>
  /// How many zones the cluster spans.
  let zoneCount: Int

  /// An empty cluster for pods of services with these requests and spread rules.
  init(podRequests: PerService<ResourceAmount>, zoneSpread: PerService<Bool>, zoneCount: Int) {
    self.podRequests = podRequests
    self.zoneSpread = zoneSpread
    self.zoneCount = zoneCount
    podsByService = PerService(repeating: PodIDSet(), count: podRequests.count)
  }

  /// A cluster holding these tables as they are, indexed (for tests and differential checks).
  init(
    podRequests: PerService<ResourceAmount>, zoneSpread: PerService<Bool>, zoneCount: Int, nodes: [NodeState],
    pods: [PodState]
  ) {
    self.init(podRequests: podRequests, zoneSpread: zoneSpread, zoneCount: zoneCount)
    for node in nodes { _ = addNode(node) }
    self.pods = pods
    for (index, pod) in pods.enumerated() {
      self.index(PodID(index), service: pod.service, node: pod.node, phase: pod.phase)
    }
  }

  // MARK: - Reading

  /// Every node slot, in order; fixed when taken, so nodes added while a loop runs over it
  /// are not visited (as with `indices`).
  var nodeIDs: NodeIDRange { NodeIDRange(nodes.indices) }

  /// The pods bound to `node`, in any phase, in ID order.
  func pods(on node: NodeID) -> PodIDSet { podsByNode[node.index] }

  /// The pods of `service`, in any phase (deleted ones until their slot is reused), in ID order.
  func pods(of service: ServiceID) -> PodIDSet { podsByService[service] }

  // MARK: - Writing

  /// One pod, read and written in place; the indexes follow the write.
  subscript(pod: PodID) -> PodState {
    // `_read`, not `get`: reading one field does not copy the whole pod.
    _read { yield pods[pod.index] }
    _modify {
      let before = (pods[pod.index].service, pods[pod.index].node, pods[pod.index].phase)
      version &+= 1
      yield &pods[pod.index]
      let after = pods[pod.index]
      if before.0 != after.service || before.1 != after.node || before.2 != after.phase {
        reindex(pod, from: before, to: (after.service, after.node, after.phase))
      }
    }
  }

  /// One node, read and written in place.
  subscript(node: NodeID) -> NodeState {
    // `_read`, not `get`: reading one field does not copy the whole node (and retain its
    // instance type's string).
    _read { yield nodes[node.index] }
    _modify {
      let wasActive = Self.isActive(nodes[node.index])
      let hadRemovedTimer = Self.isRemovedWithTimer(nodes[node.index])
      version &+= 1
      yield &nodes[node.index]
      let isActive = Self.isActive(nodes[node.index])
      if wasActive != isActive { setActive(node, isActive) }
      let hasRemovedTimer = Self.isRemovedWithTimer(nodes[node.index])
      if hadRemovedTimer != hasRemovedTimer { removedNodesWithTimer += hasRemovedTimer ? 1 : -1 }
    }
  }

  /// Whether a node is in ``activeNodes``.
  static func isActive(_ node: NodeState) -> Bool { node.lifecycle != .removed || node.up }

  /// Whether a node counts in ``removedNodesWithTimer``.
  static func isRemovedWithTimer(_ node: NodeState) -> Bool {
    node.lifecycle == .removed && node.unneededSince != nil
  }

  /// Adds `node` to ``activeNodes`` in ID order, or removes it (rare: a node is added or
  /// removed).
  private mutating func setActive(_ node: NodeID, _ active: Bool) {
    if active {
      activeNodes.insert(node, at: activeNodes.firstIndex { $0 > node } ?? activeNodes.endIndex)
    } else if let at = activeNodes.firstIndex(of: node) {
      activeNodes.remove(at: at)
    }
  }

  /// Creates a Pending, unbound pod of `service` running `revision`, in the lowest free slot
  /// (whose generation moves on, so events for the slot's last pod are stale) or a new one.
  mutating func createPod(service: ServiceID, revision: Int, at time: SimTime) -> PodID {
    if let slot = deletedPods.first {
      self[slot] = PodState(
        service: service, revision: revision, node: nil, phase: .pending, inRotation: false,
        generation: pods[slot.index].generation + 1, created: time)
      return slot
    }
    let pod = PodID(pods.count)
    pods.append(
      PodState(
        service: service, revision: revision, node: nil, phase: .pending, inRotation: false,
        generation: 0, created: time))
    version &+= 1
    index(pod, service: service, node: nil, phase: .pending)
    return pod
  }

  /// Appends a node.
  mutating func addNode(_ node: NodeState) -> NodeID {
    nodes.append(node)
    podsByNode.append(PodIDSet())
    version &+= 1
    schedulingVersion &+= 1
    let id = NodeID(nodes.count - 1)
    if Self.isActive(node) { activeNodes.append(id) }  // the highest ID so far
    return id
  }

  /// `node`'s container runtime now holds `image` (a pull finished, or a pod runs it).
  ///
  /// Written past the node subscript on purpose: no index, scheduling decision or flow rests
  /// on the images a node holds, so neither version moves.
  mutating func recordImage(_ image: ImageRef, on node: NodeID) {
    guard !nodes[node.index].images.contains(image) else { return }
    nodes[node.index].images.append(image)
  }

  /// Records a change the node autoscaler must look at (a pod left Pending unplaced, a drain
  /// given up); bindings and node changes made through ``bind(_:to:at:)``, ``unbind(_:at:)``
  /// and ``addNode(_:)`` record themselves.
  mutating func markSchedulingChanged() { schedulingVersion &+= 1 }

  /// Records that `pod` runs on `node`: the node's requests grow by the pod's.
  mutating func bind(_ pod: PodID, to node: NodeID, at time: SimTime) {
    let requests = podRequests[pods[pod.index].service]
    self[pod].node = node
    self[node].lastPodChange = time
    schedulingVersion &+= 1
    self[node].requestedCPUMillicores += requests.cpuMillicores
    self[node].requestedMemoryMiB += requests.memoryMiB
    self[node].boundPods += requests.pods
    precondition(
      self[node].boundPods <= self[node].allocatablePods,
      "node-\(node) holds \(self[node].boundPods) pods, above its \(self[node].allocatablePods) slots")
  }

  /// Releases `pod`'s requests from its node, if it is bound.
  mutating func unbind(_ pod: PodID, at time: SimTime) {
    guard let node = pods[pod.index].node else { return }
    let requests = podRequests[pods[pod.index].service]
    self[node].requestedCPUMillicores -= requests.cpuMillicores
    self[node].requestedMemoryMiB -= requests.memoryMiB
    self[node].boundPods -= requests.pods
    self[node].lastPodChange = time
    schedulingVersion &+= 1
    self[pod].node = nil
  }

  // MARK: - Indexes

  private mutating func reindex(
    _ pod: PodID, from before: (ServiceID, NodeID?, PodPhase), to after: (ServiceID, NodeID?, PodPhase)
  ) {
    if before.0 != after.0 {
      podsByService[before.0].remove(pod)
      podsByService[after.0].insert(pod)
    }
    if before.1 != after.1 {
      if let node = before.1 { podsByNode[node.index].remove(pod) }
      if let node = after.1 { podsByNode[node.index].insert(pod) }
    }
    if before.2 != after.2 {
      if before.2 == .pending { pendingPods.remove(pod) }
      if before.2 == .deleted { deletedPods.remove(pod) }
      if after.2 == .pending { pendingPods.insert(pod) }
      if after.2 == .deleted { deletedPods.insert(pod) }
    }
  }

  private mutating func index(_ pod: PodID, service: ServiceID, node: NodeID?, phase: PodPhase) {
    podsByService[service].insert(pod)
    if let node { podsByNode[node.index].insert(pod) }
    if phase == .pending { pendingPods.insert(pod) }
    if phase == .deleted { deletedPods.insert(pod) }
  }
}
