import Foundation
import PlatformModel
import Reports
import Scenarios
import SimKernel

/// The commands of `platform-sim` and their exit codes.
enum CommandLineTool {
  static let version = ToolVersion.current

  static let usage = """
    usage: platform-sim run [FILE] [--seed N] [--duration D] [--out DIR] [--quiet]
               simulate a scenario (no FILE: the built-in reference platform) and write its
               reports to results/<scenario name>/ or DIR
           platform-sim validate FILE...     check scenario files; report every problem
           platform-sim explain [FILE]       print the fully resolved scenario as JSON
           platform-sim --version | --help
    exit codes: 0 done, 64 usage, 65 invalid scenario, 66 unreadable file, 70 internal error,
                73 cannot write the reports
    """

  /// A failure with the exit code it maps to.
  struct Failure: Error {
    var code: Int32
    var message: String
  }

  /// Runs the command line and returns the exit code.
  static func main(_ arguments: [String]) -> Int32 {
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

  /// `run [FILE] [--seed N] [--duration D] [--out DIR] [--quiet]`.
  static func run(_ arguments: [String]) throws {
    var file: String?
    var seed: UInt64?
    var duration: SimDuration?
    var out: String?
    var quiet = false
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "--seed":
        guard let text = rest.popFirst(), let value = UInt64(text) else {
          throw Failure(code: 64, message: "--seed needs a whole number from 0 to 2^64-1")
        }
        seed = value
      case "--duration":
        guard let text = rest.popFirst() else { throw Failure(code: 64, message: "--duration needs a value such as 30d") }
        do {
          duration = try SimDuration(parsing: text)
        } catch {
          throw Failure(code: 64, message: "--duration: \(error)")
        }
        if let d = duration, d <= .zero { throw Failure(code: 64, message: "--duration must be positive") }
      case "--out":
        guard let value = rest.popFirst() else { throw Failure(code: 64, message: "--out needs a folder") }
        out = value
      case "--quiet":
        quiet = true
      case "--help", "-h":
        print(usage)
        return
      default:
        if argument.hasPrefix("-") { throw Failure(code: 64, message: "unknown option '\(argument)'\n\(usage)") }
        guard file == nil else { throw Failure(code: 64, message: "run takes one scenario file") }
        file = argument
      }
    }
    var (scenario, hash) = try load(file)
    if let seed { scenario.seed = seed }
    if let duration {
      scenario.horizon = duration
      if scenario.reportingInterval > duration { scenario.reportingInterval = duration }
    }
    let result = simulate(scenario)
    let report = RunReport(result, scenarioHash: hash, toolVersion: version)
    let folder = out ?? "results/\(scenario.name)"
    do {
      try ReportDirectory.write(report.files, to: folder)
    } catch {
      throw Failure(code: 73, message: "cannot write reports to \(folder): \(error.localizedDescription)")
    }
    if !quiet { print(TerminalSummary.text(result, reportPath: folder)) }
  }

  /// `validate FILE...`.
  static func validate(_ files: [String]) throws {
    if files.contains("--help") || files.contains("-h") {
      print(usage)
      return
    }
    guard !files.isEmpty else { throw Failure(code: 64, message: "validate needs at least one file") }
    var worst: Int32 = 0
    for file in files {
      do {
        _ = try load(file)
        print("\(file): valid")
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
    guard arguments.count <= 1 else { throw Failure(code: 64, message: "explain takes at most one file") }
    let (scenario, _) = try load(arguments.first)
    print(scenario.explainedJSON)
  }

  /// The scenario in `file`, or the reference, with its content hash.
  static func load(_ file: String?) throws -> (PlatformScenario, String) {
    guard let file else {
      return (.reference, "builtin-reference")
    }
    do {
      let loaded = try ScenarioLoader.load(contentsOf: file)
      return (loaded.scenario, loaded.contentHash)
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
