// platform-sim-bench: kernel benchmarks printing one JSON line per measurement, comparable with
// the peer baselines in ../shared/bench/peers/. See Benchmarks/README.md.

import Foundation
import PlatformModel
import Scenarios
import SimKernel

let benchmarkUsage = """
  usage: platform-sim-bench mmc  [--customers N] [--servers C] [--rho R] [--seed S]
         platform-sim-bench hold [--sizes N,N,...] [--holds N] [--seed S]
         platform-sim-bench platform [--days N] [--seed S] [--autoscaling on|off] [--scenario FILE]
         platform-sim-bench scale [--sizes SxPxN,...] [--days N] [--seed S] [--autoscaling none|hpa|hpa+ca]
  """

/// Runs the reference platform scenario in flow fidelity and prints its wall time.
func runPlatform(_ arguments: BenchmarkArguments) throws {
  let days = try arguments.integer("days", default: 30, atLeast: 1)
  let seed = try arguments.integer("seed", default: 1, atLeast: 0)
  let autoscaling = try arguments.choice("autoscaling", default: "on", among: ["on", "off"])
  var scenario = PlatformScenario.reference
  if let file = arguments.text("scenario") {
    do {
      scenario = try ScenarioLoader.load(contentsOf: file).scenario
    } catch {
      throw BenchmarkUsageError(message: "\(error)")
    }
  }
  scenario.horizon = .days(Int64(days))
  if autoscaling == "off" {
    for s in scenario.platform.services.indices { scenario.platform.services[s].autoscaler = nil }
  }
  scenario.seed = UInt64(seed)
  let clock = ContinuousClock()
  let start = clock.now
  let result = simulate(scenario)
  let wall = seconds(clock.now - start)
  printJSONLine([
    ("engine", .text("platform-sim-bench \(benchmarkVersion) (Swift kernel)")),
    ("benchmark", .text(arguments.text("scenario").map { "platform-flow \($0)" } ?? "platform-reference-flow")),
    ("releases", .integer(result.releases.count)),
    ("simulated_days", .integer(days)),
    ("autoscaling", .text(autoscaling)),
    ("intervals", .integer(result.totals.intervals)),
    ("kernel_events", .integer(Int(result.eventsFired))),
    ("wall_s", .number((wall * 1_000).rounded() / 1_000)),
  ])
}

/// The process's user CPU time so far, in seconds (what the scale targets are stated in).
func userCPUSeconds() -> Double {
  var usage = rusage()
  #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  #else
    getrusage(RUSAGE_SELF, &usage)
  #endif
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1_000_000
}

/// The default sizes of `scale`: services x pods x nodes, from two services to the
/// large-platform shape.
let defaultScaleSizes = "2x100x15,2x1000x150,12x240x60,48x960x300"

/// Simulates synthetic platforms of each size (``ScalePlatform``) and prints, per size, the
/// user CPU seconds per simulated day.
func runScale(_ arguments: BenchmarkArguments) throws {
  let days = try arguments.integer("days", default: 3, atLeast: 1)
  let seed = try arguments.integer("seed", default: 1, atLeast: 0)
  let mode = try arguments.choice(
    "autoscaling", default: ScalePlatform.Autoscaling.hpaAndClusterAutoscaler.rawValue,
    among: ScalePlatform.Autoscaling.allCases.map(\.rawValue))
  let autoscaling = ScalePlatform.Autoscaling(rawValue: mode) ?? .hpaAndClusterAutoscaler
  for size in (arguments.text("sizes") ?? defaultScaleSizes).split(separator: ",") {
    let parts = size.split(separator: "x").map { Int($0) }
    guard parts.count == 3, let services = parts[0], let pods = parts[1], let nodes = parts[2],
      services > 0, pods > 0, nodes > 0
    else {
      throw BenchmarkUsageError(
        message: "--sizes takes services x pods x nodes, e.g. 48x960x300 (got '\(size)')")
    }
    let platform = ScalePlatform(services: services, pods: pods, nodes: nodes, autoscaling: autoscaling)
    let scenario = platform.scenario(days: days, seed: UInt64(seed))
    let issues = ScenarioLoader.validationIssues(in: scenario, file: "scale \(size)")
    guard issues.isEmpty else {
      throw BenchmarkUsageError(message: issues.map { "\($0)" }.joined(separator: "\n"))
    }
    let clock = ContinuousClock()
    let userBefore = userCPUSeconds()
    let start = clock.now
    let result = simulate(scenario, replication: 0, detail: .summary)
    let wall = seconds(clock.now - start)
    let user = userCPUSeconds() - userBefore
    printJSONLine([
      ("engine", .text("platform-sim-bench \(benchmarkVersion) (Swift kernel)")),
      ("benchmark", .text("scale")),
      ("services", .integer(services)),
      ("pods", .integer(platform.podsPerService * services)),
      ("nodes", .integer(nodes)),
      ("autoscaling", .text(autoscaling.rawValue)),
      ("simulated_days", .integer(days)),
      ("kernel_events", .integer(Int(result.eventsFired))),
      ("user_s", .number((user * 1_000).rounded() / 1_000)),
      ("wall_s", .number((wall * 1_000).rounded() / 1_000)),
      ("user_s_per_simulated_day", .number((user / Double(days) * 10_000).rounded() / 10_000)),
    ])
  }
}

