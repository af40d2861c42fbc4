/// Where a run sends its time series: one ``IntervalRecord`` per reporting interval, handed
/// over as the interval closes.
///
/// The model keeps no rows, so a run's memory does not grow with its number of intervals: a
/// sink writes each row out (Reports' timeseries.csv, streamed into the report folder) or, in
/// tests, collects them. A run calls ``record(_:)`` once per reporting interval, outside the
/// per-event work, so a sink may format and buffer text.
///
/// A sink is a reference: the caller that makes it keeps it, hands it to
/// `simulate(_:replication:detail:timeSeries:)`, and reads or closes it once the run returns.
package protocol IntervalSink: AnyObject {
  /// Takes the row of the interval that just closed.
  ///
  /// Rows arrive in time order, one per reporting interval, the last one at the horizon.
  func record(_ row: IntervalRecord)
}
