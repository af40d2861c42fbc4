import Experiments
import Foundation
import PlatformModel
import Reports
import Scenarios
import SimKernel

/// What the command line adds to a scenario file's experiment.
struct ExperimentOverrides {
  /// `--replications N`.
  var replications: Int?
  /// `--set PATH=VALUES`, in order.
  var axes: [SweepAxis] = []
  /// `--precision ...`, as written.
  var precision: String?
  /// `--shard K/N`.
  var shard: ShardPlan?

  /// Whether any option makes `run` an experiment.
  var makeExperiment: Bool {
    replications != nil || !axes.isEmpty || precision != nil || shard != nil
  }
}

extension CommandLineTool {
  /// Replications per variant when neither the file nor `--replications` says.
  static let defaultReplications = 10
  /// The precision rule's cap when neither `max=` nor a replication count says.
  static let defaultPrecisionCap = 1_000

  /// `run [FILE] [options]`: one run, or an experiment (see ``usage``).
  static func run(_ arguments: [String]) throws {
    var file: String?
    var seed: UInt64?
    var duration: SimDuration?
    var out: String?
    var quiet = false
    var jobs: Int?
    var overrides = ExperimentOverrides()
    var rest = arguments[...]
    func value(_ option: String, _ what: String) throws -> String {
      guard let text = rest.popFirst() else {
        throw Failure(code: 64, message: "\(option) needs \(what)")
      }
      return text
    }
    while let argument = rest.popFirst() {
      switch argument {
      case "--seed":
        guard let value = UInt64(try value("--seed", "a value")) else {
          throw Failure(code: 64, message: "--seed needs a whole number from 0 to 2^64-1")
        }
        seed = value
      case "--duration":
        let text = try value("--duration", "a value such as 30d")
        do {
          duration = try SimDuration(parsing: text)
        } catch {
          throw Failure(code: 64, message: "--duration: \(error)")
        }
        if let d = duration, d <= .zero {
          throw Failure(code: 64, message: "--duration must be positive")
        }
      case "--out":
        out = try value("--out", "a folder")
      case "--quiet":
        quiet = true
      case "--replications":
        guard let n = Int(try value("--replications", "a number")), n >= 1,
          n <= ExperimentFile.maximumReplications
        else {
          throw Failure(
            code: 64,
            message:
              "--replications needs a whole number from 1 to \(ExperimentFile.maximumReplications)")
        }
        overrides.replications = n
      case "--jobs":
        guard let n = Int(try value("--jobs", "a number")), n >= 1 else {
          throw Failure(code: 64, message: "--jobs needs a whole number of at least 1")
        }
        jobs = n
      case "--set":
        let text = try value("--set", "PATH=VALUES, such as platform.database.multiAZ=true,false")
        do {
          let axis = try SweepAxis(parsing: text)
          overrides.axes.removeAll { $0.path == axis.path }
          overrides.axes.append(axis)
        } catch {
          throw Failure(code: 64, message: "--set: \(error)")
        }
      case "--precision":
        overrides.precision = try value(
          "--precision", "METRIC=HALFWIDTH, such as availability=0.0002 or monthlyCostUSD=1%")
      case "--shard":
        do {
          overrides.shard = try ShardPlan(parsing: try value("--shard", "K/N, such as 1/4"))
        } catch let error as ExperimentInputError {
          throw Failure(code: 64, message: "--shard: \(error)")
        }
      case "--help", "-h":
        print(usage)
        return
      default:
        if argument.hasPrefix("-") {
          throw Failure(code: 64, message: "unknown option '\(argument)'\n\(usage)")
        }
        guard file == nil else { throw Failure(code: 64, message: "run takes one scenario file") }
        file = argument
      }
    }
    if overrides.precision != nil, let shard = overrides.shard, shard.count > 1 {
      throw Failure(
        code: 64,
        message: "--precision cannot be sharded: the stopping decision needs every replication; "
          + "find the count with --precision, then shard with --replications N")
    }
    var loaded: ExperimentFile?
    var (scenario, hash) = (PlatformScenario.reference, "builtin-reference")
    if let file {
      let experimentFile = try loadFile(file)
      loaded = experimentFile
      (scenario, hash) = (
        experimentFile.scenarioFile.scenario, experimentFile.scenarioFile.contentHash
      )
    }
    if let seed { scenario.seed = seed }
    if let duration {
      scenario.horizon = duration
      if scenario.reportingInterval > duration { scenario.reportingInterval = duration }
    }
    guard overrides.makeExperiment || loaded?.isExperiment == true else {
      try runOnce(scenario, hash: hash, out: out, quiet: quiet)
      return
    }
    var experimentFile =
      loaded
      ?? ExperimentFile(
        scenarioFile: ScenarioFile(
          path: "builtin-reference", scenario: scenario, scenarioDescription: nil,
          contentHash: hash), replications: nil, axes: [])
    experimentFile.scenarioFile.scenario = scenario
    let plan = try makePlan(experimentFile, file: file ?? "builtin-reference", overrides: overrides)
    let shard = overrides.shard ?? .whole
    let folder =
      out
      ?? (shard == .whole
        ? "results/\(scenario.name)"
        : "results/\(scenario.name)-shard-\(shard.index)-of-\(shard.count)")
    let bar = !quiet && ProgressBar.isWanted ? ProgressBar(noun: "replications") : nil
    var progress: (@Sendable (ExperimentRunner.Progress) -> Void)?
    if let bar {
      progress = { bar.update(completed: $0.completed, planned: $0.planned) }
    }
    let results = ExperimentRunner.run(
      plan, shard: shard, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
      progress: progress)
    bar?.finish()
    try writeExperiment(results, to: folder, quiet: quiet)
  }

