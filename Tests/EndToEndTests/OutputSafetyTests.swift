import Foundation
import SimTestSupport
import Testing

/// Every file below `folder` with its bytes (folders as a placeholder).
private func tree(_ folder: URL) -> [String: Data] {
  var result: [String: Data] = [:]
  let manager = FileManager.default
  for entry in manager.subpaths(atPath: folder.path) ?? [] {
    let path = folder.appendingPathComponent(entry).path
    var isFolder: ObjCBool = false
    _ = manager.fileExists(atPath: path, isDirectory: &isFolder)
    result[entry] = isFolder.boolValue ? Data("<folder>".utf8) : manager.contents(atPath: path)
  }
  return result
}

/// A folder holding a user's project: notes, sources and a scenario.
private func userProject() throws -> URL {
  let folder = try temporaryFolder()
  try FileManager.default.createDirectory(
    at: folder.appendingPathComponent("src"), withIntermediateDirectories: true)
  try "my notes\n".write(to: folder.appendingPathComponent("NOTES.md"), atomically: true, encoding: .utf8)
  try "code\n".write(to: folder.appendingPathComponent("src/app.js"), atomically: true, encoding: .utf8)
  try "precious\n".write(to: folder.appendingPathComponent("important.txt"), atomically: true, encoding: .utf8)
  return folder
}

