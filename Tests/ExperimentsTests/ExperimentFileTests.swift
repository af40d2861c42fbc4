import Scenarios
import Testing

@testable import Experiments

@Suite struct ExperimentFileTests {
  @Test("replications and sweep are read, and the rest decodes as the same file without them")
  func readsAndStripsExperimentMembers() throws {
    let text = """
      {"name": "x", "replications": 30, "horizon": "2d",
       "sweep": ["platform.database.multiAZ=true,false",
                 {"path": "platform.zones", "values": [["eu-central-1a", "eu-central-1b"]]}]}
      """
    let file = try ExperimentFile.decode(text, file: "x.json")
    #expect(file.replications == 30)
    #expect(file.axes.map(\.path.description) == ["platform.database.multiAZ", "platform.zones"])
    #expect(file.axes[0].values == [.bool(true), .bool(false)])
    #expect(
      file.axes[1].values == [.array([.string("eu-central-1a"), .string("eu-central-1b")])])
    let plain = try ScenarioLoader.decode(#"{"name": "x", "horizon": "2d"}"#, file: "x.json")
    #expect(file.scenarioFile.scenario == plain)
    #expect(file.scenarioFile.contentHash == ContentHash.hex(of: text.utf8))
    #expect(file.isExperiment)
  }

  @Test("a file without experiment members is exactly what ScenarioLoader reads")
  func plainFileUnchanged() throws {
    let text = #"{"name": "y", "seed": 7}"#
    let file = try ExperimentFile.decode(text, file: "y.json")
    #expect(file.scenarioFile == (try ScenarioLoader.decodeFile(text, file: "y.json")))
    #expect(!file.isExperiment && file.axes.isEmpty && file.replications == nil)
  }

  @Test("problems in replications and sweep are reported with their paths, with the scenario's")
  func reportsEveryProblem() throws {
    let text = """
      {"replications": 0, "horizn": "1d",
       "sweep": ["platform.zones", {"path": "a..b", "values": [1, 1]}, 3, {"values": []}]}
      """
    let issues = #expect(throws: ScenarioIssues.self) {
      try ExperimentFile.decode(text, file: "bad.json")
    }
    let lines = issues?.issues.map(\.description) ?? []
    #expect(
      lines == [
        "bad.json: replications: expected a whole number from 1 to 1000000 (got 0)",
        #"bad.json: sweep[0]: expected PATH=VALUES, such as platform.zones[0].nodeCount=2,3 or "#
          + "platform.services[backend].replicas=2..10:2",
        #"bad.json: sweep[1].path: expected a member name at character 3 (got ".")"#,
        "bad.json: sweep[1].values[1]: value 1 is listed twice",
        "bad.json: sweep[2]: expected \"PATH=V1,V2,...\" or {\"path\": PATH, \"values\": [...]} "
          + "(got a number)",
        #"bad.json: sweep[3]: missing key "path""#,
        "bad.json: sweep[3].values: expected an array of 1 to 10000 values (got [])",
        #"bad.json: unknown key "horizn" (did you mean "horizon"?)"#,
      ], "\(lines)")
  }

  @Test("two axes on one path are reported at sweep")
  func duplicatePath() throws {
    let text = #"{"sweep": ["seed=1,2", "seed=3"]}"#
    let issues = #expect(throws: ScenarioIssues.self) {
      try ExperimentFile.decode(text, file: "d.json")
    }
    #expect(
      issues?.description
        == #"d.json: sweep: two axes set "seed"; give each path once with all its values"#)
  }

  @Test("a syntax error keeps its line and column")
  func syntaxError() throws {
    let issues = #expect(throws: ScenarioIssues.self) {
      try ExperimentFile.decode("{\n  \"sweep\": [,]}", file: "s.json")
    }
    #expect(issues?.issues.first?.line == 2)
  }
}