  /// The plan of `file`'s experiment with the command line's `overrides`: command-line axes
  /// replace the file's axes of the same path and follow the others.
  static func makePlan(_ file: ExperimentFile, file name: String, overrides: ExperimentOverrides)
    throws -> ExperimentPlan
  {
    var axes = file.axes.filter { axis in !overrides.axes.contains { $0.path == axis.path } }
    axes += overrides.axes
    let replications = overrides.replications ?? file.replications
    var precision: PrecisionRule?
    if let text = overrides.precision {
      do {
        precision = try PrecisionRule(
          parsing: text, defaultMaximum: replications ?? defaultPrecisionCap)
      } catch {
        throw Failure(code: 64, message: "--precision: \(error)")
      }
    }
    do {
      return try ExperimentPlan(
        base: file.scenarioFile.scenario, scenarioHash: file.scenarioFile.contentHash, file: name,
        axes: axes, replications: replications ?? defaultReplications, precision: precision)
    } catch {
      throw Failure(code: 65, message: error.description)
    }
  }

  /// One run and its four reports, as before experiments existed.
  static func runOnce(_ scenario: PlatformScenario, hash: String, out: String?, quiet: Bool) throws
  {
    let result = simulate(scenario)
    let report = RunReport(result, scenarioHash: hash, toolVersion: version)
    let folder = out ?? "results/\(scenario.name)"
    try write(report.files, to: folder)
    if !quiet { print(TerminalSummary.text(result, reportPath: folder)) }
  }

  /// Writes an experiment's (or shard's) reports and, unless quiet, its summary.
  static func writeExperiment(_ results: ExperimentResults, to folder: String, quiet: Bool) throws {
    let report = ExperimentReport(results, toolVersion: version)
    try write(report.files, to: folder)
    guard !quiet else { return }
    if let analysis = report.analysis {
      print(
        ExperimentTerminalSummary.text(
          analysis, precision: results.precision, reportPath: folder))
    } else {
      print(
        "shard \(results.shard) of experiment \(results.definition.scenarioName): "
          + "\(results.rows.count) replications written to \(folder)")
    }
  }

  /// `merge DIR... --out DIR [--quiet]`.
  static func merge(_ arguments: [String]) throws {
    var folders: [String] = []
    var out: String?
    var quiet = false
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "--out":
        guard let value = rest.popFirst() else {
          throw Failure(code: 64, message: "--out needs a folder")
        }
        out = value
      case "--quiet":
        quiet = true
      case "--help", "-h":
        print(usage)
        return
      default:
        if argument.hasPrefix("-") {
          throw Failure(code: 64, message: "unknown option '\(argument)'\n\(usage)")
        }
        folders.append(argument)
      }
    }
    guard !folders.isEmpty else {
      throw Failure(code: 64, message: "merge needs the shard folders")
    }
    guard let out else { throw Failure(code: 64, message: "merge needs --out DIR") }
    let results: ExperimentResults
    do {
      results = try ShardMerge.merge(folders: folders, toolVersion: version)
    } catch {
      switch error {
      case .unreadable: throw Failure(code: 66, message: error.description)
      case .invalid: throw Failure(code: 65, message: error.description)
      }
    }
    try writeExperiment(results, to: out, quiet: quiet)
  }

  /// Writes report files to `folder` all at once.
  static func write(_ files: [(name: String, contents: String)], to folder: String) throws {
    do {
      try ReportDirectory.write(files, to: folder)
    } catch {
      throw Failure(
        code: 73, message: "cannot write reports to \(folder): \(error.localizedDescription)")
    }
  }
}
