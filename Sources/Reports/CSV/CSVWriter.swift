/// Writes CSV row by row to an output stream, keeping no rows.
///
/// The header is written when the writer is created; each ``append(_:)`` encodes its row
/// straight into ``output``, in exactly the format of ``CSVTable`` (see there), so a month of
/// one-minute rows (43,200) costs the text alone, not arrays of cells. With a `String` output the
/// text can be written to a file once at the end; a file-backed `TextOutputStream` can flush as
/// it goes.
package struct CSVWriter<Output: TextOutputStream> {
  /// The column names, written as the header.
  package let columns: [String]
  /// Where the text goes.
  package private(set) var output: Output
  /// Rows written so far, header not counted.
  package private(set) var rowCount = 0

  /// A writer that appends to `output`, starting with the header.
  ///
  /// - Precondition: `columns` is not empty.
  package init(columns: [String], output: Output) {
    precondition(!columns.isEmpty, "CSVWriter: a table needs at least one column")
    self.columns = columns
    self.output = output
    CSVTable.writeRecord(columns, to: &self.output)
  }

  /// Writes a row.
  ///
  /// - Precondition: `row.count == columns.count`.
  /// - Complexity: O(*n*), where *n* is the length of the row's text.
  package mutating func append(_ row: [String]) {
    CSVTable.checkWidth(row, columns: columns.count, rowIndex: rowCount)
    CSVTable.writeRecord(row, to: &output)
    rowCount += 1
  }
}

extension CSVWriter: Sendable where Output: Sendable {}

extension CSVWriter where Output == String {
  /// A writer that builds the text in a string, reserving `capacity` bytes up front.
  ///
  /// - Precondition: `columns` is not empty.
  package init(columns: [String], reservingCapacity capacity: Int = 0) {
    var text = ""
    text.reserveCapacity(capacity)
    self.init(columns: columns, output: text)
  }

  /// The text written so far.
  package var text: String { output }
}
