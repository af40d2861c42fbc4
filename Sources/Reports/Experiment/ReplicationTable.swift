import Experiments

/// replications.csv: one row per (variant, replication) with every metric at full precision,
/// the experiment's raw data and what shards are merged from.
///
/// Columns: `variant, replication`, then one per ``ExperimentMetric`` in case order (its
/// ``ExperimentMetric/column``). Numbers are written in their shortest form that reads back as
/// the same `Double` (``CSVTable/cell(_:)``), so reading the file gives back exactly the values
/// written; flags are `0` or `1`; an empty cell is a missing value. Rows are in variant-major
/// order.
package enum ReplicationTable {
  /// The file name.
  package static let fileName = "replications.csv"

  /// The header.
  package static var columns: [String] {
    ["variant", "replication"] + ExperimentMetric.allCases.map(\.column)
  }

  /// The CSV text of `rows`, in the order given.
  package static func text(_ rows: [ReplicationRow]) -> String {
    var writer = CSVWriter(columns: columns, reservingCapacity: 64 + rows.count * 160)
    for row in rows {
      writer.append(
        [CSVTable.cell(row.variant), CSVTable.cell(row.replication)]
          + row.outcome.values.map { $0.map(CSVTable.cell) ?? "" })
    }
    return writer.text
  }

  /// The rows of replications.csv text, in file order.
  ///
  /// Strict: the header must be exactly ``columns`` (a file from another version of the tool
  /// is rejected), and every cell must be what ``text(_:)`` writes.
  ///
  /// - Parameter file: names the file in errors.
  /// - Throws: ``ExperimentReadError`` naming the file, line and problem.
  package static func rows(fromText text: String, file: String) throws(ExperimentReadError)
    -> [ReplicationRow]
  {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    guard let header = lines.first else {
      throw ExperimentReadError(file: file, message: "is empty; expected a header line")
    }
    guard
      header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        == columns
    else {
      throw ExperimentReadError(
        file: file, line: 1,
        message: "the columns are not those of this version of platform-sim (expected "
          + "\(columns.joined(separator: ",")))")
    }
    let metrics = ExperimentMetric.allCases
    var rows: [ReplicationRow] = []
    rows.reserveCapacity(lines.count - 1)
    for (offset, line) in lines.dropFirst().enumerated() {
      let lineNumber = offset + 2
      func fail(_ message: String) -> ExperimentReadError {
        ExperimentReadError(file: file, line: lineNumber, message: message)
      }
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      guard cells.count == columns.count else {
        throw fail("has \(cells.count) cells; expected \(columns.count)")
      }
      guard let variant = Int(cells[0]), variant >= 0,
        let replication = Int(cells[1]), replication >= 0
      else {
        throw fail("variant and replication must be whole numbers (got \(cells[0]), \(cells[1]))")
      }
      var values: [Double?] = []
      values.reserveCapacity(metrics.count)
      for metric in metrics {
        let cell = cells[2 + metric.rawValue]
        if cell.isEmpty {
          guard metric.canBeMissing else { throw fail("\(metric.column) is empty") }
          values.append(nil)
          continue
        }
        guard let value = Double(cell), value.isFinite,
          metric.kind == .value || value == 0 || value == 1
        else {
          throw fail(
            "\(metric.column) must be "
              + (metric.kind == .flag ? "0 or 1" : "a finite number") + " (got \(cell))")
        }
        values.append(value)
      }
      rows.append(
        ReplicationRow(
          variant: variant, replication: replication,
          outcome: ReplicationOutcome(values: values)))
    }
    return rows
  }
}

/// A report file that cannot be read back: its name, the line if known, and what is wrong.
package struct ExperimentReadError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file as named.
  package var file: String
  /// The line, from 1, if the problem is on one.
  package var line: Int?
  /// What is wrong.
  package var message: String

  /// An error.
  package init(file: String, line: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message` or `file: message`.
  package var description: String {
    line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
  }
}
