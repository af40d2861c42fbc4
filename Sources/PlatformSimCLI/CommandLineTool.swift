import Experiments
import Foundation
import PlatformModel
import Reports
import Scenarios
import SimKernel

/// The commands of `platform-sim` and their exit codes.
///
/// A library, not the executable, so that the tests and the scenario fuzzer drive the very
/// code paths a user's command line takes, in-process.
package enum CommandLineTool {
  static let version = ToolVersion.current

  static let usage = """
    usage: platform-sim run [FILE] [--seed N] [--duration D] [--out DIR] [--quiet]
               simulate a scenario (no FILE: the built-in reference platform) and write its
               reports to results/<scenario name>/ or DIR
           platform-sim run [FILE] [--replications N] [--set PATH=VALUES]...
               [--precision METRIC=HALFWIDTH[%][,min=N][,max=N][,batch=N]] [--jobs N]
               [--shard K/N] [--seed N] [--duration D] [--out DIR] [--quiet]
               an experiment: N replications (default 10) of every variant of the sweep, with
               confidence intervals; VALUES is V1,V2,... or START..END:STEP; --precision runs
               replications until the metric's 95 % half-width is below HALFWIDTH (absolute,
               or relative with %), up to max (default: --replications, else 1000); --jobs
               threads (default: all cores); --shard runs the K-th of N slices for merge
           platform-sim merge DIR... --out DIR [--quiet]
               combine the shard folders of one experiment into its reports
           platform-sim validate FILE...     check scenario files; report every problem
           platform-sim explain [FILE]       print the fully resolved scenario as JSON
           platform-sim --version | --help
    exit codes: 0 done, 64 usage, 65 invalid scenario or shard data, 66 unreadable file,
                70 internal error, 73 cannot write the reports
    """

  /// A failure with the exit code it maps to.
  struct Failure: Error {
    var code: Int32
    var message: String
  }

  /// Runs the command line and returns the exit code.
  package static func main(_ arguments: [String]) -> Int32 {
    do {
      switch arguments.first {
      case "--help", "-h", "help":
        print(usage)
      case "--version":
        print("platform-sim \(version)")
      case "validate":
        try validate(Array(arguments.dropFirst()))
      case "explain":
        try explain(Array(arguments.dropFirst()))
      case "run":
        try run(Array(arguments.dropFirst()))
      case "merge":
        try merge(Array(arguments.dropFirst()))
      case nil:
        try run([])
      case let other?:
        guard other.hasPrefix("-") else {
          throw Failure(code: 64, message: "unknown command '\(other)'\n\(usage)")
        }
        try run(arguments)
      }
      return 0
    } catch let failure as Failure {
      printError("platform-sim: \(failure.message)")
      return failure.code
    } catch {
      printError("platform-sim: internal error: \(error)")
      return 70
    }
  }

  /// `validate FILE...`: a file with a sweep is valid when every variant is.
  static func validate(_ files: [String]) throws {
    if files.contains("--help") || files.contains("-h") {
      print(usage)
      return
    }
    guard !files.isEmpty else {
      throw Failure(code: 64, message: "validate needs at least one file")
    }
    var worst: Int32 = 0
    for file in files {
      do {
        let loaded = try loadFile(file)
        if loaded.isExperiment {
          let plan = try makePlan(loaded, file: file, overrides: ExperimentOverrides())
          let count = plan.definition.variantCount
          print("\(file): valid (\(count) variant\(count == 1 ? "" : "s"))")
        } else {
          print("\(file): valid")
        }
      } catch let failure as Failure {
        printError(failure.message)
        worst = max(worst, failure.code)
      }
    }
    if worst != 0 { throw Failure(code: worst, message: "some files are not valid scenarios") }
  }

  /// `explain [FILE]`.
  static func explain(_ arguments: [String]) throws {
    if arguments.contains("--help") || arguments.contains("-h") {
      print(usage)
      return
    }
    guard arguments.count <= 1 else {
      throw Failure(code: 64, message: "explain takes at most one file")
    }
    let (scenario, _) = try load(arguments.first)
    print(scenario.explainedJSON)
  }

  /// The scenario in `file`, or the reference, with its content hash.
  static func load(_ file: String?) throws -> (PlatformScenario, String) {
    guard let file else {
      return (.reference, "builtin-reference")
    }
    let loaded = try loadFile(file)
    return (loaded.scenarioFile.scenario, loaded.scenarioFile.contentHash)
  }

  /// The scenario file at `file` with its experiment members (`replications`, `sweep`).
  static func loadFile(_ file: String) throws -> ExperimentFile {
    do {
      return try ExperimentFile.load(contentsOf: file)
    } catch {
      switch error {
      case .unreadable: throw Failure(code: 66, message: error.description)
      case .invalid(let issues): throw Failure(code: 65, message: issues.description)
      }
    }
  }

  /// Writes `text` and a newline to standard error.
  static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
