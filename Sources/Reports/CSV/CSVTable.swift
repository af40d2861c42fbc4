/// A table of text cells under named columns, written as CSV.
///
/// The text follows RFC 4180 with one departure: records end with LF, not CRLF. LF keeps
/// committed results diff-friendly and is what Unix tools expect; Python's csv module, pandas,
/// R, spreadsheet programs and RFC 4180 parsers all read it. Precisely:
/// - the first record is the header (the column names);
/// - cells are separated by commas and every record, the last included, ends with `"\n"`;
/// - a cell containing a comma, a double quote, CR or LF is enclosed in double quotes, with each
///   double quote inside doubled; other cells are written as they are (spaces are kept);
/// - in a one-column table an empty cell is written as `""`, so that its record is not a blank
///   line (which many readers skip).
///
/// Cells are text: format numbers with ``cell(_:decimals:)`` and ``cell(_:)`` so output does
/// not depend on the locale or platform. For long time series, ``CSVWriter`` encodes each row
/// as it arrives instead of keeping the cells.
package struct CSVTable: Sendable, Equatable {
  /// The column names, written as the header.
  package private(set) var columns: [String]
  /// The rows, each with one cell per column.
  package private(set) var rows: [[String]] = []

  /// An empty table with the given columns.
  ///
  /// - Precondition: `columns` is not empty.
  package init(columns: [String]) {
    precondition(!columns.isEmpty, "CSVTable: a table needs at least one column")
    self.columns = columns
  }

  /// A table with the given columns and rows.
  ///
  /// - Precondition: `columns` is not empty and every row has `columns.count` cells.
  package init(columns: [String], rows: [[String]]) {
    self.init(columns: columns)
    for row in rows { append(row) }
  }

  /// Adds a row at the end.
  ///
  /// - Precondition: `row.count == columns.count`.
  /// - Complexity: Amortized O(1).
  package mutating func append(_ row: [String]) {
    Self.checkWidth(row, columns: columns.count, rowIndex: rows.count)
    rows.append(row)
  }

  /// The whole table as CSV text: the header, then each row, each ending with `"\n"`.
  package var text: String {
    var output = ""
    write(to: &output)
    return output
  }

  /// Writes the table as CSV text to `output`.
  ///
  /// - Complexity: O(*n*), where *n* is the length of the text.
  package func write(to output: inout some TextOutputStream) {
    Self.writeRecord(columns, to: &output)
    for row in rows { Self.writeRecord(row, to: &output) }
  }

  /// Traps unless `row` has one cell per column.
  static func checkWidth(_ row: [String], columns: Int, rowIndex: Int) {
    precondition(
      row.count == columns,
      "CSV row \(rowIndex) has \(row.count) cells but the table has \(columns) columns")
  }

  /// Writes one record: the cells, quoted where needed, separated by commas, then `"\n"`.
  static func writeRecord(_ cells: [String], to output: inout some TextOutputStream) {
    if cells.count == 1 && cells[0].isEmpty {
      output.write("\"\"\n")
      return
    }
    for (index, cell) in cells.enumerated() {
      if index > 0 { output.write(",") }
      writeField(cell, to: &output)
    }
    output.write("\n")
  }

  /// Writes one cell, enclosed in quotes with quotes doubled if it holds `,`, `"`, CR or LF.
  static func writeField(_ cell: String, to output: inout some TextOutputStream) {
    let needsQuotes = cell.utf8.contains { byte in
      byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
        || byte == UInt8(ascii: "\r")
    }
    guard needsQuotes else {
      output.write(cell)
      return
    }
    output.write("\"")
    var pieces = cell.unicodeScalars.split(separator: "\"", omittingEmptySubsequences: false)
      .makeIterator()
    if let first = pieces.next() { output.write(String(first)) }
    while let piece = pieces.next() {
      output.write("\"\"")
      output.write(String(piece))
    }
    output.write("\"")
  }
}
