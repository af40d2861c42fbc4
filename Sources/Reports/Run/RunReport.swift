import PlatformModel
import Scenarios
import SimKernel

/// The report files of one run that are written once the run is over, as text: summary.json,
/// incidents.csv, releases.csv and, when the run kept its event log, events.csv (formats in
/// docs/reports.md).
///
/// timeseries.csv is written while the run goes, by a ``TimeSeriesCSV`` given to `simulate`
/// as its time-series sink (``timeSeriesName``); the CLI streams events.csv the same way, with
/// an ``EventLogCSV`` (``eventsName``).
package struct RunReport: Sendable {
  /// The version of summary.json's schema; bump it on any incompatible change.
  package static let schemaVersion = 1

  /// The file the run's ``TimeSeriesCSV`` goes to.
  package static let timeSeriesName = "timeseries.csv"
  /// The file the run's event log goes to.
  package static let eventsName = "events.csv"

  /// File name and contents, in the order they are written.
  package var files: [(name: String, contents: String)]

  /// Builds the report of `result`.
  ///
  /// - Parameters:
  ///   - scenarioHash: the scenario file's content hash (or of the built-in reference).
  ///   - toolVersion: the simulator's version.
  ///   - eventsStreamed: whether the run's event log went to an ``EventLogCSV`` already (then
  ///     there is no events.csv to write here).
  package init(
    _ result: PlatformRunResult, scenarioHash: String, toolVersion: String,
    eventsStreamed: Bool = false
  ) {
    let summary = RunSummary(result)
    files = [
      ("summary.json", JSONWriter().string(from: summary.json(scenarioHash: scenarioHash, toolVersion: toolVersion)) + "\n"),
      ("incidents.csv", Self.incidents(result)),
      ("releases.csv", Self.releases(result)),
    ]
    if !eventsStreamed { files.append((Self.eventsName, Self.events(result))) }
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

  /// One row per logged event, for a run that kept its log.
  static func events(_ result: PlatformRunResult) -> String {
    let log = EventLogCSV()
    for event in result.events { log.record(event) }
    return log.text
  }
}
