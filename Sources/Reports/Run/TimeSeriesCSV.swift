import PlatformModel
import SimKernel

/// timeseries.csv, written row by row as the run closes each reporting interval (format in
/// docs/reports.md).
///
/// An ``IntervalSink``: each row is encoded into ``output`` the moment it arrives, and neither
/// the run nor the table keeps it. With a ``ReportFileStream`` the table goes to the report
/// folder as the run produces it, so a year of one-minute rows costs no memory; with a
/// `String` it is built in memory, byte for byte the same.
package final class TimeSeriesCSV<Output: TextOutputStream>: IntervalSink {
  /// The table, header written.
  private var writer: CSVWriter<Output>

  /// A table for the rows of a run of `scenario`, written to `output`, starting with the
  /// header: a column per service and per node group of the scenario's platform.
  package init(scenario: PlatformScenario, output: Output) {
    writer = CSVWriter(columns: Self.columns(of: scenario.platform), output: output)
  }

  /// The columns: times and traffic, ready pods and desired replicas per service, pods and
  /// nodes, nodes per node group, utilisation, data stores, NAT and alerts.
  static func columns(of platform: PlatformConfiguration) -> [String] {
    let services = platform.services.map(\.name)
    return [
      "time_s", "requests_per_s", "requests", "failed_requests", "error_ratio",
      "latency_p50_ms", "latency_p95_ms", "latency_p99_ms",
    ] + services.map { "ready_pods_\($0)" } + services.map { "desired_replicas_\($0)" } + [
      "pending_pods", "nodes_up",
    ] + platform.nodeGroupNames.map { "nodes_\($0)" } + [
      "cpu_of_requests", "cpu_of_capacity", "memory_of_requests",
      "memory_of_capacity", "database", "cache", "nat_gateways_up", "alerts_firing",
    ]
  }

  /// Where the text went.
  package var output: Output { writer.output }

  /// Rows written so far, header not counted.
  package var rowCount: Int { writer.rowCount }

  /// Writes the row of the interval that just closed.
  ///
  /// - Precondition: the row has a count per service and per node group of the scenario.
  /// - Complexity: O(*n*), where *n* is the length of the row's text.
  package func record(_ row: IntervalRecord) {
    let errorRatio = row.requests > 0 ? row.failedRequests / row.requests : 0
    writer.append(
      [
        CSVTable.cell(row.end.secondsSinceStart, decimals: 0),
        CSVTable.cell(row.requestsPerSecond, decimals: 3),
        CSVTable.cell(row.requests, decimals: 1),
        CSVTable.cell(row.failedRequests, decimals: 1),
        CSVTable.cell(errorRatio, decimals: 6),
        CSVTable.cell(row.latencyP50 * 1_000, decimals: 2),
        CSVTable.cell(row.latencyP95 * 1_000, decimals: 2),
        CSVTable.cell(row.latencyP99 * 1_000, decimals: 2),
      ] + row.readyPods.map(CSVTable.cell) + row.desiredReplicas.map(CSVTable.cell) + [
        CSVTable.cell(row.pendingPods), CSVTable.cell(row.nodesUp),
      ] + row.nodesPerGroup.map(CSVTable.cell) + [
        CSVTable.cell(row.cpuOfRequests, decimals: 4),
        CSVTable.cell(row.cpuOfCapacity, decimals: 4),
        CSVTable.cell(row.memoryOfRequests, decimals: 4),
        CSVTable.cell(row.memoryOfCapacity, decimals: 4),
        row.database, row.cache, CSVTable.cell(row.natGatewaysUp), CSVTable.cell(row.alertsFiring),
      ])
  }
}

extension TimeSeriesCSV where Output == String {
  /// A table built in memory, for a short run whose text is wanted whole.
  package convenience init(scenario: PlatformScenario) {
    self.init(scenario: scenario, output: "")
  }

  /// The table's text so far.
  package var text: String { output }
}
