import Foundation
import Scenarios
import SimTestSupport
import Testing

@testable import ScenarioFuzzing

/// Runs the built `platform-sim-fuzz` with `arguments` and returns its status and output.
func runFuzzer(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
  let output = try runProduct("platform-sim-fuzz", arguments)
  return (output.status, output.stdout, output.stderr)
}

/// A fresh temporary folder path that does not exist yet.
func freshFolder() -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent(
    "platform-sim-fuzz-\(UUID().uuidString)"
  ).path
}

@Suite struct FuzzCampaignTests {
  let scenarios = repositoryRoot.appendingPathComponent("scenarios").path

  @Test("a short seeded campaign: 250 mutated validate inputs end in 0, 65 or 66, naming the file")
  func seededValidateCampaign() throws {
    let out = freshFolder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try runFuzzer([
      "--seed", "7", "--validate", "250", "--runs", "0", "--out", out, "--scenarios", scenarios,
      "--quiet",
    ])
    #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
  }

  @Test("validate and run agree on mutated one-hour scenarios, and runs end in 0, 65 or 66")
  func validateAndRunAgree() throws {
    let out = freshFolder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try runFuzzer([
      "--seed", "11", "--validate", "0", "--runs", "16", "--out", out, "--scenarios", scenarios,
      "--quiet",
    ])
    #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
    // Most run inputs must really simulate, not be rejected.
    #expect(result.stdout.contains("run inputs: 16"))
  }

  @Test("every one-hour run base validates")
  func runBasesValidate() throws {
    let corpus = try ScenarioCorpus(scenariosFolder: scenarios)
    for (index, base) in corpus.runBases.enumerated() {
      let text = JSONWriter().string(from: base)
      #expect(throws: Never.self, "run base \(index)") {
        _ = try ScenarioLoader.decode(text, file: "base-\(index).json")
      }
    }
  }

  @Test("inputs are deterministic for a seed and differ between seeds")
  func deterministic() throws {
    var options = FuzzCampaign.Options()
    options.scenarios = scenarios
    let a = try FuzzCampaign(options)
    let b = try FuzzCampaign(options)
    options.seed = 2
    let c = try FuzzCampaign(options)
    for index in [0, 5, 999, 1_005] {
      #expect(a.input(index).bytes == b.input(index).bytes)
      #expect(a.input(index).label == b.input(index).label)
    }
    #expect((0..<20).contains { a.input($0).bytes != c.input($0).bytes })
  }
}