@Suite struct OutputSafetyTests {
  @Test("--out '.', an existing folder, a file, the parent folder and '' are refused; nothing changes")
  func refusedTargets() throws {
    let folder = try userProject()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("keep/sub"), withIntermediateDirectories: true)
    try "x\n".write(to: folder.appendingPathComponent("keep/important.txt"), atomically: true, encoding: .utf8)
    try "a file\n".write(to: folder.appendingPathComponent("afile"), atomically: true, encoding: .utf8)
    let before = tree(folder)
    for (out, status) in [(".", 73), ("keep", 73), ("afile", 73), ("src/..", 73), ("", 64), ("/dev/null", 73)] as [(String, Int32)] {
      let result = try runTool(["run", "--duration", "10m", "--out", out, "--quiet"], in: folder)
      #expect(result.status == status, "--out '\(out)': \(result.stderr)")
      #expect(result.stderr.contains(status == 64 ? "--out needs a folder" : "refusing to write reports to"))
    }
    #expect(tree(folder) == before)
  }

  @Test("a scenario named '..', '.', 'a/b', '/tmp' or '' is refused by validate and run; nothing is written")
  func unsafeNames() throws {
    let folder = try userProject()
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["..", ".", "a/b", "/tmp", ""] {
      try #"{"name": "\#(name)", "horizon": "10m"}"#
        .write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
      let before = tree(folder)
      let validated = try runTool(["validate", "s.json"], in: folder)
      #expect(validated.status == 65, "name '\(name)': \(validated.stderr)")
      #expect(
        validated.stderr.contains("s.json: name: must be one safe path segment")
          || (name.isEmpty && validated.stderr.contains("s.json: name: must not be empty")),
        "\(validated.stderr)")
      let run = try runTool(["run", "s.json", "--quiet"], in: folder)
      #expect(run.status == 65, "name '\(name)': \(run.stderr)")
      #expect(tree(folder) == before, "name '\(name)' changed the folder")
    }
  }

  @Test("--force writes the report beside a user's files and changes none of them")
  func forceKeepsUserFiles() throws {
    let folder = try userProject()
    defer { try? FileManager.default.removeItem(at: folder) }
    let before = tree(folder)
    let result = try runTool(["run", "--duration", "10m", "--out", ".", "--force", "--quiet"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let after = tree(folder)
    #expect(after.filter { before[$0.key] != nil } == before)
    #expect(Set(after.keys).subtracting(before.keys) == [
      ".platform-sim-report", "summary.json", "timeseries.csv", "incidents.csv", "releases.csv",
      "events.csv",
    ])
  }

  @Test("without --out, reports go to reports/NAME, never to the committed results/")
  func defaultFolderIsNotResults() throws {
    let folder = try userProject()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("results/reference"), withIntermediateDirectories: true)
    try "committed\n".write(
      to: folder.appendingPathComponent("results/reference/summary.json"), atomically: true, encoding: .utf8)
    let result = try runTool(["run", "--duration", "10m", "--quiet"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/reference/summary.json").path))
    #expect(try String(contentsOf: folder.appendingPathComponent("results/reference/summary.json"), encoding: .utf8) == "committed\n")
    // A second run replaces its own report.
    #expect(try runTool(["run", "--duration", "20m", "--quiet"], in: folder).status == 0)
  }

  @Test("--duration shortens the horizon before validation: a fault past it is an error naming the option")
  func durationValidatedLikeTheFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try #"{"name": "outage", "horizon": "3d", "faults": [{"kind": "zoneOutage", "zone": "eu-central-1a", "at": "2d14h", "duration": "1h"}]}"#
      .write(to: folder.appendingPathComponent("outage.json"), atomically: true, encoding: .utf8)
    let result = try runTool(["run", "outage.json", "--duration", "2d", "--out", "out"], in: folder)
    #expect(result.status == 65)
    #expect(result.stderr.contains("outage.json: faults[0].at"))
    #expect(result.stderr.contains("--duration 2d"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    // A reporting interval longer than the new horizon is refused, not shrunk silently.
    let short = try runTool(["run", "--duration", "30s", "--out", "out"], in: folder)
    #expect(short.status == 65, "\(short.stderr)")
    #expect(short.stderr.contains("reportingInterval"))
  }

  @Test("a repeated option, an unknown option or command is a usage error with a suggestion")
  func usageErrors() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let twice = try runTool(["run", "--seed", "3", "--seed", "4"], in: folder)
    #expect(twice.status == 64)
    #expect(twice.stderr.contains("--seed is given twice"))
    let command = try runTool(["valdate", "x.json"], in: folder)
    #expect(command.status == 64)
    #expect(command.stderr.contains("did you mean 'validate'?"))
    let option = try runTool(["run", "--dration", "1h"], in: folder)
    #expect(option.status == 64)
    #expect(option.stderr.contains("did you mean --duration?"))
    let flagAsFile = try runTool(["validate", "--set", "x=1", "f.json"], in: folder)
    #expect(flagAsFile.status == 64)
    #expect(flagAsFile.stderr.contains("unknown option '--set' for validate"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test("each command's --help prints that command's usage")
  func perCommandHelp() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for command in ["run", "merge", "validate", "explain"] {
      let result = try runTool([command, "--help"], in: folder)
      #expect(result.status == 0)
      #expect(result.stdout.hasPrefix("usage: platform-sim \(command)"), "\(command): \(result.stdout)")
      #expect(!result.stdout.contains("platform-sim \(command == "run" ? "merge" : "run") "))
    }
  }

  @Test("explain and validate exit 74 when standard output cannot be written")
  func fullStandardOutput() throws {
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let binary = try builtProduct("platform-sim")
    for arguments in [["explain"], ["validate", repositoryRoot.appendingPathComponent("scenarios/az-outage.json").path]] {
      let process = Process()
      process.executableURL = binary
      process.arguments = arguments
      process.currentDirectoryURL = folder
      process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 74, "\(arguments)")
    }
  }

  @Test("a closed pipe exits 74, a full stderr still gives the usage code, --set twice for one path is refused")
  func brokenStreams() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let binary = try builtProduct("platform-sim")
    // Standard output a pipe whose reading end is closed before anything is written.
    let pipe = Pipe()
    try pipe.fileHandleForReading.close()
    let explain = Process()
    explain.executableURL = binary
    explain.arguments = ["explain"]
    explain.standardOutput = pipe.fileHandleForWriting
    explain.standardError = FileHandle.nullDevice
    try explain.run()
    explain.waitUntilExit()
    #expect(explain.terminationReason == .exit && explain.terminationStatus == 74)
    if FileManager.default.fileExists(atPath: "/dev/full") {
      let usage = Process()
      usage.executableURL = binary
      usage.arguments = ["bogus"]
      usage.standardError = FileHandle(forWritingAtPath: "/dev/full")
      usage.standardOutput = FileHandle.nullDevice
      try usage.run()
      usage.waitUntilExit()
      #expect(usage.terminationReason == .exit && usage.terminationStatus == 64)
    }
    let twice = try runTool(["run", "--set", "seed=1,2", "--set", "seed=3"], in: folder)
    #expect(twice.status == 64 && twice.stderr.contains("--set seed is given twice"), "\(twice.stderr)")
  }

  @Test("merge of one shard of a billion is refused at once, without allocating for the rest")
  func mergeOfALoneShardOfMany() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let shard = try runTool(
      ["run", "--replications", "2", "--duration", "10m", "--shard", "1/1000000000", "--out", "s1", "--quiet"],
      in: folder)
    #expect(shard.status == 0, "\(shard.stderr)")
    let merged = try runTool(["merge", "s1", "--out", "merged"], in: folder)
    #expect(merged.status == 65, "\(merged.stderr)")
    #expect(merged.stderr.contains("shards 2/1000000000, 3/1000000000"))
    #expect(merged.stderr.contains("and 999999989 more are missing"))
  }
}

