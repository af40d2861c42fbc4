/// Where a run sends its event log: one ``EventRecord`` per logged event, handed over as it
/// happens.
///
/// Without a sink the run keeps its events (``PlatformRunResult/events``), which is what tests
/// and replications read. With one the run keeps none, so a long run of a busy platform (a
/// year of a 1,000-pod cluster logs over a million events) costs no memory for its log: the
/// CLI's sink writes events.csv into the report folder as the run goes.
///
/// A sink is a reference: the caller that makes it keeps it, hands it to
/// `simulate(_:replication:detail:timeSeries:events:)`, and reads or closes it once the run
/// returns. A sink is called for every logged event, so it should only encode and buffer.
package protocol EventSink: AnyObject {
  /// Takes the event just logged; events arrive in time order.
  func record(_ event: EventRecord)
}
