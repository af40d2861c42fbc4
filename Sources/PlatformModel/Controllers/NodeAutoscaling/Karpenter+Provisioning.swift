extension Karpenter {
  /// Where a pending pod goes on capacity that already exists (or is already launching).
  package struct Placement: Sendable, Hashable {
    /// The pod.
    package var podID: Int
    /// The node it fits on.
    package var nodeID: Int
  }

  /// What one provisioning pass decided.
  package struct ProvisioningDecision: Sendable, Hashable {
    /// Nodes to launch now.
    package var launches: [Launch]
    /// Pods that fit on existing or launching nodes: no new node for them.
    package var placedOnExistingNodes: [Placement]
    /// Pods no allowed instance type can run within the pool's limit.
    package var unschedulable: [Int]

    /// vCPUs launched, in millicores.
    package func launchedCPUMillicores(in settings: Settings) -> Int {
      launches.reduce(0) { sum, launch in
        sum
          + (settings.instanceTypes.first { $0.name == launch.instanceType }?.cpuCapacityMillicores
            ?? 0)
      }
    }
  }

  /// Chooses nodes to launch for a batch of pending pods.
  ///
  /// Pods go largest first (CPU, then memory). Each tries the free room of existing nodes not
  /// being deleted, first fit by node ID; then the NodeClaims drafted so far, fewest pods first;
  /// else it opens a new NodeClaim whose options are every instance type that fits it, has an
  /// allowed offering and whose vCPUs fit in what the CPU limit leaves (the limit is charged the
  /// largest option's vCPUs, as upstream's `subtractMax`). A NodeClaim keeps the options that
  /// still fit all its pods. Each NodeClaim then launches on spot if spot is allowed and
  /// available for one of its options (Karpenter prefers spot when both are allowed), on the
  /// cheapest such type, so a batch that fits one node gets the cheapest type that fits it all.
  ///
  /// - Parameters:
  ///   - pendingPods: the batch.
  ///   - nodes: every node: free room for the pods, and (owned nodes, deleting ones included)
  ///     the pool's CPU use against its limit.
  ///   - settings: the pool.
  package static func provision(
    pendingPods: [AutoscalingPod], nodes: [Node], settings: Settings
  ) -> ProvisioningDecision {
    let destinations = nodes.filter { !$0.isDeleting }.sorted { $0.id < $1.id }.map(\.bin)
    let plan = simulate(
      pods: pendingPods, destinations: destinations,
      remainingCPU: remainingCPU(nodes: nodes, excluding: [], settings: settings),
      settings: settings)
    var launches: [Launch] = []
    var unschedulable = plan.unschedulable
    for draft in plan.drafts {
      if let launch = cheapestLaunch(for: draft, settings: settings) {
        launches.append(launch)
      } else {
        unschedulable += draft.pods.map(\.id)
      }
    }
    return ProvisioningDecision(
      launches: launches, placedOnExistingNodes: plan.placements,
      unschedulable: unschedulable.sorted())
  }

  /// A NodeClaim being filled in a what-if.
  struct NodeClaimDraft: Sendable, Hashable {
    /// Pods on it.
    var pods: [AutoscalingPod] = []
    /// Their summed requests.
    var requested: ResourceAmount = .zero
    /// Indices into ``Settings/instanceTypes`` still able to run them all.
    var options: [Int]
    /// The zone its pods need, `nil` for any.
    var zone: Int?

    /// The draft with `pod` added, or `nil` if no option can take it.
    func adding(_ pod: AutoscalingPod, types: [InstanceType]) -> NodeClaimDraft? {
      if let needed = pod.zone, let own = zone, needed != own { return nil }
      let total = requested + pod.requests
      let kept = options.filter { total.fits(in: types[$0].allocatable) }
      guard !kept.isEmpty else { return nil }
      return NodeClaimDraft(
        pods: pods + [pod], requested: total, options: kept, zone: zone ?? pod.zone)
    }
  }

  /// Karpenter's scheduling what-if: existing room first, then NodeClaim drafts.
  ///
  /// - Parameters:
  ///   - priceCeiling: when set, only offerings strictly cheaper are options (consolidation).
  ///   - capacityTypes: offerings considered; the pool's when `nil`.
  static func simulate(
    pods: [AutoscalingPod], destinations: [PackingBin], remainingCPU: Int?,
    settings: Settings, priceCeiling: Double? = nil, capacityTypes: Set<PurchaseOption>? = nil
  ) -> (placements: [Placement], drafts: [NodeClaimDraft], unschedulable: [Int]) {
    let types = settings.instanceTypes
    let allowed = capacityTypes ?? settings.capacityTypes
    var bins = destinations
    var drafts: [NodeClaimDraft] = []
    var placements: [Placement] = []
    var unschedulable: [Int] = []
    var cpuLeft = remainingCPU
    let offered = types.indices.filter { index in
      [PurchaseOption.spot, .onDemand].contains { capacityType in
        guard let price = types[index].price(capacityType, allowed: allowed) else { return false }
        return priceCeiling.map { price < $0 } ?? true
      }
    }
    for pod in pods.sortedByCPUThenMemoryDescending() {
      if let index = PackingBin.placeFirstFit(pod, in: &bins) {
        placements.append(Placement(podID: pod.id, nodeID: bins[index].nodeID))
        continue
      }
      let byFewestPods = drafts.indices.sorted {
        drafts[$0].pods.count != drafts[$1].pods.count
          ? drafts[$0].pods.count < drafts[$1].pods.count : $0 < $1
      }
      if let index = byFewestPods.first(where: { drafts[$0].adding(pod, types: types) != nil }),
        let grown = drafts[index].adding(pod, types: types)
      {
        drafts[index] = grown
        continue
      }
      let options = offered.filter { index in
        pod.requests.fits(in: types[index].allocatable)
          && (cpuLeft.map { types[index].cpuCapacityMillicores <= $0 } ?? true)
      }
      guard let largest = options.map({ types[$0].cpuCapacityMillicores }).max(),
        let draft = NodeClaimDraft(options: options, zone: nil).adding(pod, types: types)
      else {
        unschedulable.append(pod.id)
        continue
      }
      cpuLeft = cpuLeft.map { $0 - largest }
      drafts.append(draft)
    }
    return (placements, drafts, unschedulable)
  }

  /// The launch for a draft: spot if offered for one of its options, then the cheapest type.
  ///
  /// - Parameters:
  ///   - priceCeiling: when set, only offerings strictly cheaper count.
  ///   - capacityTypes: offerings considered; the pool's when `nil`.
  static func cheapestLaunch(
    for draft: NodeClaimDraft, settings: Settings, priceCeiling: Double? = nil,
    capacityTypes: Set<PurchaseOption>? = nil
  ) -> Launch? {
    let allowed = capacityTypes ?? settings.capacityTypes
    for capacityType in [PurchaseOption.spot, .onDemand] {
      let offers = draft.options.compactMap { index -> (index: Int, price: Double)? in
        guard let price = settings.instanceTypes[index].price(capacityType, allowed: allowed),
          priceCeiling.map({ price < $0 }) ?? true
        else { return nil }
        return (index, price)
      }
      guard
        let best = offers.min(by: {
          $0.price != $1.price ? $0.price < $1.price : $0.index < $1.index
        })
      else { continue }
      return Launch(
        instanceType: settings.instanceTypes[best.index].name, capacityType: capacityType,
        pricePerHour: best.price, zone: draft.zone, podIDs: draft.pods.map(\.id).sorted())
    }
    return nil
  }

  /// What the CPU limit leaves, counting owned nodes (deleting ones too) except `excluded`.
  static func remainingCPU(nodes: [Node], excluding excluded: Set<Int>, settings: Settings) -> Int?
  {
    settings.cpuLimitMillicores.map { limit in
      limit
        - nodes.filter { $0.isManaged && !excluded.contains($0.id) }
        .reduce(0) { $0 + $1.cpuCapacityMillicores }
    }
  }
}
