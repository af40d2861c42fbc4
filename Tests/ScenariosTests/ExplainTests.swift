import PlatformModel
import SimKernel
import Testing

@testable import Scenarios

/// A scenario file whose explained JSON must decode back to the same scenario.
struct ExplainCase: CustomTestStringConvertible, Sendable {
  let name: String
  let text: String
  var testDescription: String { name }
}

@Suite struct ExplainTests {
  static let variants: [ExplainCase] = [
    ExplainCase(name: "the reference", text: "{}"),
    ExplainCase(
      name: "services replaced and reordered",
      text: """
        {"platform": {"services": {"replace": [
           {"name": "backend", "cpuRequestMillicores": "333m", "memoryRequestMiB": "1G", "memoryLimitMiB": "2G"},
           {"name": "api", "calls": [{"target": {"service": "backend"}, "callsPerRequest": 2}]}]},
         "natGateways": {"layout": "perZone"}},
         "traffic": {"routes": [{"service": "api", "share": 1}]}}
        """),
    ExplainCase(
      name: "new entries in every named list",
      text: """
        {"platform": {"nodeGroups": [{"name": "spot", "instanceType": "c5.large", "purchase": "spot",
                                      "minNodes": 0, "desiredNodes": 1, "maxNodes": 3}]},
         "prices": {"cacheNodes": [{"name": "cache.m6g.large", "perHour": 0.149}],
                    "databaseInstances": [{"name": "db.r6g.large", "perHour": 0.2}],
                    "instances": [{"name": "x.big", "vcpu": 64, "memoryMiB": "256Gi", "onDemandPerHour": 3}]},
         "alerting": {"rules": [{"name": "slow", "severity": 4, "condition": {"latencyP95Above": {"threshold": "1.5s", "for": "10m"}}}]}}
        """),
    ExplainCase(
      name: "faults, distributions, spikes and a trace",
      text: """
        {"seed": 12345678901234567890, "horizon": "2d12h", "flowStep": "250ms",
         "faults": [
           {"kind": "podCrash", "service": "frontend", "at": "1h", "duration": "1.5s"},
           {"kind": "nodeFailure", "nodeGroup": "general", "timeBetweenFailures": {"weibull": {"shape": 0.7, "scale": "20d"}},
            "repairTime": {"empirical": [60, 120.25, "5m"]}},
           {"kind": "natGatewayFailure", "zone": "eu-central-1a", "at": "3h", "duration": "20m"},
           {"kind": "cacheFailure", "timeBetweenFailures": {"exponential": {"mean": 1234567.891}},
            "repairTime": {"lognormal": {"mean": "90s", "p99": "10m"}}},
           {"kind": "dependencyLatency", "target": "database", "added": "1ms", "at": "0s", "duration": "1d"}
         ],
         "platform": {"database": {"multiAZ": false, "failoverTime": {"boundedPareto": {"alpha": 1.1, "low": 1, "high": 1000}}},
                      "cache": {"failoverTime": {"constant": 0.1}}},
         "traffic": {"spikes": [{"at": "6h", "duration": "1h", "multiplier": 2.5, "rampUp": "10m"}],
                     "trace": {"interval": "1m", "requestsPerSecond": [0.1, 0.2, 1e-7]}},
         "objectives": {"availability": 0.9995, "latencyP95": "300ms"}}
        """),
    ExplainCase(
      name: "autoscalers with custom behavior, averageValue targets, none and a new one",
      text: """
        {"platform": {"services": [
           {"name": "frontend", "replicas": 3, "calls": [{"target": {"service": "backend"}, "callsPerRequest": 0.5},
                                                         {"target": {"service": "search"}, "callsPerRequest": 0.2}],
            "autoscaler": {"minReplicas": 3, "maxReplicas": 30,
              "metrics": [{"resource": "cpu", "averageValue": "0.35"}, {"resource": "memory", "averageValue": "1G"}],
              "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Min",
                                       "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15},
                                                    {"type": "Percent", "value": 200, "periodSeconds": 60}],
                                       "tolerance": 0.02},
                           "scaleDown": {"stabilizationWindowSeconds": null, "selectPolicy": "Disabled"}}}},
           {"name": "backend", "autoscaler": null, "minReplicas": 1, "maxReplicas": 4},
           {"name": "search", "autoscaler": {"maxReplicas": 5, "behavior": {}}}]}}
        """),
  ]

  @Test("explained JSON decodes back to an equal scenario", arguments: variants)
  func roundTrip(_ c: ExplainCase) throws {
    let scenario = try ScenarioLoader.decode(c.text, file: "variant.json")
    let explained = scenario.explainedJSON
    let back = try ScenarioLoader.decode(explained, file: "explained.json")
    #expect(back == scenario)
    #expect(back.explainedJSON == explained)
  }

  @Test("explaining states every field in canonical units")
  func canonicalUnits() throws {
    let scenario = try ScenarioLoader.decode(
      #"{"platform": {"services": [{"name": "backend", "cpuRequestMillicores": "250m", "memoryLimitMiB": "1Gi"}]}}"#,
      file: "x.json")
    let backend = scenario.explainedValue["platform"]?["services"].flatMap {
      services -> JSONValue? in
      guard case .array(let list) = services else { return nil }
      return list.first { $0["name"] == .string("backend") }
    }
    #expect(backend?["cpuRequestMillicores"] == .string("250m"))
    #expect(backend?["memoryLimitMiB"] == .string("1024Mi"))
    #expect(backend?["timeout"] == .string("30s"))
    guard case .object(let members) = backend else {
      Issue.record("no backend")
      return
    }
    #expect(members.count == ScenarioSchema.service.keys.count)
  }

  @Test("a named list that merges back in order is written as a plain array")
  func plainArrays() throws {
    let reference = PlatformScenario.reference.explainedValue
    guard case .array = reference["platform"]?["services"] else {
      Issue.record("services should be a plain array")
      return
    }
    let replaced = try ScenarioLoader.decode(
      #"{"platform": {"services": {"replace": [{"name": "api"}]}}, "traffic": {"routes": [{"service": "api", "share": 1}]}}"#,
      file: "x.json")
    guard case .object(let members) = replaced.explainedValue["platform"]?["services"] else {
      Issue.record("services should be written as {\"replace\": [...]}")
      return
    }
    #expect(members.map(\.key) == ["replace"])
  }
}