@Suite struct ScenarioWarningTests {
  @Test("validate and run print a scenario's warnings on stderr and still exit 0")
  func warningsArePrinted() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try #"{"name": "tight", "horizon": "1h", "platform": {"services": [{"name": "backend", "memoryRequestMiB": "100Mi"}]}}"#
      .write(to: folder.appendingPathComponent("tight.json"), atomically: true, encoding: .utf8)
    let validated = try runTool(["validate", "tight.json"], in: folder)
    #expect(validated.status == 0, "\(validated.stderr)")
    #expect(validated.stderr.contains("tight.json: platform.services[0].memoryRequestMiB: warning: "), "\(validated.stderr)")
    let run = try runTool(["run", "tight.json", "--out", "out", "--quiet"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("warning: "))
  }
}

@Suite struct KilledRunTests {
  /// The report files of `folder` by name (marker included).
  private func report(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
      files[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    }
    return files
  }

  @Test("a run killed with SIGKILL at any moment leaves the previous report whole or the new one")
  func killedRuns() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try runTool(["run", "--duration", "1h", "--out", "r", "--quiet"], in: folder).status == 0)
    #expect(try runTool(["run", "--duration", "6h", "--out", "new", "--quiet"], in: folder).status == 0)
    let old = report(folder.appendingPathComponent("r"))
    let new = report(folder.appendingPathComponent("new"))
    let binary = try builtProduct("platform-sim")
    for delay in stride(from: 0, through: 400_000, by: 25_000) {
      let process = Process()
      process.executableURL = binary
      process.arguments = ["run", "--duration", "6h", "--out", "r", "--quiet"]
      process.currentDirectoryURL = folder
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(useconds_t(delay))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let now = report(folder.appendingPathComponent("r"))
      #expect(now == old || now == new, "killed after \(delay) us: \(now.keys.sorted())")
      // Put the old report back for the next attempt when the run got through.
      if now == new {
        #expect(try runTool(["run", "--duration", "1h", "--out", "r", "--quiet"], in: folder).status == 0)
      }
    }
    #expect(try runTool(["run", "--duration", "6h", "--out", "r", "--quiet"], in: folder).status == 0)
    #expect(report(folder.appendingPathComponent("r")) == new)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(left == ["new", "r"], "no stray folder is left after the next run: \(left)")
  }
}
