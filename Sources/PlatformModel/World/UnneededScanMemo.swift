/// The Cluster Autoscaler's last unneeded-node scan, kept with the inputs it was computed
/// from, so that a scan of an unchanged cluster skips the what-if packing.
///
/// ``ClusterAutoscaler/findUnneeded(nodes:disruptionsAllowed:settings:)`` is a pure function
/// of the nodes it is shown (their pods, room and timers) and the budgets. The nodes are built
/// from the cluster's tables, identified by ``Cluster/version`` (which every write to a pod or
/// node bumps); the budgets are compared whole. While both are the same the scan is the same.
/// Scans run every scan interval while any node's unneeded timer runs, which on a large
/// cluster is nearly always, and most of them see a cluster no handler touched since the last.
struct UnneededScanMemo: Sendable {
  /// The cluster's version the scan was computed at (before the scan wrote any timer).
  var clusterVersion: UInt64
  /// The budgets' `disruptionsAllowed` it was computed with.
  var disruptionsAllowed: [Int: Int]
  /// What it found.
  var scan: ClusterAutoscaler.UnneededScan

  /// Whether `scan` is what a scan of the cluster at `version` with these budgets would find.
  func holds(clusterVersion version: UInt64, disruptionsAllowed allowed: [Int: Int]) -> Bool {
    version == clusterVersion && allowed == disruptionsAllowed
  }
}
