import SimKernel

/// The census of one service's pods, counted once and kept with the inputs it stays true for,
/// so that an autoscaler sync can reuse it instead of scanning the pod table again.
///
/// How the autoscaler groups a pod depends on the pod and node tables, on the autoscaler's
/// settings, on the sample's window and timestamp, and on the sync time. The pods' usage
/// depends only on the sample's figures, which metrics-server gives every measured pod of a
/// service alike, so each sync applies its own to the kept census (``apply(_:)``).
///
/// The tables are identified by the cluster's ``Cluster/version``, which every change to them
/// bumps; the settings never change during a run. Time enters the groups only through
/// thresholds (a container running for a whole window, and the two of
/// ``HPAPodGrouping/groupLasts(startTime:readyCondition:sample:resource:now:)``: a pod leaving
/// its CPU initialization period, a window passing since it became ready), so with the tables
/// and the window fixed,
/// every pod stays in its group from the counted timestamp and sync time until the first
/// threshold after each: ``sampleTimes`` and ``syncTimes`` end there. In a debug build every
/// reuse is checked against a recount.
struct HPAPodCensusMemo: Sendable {
  /// The census, with the usage of the last sample applied.
  var census: HPAPodCensus
  /// The cluster's ``Cluster/version`` when the pods were counted.
  var version: UInt64
  /// The sample window the pods were counted with.
  var window: SimDuration
  /// Sample timestamps that leave every pod in its group: from the counted one up to the first
  /// at which some pod would change group.
  var sampleTimes: Range<SimTime>
  /// Sync times that leave every pod in its group, likewise.
  var syncTimes: Range<SimTime>

  /// A memo that holds for no inputs: the next sync counts.
  static var empty: HPAPodCensusMemo {
    let never = SimTime.zero..<SimTime.zero
    return HPAPodCensusMemo(
      census: HPAPodCensus(cpuRequestMillicores: nil, memoryRequestBytes: nil), version: 0,
      window: .zero, sampleTimes: never, syncTimes: never)
  }

  /// Whether counting the pods at `version` with `sample` at `now` would put them in the
  /// groups ``census`` has.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  func holds(version: UInt64, metrics sample: ServiceMetrics, at now: SimTime) -> Bool {
    version == self.version && sample.window == window
      && sampleTimes.contains(sample.timestamp) && syncTimes.contains(now)
  }

  /// Sets the census' usage to `sample`'s figures for every measured pod.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  mutating func apply(_ sample: ServiceMetrics) {
    guard census.cpu.hasSamples else { return }
    census.setReadyPodUsage(
      cpuMillicores: PlatformWorld.roundedToInt64(sample.cpuCoresPerPod * 1_000),
      memoryBytes: PlatformWorld.roundedToInt64(sample.memoryMiBPerPod * 1_048_576))
  }
}
