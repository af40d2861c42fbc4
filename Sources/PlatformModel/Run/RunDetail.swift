/// How much of a run `simulate(_:replication:detail:)` records.
package enum RunDetail: Sendable, Equatable {
  /// Everything the reports need, the per-interval time series included.
  case full
  /// What experiments read: totals, incidents, releases, the latency histogram, capacity
  /// episodes and the cost, bit for bit as in a full run, without the per-interval rows
  /// (``PlatformRunResult/intervals`` stays empty). The event log is still kept.
  case summary
}
