import Experiments
import Foundation
import PlatformModel
import Reports
import Scenarios
import Testing

/// The sweep of quick.json: the database's recovery time, 6 h or 2 h on average.
let quickSweep = """
  [{"path": "platform.database.singleAZRecoveryTime",
    "values": [{"exponential": {"mean": "6h"}}, {"exponential": {"mean": "2h"}}]}]
  """

/// A scenario whose replications take milliseconds: one backend pod calling a single-AZ
/// database that fails every 2 days on average, 12 replications of each variant of `sweep`.
func quickExperiment(sweep: String = quickSweep) -> String {
  """
  {
    "name": "quick",
    "horizon": "10d",
    "flowStep": "1d",
    "reportingInterval": "1h",
    "replications": 12,
    "sweep": \(sweep),
    "platform": {
      "nodeAutoscaling": null,
      "nodeGroups": [{"name": "general", "minNodes": 1, "desiredNodes": 1, "maxNodes": 1}],
      "services": {"replace": [{"name": "backend", "replicas": 1, "minReplicas": 1,
        "maxReplicas": 2, "readinessProbe": {"period": "1h"},
        "calls": [{"target": "database", "callsPerRequest": 1}]}]},
      "loadBalancer": {"healthCheckInterval": "1h"},
      "database": {"multiAZ": false},
      "cache": {"enabled": false}
    },
    "traffic": {"baseRequestsPerSecond": 10, "routes": [{"service": "backend", "share": 1}]},
    "alerting": {"rules": {"replace": []}, "evaluationInterval": "1h"},
    "faults": [{"kind": "databaseFailure", "timeBetweenFailures": {"exponential": {"mean": "2d"}},
                "repairTime": {"constant": 0}}]
  }
  """
}

/// A fresh folder holding quick.json.
func quickExperimentFolder() throws -> URL {
  let folder = try temporaryFolder()
  try quickExperiment().write(
    to: folder.appendingPathComponent("quick.json"), atomically: true, encoding: .utf8)
  return folder
}

/// The files of report folder `name` under `folder`, by name.
/// The report files in `folder/name` by name, without the ownership marker (which every report
/// folder holds, see `ReportDirectory`).
func reportFiles(_ name: String, in folder: URL) throws -> [String: Data] {
  let url = folder.appendingPathComponent(name)
  var files: [String: Data] = [:]
  for file in try FileManager.default.contentsOfDirectory(atPath: url.path)
  where file != ".platform-sim-report" {
    files[file] = try Data(contentsOf: url.appendingPathComponent(file))
  }
  return files
}

