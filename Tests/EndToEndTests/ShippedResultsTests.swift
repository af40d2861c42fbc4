import Foundation
import PlatformModel
import Reports
import Scenarios
import SimTestSupport
import Testing


/// The whole report of a run of `scenario`, in memory: the files written once the run is over,
/// and timeseries.csv as its ``TimeSeriesCSV`` rendered it while the run went.
func reportFiles(of scenario: PlatformScenario, scenarioHash: String)
  -> [(name: String, contents: String)]
{
  let timeSeries = TimeSeriesCSV(scenario: scenario)
  let result = simulate(scenario, timeSeries: timeSeries)
  let report = RunReport(result, scenarioHash: scenarioHash, toolVersion: ToolVersion.current)
  return report.files + [(RunReport.timeSeriesName, timeSeries.text)]
}

/// The shipped scenarios' file names without extension.
func shippedScenarioNames() -> [String] {
  let folder = repositoryRoot.appendingPathComponent("scenarios")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
  return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
}

@Suite struct ShippedResultsTests {
  @Test("results/ holds a report for every shipped scenario")
  func everyScenarioHasResults() {
    let names = shippedScenarioNames()
    #expect(names.count >= 9)
    for name in names {
      let summary = repositoryRoot.appendingPathComponent("results/\(name)/summary.json")
      #expect(FileManager.default.fileExists(atPath: summary.path), "missing \(summary.path)")
    }
  }

  @Test("a fresh run of the built-in reference reproduces results/reference byte for byte")
  func builtInReferenceReproduces() throws {
    let files = reportFiles(of: .reference, scenarioHash: "builtin-reference")
    #expect(files.count == 5)
    for (fileName, contents) in files {
      let committed = repositoryRoot.appendingPathComponent("results/reference/\(fileName)")
      let expected = try String(contentsOf: committed, encoding: .utf8)
      #expect(contents == expected, "results/reference/\(fileName) differs")
    }
  }

  /// Single-run scenarios; experiments (replications or sweeps) are checked by
  /// ShippedExperimentTests.
  @Test(
    "a fresh run reproduces each committed report byte for byte",
    arguments: shippedScenarioNames().filter { !shippedExperimentNames().contains($0) })
  func freshRunReproducesResults(name: String) throws {
    let file = repositoryRoot.appendingPathComponent("scenarios/\(name).json").path
    let loaded = try ScenarioLoader.load(contentsOf: file)
    let files = reportFiles(of: loaded.scenario, scenarioHash: loaded.contentHash)
    #expect(files.count == 5)
    for (fileName, contents) in files {
      let committed = repositoryRoot.appendingPathComponent("results/\(name)/\(fileName)")
      let expected = try String(contentsOf: committed, encoding: .utf8)
      #expect(contents == expected, "results/\(name)/\(fileName) differs; run scripts/regenerate-results.sh if the change is intended")
    }
  }
}

@Suite struct EventKindDocumentationTests {
  @Test("docs/reports.md names every kind of events.csv entry the model writes")
  func everyKindIsDocumented() throws {
    let text = try String(
      contentsOf: repositoryRoot.appendingPathComponent("docs/reports.md"), encoding: .utf8)
    for kind in EventKind.allCases {
      #expect(text.contains("`\(kind.rawValue)`"), "\(kind.rawValue) is not in docs/reports.md")
    }
  }
}
