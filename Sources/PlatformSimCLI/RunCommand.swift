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

  /// The folder a report goes to when `--out` is not given: `reports/NAME`, beside wherever
  /// the command runs and never the committed `results/`.
  static func defaultFolder(for name: String, shard: ShardPlan = .whole) -> String {
    shard == .whole
      ? "reports/\(name)" : "reports/\(name)-shard-\(shard.index)-of-\(shard.count)"
  }

  /// `run [FILE] [options]`: one run, or an experiment (see ``usage``).
  static func run(_ arguments: [String]) throws {
    var options = OptionReader(
      arguments, command: "run",
      valued: [
        "--seed", "--duration", "--out", "--replications", "--jobs", "--set", "--precision",
        "--shard",
      ], repeatable: ["--set"], flags: ["--quiet", "--force"])
    guard try !options.readAll() else { return }
    guard options.operands.count <= 1 else {
      throw Failure.usage(
        "run takes one scenario file (got \(options.operands.joined(separator: ", ")))")
    }
    let file = options.operands.first
    var settings: [ExperimentFile.TopLevelSetting] = []
    if let text = options.value("--seed") {
      guard let seed = UInt64(text) else {
        throw Failure.usage("--seed needs a whole number from 0 to 2^64-1 (got \(text))")
      }
      settings.append(.init(key: "seed", value: .number(JSONNumber(seed)), origin: "--seed \(text)"))
    }
    if let text = options.value("--duration") {
      let duration: SimDuration
      do {
        duration = try SimDuration(parsing: text)
      } catch {
        throw Failure.usage("--duration: \(error)")
      }
      guard duration > .zero else { throw Failure.usage("--duration must be positive (got \(text))") }
      settings.append(.init(key: "horizon", value: .string(text), origin: "--duration \(text)"))
    }
    let out = options.value("--out")
    if out == "" { throw Failure.usage("--out needs a folder (got an empty path)") }
    let quiet = options.has("--quiet")
    let force = options.has("--force")
    var jobs: Int?
    if let text = options.value("--jobs") {
      guard let n = Int(text), n >= 1, n <= 4_096 else {
        throw Failure.usage("--jobs needs a whole number from 1 to 4096 (got \(text))")
      }
      jobs = n
    }
    var overrides = ExperimentOverrides()
    if let text = options.value("--replications") {
      guard let n = Int(text), n >= 1, n <= ExperimentFile.maximumReplications else {
        throw Failure.usage(
          "--replications needs a whole number from 1 to \(ExperimentFile.maximumReplications) "
            + "(got \(text))")
      }
      overrides.replications = n
    }
    for text in options.allValues("--set") {
      do {
        let axis = try SweepAxis(parsing: text)
        guard !overrides.axes.contains(where: { $0.path == axis.path }) else {
          throw Failure.usage("--set \(axis.path) is given twice; give its values once")
        }
        overrides.axes.append(axis)
      } catch let failure as Failure {
        throw failure
      } catch {
        throw Failure.usage("--set: \(error)")
      }
    }
    overrides.precision = options.value("--precision")
    if let text = options.value("--shard") {
      do {
        overrides.shard = try ShardPlan(parsing: text)
      } catch {
        throw Failure.usage("--shard: \(error)")
      }
    }
    if overrides.precision != nil, let shard = overrides.shard, shard.count > 1 {
      throw Failure.usage(
        "--precision cannot be sharded: the stopping decision needs every replication; "
          + "find the count with --precision, then shard with --replications N")
    }
    let experimentFile: ExperimentFile
    if let file {
      experimentFile = try loadFile(file, settings: settings)
    } else {
      do {
        experimentFile = try ExperimentFile.reference(settings: settings)
      } catch {
        throw Failure(code: ExitCode.invalidInput, message: error.description)
      }
    }
    printWarnings(of: experimentFile)
    let scenario = experimentFile.scenarioFile.scenario
    guard overrides.makeExperiment || experimentFile.isExperiment else {
      try runOnce(
        scenario, hash: experimentFile.scenarioFile.contentHash,
        out: out ?? defaultFolder(for: scenario.name), force: force, quiet: quiet)
      return
    }
    let plan = try makePlan(experimentFile, file: file ?? "builtin-reference", overrides: overrides)
    let shard = overrides.shard ?? .whole
    let folder = out ?? defaultFolder(for: scenario.name, shard: shard)
    try checkWritable(folder, force: force)
    let bar = !quiet && ProgressBar.isWanted ? ProgressBar(noun: "replications") : nil
    var progress: (@Sendable (ExperimentRunner.Progress) -> Void)?
    if let bar {
      progress = { bar.update(completed: $0.completed, planned: $0.planned) }
    }
    let results = ExperimentRunner.run(
      plan, shard: shard, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
      progress: progress)
    bar?.finish()
    try writeExperiment(results, to: folder, force: force, quiet: quiet)
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
        throw Failure.usage("--precision: \(error)")
      }
    }
    do {
      return try ExperimentPlan(
        base: file.scenarioFile.scenario, scenarioHash: file.scenarioFile.contentHash, file: name,
        axes: axes, replications: replications ?? defaultReplications, precision: precision)
    } catch {
      throw Failure(code: ExitCode.invalidInput, message: error.description)  // names the file
    }
  }

  /// One run and its reports: timeseries.csv and events.csv written into the report's draft
  /// while the run goes (the run keeps neither rows nor events), the other files once it is
  /// over, and the report put in place only then (see ``ReportDirectory``).
  static func runOnce(
    _ scenario: PlatformScenario, hash: String, out folder: String, force: Bool, quiet: Bool
  ) throws {
    var directory = ReportDirectory(force: force)
    var draft: ReportDirectory.Draft
    do {
      draft = try directory.begin(folder)
    } catch {
      throw Failure(code: ExitCode.cannotWriteReports, message: error.description)
    }
    let result: PlatformRunResult
    do throws(ReportDirectory.Failure) {
      let rows = try directory.openFile(RunReport.timeSeriesName, in: &draft)
      let events = try directory.openFile(RunReport.eventsName, in: &draft)
      result = simulate(
        scenario, timeSeries: TimeSeriesCSV(scenario: scenario, output: rows),
        events: EventLogCSV(output: events))
      let report = RunReport(
        result, scenarioHash: hash, toolVersion: version, eventsStreamed: true)
      try directory.commit(draft, adding: report.files)
    } catch {
      directory.abandon(draft)
      throw Failure(code: ExitCode.cannotWriteReports, message: error.description)
    }
    if !quiet { print(TerminalSummary.text(result, reportPath: folder)) }
  }

  /// Writes an experiment's (or shard's) reports and, unless quiet, its summary.
  static func writeExperiment(
    _ results: ExperimentResults, to folder: String, force: Bool, quiet: Bool
  ) throws {
    let report = ExperimentReport(results, toolVersion: version)
    try write(report.files, to: folder, force: force)
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

  /// `merge DIR... --out DIR [--force] [--quiet]`.
  static func merge(_ arguments: [String]) throws {
    var options = OptionReader(
      arguments, command: "merge", valued: ["--out"], flags: ["--quiet", "--force"])
    guard try !options.readAll() else { return }
    let folders = options.operands
    guard !folders.isEmpty else {
      throw Failure.usage("merge needs the shard folders\n\(usage(of: "merge"))")
    }
    guard let out = options.value("--out"), !out.isEmpty else {
      throw Failure.usage("merge needs --out DIR\n\(usage(of: "merge"))")
    }
    let force = options.has("--force")
    try checkWritable(out, force: force)
    let results: ExperimentResults
    do {
      results = try ShardMerge.merge(folders: folders, toolVersion: version)
    } catch {
      switch error {
      case .unreadable: throw Failure(code: ExitCode.unreadableInput, message: error.description)
      case .invalid: throw Failure(code: ExitCode.invalidInput, message: error.description)
      }
    }
    try writeExperiment(results, to: out, force: force, quiet: options.has("--quiet"))
  }

  /// Refuses, before any work, a report folder that the write would refuse at the end.
  static func checkWritable(_ folder: String, force: Bool) throws {
    do {
      try ReportDirectory.checkPlace(folder, force: force)
    } catch {
      throw Failure(code: ExitCode.cannotWriteReports, message: error.description)
    }
  }

  /// Writes report files to `folder` all at once (see ``ReportDirectory``).
  static func write(_ files: [(name: String, contents: String)], to folder: String, force: Bool)
    throws
  {
    do {
      try ReportDirectory.write(files, to: folder, force: force)
    } catch {
      throw Failure(code: ExitCode.cannotWriteReports, message: error.description)
    }
  }
}
