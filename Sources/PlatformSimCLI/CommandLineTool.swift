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

  /// The exit codes (sysexits.h).
  package enum ExitCode {
    package static let done: Int32 = 0
    package static let usage: Int32 = 64
    package static let invalidInput: Int32 = 65
    package static let unreadableInput: Int32 = 66
    package static let internalError: Int32 = 70
    package static let cannotWriteReports: Int32 = 73
    package static let cannotWriteOutput: Int32 = 74
  }

  /// The commands, in the order `--help` lists them.
  static let commands = ["run", "merge", "validate", "explain"]

  static let exitCodes = """
    exit codes: 0 done, 64 usage, 65 invalid scenario or shard data, 66 unreadable file,
                70 internal error, 73 cannot write the reports (or the folder is not the tool's),
                74 cannot write to standard output (a full disk, a closed pipe)
    """

  /// The usage of one command.
  static func usage(of command: String) -> String {
    switch command {
    case "run":
      """
      usage: platform-sim run [FILE] [--seed N] [--duration D] [--out DIR] [--force] [--quiet]
                 simulate a scenario (no FILE: the built-in reference platform) and write its
                 reports to reports/<scenario name>/ or DIR
             platform-sim run [FILE] [--replications N] [--set PATH=VALUES]...
                 [--precision METRIC=HALFWIDTH[%][,min=N][,max=N][,batch=N]] [--jobs N]
                 [--shard K/N] [--seed N] [--duration D] [--out DIR] [--force] [--quiet]
                 an experiment: N replications (default 10) of every variant of the sweep, with
                 confidence intervals; VALUES is V1,V2,... or START..END:STEP; --precision runs
                 replications until the metric's 95 % half-width is below HALFWIDTH (absolute,
                 or relative with %), up to max (default: --replications, else 1000); --jobs
                 threads (default: all cores); --shard runs the K-th of N slices for merge
      --seed and --duration change the scenario before it is validated: a fault or release
      past a shorter horizon is an error, as it would be in the file.
      Reports go only to a new folder, an empty one, or one that platform-sim wrote (it holds
      a .platform-sim-report marker); --force writes the report files into any other folder
      beside what is there, replacing only platform-sim's own file names. The committed
      results/ are written only when --out names them (scripts/regenerate-results.sh).
      """
    case "merge":
      """
      usage: platform-sim merge DIR... --out DIR [--force] [--quiet]
                 combine the shard folders of one experiment into its reports
      """
    case "validate":
      """
      usage: platform-sim validate FILE...
                 check scenario files; report every problem with its file and JSON path, and
                 every warning
      """
    case "explain":
      """
      usage: platform-sim explain [FILE]
                 print the fully resolved scenario (no FILE: the built-in reference) as JSON
      """
    default:
      preconditionFailure("CommandLineTool: no usage for \(command)")
    }
  }

  /// The whole usage (`--help`).
  static var usage: String {
    commands.map(usage(of:)).joined(separator: "\n")
      + "\n       platform-sim --version | --help | COMMAND --help\n" + exitCodes
  }

  /// A failure with the exit code it maps to.
  struct Failure: Error {
    var code: Int32
    var message: String

    static func usage(_ message: String) -> Failure { Failure(code: ExitCode.usage, message: message) }
  }

  /// Runs the command line and returns the exit code.
  package static func main(_ arguments: [String]) -> Int32 {
    let code = dispatch(arguments)
    guard flushStandardOutput() else {
      printError("platform-sim: cannot write to standard output: \(String(cString: strerror(errno)))")
      return code == ExitCode.done ? ExitCode.cannotWriteOutput : code
    }
    return code
  }

  /// Runs the command and returns its exit code; output may still be buffered.
  static func dispatch(_ arguments: [String]) -> Int32 {
    do {
      switch arguments.first {
      case "--help", "-h", "help":
        if arguments.count > 1, commands.contains(arguments[1]) {
          print(usage(of: arguments[1]))
        } else {
          print(usage)
        }
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
          let hint = Suggestion.closest(to: other, among: commands).map { " (did you mean '\($0)'?)" } ?? ""
          throw Failure.usage(
            "unknown command '\(other)'\(hint); the commands are \(commands.joined(separator: ", "))"
              + " (platform-sim --help lists them)")
        }
        try run(arguments)
      }
      return ExitCode.done
    } catch let failure as Failure {
      printError("platform-sim: \(failure.message)")
      return failure.code
    } catch {
      printError("platform-sim: internal error: \(error)")
      return ExitCode.internalError
    }
  }

  /// Makes a closed standard output a write error (exit 74) rather than a SIGPIPE death; the
  /// executable calls it once at start.
  package static func ignoreBrokenPipes() { StandardOutput.ignoreBrokenPipes() }

  /// Flushes standard output; false when it could not be written (a full disk, `/dev/full`, a
  /// closed pipe).
  static func flushStandardOutput() -> Bool {
    StandardOutput.flush()
  }

  /// `validate FILE...`: a file with a sweep is valid when every variant is.
  static func validate(_ arguments: [String]) throws {
    var options = OptionReader(arguments, command: "validate", valued: [], flags: [])
    guard try !options.readAll() else { return }
    let files = options.operands
    guard !files.isEmpty else {
      throw Failure.usage("validate needs at least one file\n\(usage(of: "validate"))")
    }
    var worst: Int32 = 0
    for file in files {
      do {
        let loaded = try loadFile(file)
        printWarnings(of: loaded)
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
    var options = OptionReader(arguments, command: "explain", valued: [], flags: [])
    guard try !options.readAll() else { return }
    guard options.operands.count <= 1 else {
      throw Failure.usage("explain takes at most one file\n\(usage(of: "explain"))")
    }
    let scenario = try options.operands.first.map { try loadFile($0).scenarioFile.scenario }
    print((scenario ?? .reference).explainedJSON)
  }

  /// The scenario file at `file` with its experiment members (`replications`, `sweep`), with
  /// `settings` (from `--seed` and `--duration`) applied to its top-level members before it is
  /// decoded and validated.
  static func loadFile(_ file: String, settings: [ExperimentFile.TopLevelSetting] = [])
    throws -> ExperimentFile
  {
    do {
      return try ExperimentFile.load(contentsOf: file, settings: settings)
    } catch {
      switch error {
      case .unreadable: throw Failure(code: ExitCode.unreadableInput, message: error.description)
      case .invalid(let issues):
        throw Failure(code: ExitCode.invalidInput, message: issues.description)
      }
    }
  }

  /// Prints the warnings of a loaded scenario file to standard error
  /// (`file: path: warning: message`); they never change the exit code.
  static func printWarnings(of file: ExperimentFile) {
    for warning in file.scenarioFile.warnings {
      printError(warning.description)
    }
  }

  /// Writes `text` and a newline to standard error.
  static func printError(_ text: String) {
    StandardOutput.writeError(text + "\n")  // never traps, even when stderr is full or closed
  }
}
