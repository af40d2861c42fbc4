import Foundation
import PlatformModel
import SimKernel
import Testing

@testable import Scenarios

@Suite struct ScenarioLoaderTests {
  static func decode(_ text: String, baseDirectory: String? = nil) throws -> PlatformScenario {
    try ScenarioLoader.decode(text, file: "test.json", baseDirectory: baseDirectory)
  }

  @Test("an empty object is the reference scenario")
  func emptyIsReference() throws {
    #expect(try Self.decode("{}") == PlatformScenario.reference)
  }

  @Test("top-level settings replace only what they name")
  func topLevel() throws {
    let scenario = try Self.decode(
      #"{"name": "x", "description": "free text", "seed": 18446744073709551615, "horizon": "7d", "flowStep": "5s"}"#
    )
    var expected = PlatformScenario.reference
    expected.name = "x"
    expected.seed = .max
    expected.horizon = .days(7)
    expected.flowStep = .seconds(5)
    #expect(scenario == expected)
  }

  @Test("the description is kept on the loaded file and ignored by the model")
  func description() throws {
    let file = try ScenarioLoader.decodeFile(#"{"description": "AZ outage drill"}"#, file: "d.json")
    #expect(file.scenarioDescription == "AZ outage drill")
    #expect(file.scenario == PlatformScenario.reference)
    #expect(file.explainedJSON.contains(#""description": "AZ outage drill""#))
  }

  @Test("a service entry overlays the reference service of the same name, in place")
  func serviceOverlay() throws {
    let scenario = try Self.decode(
      """
      {"platform": {"services": [
        {"name": "backend", "replicas": 4, "cpuRequestMillicores": "250m",
         "memoryLimitMiB": "1Gi", "readinessProbe": {"period": "2s"}}
      ]}}
      """)
    var backend = PlatformScenario.reference.platform.services[1]
    backend.replicas = 4
    backend.cpuRequestMillicores = 250
    backend.memoryLimitMiB = 1_024
    backend.readinessProbe.period = .seconds(2)
    #expect(
      scenario.platform.services == [PlatformScenario.reference.platform.services[0], backend])
  }

