import SimKernel

/// The decisions of a Karpenter NodePool on AWS, as pure functions.
///
/// The simulation calls ``provision(pendingPods:nodes:settings:)`` when a batch of pending pods
/// closes (Karpenter waits ``Settings/batchIdleDuration`` after the last pod, at most
/// ``Settings/batchMaxDuration``), ``consolidate(nodes:now:disruptionsAllowed:settings:)`` on its
/// disruption loop (every 10 s upstream), and
/// ``handleSpotInterruption(nodeID:noticeAt:nodes:disruptionsAllowed:settings:)`` when an
/// interruption warning arrives. It launches, cordons, drains and deletes as told.
///
/// Sources: kubernetes-sigs/karpenter website docs concepts/disruption.md (consolidation
/// mechanisms and order, `consolidateAfter`, spot-to-spot and its 15-type flexibility rule,
/// NodePool disruption budgets `roundup(total * percent) - deleting`, interruption handling),
/// pkg/controllers/provisioning/scheduling (first-fit onto in-flight capacity, then new
/// NodeClaims that keep every instance type still fitting their pods; NodePool limits filter
/// instance types), designs/bin-packing.md (first-fit decreasing).
package enum Karpenter {
  /// Which nodes consolidation may touch (`spec.disruption.consolidationPolicy`).
  package enum ConsolidationPolicy: String, Sendable, Hashable {
    /// Only nodes with no pods other than DaemonSet pods.
    case whenEmpty = "WhenEmpty"
    /// Empty nodes, and nodes whose pods fit elsewhere or on one cheaper node.
    case whenEmptyOrUnderutilized = "WhenEmptyOrUnderutilized"
  }

  /// A NodePool's settings and the instance types it may launch.
  package struct Settings: Sendable, Hashable {
    /// Instance types the pool may launch, with sizes and prices.
    package var instanceTypes: [InstanceType]
    /// Capacity types allowed (`karpenter.sh/capacity-type`); upstream default on-demand only.
    /// With both, spot is preferred.
    package var capacityTypes: Set<PurchaseOption> = [.onDemand]
    /// The pool's CPU limit in millicores (`spec.limits.cpu`), `nil` for none. Launches whose
    /// vCPUs would take the pool's total past it are not made.
    package var cpuLimitMillicores: Int? = nil
    /// Which nodes consolidation may touch.
    package var consolidationPolicy: ConsolidationPolicy = .whenEmptyOrUnderutilized
    /// How long after a pod last arrived on or left a node before it may be consolidated
    /// (`spec.disruption.consolidateAfter`, default 0).
    package var consolidateAfter: SimDuration = .zero
    /// Nodes that voluntary disruption may take at once (`spec.disruption.budgets`, default
    /// `nodes: 10%`).
    package var disruptionBudgetNodes: IntOrPercent = .percent(10)
    /// Whether consolidation may replace a spot node with a cheaper spot node (the
    /// `SpotToSpotConsolidation` feature gate, off by default).
    package var spotToSpotConsolidation: Bool = false
    /// Cheaper spot types a single-node spot-to-spot replacement needs to choose from (15).
    package var spotToSpotMinimumFlexibility: Int = 15
    /// The most nodes multi-node consolidation looks at together (100).
    package var multiNodeConsolidationLimit: Int = 100
    /// Batching of pending pods: the window closes this long after the last pod (1 s)...
    package var batchIdleDuration: SimDuration = .seconds(1)
    /// ...or this long after the first (10 s).
    package var batchMaxDuration: SimDuration = .seconds(10)
    /// Warning time before EC2 reclaims a spot instance (2 min).
    package var spotInterruptionNotice: SimDuration = .minutes(2)

    /// Creates settings with upstream defaults for everything but the instance types.
    package init(instanceTypes: [InstanceType]) {
      self.instanceTypes = instanceTypes
    }

    /// The TByte node pool: spot and on-demand (spot preferred), a 10 vCPU limit,
    /// `WhenEmptyOrUnderutilized` after 1 min.
    package static func tbyte(instanceTypes: [InstanceType]) -> Settings {
      var settings = Settings(instanceTypes: instanceTypes)
      settings.capacityTypes = [.spot, .onDemand]
      settings.cpuLimitMillicores = 10_000
      settings.consolidationPolicy = .whenEmptyOrUnderutilized
      settings.consolidateAfter = .minutes(1)
      return settings
    }
  }

  /// A node launched by the pool (or other capacity pods may move to), for consolidation and
  /// interruption.
  package struct Node: Sendable, Hashable {
    /// The node's ID.
    package var id: Int
    /// Whether the pool owns it; only owned nodes are consolidated, all nodes receive pods.
    package var isManaged: Bool
    /// Its instance type's name (owned nodes).
    package var instanceType: String
    /// Spot or on-demand.
    package var capacityType: PurchaseOption
    /// What it costs per hour.
    package var pricePerHour: Double
    /// vCPUs in millicores, counted against the pool's CPU limit.
    package var cpuCapacityMillicores: Int
    /// Allocatable CPU and memory.
    package var allocatable: ResourceAmount
    /// Its zone.
    package var zone: Int?
    /// Pods on it, DaemonSet pods included.
    package var pods: [AutoscalingPod]
    /// When a pod last arrived on or left it (its launch time if none has).
    package var lastPodEventAt: SimTime
    /// Whether it is already being deleted (draining, or terminated).
    package var isDeleting: Bool

    /// Creates a node.
    package init(
      id: Int, isManaged: Bool = true, instanceType: String, capacityType: PurchaseOption,
      pricePerHour: Double, cpuCapacityMillicores: Int, allocatable: ResourceAmount,
      zone: Int? = nil, pods: [AutoscalingPod], lastPodEventAt: SimTime, isDeleting: Bool = false
    ) {
      self.id = id
      self.isManaged = isManaged
      self.instanceType = instanceType
      self.capacityType = capacityType
      self.pricePerHour = pricePerHour
      self.cpuCapacityMillicores = cpuCapacityMillicores
      self.allocatable = allocatable
      self.zone = zone
      self.pods = pods
      self.lastPodEventAt = lastPodEventAt
      self.isDeleting = isDeleting
    }

    /// CPU and memory not requested by any pod.
    package var free: ResourceAmount { allocatable - pods.map(\.requests).total() }

    /// Pods a drain would move: all but DaemonSet pods.
    package var movablePods: [AutoscalingPod] { pods.filter { !$0.isDaemon } }

    /// Whether only DaemonSet pods run on it.
    package var isEmpty: Bool { pods.allSatisfy(\.isDaemon) }

    /// The node as room for placing pods.
    var bin: PackingBin { PackingBin(nodeID: id, free: free, zone: zone) }
  }

  /// A node to launch.
  package struct Launch: Sendable, Hashable {
    /// The instance type chosen.
    package var instanceType: String
    /// Spot or on-demand.
    package var capacityType: PurchaseOption
    /// Its price per hour.
    package var pricePerHour: Double
    /// The zone it must be in, `nil` for any.
    package var zone: Int?
    /// The pending pods it is for.
    package var podIDs: [Int]
  }
}