/// Runs the M/M/c benchmark and prints the same JSON fields as mmc_simpy.py.
func runMMc(_ arguments: BenchmarkArguments) throws {
  let customers = try arguments.integer("customers", default: 1_000_000, atLeast: 1)
  let servers = try arguments.integer("servers", default: 4, atLeast: 1)
  let rho = try arguments.number("rho", default: 0.8, in: 0.01...0.99)
  let seed = try arguments.integer("seed", default: 1, atLeast: 0)
  var simulation = Simulation<MMcBenchmarkModel.Event>(expectedPendingEvents: servers + 2)
  var model = try MMcBenchmarkModel(
    customers: customers, servers: servers, utilisation: rho, seed: UInt64(seed),
    simulation: &simulation)
  let clock = ContinuousClock()
  let start = clock.now
  _ = simulation.run(&model)
  let wall = seconds(clock.now - start)
  let theory = MMcQueue(arrivalRate: rho * Double(servers), serviceRate: 1, servers: servers)
  printJSONLine([
    ("engine", .text("platform-sim-bench \(benchmarkVersion) (Swift kernel)")),
    ("customers", .integer(model.waits.observations.count)),
    ("mean_wait", .number(model.waits.observations.mean)),
    ("erlang_c_wait", .number(theory.meanWait)),
    ("wall_s", .number((wall * 1_000).rounded() / 1_000)),
    ("customers_per_s", .integer(Int((Double(model.waits.observations.count) / wall).rounded()))),
  ])
}

/// Runs the hold model at each pending-set size and prints nanoseconds per hold.
func runHold(_ arguments: BenchmarkArguments) throws {
  let sizes = try arguments.integers("sizes", default: [100, 10_000, 1_000_000])
  let holds = try arguments.integer("holds", default: 5_000_000, atLeast: 1)
  let seed = try arguments.integer("seed", default: 1, atLeast: 0)
  for size in sizes {
    var simulation = Simulation<HoldBenchmarkModel.Event>(expectedPendingEvents: size)
    var model = try HoldBenchmarkModel(
      pendingEvents: size, holds: size, seed: UInt64(seed), simulation: &simulation)
    _ = simulation.run(&model)  // warm-up: every initial event fires once
    model.reset(holds: holds)
    let clock = ContinuousClock()
    let start = clock.now
    _ = simulation.run(&model)
    let wall = seconds(clock.now - start)
    printJSONLine([
      ("engine", .text("platform-sim-bench \(benchmarkVersion) (Swift kernel)")),
      ("benchmark", .text("hold")),
      ("pending", .integer(simulation.pendingEventCount)),
      ("holds", .integer(holds)),
      ("wall_s", .number((wall * 1_000).rounded() / 1_000)),
      ("ns_per_hold", .number((wall * 1e9 / Double(holds) * 10).rounded() / 10)),
    ])
  }
}

let benchmarkVersion = "0.1.0"

/// A duration from the wall clock in seconds.
func seconds(_ duration: Duration) -> Double {
  let parts = duration.components
  return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

/// One JSON value of a benchmark line.
enum JSONScalar {
  case text(String)
  case integer(Int)
  case number(Double)

  var encoded: String {
    switch self {
    case .text(let s): return "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    case .integer(let n): return String(n)
    case .number(let x): return x.isFinite ? String(x) : "null"
    }
  }
}

/// Prints `fields` as one JSON object on one line, in the given order.
func printJSONLine(_ fields: [(String, JSONScalar)]) {
  print("{" + fields.map { "\"\($0.0)\": \($0.1.encoded)" }.joined(separator: ", ") + "}")
}

let commandLine = Array(CommandLine.arguments.dropFirst())
do {
  switch commandLine.first {
  case "mmc":
    try runMMc(BenchmarkArguments(Array(commandLine.dropFirst()), allowed: ["customers", "servers", "rho", "seed"]))
  case "hold":
    try runHold(BenchmarkArguments(Array(commandLine.dropFirst()), allowed: ["sizes", "holds", "seed"]))
  case "platform":
    try runPlatform(BenchmarkArguments(Array(commandLine.dropFirst()), allowed: ["days", "seed", "autoscaling", "scenario"]))
  case "scale":
    try runScale(BenchmarkArguments(Array(commandLine.dropFirst()), allowed: ["sizes", "days", "seed", "autoscaling"]))
  case "--help", "-h":
    print(benchmarkUsage)
  default:
    FileHandle.standardError.write(Data("platform-sim-bench: expected a command\n\(benchmarkUsage)\n".utf8))
    exit(64)
  }
} catch let error as BenchmarkUsageError {
  FileHandle.standardError.write(Data("platform-sim-bench: \(error.message)\n".utf8))
  exit(64)
} catch {
  FileHandle.standardError.write(Data("platform-sim-bench: \(error)\n".utf8))
  exit(70)
}