@Suite struct ExperimentCommandTests {
  @Test("--jobs 1 and --jobs 3 write byte-identical reports, and no progress bar off a terminal")
  func jobsGiveIdenticalBytes() throws {
    let folder = try quickExperimentFolder()
    let one = try runTool(["run", "quick.json", "--jobs", "1", "--out", "one"], in: folder)
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stderr.isEmpty, "stderr is a pipe here, so no progress bar: \(one.stderr)")
    #expect(one.stdout.contains("experiment quick: 2 variants x 12 replications"))
    let three = try runTool(
      ["run", "quick.json", "--jobs", "3", "--out", "three", "--quiet"], in: folder)
    #expect(three.status == 0 && three.stdout.isEmpty, "\(three.stderr)")
    let a = try reportFiles("one", in: folder)
    #expect(a.keys.sorted() == ["replications.csv", "summary.json", "sweep.csv"])
    #expect(a == (try reportFiles("three", in: folder)))
  }

  @Test("a sweep writes one sweep.csv row per variant and one replications.csv row per replication")
  func sweepOutputs() throws {
    let folder = try quickExperimentFolder()
    let result = try runTool(
      [
        "run", "quick.json", "--replications", "3", "--set", "traffic.baseRequestsPerSecond=5,20",
        "--out", "out", "--quiet",
      ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let sweep = try String(
      contentsOf: folder.appendingPathComponent("out/sweep.csv"), encoding: .utf8
    )
    .split(separator: "\n")
    #expect(sweep.count == 1 + 4)
    #expect(
      sweep[0].hasPrefix(
        "variant,platform.database.singleAZRecoveryTime,traffic.baseRequestsPerSecond,replications,"
          + "availability_mean,availability_ci_low,availability_ci_high,"))
    #expect(sweep[0].hasSuffix(",pareto_cost_availability,pareto_cost_objectives"))
    #expect(sweep[2].hasPrefix(#"1,"{""exponential"":{""mean"":""6h""}}",20,3,"#), "\(sweep[2])")
    let rows = try String(
      contentsOf: folder.appendingPathComponent("out/replications.csv"), encoding: .utf8
    ).split(separator: "\n")
    #expect(rows.count == 1 + 4 * 3)
    let summary = try JSONParser.parse(
      String(contentsOf: folder.appendingPathComponent("out/summary.json"), encoding: .utf8))
    #expect(summary["kind"] == .string("experiment"))
    guard case .array(let variants)? = summary["variants"] else {
      Issue.record("no variants")
      return
    }
    #expect(variants.count == 4)
    #expect(variants[0]["versusBaseline"] == .null)
    #expect(variants[1]["versusBaseline"]?["availability"]?["confidenceInterval"] != nil)
  }

  @Test("precision stopping records its rule and why it stopped")
  func precision() throws {
    let folder = try quickExperimentFolder()
    let result = try runTool(
      [
        "run", "quick.json", "--precision", "availability=0.5,min=4,batch=2,max=8", "--out", "p",
        "--quiet",
      ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try JSONParser.parse(
      String(contentsOf: folder.appendingPathComponent("p/summary.json"), encoding: .utf8))
    #expect(summary["precision"]?["stopReason"] == .string("precisionReached"))
    #expect(summary["experiment"]?["replicationsPerVariant"] == .integer(4))
  }

  @Test("usage errors exit 64; a path the scenario lacks exits 65 and names it")
  func errors() throws {
    let folder = try quickExperimentFolder()
    let shardedPrecision = try runTool(
      ["run", "quick.json", "--precision", "availability=0.01", "--shard", "1/2"], in: folder)
    #expect(shardedPrecision.status == 64)
    #expect(shardedPrecision.stderr.contains("--precision cannot be sharded"))
    let badSet = try runTool(["run", "quick.json", "--set", "platform.zones="], in: folder)
    #expect(badSet.status == 64 && badSet.stderr.contains("expected at least one value"))
    let badShard = try runTool(["run", "quick.json", "--shard", "5/4"], in: folder)
    #expect(badShard.status == 64 && badShard.stderr.contains("K must be between 1 and 4"))
    let missing = try runTool(
      ["run", "quick.json", "--set", "platform.services[frontend].replicas=3", "--out", "m"],
      in: folder)
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("platform-sim: quick.json: "), "the file is named")
    #expect(
      missing.stderr.contains(
        #"path "platform.services[frontend].replicas": no element of "platform.services" has "#
          + #""name" equal to "frontend" (names: "backend")"#), "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m").path))
  }

  @Test("validate checks every variant of a sweep file")
  func validateSweep() throws {
    let folder = try quickExperimentFolder()
    let good = try runTool(["validate", "quick.json"], in: folder)
    #expect(good.status == 0 && good.stdout.contains("quick.json: valid (2 variants)"))
    let bad = quickExperiment(sweep: #"["platform.services[backend].replicas=1,3"]"#)
    try bad.write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
    let result = try runTool(["validate", "bad.json", "quick.json"], in: folder)
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        "variant 1 (platform.services[backend].replicas=3) is not a valid scenario"),
      "\(result.stderr)")
    #expect(result.stdout.contains("quick.json: valid"))
  }

  @Test("an invalid variant exits 65 naming the variant and the field")
  func invalidVariant() throws {
    let folder = try quickExperimentFolder()
    let result = try runTool(
      ["run", "quick.json", "--set", "platform.services[backend].replicas=1,3", "--out", "v"],
      in: folder)
    #expect(result.status == 65)
    #expect(
      result.stderr.contains("platform.services[backend].replicas=3) is not a valid scenario"))
    #expect(
      result.stderr.contains("quick.json: platform.services.replace[0].replicas: must be between"))
  }

  @Test("an experiment of one replication reports the single run's figures")
  func metricsMatchTheSingleRunSummary() throws {
    let folder = try quickExperimentFolder()
    let file = try ExperimentFile.load(contentsOf: folder.appendingPathComponent("quick.json").path)
    let result = simulate(file.scenarioFile.scenario)
    let outcome = ReplicationOutcome(result)
    let summary = RunSummary(result)
    #expect(outcome[.availability] == summary.availability)
    #expect(outcome[.errorBudgetSpent] == summary.errorBudgetSpent)
    let verdicts = Dictionary(uniqueKeysWithValues: summary.verdicts.map { ($0.name, $0.met) })
    #expect(outcome[.availabilityMet] == (verdicts["availability"] == true ? 1 : 0))
    #expect(outcome[.latencyP95Met] == (verdicts["latencyP95"] == true ? 1 : 0))
    #expect(outcome[.errorBudgetMet] == (verdicts["errorBudget"] == true ? 1 : 0))
    let report = RunReport(result, scenarioHash: "h", toolVersion: ToolVersion.current)
    let json = try JSONParser.parse(report.files[0].contents)
    func number(_ value: JSONValue?) -> Double? {
      if case .number(let n)? = value { return n.doubleValue }
      return nil
    }
    #expect(outcome[.monthlyCostUSD] == number(json["costUSD"]?["per30DayMonth"]))
    #expect(outcome[.latencyP95Seconds] == number(json["latencySeconds"]?["p95"]))
    #expect(outcome[.failedRequests] == number(json["requests"]?["failed"]))
    #expect(outcome[.goodIntervals] == number(json["availability"]?["goodIntervals"]))
    #expect(outcome[.incidents] == number(json["incidents"]?["count"]))
    #expect(
      outcome[.meanTimeToRestoreSeconds]
        == number(json["incidents"]?["meanTimeToRestoreSeconds"]))
  }
}
