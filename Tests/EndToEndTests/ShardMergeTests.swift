import Foundation
import SimTestSupport
import Testing

/// Starts the built `platform-sim` with `arguments` in `directory` without waiting for it.
func startTool(_ arguments: [String], in directory: URL) throws -> Process {
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("platform-sim")
  let candidates = [binary, repositoryRoot.appendingPathComponent(".build/debug/platform-sim")]
  let executable = try #require(
    candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  process.currentDirectoryURL = directory
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  return process
}

@Suite struct ShardMergeTests {
  @Test("4 shards run as separate processes merge into exactly the bytes of the single run")
  func fourProcessesMergeToTheSingleRun() throws {
    let folder = try quickExperimentFolder()
    let single = try runTool(["run", "quick.json", "--out", "single", "--quiet"], in: folder)
    #expect(single.status == 0, "\(single.stderr)")
    let processes = try (1...4).map { k in
      try startTool(
        ["run", "quick.json", "--shard", "\(k)/4", "--jobs", "1", "--out", "shard-\(k)"],
        in: folder)
    }
    for process in processes { process.waitUntilExit() }
    #expect(processes.allSatisfy { $0.terminationStatus == 0 })
    for k in 1...4 {
      #expect(
        (try reportFiles("shard-\(k)", in: folder)).keys.sorted()
          == ["replications.csv", "shard.json"])
    }
    // Any order of the folders.
    let merge = try runTool(
      ["merge", "shard-3", "shard-1", "shard-4", "shard-2", "--out", "merged", "--quiet"],
      in: folder)
    #expect(merge.status == 0, "\(merge.stderr)")
    let merged = try reportFiles("merged", in: folder)
    let expected = try reportFiles("single", in: folder)
    #expect(merged.keys.sorted() == ["replications.csv", "summary.json", "sweep.csv"])
    for (name, data) in expected {
      #expect(merged[name] == data, "\(name) differs from the single run's")
    }
  }

  @Test("merge refuses a missing shard, a repeated shard and a shard of another experiment")
  func refusesBadSets() throws {
    let folder = try quickExperimentFolder()
    for k in 1...3 {
      let result = try runTool(
        ["run", "quick.json", "--replications", "2", "--shard", "\(k)/3", "--out", "s\(k)"],
        in: folder)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let other = try runTool(
      ["run", "quick.json", "--replications", "3", "--shard", "3/3", "--out", "other"],
      in: folder)
    #expect(other.status == 0)
    let missing = try runTool(["merge", "s1", "s2", "--out", "m"], in: folder)
    #expect(missing.status == 65 && missing.stderr.contains("shards 3/3 are missing"))
    let repeated = try runTool(["merge", "s1", "s2", "s2", "--out", "m"], in: folder)
    #expect(repeated.status == 65 && repeated.stderr.contains("is shard 2/3, as is s2"))
    let foreign = try runTool(["merge", "s1", "s2", "other", "--out", "m"], in: folder)
    #expect(foreign.status == 65 && foreign.stderr.contains("a different experiment"))
    let absent = try runTool(["merge", "s1", "nowhere", "--out", "m"], in: folder)
    #expect(absent.status == 66 && absent.stderr.contains("nowhere/shard.json"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m").path))
  }

  @Test("merge refuses a shard whose rows were tampered with")
  func refusesMissingRows() throws {
    let folder = try quickExperimentFolder()
    for k in 1...2 {
      _ = try runTool(
        ["run", "quick.json", "--replications", "2", "--shard", "\(k)/2", "--out", "s\(k)"],
        in: folder)
    }
    let csv = folder.appendingPathComponent("s2/replications.csv")
    let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
    try (lines.dropLast().joined(separator: "\n") + "\n").write(
      to: csv, atomically: true, encoding: .utf8)
    let result = try runTool(["merge", "s1", "s2", "--out", "m"], in: folder)
    #expect(result.status == 65)
    #expect(result.stderr.contains("does not hold exactly the 2 replications of shard 2/2"))
  }
}
