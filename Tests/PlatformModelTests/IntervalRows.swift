@testable import PlatformModel

/// A time-series sink that keeps every row, for tests that look at a run interval by interval
/// (a run itself keeps none).
final class IntervalRows: IntervalSink {
  /// The rows received, in order.
  private(set) var rows: [IntervalRecord] = []

  func record(_ row: IntervalRecord) { rows.append(row) }
}

/// Runs `scenario` in full, as replication `replication`, and returns its result and its
/// time-series rows.
func simulateKeepingRows(_ scenario: PlatformScenario, replication: UInt64 = 0)
  -> (result: PlatformRunResult, rows: [IntervalRecord])
{
  let rows = IntervalRows()
  let result = simulate(scenario, replication: replication, timeSeries: rows)
  return (result, rows.rows)
}
