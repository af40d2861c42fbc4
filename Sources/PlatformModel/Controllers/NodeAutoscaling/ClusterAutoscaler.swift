import SimKernel

/// The decisions of Kubernetes Cluster Autoscaler over AWS Auto Scaling groups, as pure functions.
///
/// The simulation calls ``scaleUp(pendingPods:groups:freeNodes:now:settings:using:)`` and
/// ``scaleDown(nodes:groups:now:history:disruptionsAllowed:drainsInProgress:settings:)`` every
/// ``Settings/scanInterval`` (scale-up first; when it adds nodes, skip scale-down that scan, as
/// upstream does) and acts on what they return: set a group's target size, cordon and drain a
/// node, delete a node. It keeps the state between scans (unneeded-since times, last scale-up,
/// requested nodes still booting) and passes it back in.
///
/// Sources: kubernetes/autoscaler cluster-autoscaler FAQ.md ("How does scale-up work?", "How does
/// scale-down work?", "What are Expanders?"), config/flags/flags.go (defaults),
/// estimator/binpacking_estimator.go and decreasing_pod_orderer.go (scale-up estimate),
/// expander/waste/waste.go (least-waste), simulator/utilization (utilization).
package enum ClusterAutoscaler {
  /// How the autoscaler chooses among node groups that could help pending pods.
  package enum Expander: String, Sendable, Hashable, CaseIterable {
    /// The group whose new nodes would leave the least idle CPU plus memory (the default since
    /// the flags moved to config/flags/flags.go).
    case leastWaste = "least-waste"
    /// The group the operator gave the highest priority.
    case priority
    /// Any group, uniformly at random.
    case random
    /// The group that would schedule the most pending pods.
    case mostPods = "most-pods"
  }

  /// Cluster Autoscaler's flags that the model uses, with upstream defaults.
  package struct Settings: Sendable, Hashable {
    /// How often the autoscaler runs (`--scan-interval`, 10 s).
    package var scanInterval: SimDuration = .seconds(10)
    /// How long a node must stay unneeded before removal (`--scale-down-unneeded-time`, 10 min).
    package var scaleDownUnneededTime: SimDuration = .minutes(10)
    /// No removals this long after a scale-up (`--scale-down-delay-after-add`, 10 min).
    package var scaleDownDelayAfterAdd: SimDuration = .minutes(10)
    /// No removals this long after a node deletion (`--scale-down-delay-after-delete`, 0).
    package var scaleDownDelayAfterDelete: SimDuration = .zero
    /// No removals this long after a failed removal (`--scale-down-delay-after-failure`, 3 min).
    package var scaleDownDelayAfterFailure: SimDuration = .minutes(3)
    /// A node is a removal candidate only below this utilization: the larger of the CPU and memory
    /// requests over allocatable (`--scale-down-utilization-threshold`, 0.5).
    package var scaleDownUtilizationThreshold: Double = 0.5
    /// Requested nodes that have not registered after this long count as a failed scale-up
    /// (`--max-node-provision-time`, 15 min).
    package var maxNodeProvisionTime: SimDuration = .minutes(15)
    /// Expanders applied in turn until one group is left; remaining ties are broken at random
    /// (`--expander`, least-waste).
    package var expanders: [Expander] = [.leastWaste]
    /// The most nodes removed in one scan, empty or not (`--max-scale-down-parallelism`, 10;
    /// older releases: `--max-empty-bulk-delete`, 10).
    package var maxScaleDownParallelism: Int = 10
    /// The most non-empty nodes drained at once (`--max-drain-parallelism`, 1): "Cluster
    /// Autoscaler terminates one non-empty node at a time".
    package var maxDrainParallelism: Int = 1
    /// The most nodes in all groups together, `nil` for no limit (`--max-nodes-total`, 0 = none).
    package var maxNodesTotal: Int? = nil
    /// First back-off of a group after a failed scale-up (`--initial-node-group-backoff-duration`,
    /// 5 min).
    package var initialNodeGroupBackoff: SimDuration = .minutes(5)
    /// Longest back-off (`--max-node-group-backoff-duration`, 30 min).
    package var maxNodeGroupBackoff: SimDuration = .minutes(30)

    /// Upstream defaults.
    package init() {}
  }

  /// An Auto Scaling group as the autoscaler sees it.
  package struct NodeGroup: Sendable, Hashable {
    /// The group's ID in the simulation.
    package var id: Int
    /// Allocatable CPU and memory of one node of the group (the template node).
    package var nodeAllocatable: ResourceAmount
    /// Target size: nodes running plus nodes requested and still booting.
    package var targetSize: Int
    /// Of ``targetSize``, nodes requested but not yet registered; the autoscaler counts them as
    /// empty template nodes so it does not ask for the same capacity twice.
    package var upcomingNodes: Int
    /// The fewest nodes the group may have.
    package var minSize: Int
    /// The most nodes the group may have.
    package var maxSize: Int
    /// Zones the group launches into. A pod that needs a zone is helped only by a group confined
    /// to that zone: the autoscaler treats every node of a group as identical, zone included, so
    /// upstream advises one group per zone for zonal workloads.
    package var zones: [Int]
    /// Priority for the `priority` expander; higher wins.
    package var priority: Int
    /// The group is skipped for scale-up until then, after a failed scale-up.
    package var backedOffUntil: SimTime?

    /// Creates a group.
    package init(
      id: Int, nodeAllocatable: ResourceAmount, targetSize: Int, upcomingNodes: Int = 0,
      minSize: Int, maxSize: Int, zones: [Int], priority: Int = 0, backedOffUntil: SimTime? = nil
    ) {
      self.id = id
      self.nodeAllocatable = nodeAllocatable
      self.targetSize = targetSize
      self.upcomingNodes = upcomingNodes
      self.minSize = minSize
      self.maxSize = maxSize
      self.zones = zones
      self.priority = priority
      self.backedOffUntil = backedOffUntil
    }

    /// Whether a template node of this group could run `pod` on its own.
    package func canEverRun(_ pod: AutoscalingPod) -> Bool {
      pod.requests.fits(in: nodeAllocatable) && (pod.zone == nil || zones == [pod.zone])
    }
  }

  /// A registered node of some group, for scale-down.
  package struct Node: Sendable, Hashable {
    /// The node's ID.
    package var id: Int
    /// The group it belongs to.
    package var groupID: Int
    /// Its zone.
    package var zone: Int?
    /// Allocatable CPU and memory.
    package var allocatable: ResourceAmount
    /// Pods running on it, DaemonSet pods included.
    package var pods: [AutoscalingPod]
    /// When it became unneeded, as returned by the previous scan; `nil` if it was not.
    package var unneededSince: SimTime?
    /// The `cluster-autoscaler.kubernetes.io/scale-down-disabled` annotation.
    package var scaleDownDisabled: Bool

    /// Creates a node.
    package init(
      id: Int, groupID: Int, zone: Int? = nil, allocatable: ResourceAmount,
      pods: [AutoscalingPod], unneededSince: SimTime? = nil, scaleDownDisabled: Bool = false
    ) {
      self.id = id
      self.groupID = groupID
      self.zone = zone
      self.allocatable = allocatable
      self.pods = pods
      self.unneededSince = unneededSince
      self.scaleDownDisabled = scaleDownDisabled
    }

    /// The sum of the requests of every pod on the node.
    package var requested: ResourceAmount {
      var total = ResourceAmount.zero
      for pod in pods { total += pod.requests }
      return total
    }

    /// CPU and memory not requested by any pod.
    package var free: ResourceAmount { allocatable - requested }

    /// Pods a drain would have to move: all but DaemonSet pods.
    package var movablePods: [AutoscalingPod] {
      pods.contains(where: \.isDaemon) ? pods.filter { !$0.isDaemon } : pods
    }

    /// Whether only DaemonSet pods run on the node.
    package var isEmpty: Bool { pods.allSatisfy(\.isDaemon) }
  }
}
