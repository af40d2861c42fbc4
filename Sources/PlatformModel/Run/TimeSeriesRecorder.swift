import SimKernel

/// A run's time series as the run produces it: each reporting interval's row goes to the sink,
/// and what the reports need from all the rows is kept as running totals.
///
/// Nothing here grows with the number of intervals, so a year of one-minute intervals costs
/// the memory of a day. What the rows used to be kept for is accumulated as each interval
/// closes, in the order the rows had: the load balancer's capacity units (for the cost) and
/// each node group's node count (for summary.json's `nodes`).
package struct TimeSeriesRecorder {
  /// How much the run records: a summary run builds no rows.
  package let detail: RunDetail
  /// Where the rows go, if anywhere.
  private let sink: (any IntervalSink)?
  /// The load balancer's capacity units the intervals' offered load consumed, accumulated in
  /// a ledger of its own (its other figures stay zero).
  package private(set) var loadBalancer = CostLedger()
  /// Per node group (the Karpenter pool last, when there is one): its node count over the
  /// recorded rows; empty statistics in a summary run.
  package private(set) var nodesPerGroup: [NodeCountStatistics]

  /// A recorder for a run of `detail` whose platform has `nodeGroups` node groups (the
  /// Karpenter pool counted), sending rows to `sink`.
  ///
  /// - Precondition: no sink for a summary run, which builds no rows.
  package init(detail: RunDetail = .full, sink: (any IntervalSink)? = nil, nodeGroups: Int = 0) {
    precondition(
      detail == .full || sink == nil, "TimeSeriesRecorder: a summary run has no rows to send")
    self.detail = detail
    self.sink = sink
    nodesPerGroup = Array(repeating: NodeCountStatistics(), count: nodeGroups)
  }

  /// Whether the run builds a row per interval (``record(_:)``).
  package var recordsRows: Bool { detail == .full }

  /// Adds the load balancer's usage over an interval of `duration` that was offered
  /// `requestsPerSecond` on average. Called for every interval, in time order, rows or not.
  ///
  /// - Complexity: O(1).
  package mutating func addLoad(requestsPerSecond: Double, over duration: SimDuration) {
    loadBalancer.addLoadBalancerUsage(
      loadBalancerUsage(requestsPerSecond: requestsPerSecond), duration: duration)
  }

  /// Takes the row of the interval that just closed: counts its nodes and sends it to the
  /// sink.
  ///
  /// - Precondition: ``recordsRows``, and the row has a count per node group.
  /// - Complexity: O(*g*) for *g* node groups, plus the sink's work.
  package mutating func record(_ row: IntervalRecord) {
    precondition(recordsRows, "TimeSeriesRecorder: a summary run records no rows")
    precondition(
      row.nodesPerGroup.count == nodesPerGroup.count,
      "TimeSeriesRecorder: \(row.nodesPerGroup.count) node counts for \(nodesPerGroup.count) groups")
    for g in nodesPerGroup.indices { nodesPerGroup[g].record(row.nodesPerGroup[g]) }
    sink?.record(row)
  }
}
