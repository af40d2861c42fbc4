/// How much of a run `simulate(_:replication:detail:timeSeries:)` records.
package enum RunDetail: Sendable, Equatable {
  /// Everything the reports need: a row per reporting interval, built as the interval closes,
  /// counted into ``PlatformRunResult/nodesPerGroup`` and handed to the time-series sink, if
  /// the run has one.
  case full
  /// What experiments read: totals, incidents, releases, the latency histogram, capacity
  /// episodes and the cost, bit for bit as in a full run, without building the per-interval
  /// rows (``PlatformRunResult/nodesPerGroup`` holds empty statistics). The event log is still
  /// kept.
  case summary
}
