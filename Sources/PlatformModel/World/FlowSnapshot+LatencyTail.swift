/// The latency of successful requests as a prepared tail, for the report tick.
extension FlowSnapshot {
  /// Calls `body` with the tail of ``latency`` (the revision groups that serve entry traffic,
  /// weighted by their successful entry requests, in group order), prepared without building
  /// the mixture.
  ///
  /// - Complexity: O(*g*) for *g* revision groups, plus `body`.
  func withLatencyTail<Result>(_ body: (MixtureTail) throws -> Result) rethrows -> Result {
    try MixtureTail.withTail(of: groups, body)
  }
}
