import Experiments
import Foundation
import Reports
import Scenarios
import SimTestSupport
import Testing

/// The shipped scenarios that are experiments (their file has `replications` or `sweep`):
/// their results/ folder holds an experiment's reports, not a single run's.
func shippedExperimentNames() -> [String] {
  shippedScenarioNames().filter { name in
    let path = repositoryRoot.appendingPathComponent("scenarios/\(name).json").path
    return (try? ExperimentFile.load(contentsOf: path))?.isExperiment == true
  }
}

@Suite struct ShippedExperimentTests {
  @Test(
    "scenarios/ ships the capacity-planning sweep: zones x node type x HPA target x Multi-AZ")
  func capacityPlanningShipped() throws {
    #expect(shippedExperimentNames().contains("capacity-planning"))
    let file = try ExperimentFile.load(
      contentsOf: repositoryRoot.appendingPathComponent("scenarios/capacity-planning.json").path)
    #expect(file.axes.map(\.values.count) == [2, 2, 3, 2])
  }

  @Test(
    "a committed experiment's summary.json and sweep.csv are what its replications.csv gives",
    arguments: shippedExperimentNames())
  func committedReportsFollowFromTheirRows(name: String) throws {
    let folder = repositoryRoot.appendingPathComponent("results/\(name)")
    func text(_ file: String) throws -> String {
      try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }
    let summary = try JSONParser.parse(try text("summary.json"))
    let definition = try ExperimentDefinition(
      json: try #require(summary["experiment"]), file: "summary.json")
    #expect(summary["precision"] == .null)
    let rows = try ReplicationTable.rows(
      fromText: try text("replications.csv"), file: "replications.csv")
    let report = ExperimentReport(
      ExperimentResults(definition: definition, shard: .whole, rows: rows),
      toolVersion: ToolVersion.current)
    for (file, contents) in report.files {
      #expect(contents == (try text(file)), "results/\(name)/\(file) is not what its rows give")
    }
    // The committed scenario is the one that was run.
    let scenario = repositoryRoot.appendingPathComponent("scenarios/\(name).json").path
    let loaded = try ExperimentFile.load(contentsOf: scenario)
    #expect(definition.scenarioHash == loaded.scenarioFile.contentHash)
    #expect(definition.grid.axes == loaded.axes)
  }
}
