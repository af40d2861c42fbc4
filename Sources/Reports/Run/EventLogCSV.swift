import PlatformModel
import SimKernel

/// events.csv, written row by row as the run logs each event (format in docs/reports.md).
///
/// An ``EventSink``: each event is encoded into ``output`` the moment it is logged, and
/// neither the run nor the table keeps it. With a ``ReportFileStream`` the log goes to the
/// report folder as the run produces it; with a `String` it is built in memory, byte for byte
/// the same (``RunReport`` builds a kept log that way).
package final class EventLogCSV<Output: TextOutputStream>: EventSink {
  /// The table, header written.
  private var writer: CSVWriter<Output>

  /// An empty log written to `output`, starting with the header.
  package init(output: Output) {
    writer = CSVWriter(columns: ["time_s", "kind", "subject", "detail"], output: output)
  }

  /// Where the text went.
  package var output: Output { writer.output }

  /// Writes one event's row.
  package func record(_ event: EventRecord) {
    writer.append([
      CSVTable.cell(event.time.secondsSinceStart, decimals: 3), event.kind.rawValue,
      event.subject, event.detail,
    ])
  }
}

extension EventLogCSV where Output == String {
  /// A log built in memory.
  package convenience init() { self.init(output: "") }

  /// The table's text so far.
  package var text: String { output }
}
