import PlatformModel
import Scenarios
import SimKernel

/// The report files of one run, as text: summary.json, timeseries.csv, incidents.csv,
/// releases.csv and events.csv (formats in docs/reports.md).
package struct RunReport: Sendable {
  /// The version of summary.json's schema; bump it on any incompatible change.
  package static let schemaVersion = 1

  /// File name and contents, in the order they are written.
  package var files: [(name: String, contents: String)]

  /// Builds the report of `result`.
  ///
  /// - Parameters:
  ///   - scenarioHash: the scenario file's content hash (or of the built-in reference).
  ///   - toolVersion: the simulator's version.
  package init(_ result: PlatformRunResult, scenarioHash: String, toolVersion: String) {
    let summary = RunSummary(result)
    files = [
      ("summary.json", JSONWriter().string(from: summary.json(scenarioHash: scenarioHash, toolVersion: toolVersion)) + "\n"),
      ("timeseries.csv", Self.timeSeries(result)),
      ("incidents.csv", Self.incidents(result)),
      ("releases.csv", Self.releases(result)),
      ("events.csv", Self.events(result)),
    ]
  }

  /// One row per reporting interval.
  static func timeSeries(_ result: PlatformRunResult) -> String {
    let services = result.scenario.platform.services.map(\.name)
    let groups = result.nodeGroupNames.map { "nodes_\($0)" }
    var writer = CSVWriter(
      columns: [
        "time_s", "requests_per_s", "requests", "failed_requests", "error_ratio",
        "latency_p50_ms", "latency_p95_ms", "latency_p99_ms",
      ] + services.map { "ready_pods_\($0)" } + services.map { "desired_replicas_\($0)" } + [
        "pending_pods", "nodes_up",
      ] + groups + [
        "cpu_of_requests", "cpu_of_capacity", "memory_of_requests",
        "memory_of_capacity", "database", "cache", "nat_gateways_up", "alerts_firing",
      ],
      reservingCapacity: result.intervals.count * 160)
    for r in result.intervals {
      let errorRatio = r.requests > 0 ? r.failedRequests / r.requests : 0
      writer.append(
        [
          CSVTable.cell(r.end.secondsSinceStart, decimals: 0),
          CSVTable.cell(r.requestsPerSecond, decimals: 3),
          CSVTable.cell(r.requests, decimals: 1),
          CSVTable.cell(r.failedRequests, decimals: 1),
          CSVTable.cell(errorRatio, decimals: 6),
          CSVTable.cell(r.latencyP50 * 1_000, decimals: 2),
          CSVTable.cell(r.latencyP95 * 1_000, decimals: 2),
          CSVTable.cell(r.latencyP99 * 1_000, decimals: 2),
        ] + r.readyPods.map(CSVTable.cell) + r.desiredReplicas.map(CSVTable.cell) + [
          CSVTable.cell(r.pendingPods), CSVTable.cell(r.nodesUp),
        ] + r.nodesPerGroup.map(CSVTable.cell) + [
          CSVTable.cell(r.cpuOfRequests, decimals: 4),
          CSVTable.cell(r.cpuOfCapacity, decimals: 4),
          CSVTable.cell(r.memoryOfRequests, decimals: 4),
          CSVTable.cell(r.memoryOfCapacity, decimals: 4),
          r.database, r.cache, CSVTable.cell(r.natGatewaysUp), CSVTable.cell(r.alertsFiring),
        ])
    }
    return writer.text
  }

  /// One row per incident.
  static func incidents(_ result: PlatformRunResult) -> String {
    var writer = CSVWriter(columns: [
      "id", "cause", "start_s", "detected_s", "detected_by", "severity", "acknowledged_s",
      "mitigated_s", "recovered_s", "time_to_detect_s", "time_to_restore_s", "failed_requests",
      "error_budget_spent",
    ])
    func seconds(_ t: SimTime?) -> String { t.map { CSVTable.cell($0.secondsSinceStart, decimals: 1) } ?? "" }
    for i in result.incidents {
      writer.append([
        CSVTable.cell(i.id), i.cause, seconds(i.start), seconds(i.detected), i.detectedBy ?? "",
        i.severity.map(CSVTable.cell) ?? "", seconds(i.acknowledged), seconds(i.mitigated),
        seconds(i.recovered), i.timeToDetect.map { CSVTable.cell($0.inSeconds, decimals: 1) } ?? "",
        CSVTable.cell(i.timeToRestore.inSeconds, decimals: 1),
        CSVTable.cell(i.failedRequests, decimals: 1), CSVTable.cell(i.errorBudgetSpent, decimals: 6),
      ])
    }
    return writer.text
  }

  /// One row per release.
  static func releases(_ result: PlatformRunResult) -> String {
    var writer = CSVWriter(columns: [
      "id", "service", "strategy", "quality", "rollback", "merged_s", "started_s", "ended_s",
      "outcome", "time_to_detect_s", "time_to_rollback_s", "failed_requests",
      "error_budget_spent", "peak_extra_pods", "extra_pod_hours", "extra_cost_usd", "analysis",
    ])
    func seconds(_ t: SimTime?) -> String { t.map { CSVTable.cell($0.secondsSinceStart, decimals: 1) } ?? "" }
    func duration(_ d: SimDuration?) -> String { d.map { CSVTable.cell($0.inSeconds, decimals: 1) } ?? "" }
    for r in result.releases {
      writer.append([
        CSVTable.cell(r.id), r.service, r.strategy, ReleaseSummary.describe(r.quality),
        r.isRollback ? "yes" : "no", seconds(r.merged), seconds(r.started), seconds(r.ended),
        r.outcome.rawValue, duration(r.timeToDetect), duration(r.timeToRollback),
        CSVTable.cell(r.failedRequests, decimals: 1), CSVTable.cell(r.errorBudgetSpent, decimals: 6),
        CSVTable.cell(r.peakExtraPods), CSVTable.cell(r.extraPodHours, decimals: 4),
        CSVTable.cell(r.extraPodHours * result.scenario.podHourPrice(of: r.service), decimals: 4),
        r.analysisMessage,
      ])
    }
    return writer.text
  }

  /// One row per logged event.
  static func events(_ result: PlatformRunResult) -> String {
    var writer = CSVWriter(columns: ["time_s", "kind", "subject", "detail"])
    for e in result.events {
      writer.append([CSVTable.cell(e.time.secondsSinceStart, decimals: 3), e.kind.rawValue, e.subject, e.detail])
    }
    return writer.text
  }
}
