import Foundation
import Scenarios
import SimKernel

/// A seeded fuzzing campaign: `validateCount` mutated inputs through `validate`, then
/// `runCount` mutated one-hour scenarios through `validate` and `run`, all in-process.
///
/// Every input must end in exit 0, 65 or 66; a non-zero exit must name the file on standard
/// error; a run must exit exactly as `validate` did on the same file (validation and run agree),
/// and a run that exits 0 must have written its summary. Inputs that break a rule are saved in
/// `out/crashers` with the reason; the campaign goes on. Each input is written to
/// `out/work/fuzz-input.json` before it is tried and `out/current.txt` names it, so a crash or
/// a hang (see ``Watchdog``) leaves it behind.
package struct FuzzCampaign {
  /// What to run.
  package struct Options: Sendable {
    package var seed: UInt64 = 1
    package var validateCount = 1_000
    package var runCount = 20
    /// The first input to try: validate inputs are numbered from 0, runs follow them.
    package var start = 0
    package var out = "fuzz-out"
    package var scenarios = "scenarios"
    package var validateSeconds = 30.0
    package var runSeconds = 20.0
    package var memoryLimitMiB = 4_096
    package var progress = true
    package init() {}
  }

  /// Counts of a finished campaign.
  package struct Summary: Sendable, CustomStringConvertible {
    package var validateExits: [Int32: Int] = [:]
    package var runExits: [Int32: Int] = [:]
    package var failures: [String] = []
    package var slowestSeconds = 0.0
    package var slowestLabel = ""
    package var seconds = 0.0

    package var description: String {
      func counts(_ exits: [Int32: Int]) -> String {
        let total = exits.values.reduce(0, +)
        let parts = exits.keys.sorted().map { "exit \($0): \(exits[$0]!)" }
        return "\(total) (\(parts.joined(separator: ", ")))"
      }
      let list = failures.isEmpty ? "" : "\n  " + failures.joined(separator: "\n  ")
      return """
        validate inputs: \(counts(validateExits))
        run inputs: \(counts(runExits))
        failures: \(failures.count)\(list)
        slowest input: \(String(format: "%.2f", slowestSeconds)) s (\(slowestLabel))
        time: \(String(format: "%.1f", seconds)) s
        """
    }
  }

  let options: Options
  let corpus: ScenarioCorpus
  let validateMutator: ScenarioMutator
  let runMutator: ScenarioMutator

  /// A campaign over the scenarios in `options.scenarios`.
  package init(_ options: Options) throws {
    self.options = options
    corpus = try ScenarioCorpus(scenariosFolder: options.scenarios)
    validateMutator = ScenarioMutator(bases: corpus.validateBases)
    runMutator = ScenarioMutator(bases: corpus.runBases, preservesTypes: true)
  }

  /// The bytes and label of input `index` (deterministic for the seed).
  package func input(_ index: Int) -> (bytes: [UInt8], label: String, isRun: Bool) {
    var random = FuzzRandom(seed: options.seed, input: index)
    let isRun = index >= options.validateCount
    let bases = isRun ? corpus.runBases : corpus.validateBases
    let baseIndex = random.below(bases.count)
    var (bytes, mutations) = (isRun ? runMutator : validateMutator).mutate(
      bases[baseIndex], random: &random)
    if isRun { bytes = Self.boundedToAnHour(bytes) }
    let kind = isRun ? "run" : "validate"
    let names = mutations.map(\.rawValue).joined(separator: "+")
    return (bytes, "\(kind)-\(options.seed)-\(index)-base\(baseIndex)-\(names)", isRun)
  }

  /// A run input has a horizon of exactly one hour, so that `run --duration 1h` simulates the
  /// scenario `validate` checked, whether `--duration` is applied before or after validation:
  /// a document whose `horizon` is missing or another duration gets `"1h"` back (horizons are
  /// mutated in validate inputs).
  static func boundedToAnHour(_ bytes: [UInt8]) -> [UInt8] {
    guard let text = String(validating: bytes, as: UTF8.self),
      case .object(var members)? = try? JSONParser.parse(text)
    else { return bytes }
    if case .string(let horizon)? = members.first(where: { $0.key == "horizon" })?.value,
      let duration = try? SimDuration(parsing: horizon), duration == .hours(1)
    {
      return bytes
    }
    ScenarioCorpus.set(&members, "horizon", .string("1h"))
    return Array(JSONWriter(style: .compact, sortsKeys: false).string(from: .object(members)).utf8)
  }

  /// Runs inputs `options.start ..< validateCount + runCount` and returns the counts.
  package func run() throws -> Summary {
    let fm = FileManager.default
    let work = (options.out as NSString).appendingPathComponent("work")
    let crashers = (options.out as NSString).appendingPathComponent("crashers")
    try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
    try fm.createDirectory(atPath: crashers, withIntermediateDirectories: true)
    let inputPath = (work as NSString).appendingPathComponent("fuzz-input.json")
    let currentPath = (options.out as NSString).appendingPathComponent("current.txt")
    let watchdog = Watchdog(crashers: crashers, memoryLimitBytes: options.memoryLimitMiB << 20)
    let command = CapturedCommand(folder: work)
    var summary = Summary()
    let began = Date()
    let total = options.validateCount + options.runCount
    for index in options.start..<max(options.start, total) {
      let (bytes, label, isRun) = input(index)
      try "\(index) \(label)\n".write(toFile: currentPath, atomically: false, encoding: .utf8)
      try Data(bytes).write(to: URL(fileURLWithPath: inputPath))
      let started = Date()
      var problems: [String] = []
      watchdog.arm(
        label, inputPath: inputPath, seconds: isRun ? options.runSeconds : options.validateSeconds)
      let validated = command.run(["validate", inputPath])
      problems += Self.check(validated, file: inputPath, what: "validate")
      if validated.status == 0 && !validated.stdout.contains(inputPath) {
        problems.append("validate exited 0 without naming the file on standard output")
      }
      if isRun {
        let folder = (work as NSString).appendingPathComponent("run-\(index)")
        try? fm.removeItem(atPath: folder)
        let ran = command.run(["run", inputPath, "--duration", "1h", "--out", folder, "--quiet"])
        problems += Self.check(ran, file: inputPath, what: "run")
        if ran.status != validated.status {
          problems.append("validate exited \(validated.status) but run exited \(ran.status)")
        }
        if ran.status == 0
          && !fm.fileExists(atPath: (folder as NSString).appendingPathComponent("summary.json"))
        {
          problems.append("run exited 0 without writing summary.json")
        }
        try? fm.removeItem(atPath: folder)
        summary.runExits[ran.status, default: 0] += 1
      } else {
        summary.validateExits[validated.status, default: 0] += 1
      }
      watchdog.disarm()
      let seconds = Date().timeIntervalSince(started)
      if seconds > summary.slowestSeconds {
        (summary.slowestSeconds, summary.slowestLabel) = (seconds, label)
      }
      if !problems.isEmpty {
        summary.failures.append("\(label): \(problems.joined(separator: "; "))")
        let saved = (crashers as NSString).appendingPathComponent("\(label).json")
        try? fm.removeItem(atPath: saved)
        try fm.copyItem(atPath: inputPath, toPath: saved)
        try (problems.joined(separator: "\n") + "\n").write(
          toFile: (crashers as NSString).appendingPathComponent("\(label).txt"), atomically: true,
          encoding: .utf8)
      }
      summary.seconds = Date().timeIntervalSince(began)
      try writeCounts(summary)
      if options.progress && (index + 1) % (isRun ? 100 : 5_000) == 0 {
        let elapsed = String(format: "%.0f", Date().timeIntervalSince(began))
        let line =
          "platform-sim-fuzz: \(index + 1) of \(total) inputs, "
          + "\(summary.failures.count) failures, \(elapsed) s\n"
        FileHandle.standardError.write(Data(line.utf8))
      }
    }
    summary.seconds = Date().timeIntervalSince(began)
    try writeCounts(summary)
    try? fm.removeItem(atPath: currentPath)
    return summary
  }

  /// Tries the scenario `file` as a run input: `validate`, then `run --duration 1h` into a fresh
  /// folder under `work`, and returns both exit codes and the rules it broke (empty when none).
  package static func replay(_ file: String, work: String) -> (
    validate: Int32, run: Int32, problems: [String]
  ) {
    let fm = FileManager.default
    try? fm.createDirectory(atPath: work, withIntermediateDirectories: true)
    let command = CapturedCommand(folder: work)
    let validated = command.run(["validate", file])
    var problems = check(validated, file: file, what: "validate")
    let folder = (work as NSString).appendingPathComponent("replay-run")
    try? fm.removeItem(atPath: folder)
    let ran = command.run(["run", file, "--duration", "1h", "--out", folder, "--quiet"])
    problems += check(ran, file: file, what: "run")
    if ran.status != validated.status {
      problems.append("validate exited \(validated.status) but run exited \(ran.status)")
    }
    try? fm.removeItem(atPath: folder)
    return (validated.status, ran.status, problems)
  }

  /// Writes this segment's counts, which the wrapper script adds up across restarts, as lines
  /// `validate|run STATUS COUNT`, `failures N` and `seconds S`.
  func writeCounts(_ summary: Summary) throws {
    var counts = ""
    for (kind, exits) in [("validate", summary.validateExits), ("run", summary.runExits)] {
      for status in exits.keys.sorted() { counts += "\(kind) \(status) \(exits[status]!)\n" }
    }
    counts +=
      "failures \(summary.failures.count)\nseconds \(String(format: "%.1f", summary.seconds))\n"
    try counts.write(
      toFile: (options.out as NSString).appendingPathComponent("counts-\(options.start).txt"),
      atomically: false, encoding: .utf8)
  }

  /// The rules every exit must follow.
  static func check(_ outcome: CapturedCommand.Outcome, file: String, what: String) -> [String] {
    var problems: [String] = []
    if ![0, 65, 66].contains(outcome.status) {
      problems.append("\(what) exited \(outcome.status): \(outcome.stderr.suffix(2_000))")
    } else if outcome.status != 0 && !outcome.stderr.contains(file) {
      problems.append(
        "\(what) exited \(outcome.status) without naming the file: \(outcome.stderr.prefix(400))")
    }
    return problems
  }
}
