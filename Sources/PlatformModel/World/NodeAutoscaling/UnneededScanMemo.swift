/// The Cluster Autoscaler's last unneeded-node scan, kept with the inputs it was computed
/// from, so that a scan of an unchanged cluster skips the what-if packing.
///
/// ``ClusterAutoscaler/findUnneeded(nodes:disruptionsAllowed:settings:)`` is a pure function
/// of the nodes it is shown (their pods, room and timers) and the budgets. The nodes are built
/// from the cluster's tables, identified by ``Cluster/version`` (which every write to a pod or
/// node bumps); the budgets' `disruptionsAllowed` follow from the pods and the replica targets,
/// so they are kept too. While the version and the targets are the same, so are the budgets
/// and the scan.
/// Scans run every scan interval while any node's unneeded timer runs, which on a large
/// cluster is nearly always, and most of them see a cluster no handler touched since the last.
struct UnneededScanMemo: Sendable {
  /// The cluster's version the scan was computed at (before the scan wrote any timer).
  var clusterVersion: UInt64
  /// The workloads' replica targets (`spec.replicas`) it was computed with.
  var replicaTargets: PerService<Int>
  /// The budgets' `disruptionsAllowed`, by service, at that version and those targets.
  var disruptionsAllowed: [Int: Int]
  /// What it found.
  var scan: ClusterAutoscaler.UnneededScan
  /// How often it has been reused (a debug build checks some reuses against a rescan).
  var reuses = 0

  /// Whether `scan` and `disruptionsAllowed` are what the cluster at `version` with these
  /// replica targets gives.
  func holds(clusterVersion version: UInt64, replicaTargets targets: PerService<Int>) -> Bool {
    version == clusterVersion && targets == replicaTargets
  }
}
