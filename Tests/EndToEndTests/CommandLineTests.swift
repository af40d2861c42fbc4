import Foundation
import SimTestSupport
import Testing

/// Runs the built `platform-sim` binary with `arguments` in `directory`.
func runTool(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
  let output = try runProduct("platform-sim", arguments, in: directory)
  return (output.status, output.stdout, output.stderr)
}

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("platform-sim-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

@Suite struct CommandLineTests {
  @Test("run writes the four reports and a summary on stdout")
  func runWritesReports() throws {
    let folder = try temporaryFolder()
    let result = try runTool(["run", "--duration", "2h", "--out", "out"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("availability"))
    for file in ["summary.json", "timeseries.csv", "incidents.csv", "events.csv"] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/\(file)").path))
    }
    let rows = try String(contentsOf: folder.appendingPathComponent("out/timeseries.csv"), encoding: .utf8)
      .split(separator: "\n")
    #expect(rows.count == 121)  // header + 120 one-minute rows
  }

  @Test("the same run twice gives byte-identical reports; another seed does not")
  func reproducible() throws {
    let folder = try temporaryFolder()
    let scenario = """
      {"name": "repro", "horizon": "6h", "faults": [{"kind": "podCrash", "service": "backend",
       "timeBetweenFailures": {"exponential": {"mean": "30m"}}, "repairTime": {"constant": "1m"}}]}
      """
    try scenario.write(to: folder.appendingPathComponent("repro.json"), atomically: true, encoding: .utf8)
    _ = try runTool(["run", "repro.json", "--out", "a", "--quiet"], in: folder)
    _ = try runTool(["run", "repro.json", "--out", "b", "--quiet"], in: folder)
    _ = try runTool(["run", "repro.json", "--out", "c", "--seed", "2", "--quiet"], in: folder)
    let a = try Data(contentsOf: folder.appendingPathComponent("a/events.csv"))
    let b = try Data(contentsOf: folder.appendingPathComponent("b/events.csv"))
    let c = try Data(contentsOf: folder.appendingPathComponent("c/events.csv"))
    #expect(a == b)
    #expect(a != c)
  }

  @Test("an invalid scenario exits 65, names file, path and expectation, and writes nothing")
  func invalidScenario() throws {
    let folder = try temporaryFolder()
    try #"{"horizn": "1d", "platform": {"services": [{"name": "backend", "replicas": -1}]}}"#
      .write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
    let result = try runTool(["run", "bad.json", "--out", "out"], in: folder)
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.json: unknown key \"horizn\""))
    #expect(result.stderr.contains("did you mean \"horizon\""))
    #expect(result.stderr.contains("platform.services[0].replicas"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
  }

  @Test("a missing file exits 66; a bad option exits 64")
  func exitCodes() throws {
    let folder = try temporaryFolder()
    #expect(try runTool(["run", "nope.json"], in: folder).status == 66)
    #expect(try runTool(["run", "--bogus"], in: folder).status == 64)
    #expect(try runTool(["frobnicate"], in: folder).status == 64)
    #expect(try runTool(["run", "--duration", "5x"], in: folder).status == 64)
    #expect(try runTool(["--help"], in: folder).status == 0)
  }

  @Test("validate checks every file; explain prints a scenario that validates again")
  func validateAndExplain() throws {
    let folder = try temporaryFolder()
    let explained = try runTool(["explain"], in: folder)
    #expect(explained.status == 0)
    try explained.stdout.write(to: folder.appendingPathComponent("explained.json"), atomically: true, encoding: .utf8)
    let validated = try runTool(["validate", "explained.json"], in: folder)
    #expect(validated.status == 0, "\(validated.stderr)")
  }
}

@Suite struct ReportWriteFailureTests {
  @Test("a report folder that cannot be created exits 73 and leaves nothing behind")
  func unwritableOutput() throws {
    let folder = try temporaryFolder()
    // A file where the report's parent folder should be.
    try "not a folder".write(to: folder.appendingPathComponent("blocked"), atomically: true, encoding: .utf8)
    let result = try runTool(["run", "--duration", "10m", "--out", "blocked/out", "--quiet"], in: folder)
    #expect(result.status == 73, "\(result.stderr)")
    #expect(result.stderr.contains("cannot write reports to blocked/out"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(leftovers == ["blocked"])
  }
}
