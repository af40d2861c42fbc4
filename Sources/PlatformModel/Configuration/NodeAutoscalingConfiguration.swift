import SimKernel

/// What changes the number of worker nodes: the Kubernetes Cluster Autoscaler resizing the
/// node groups, or a Karpenter node pool launching right-sized nodes beside them.
///
/// Without one (the scenario's `nodeAutoscaling` is `null`) every node group keeps its desired
/// size for the whole run.
package struct NodeAutoscalingConfiguration: Sendable, Equatable {
  /// Which autoscaler runs.
  package enum Mode: String, Sendable, Equatable, CaseIterable {
    /// Cluster Autoscaler over the node groups (their `minNodes` / `maxNodes`).
    case clusterAutoscaler
    /// A Karpenter NodePool; the node groups stay at their size (a managed group for system
    /// pods, as TByte runs it) and the pool adds and consolidates its own nodes.
    case karpenter
  }

  /// Which autoscaler runs.
  package var mode: Mode
  /// How often the autoscaler looks at the cluster (Cluster Autoscaler `--scan-interval`;
  /// Karpenter's disruption loop polls at the same 10 s).
  package var scanInterval: SimDuration = .seconds(10)
  /// Time from the decision to launch a node to the node being Ready. Cluster Autoscaler over an
  /// Auto Scaling group: 3-5 minutes is the reported range; Karpenter: about 45-60 s.
  package var provisioningTime: Distribution
  /// Cluster Autoscaler: how long a node must stay unneeded before removal.
  package var scaleDownUnneededTime: SimDuration = .minutes(10)
  /// Cluster Autoscaler: no removals this long after a scale-up.
  package var scaleDownDelayAfterAdd: SimDuration = .minutes(10)
  /// Cluster Autoscaler: a node is a removal candidate below this utilisation of requests.
  package var scaleDownUtilizationThreshold: Double = 0.5
  /// Cluster Autoscaler: how long a drain may be refused by disruption budgets before it is
  /// abandoned (`--max-pod-eviction-time`, 2 min).
  package var maxPodEvictionTime: SimDuration = .minutes(2)
  /// Karpenter: the instance types the pool may launch (names from the price table).
  package var instanceTypes: [String] = []
  /// Karpenter: the purchase options the pool may use; spot is preferred when allowed.
  package var capacityTypes: [PurchaseOption] = [.onDemand]
  /// Karpenter: the most vCPUs the pool's nodes may have together (`limits.cpu`), if limited.
  package var cpuLimitCores: Int? = nil
  /// Karpenter: `WhenEmpty` or `WhenEmptyOrUnderutilized`.
  package var consolidationPolicy: Karpenter.ConsolidationPolicy = .whenEmptyOrUnderutilized
  /// Karpenter: how long a node's pods must be unchanged before it may be consolidated.
  package var consolidateAfter: SimDuration = .zero
  /// Karpenter: spot interruption notices per spot node per 30-day month (EC2's Spot Instance
  /// Advisor buckets: under 5 %, 5-10 %, 10-15 %, 15-20 %, over 20 %).
  package var spotInterruptionsPerNodeMonth: Double = 0.05

  /// An autoscaler of `mode` with its upstream defaults and a provisioning time.
  package init(mode: Mode, provisioningTime: Distribution) {
    self.mode = mode
    self.provisioningTime = provisioningTime
  }

  /// Cluster Autoscaler with upstream defaults; nodes Ready 3-5 minutes after the decision.
  package static var clusterAutoscaler: NodeAutoscalingConfiguration {
    guard let time = try? Distribution.uniform(min: 180, max: 300) else { preconditionFailure() }
    return NodeAutoscalingConfiguration(mode: .clusterAutoscaler, provisioningTime: time)
  }

  /// TByte's Karpenter NodePool: spot and on-demand (spot preferred), a 10 vCPU limit,
  /// `WhenEmptyOrUnderutilized` after 1 minute; nodes Ready 45-75 s after the decision.
  package static func karpenter(instanceTypes: [String]) -> NodeAutoscalingConfiguration {
    guard let time = try? Distribution.uniform(min: 45, max: 75) else { preconditionFailure() }
    var configuration = NodeAutoscalingConfiguration(mode: .karpenter, provisioningTime: time)
    configuration.instanceTypes = instanceTypes
    configuration.capacityTypes = [.spot, .onDemand]
    configuration.cpuLimitCores = 10
    configuration.consolidateAfter = .minutes(1)
    return configuration
  }
}