  @Test(
    "cpu and memory accept numbers in the key's unit and Kubernetes quantities with a unit",
    arguments: [
      (#""cpuRequestMillicores": 300"#, 300, 256), (#""cpuRequestMillicores": "300m""#, 300, 256),
      (#""cpuRequestMillicores": "1000m""#, 1_000, 256),
      (#""memoryRequestMiB": 300"#, 200, 300), (#""memoryRequestMiB": "300Mi""#, 200, 300),
      (#""memoryRequestMiB": "0.5Gi""#, 200, 512), (#""memoryRequestMiB": "300M""#, 200, 287),
      (#""memoryRequestMiB": "307200Ki""#, 200, 300),
    ])
  func units(member: String, cpu: Int, memory: Int) throws {
    let scenario = try Self.decode(
      #"{"platform": {"services": [{"name": "backend", \#(member), "cpuLimitMillicores": "2000m", "memoryLimitMiB": "2Gi"}]}}"#
    )
    #expect(scenario.platform.services[1].cpuRequestMillicores == cpu)
    #expect(scenario.platform.services[1].memoryRequestMiB == memory)
  }

  @Test("a new service starts from the defaults and is added after the reference services")
  func newService() throws {
    let scenario = try Self.decode(
      """
      {"platform": {"services": [
        {"name": "search", "replicas": 3},
        {"name": "frontend", "calls": [{"target": {"service": "search"}, "callsPerRequest": 0.1}]}
      ]}}
      """)
    var search = ServiceConfiguration(name: "search")
    search.replicas = 3
    #expect(scenario.platform.services.map(\.name) == ["frontend", "backend", "search"])
    #expect(scenario.platform.services[2] == search)
    #expect(
      scenario.platform.services[0].calls
        == [DependencyCall(target: .service("search"), callsPerRequest: 0.1)])
  }

  @Test("lists without names (calls, routes, zones, faults) are replaced, not merged")
  func listsReplaced() throws {
    let scenario = try Self.decode(
      """
      {"platform": {"zones": ["eu-central-1a", "eu-central-1b"],
                    "services": [{"name": "backend", "calls": [{"target": "database", "callsPerRequest": 1}]}]},
       "traffic": {"routes": [{"service": "frontend", "share": 1}]}}
      """)
    #expect(scenario.platform.zones == ["eu-central-1a", "eu-central-1b"])
    #expect(
      scenario.platform.services[1].calls == [DependencyCall(target: .database, callsPerRequest: 1)]
    )
    #expect(scenario.traffic.routes == [TrafficRoute(service: "frontend", share: 1)])
  }

  @Test("{\"replace\": [...]} replaces a named list as a whole, in the file's order")
  func replaceNamedList() throws {
    let scenario = try Self.decode(
      """
      {"platform": {"services": {"replace": [{"name": "api"}]},
                    "nodeGroups": {"replace": [
                      {"name": "spot", "instanceType": "m5.large", "purchase": "spot",
                       "minNodes": 1, "desiredNodes": 2, "maxNodes": 4, "zones": ["eu-central-1b"]}]}},
       "traffic": {"routes": [{"service": "api", "share": 1}]}}
      """)
    #expect(scenario.platform.services == [ServiceConfiguration(name: "api")])
    #expect(
      scenario.platform.nodeGroups == [
        NodeGroupConfiguration(
          name: "spot", instanceType: "m5.large", purchase: .spot, minNodes: 1, desiredNodes: 2,
          maxNodes: 4, zones: ["eu-central-1b"])
      ])
  }

  @Test("prices and alert rules merge by name too")
  func namedPricesAndRules() throws {
    let scenario = try Self.decode(
      """
      {"prices": {"instances": [{"name": "t3.medium", "onDemandPerHour": 0.05},
                                {"name": "c6g.large", "vcpu": 2, "memoryMiB": "4Gi", "onDemandPerHour": 0.068}]},
       "alerting": {"rules": [{"name": "latency-p95", "severity": 2}]}}
      """)
    let instances = scenario.prices.instances
    #expect(instances.count == InstanceTypePrice.reference.count + 1)
    #expect(instances.first { $0.name == "t3.medium" }?.onDemandPerHour == 0.05)
    #expect(
      instances.last
        == InstanceTypePrice(name: "c6g.large", vcpu: 2, memoryMiB: 4_096, onDemandPerHour: 0.068))
    #expect(scenario.alerting.rules[2].severity == 2)
    #expect(scenario.alerting.rules[2].condition == AlertRule.reference[2].condition)
  }

  @Test("NAT gateway layouts")
  func natLayouts() throws {
    let perZone = try Self.decode(#"{"platform": {"natGateways": {"layout": "perZone"}}}"#)
    #expect(perZone.platform.natGateways == .perZone)
    let none = try Self.decode(#"{"platform": {"natGateways": {"layout": "none"}}}"#)
    #expect(none.platform.natGateways == NATGatewayLayout.none)
    let single = try Self.decode(
      #"{"platform": {"natGateways": {"layout": "single", "zone": "eu-central-1b"}}}"#)
    #expect(single.platform.natGateways == .single(zone: "eu-central-1b"))
  }

  @Test("faults decode with scheduled and stochastic timing, durations in seconds")
  func faults() throws {
    let scenario = try Self.decode(
      """
      {"faults": [
        {"kind": "zoneOutage", "zone": "eu-central-1a", "at": "2h", "duration": "1h"},
        {"kind": "databaseFailure", "timeBetweenFailures": {"exponential": {"mean": "30d"}},
         "repairTime": {"lognormal": {"mean": "20m", "p99": "2h"}}},
        {"kind": "dependencyLatency", "target": {"service": "backend"}, "added": "250ms",
         "at": "3h", "duration": "10m"},
        {"kind": "trafficSpike", "multiplier": 4, "at": "1d", "duration": "30m"}
      ]}
      """)
    #expect(
      scenario.faults == [
        FaultConfiguration(
          kind: .zoneOutage(zone: "eu-central-1a"),
          timing: .scheduled(at: .hours(2), duration: .hours(1))),
        FaultConfiguration(
          kind: .databaseFailure,
          timing: .stochastic(
            timeBetweenFailures: try .exponential(mean: 2_592_000),
            repairTime: try .lognormal(mean: 1_200, p99: 7_200))),
        FaultConfiguration(
          kind: .dependencyLatency(target: .service("backend"), added: .milliseconds(250)),
          timing: .scheduled(at: .hours(3), duration: .minutes(10))),
        FaultConfiguration(
          kind: .trafficSpike(multiplier: 4),
          timing: .scheduled(at: .days(1), duration: .minutes(30))),
      ])
  }

  @Test(
    "distributions in every family",
    arguments: [
      (#"{"constant": "90s"}"#, try Distribution.constant(90)),
      (#"{"uniform": {"min": 10, "max": "1m"}}"#, try Distribution.uniform(min: 10, max: 60)),
      (
        #"{"lognormal": {"median": 30, "p99": 120}}"#,
        try Distribution.lognormal(median: 30, p99: 120)
      ),
      (#"{"lognormal": {"mu": 3, "sigma": 0.5}}"#, try Distribution.lognormal(mu: 3, sigma: 0.5)),
      (
        #"{"weibull": {"shape": 1.5, "scale": "1h"}}"#,
        try Distribution.weibull(shape: 1.5, scale: 3_600)
      ),
      (
        #"{"boundedPareto": {"alpha": 1.2, "low": 1, "high": 100}}"#,
        try Distribution.boundedPareto(alpha: 1.2, low: 1, high: 100)
      ),
      (#"{"empirical": [30, "1m", 90]}"#, try Distribution.empirical(values: [30, 60, 90])),
    ])
  func distributions(json: String, expected: Distribution) throws {
    let scenario = try Self.decode(#"{"platform": {"database": {"failoverTime": \#(json)}}}"#)
    #expect(scenario.platform.database.failoverTime == expected)
  }

  @Test("a trace is read inline or from a CSV next to the scenario file")
  func traces() throws {
    let inline = try Self.decode(
      #"{"traffic": {"trace": {"interval": "1m", "requestsPerSecond": [10, 20.5, 0]}}}"#)
    #expect(
      inline.traffic.trace == TrafficTrace(interval: .minutes(1), requestsPerSecond: [10, 20.5, 0]))

    let folder = try TemporaryFolder()
    try folder.write("traces/day.csv", "requests_per_second\r\n10\r\n20.5\r\n\r\n0\r\n")
    try folder.write(
      "s.json", #"{"traffic": {"trace": {"interval": "5m", "csv": "traces/day.csv"}}}"#)
    let file = try ScenarioLoader.load(contentsOf: folder.path + "/s.json")
    #expect(
      file.scenario.traffic.trace
        == TrafficTrace(interval: .minutes(5), requestsPerSecond: [10, 20.5, 0]))

    let cleared = try Self.decode(#"{"traffic": {"trace": null}}"#)
    #expect(cleared.traffic.trace == nil)
  }

  /// The issues of a scenario whose trace is `csv` (relative to `folder`).
  static func traceIssues(_ csv: String, in folder: TemporaryFolder) -> [String] {
    let text = #"{"traffic": {"trace": {"interval": "1m", "csv": "\#(csv)"}}}"#
    do {
      _ = try ScenarioLoader.decode(text, file: "s.json", baseDirectory: folder.path)
      return []
    } catch {
      return error.issues.map(\.description)
    }
  }

  @Test("the first bad CSV line is reported with the file and line number, its text only if a number")
  func badCSV() throws {
    let folder = try TemporaryFolder()
    try folder.write("day.csv", "rate\n10\nsecret-token\n-1\n")
    try folder.write("neg.csv", "rate\n10\n-1\nabc\n")
    let day = "\(folder.path)/day.csv"
    let neg = "\(folder.path)/neg.csv"
    #expect(
      Self.traceIssues("day.csv", in: folder) == [
        #"s.json: traffic.trace.csv: "\#(day)" line 3: expected a rate in requests per second, a number at least 0"#
      ])
    #expect(
      Self.traceIssues("neg.csv", in: folder) == [
        #"s.json: traffic.trace.csv: "\#(neg)" line 3: expected a rate in requests per second, a number at least 0 (got "-1")"#
      ])
  }

  @Test("a trace must be a regular .csv file: not another kind of file, a device or a folder")
  func traceMustBeARegularCSVFile() throws {
    let folder = try TemporaryFolder()
    try folder.write("notes.txt", "10\n")
    try folder.write("dir.csv/x", "")
    #expect(Self.traceIssues("notes.txt", in: folder).first?.contains("expected the path of a .csv file") == true)
    #expect(Self.traceIssues("/dev/zero", in: folder).first?.contains("expected the path of a .csv file") == true)
    #expect(Self.traceIssues("dir.csv", in: folder).first?.contains("it is not a regular file") == true)
    #expect(Self.traceIssues("none.csv", in: folder).first?.contains("no such file") == true)
  }

  @Test("a missing file is unreadable; a file with bad content is invalid")
  func loadErrors() throws {
    let folder = try TemporaryFolder()
    let missing = folder.path + "/missing.json"
    #expect(throws: ScenarioLoadError.unreadable(path: missing, reason: "no such file")) {
      try ScenarioLoader.load(contentsOf: missing)
    }
    #expect(throws: ScenarioLoadError.unreadable(path: folder.path, reason: "it is a folder")) {
      try ScenarioLoader.load(contentsOf: folder.path)
    }
    try folder.write("bad.json", #"{"seed": true}"#)
    let bad = folder.path + "/bad.json"
    let expected = ScenarioIssues([
      ScenarioIssue(
        file: bad, path: "seed",
        message: "expected an integer from 0 to 18446744073709551615 (got true)")
    ])
    #expect(throws: ScenarioLoadError.invalid(expected)) {
      try ScenarioLoader.load(contentsOf: bad)
    }
    #expect(
      ScenarioLoadError.unreadable(path: "x.json", reason: "no such file").description
        == "x.json: cannot read the file: no such file")
  }

  @Test("scenarios built in code can be validated too")
  func validateInCode() {
    var scenario = PlatformScenario.reference
    #expect(ScenarioLoader.validationIssues(in: scenario, file: "code").isEmpty)
    scenario.platform.services[1].replicas = 99
    #expect(
      ScenarioLoader.validationIssues(in: scenario, file: "code").map(\.description) == [
        "code: platform.services[1].replicas: must be between autoscaler.minReplicas 2 and autoscaler.maxReplicas 15 (got 99)"
      ])
    scenario.platform.services[1].autoscaler = nil
    #expect(
      ScenarioLoader.validationIssues(in: scenario, file: "code").map(\.description) == [
        "code: platform.services[1].replicas: must be between minReplicas 2 and maxReplicas 15 (got 99)"
      ])
  }
}

/// A fresh folder under the system's temporary folder, removed when released.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "scenarios-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func write(_ relativePath: String, _ text: String) throws {
    let url = URL(fileURLWithPath: path + "/" + relativePath)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct ScenarioFormatDocumentTests {
  @Test("the complete example in docs/scenario-format.md is a valid scenario")
  func documentedExample() throws {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/scenario-format.md")
    let text = try String(contentsOf: docs, encoding: .utf8)
    let marker = "## A complete example\n\n```json\n"
    guard let start = text.range(of: marker)?.upperBound,
      let end = text.range(of: "```", range: start..<text.endIndex)?.lowerBound
    else {
      Issue.record("docs/scenario-format.md has no complete example")
      return
    }
    let scenario = try ScenarioLoader.decode(String(text[start..<end]), file: "example.json")
    #expect(scenario.platform.services.map(\.name) == ["frontend", "backend", "search"])
    #expect(scenario.platform.nodeGroups.map(\.purchase) == [.onDemand, .spot])
    #expect(scenario.platform.services.map { $0.autoscaler?.maxReplicas } == [10, 20, 8])
    #expect(
      scenario.platform.services[2].autoscaler?.metrics.last
        == HPAMetricSpec(resource: .memory, target: .averageValue(400 << 20)))
    #expect(
      scenario.platform.services[2].autoscaler?.behavior?.scaleUp == HPAScalingRules.defaultScaleUp)
  }
}
