import SimKernel

/// The node autoscaler's settings and everything it keeps between scans: its random streams,
/// the Cluster Autoscaler's scale-down history and memos, whether a scan is due, and
/// Karpenter's consolidations in flight.
///
/// The decisions themselves are the pure functions of ``ClusterAutoscaler`` and ``Karpenter``;
/// `PlatformWorld+NodeAutoscaling` builds their inputs from the cluster and carries them out.
struct NodeAutoscalerState: Sendable {
  /// The scenario's node autoscaler, `nil` when node groups keep their size.
  let configuration: NodeAutoscalingConfiguration?
  let clusterAutoscalerSettings: ClusterAutoscaler.Settings
  let karpenterSettings: Karpenter.Settings?
  /// A drain refused by budgets this long is abandoned (Cluster Autoscaler); `nil`: never.
  let drainGiveUpAfter: SimDuration?
  /// Provisioning times and the `random` expander's choices (`nodes.provisioning`).
  var provisioningStream: RandomStream
  /// Spot interruption notices (`nodes.spot`).
  var spotStream: RandomStream
  var scaleDownHistory = ClusterAutoscaler.ScaleDownHistory()
  /// The last unneeded-node scan and the inputs it holds for.
  var unneededScanMemo: UnneededScanMemo?
  /// The cluster's version at the last Cluster Autoscaler scale-up that launched nothing.
  var fruitlessScaleUpVersion: UInt64?
  /// Scale-ups skipped as fruitless so far (a debug build checks some of them).
  var fruitlessScaleUpSkips = 0
  /// The cluster's `schedulingVersion` the last scan saw; a scan that would see it again, with
  /// no Pending pods and no timers running, has nothing to decide.
  var scannedVersion: UInt64 = .max
  /// Whether a scan is scheduled.
  var scanScheduled = false
  /// Whether a Karpenter consolidation could become possible with time alone.
  var consolidationWaiting = false
  /// Consolidation replacements still provisioning, and the nodes each will replace.
  var replacementsPending: [NodeID: [NodeID]] = [:]

  /// The autoscaler `configuration` describes, with settings from it, `prices` and what the
  /// DaemonSets take from every node, drawing from `streams`.
  init(
    configuration: NodeAutoscalingConfiguration?, prices: PriceTable, daemonSets: ResourceAmount,
    streams: RandomStreams
  ) {
    self.configuration = configuration
    var caSettings = ClusterAutoscaler.Settings()
    var poolSettings: Karpenter.Settings? = nil
    if let configuration {
      caSettings.scanInterval = configuration.scanInterval
      caSettings.scaleDownUnneededTime = configuration.scaleDownUnneededTime
      caSettings.scaleDownDelayAfterAdd = configuration.scaleDownDelayAfterAdd
      caSettings.scaleDownUtilizationThreshold = configuration.scaleDownUtilizationThreshold
      if configuration.mode == .karpenter {
        poolSettings = PlatformWorld.karpenterSettings(configuration, prices: prices, daemonSets: daemonSets)
      }
    }
    clusterAutoscalerSettings = caSettings
    karpenterSettings = poolSettings
    drainGiveUpAfter =
      configuration?.mode == .clusterAutoscaler ? configuration?.maxPodEvictionTime : nil
    provisioningStream = streams.stream(named: "nodes.provisioning")
    spotStream = streams.stream(named: "nodes.spot")
  }

  /// How long the next node takes from launch to registration (0 without a node autoscaler).
  mutating func sampleProvisioningSeconds() -> Double {
    max(0, configuration?.provisioningTime.sample(using: &provisioningStream) ?? 0)
  }

  /// A drain was given up at `time`: the Cluster Autoscaler's scale-down backs off from it.
  mutating func drainFailed(at time: SimTime) { scaleDownHistory.lastFailure = time }
}
