import Testing

@testable import Scenarios

/// A scenario file with problems and the exact issues it must produce.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
  /// What the case is about.
  let name: String
  /// The file's text.
  let text: String
  /// The issues' descriptions, in order.
  let expected: [String]

  init(_ name: String, _ text: String, _ expected: String...) {
    self.name = name
    self.text = text
    self.expected = expected
  }

  var testDescription: String { name }
}

@Suite struct ScenarioDiagnosticsTests {
  static let zoneList = #"(expected "eu-central-1a", "eu-central-1b" or "eu-central-1c")"#

  static let cases: [DiagnosticCase] = [
    // Syntax and shape.
    DiagnosticCase(
      "trailing comma", #"{"seed": 1,}"#,
      #"bad.json:1:12: expected a key after "," (JSON allows no trailing comma)"#),
    DiagnosticCase(
      "duplicate key", "{\"seed\": 1,\n \"seed\": 2}",
      #"bad.json:2:2: duplicate key "seed" (first at line 1, column 2)"#),
    DiagnosticCase("not an object", "[1]", "bad.json: expected an object (got [1])"),
    // Unknown keys.
    DiagnosticCase(
      "misspelt top-level key", #"{"horizn": "1d"}"#,
      #"bad.json: unknown key "horizn" (did you mean "horizon"?)"#),
    DiagnosticCase(
      "misspelt service key", #"{"platform": {"services": [{"name": "backend", "replcias": 3}]}}"#,
      #"bad.json: platform.services[0]: unknown key "replcias" (did you mean "replicas"?)"#),
    DiagnosticCase(
      "unknown key far from any", #"{"objectives": {"colour": 1}}"#,
      #"bad.json: objectives: unknown key "colour" (expected "availability", "latencyP95" or "window")"#
    ),
    // Types and units.
    DiagnosticCase(
      "seed as a string", #"{"seed": "7"}"#,
      #"bad.json: seed: expected an integer from 0 to 18446744073709551615 (got "7"); numbers are written without quotes"#
    ),
    DiagnosticCase(
      "negative seed", #"{"seed": -1}"#,
      "bad.json: seed: expected an integer from 0 to 18446744073709551615 (got -1)"),
    DiagnosticCase(
      "fractional replicas", #"{"platform": {"services": [{"name": "backend", "replicas": 2.5}]}}"#,
      "bad.json: platform.services[0].replicas: expected an integer (got 2.5)"),
    DiagnosticCase(
      "no CPU threads", #"{"platform": {"services": [{"name": "backend", "cpuThreads": 0}]}}"#,
      "bad.json: platform.services[0].cpuThreads: must be greater than 0 (got 0)"),
    DiagnosticCase(
      "fractional CPU threads",
      #"{"platform": {"services": [{"name": "backend", "cpuThreads": 1.5}]}}"#,
      "bad.json: platform.services[0].cpuThreads: expected an integer (got 1.5)"),
    DiagnosticCase(
      "bad duration unit", #"{"horizon": "5x"}"#,
      #"bad.json: horizon: invalid duration "5x": has unknown unit "x" (expected one of d, h, m, s, ms, us)"#
    ),
    DiagnosticCase(
      "duration as a number", #"{"horizon": 30}"#,
      #"bad.json: horizon: expected a duration such as "30s", "5m" or "250ms" (got 30); durations are strings with a unit, such as "30s" for 30 seconds"#
    ),
    DiagnosticCase(
      "negative cpu request",
      #"{"platform": {"services": [{"name": "frontend"}, {"name": "backend", "cpuRequestMillicores": -500}]}}"#,
      "bad.json: platform.services[1].cpuRequestMillicores: must be greater than 0 (got -500)"),
    DiagnosticCase(
      "bad cpu quantity",
      #"{"platform": {"services": [{"name": "backend", "cpuLimitMillicores": "2 cores"}]}}"#,
      #"bad.json: platform.services[0].cpuLimitMillicores: invalid cpu quantity "2 cores": expected a number of millicores such as 500, or a cpu quantity string with its unit such as "500m""#
    ),
    DiagnosticCase(
      "bad memory quantity",
      #"{"platform": {"services": [{"name": "backend", "memoryLimitMiB": "512MB"}]}}"#,
      #"bad.json: platform.services[0].memoryLimitMiB: invalid memory quantity "512MB": expected a number of MiB such as 512, or a memory quantity string with its unit such as "512Mi", "1Gi" or "1G" (units Ki, Mi, Gi, Ti, Pi, Ei, k, M, G, T, P, E)"#
    ),
    DiagnosticCase(
      "purchase option",
      #"{"platform": {"nodeGroups": [{"name": "general", "purchase": "spots"}]}}"#,
      #"bad.json: platform.nodeGroups[0].purchase: expected "on-demand" or "spot" (got "spots"); did you mean "spot"?"#
    ),
    DiagnosticCase(
      "dependency target",
      #"{"platform": {"services": [{"name": "backend", "calls": [{"target": "queue", "callsPerRequest": 1}]}]}}"#,
      #"bad.json: platform.services[0].calls[0].target: expected "cache", "database" or {"service": "<name>"} (got "queue")"#
    ),
    // Single-field ranges.
    DiagnosticCase(
      "availability of 1", #"{"objectives": {"availability": 1}}"#,
      "bad.json: objectives.availability: must be greater than 0 and less than 1 (got 1)"),
    DiagnosticCase(
      "peak hour of 24", #"{"traffic": {"peakHour": 24}}"#,
      "bad.json: traffic.peakHour: must be at least 0 and less than 24 (got 24)"),
    DiagnosticCase(
      "route share above 1",
      #"{"traffic": {"routes": [{"service": "frontend", "share": 1.5}]}}"#,
      "bad.json: traffic.routes[0].share: must be between 0 and 1 (got 1.5)"),
    DiagnosticCase(
      "empty zone list", #"{"platform": {"zones": []}}"#,
      "bad.json: platform.zones: must not be empty"),
    DiagnosticCase(
      "severity 5", #"{"alerting": {"rules": [{"name": "latency-p95", "severity": 5}]}}"#,
      "bad.json: alerting.rules[0].severity: must be between 1 and 4 (got 5)"),
    // Lists merged by name.
    DiagnosticCase(
      "duplicate service",
      #"{"platform": {"services": [{"name": "backend"}, {"name": "backend"}]}}"#,
      #"bad.json: platform.services[1].name: duplicate name "backend" (also at platform.services[0])"#
    ),
    DiagnosticCase(
      "new node group without its sizes",
      #"{"platform": {"nodeGroups": [{"name": "genral", "minNodes": 1}]}}"#,
      #"bad.json: platform.nodeGroups[0]: missing required keys "instanceType", "desiredNodes" and "maxNodes" for new node group "genral" (did you mean "general"?)"#
    ),
    DiagnosticCase(
      "list as an object", #"{"platform": {"services": {"name": "x"}}}"#,
      #"bad.json: platform.services: expected an array, or {"replace": [...]} to replace the whole list (got {"name":"x"})"#
    ),
    DiagnosticCase(
      "replace with no array", #"{"platform": {"services": {"replace": {}}}}"#,
      "bad.json: platform.services.replace: expected an array (got {})"),
    DiagnosticCase(
      "new service with no traffic", #"{"platform": {"services": [{"name": "batch"}]}}"#,
      #"bad.json: platform.services[0]: service "batch" receives no traffic: no route or call leads to it"#
    ),
    // Cross-field checks.
    DiagnosticCase(
      "horizon shorter than a report row", #"{"horizon": "30s"}"#,
      #"bad.json: horizon: must be at least reportingInterval "1m" (got "30s")"#),
    DiagnosticCase(
      "replicas above the maximum",
      #"{"platform": {"services": [{"name": "backend", "replicas": 20}]}}"#,
      "bad.json: platform.services[0].replicas: must be between autoscaler.minReplicas 2 and autoscaler.maxReplicas 15 (got 20)"
    ),
    DiagnosticCase(
      "replicas above the maximum without an autoscaler",
      #"{"platform": {"services": [{"name": "backend", "autoscaler": null, "replicas": 20}]}}"#,
      "bad.json: platform.services[0].replicas: must be between minReplicas 2 and maxReplicas 15 (got 20)"
    ),
    DiagnosticCase(
      "maximum below the minimum without an autoscaler",
      #"{"platform": {"services": [{"name": "frontend", "autoscaler": null, "maxReplicas": 3}]}}"#,
      "bad.json: platform.services[0].maxReplicas: must be at least minReplicas 5 (got 3)"),
    DiagnosticCase(
      "cpu limit below the request",
      #"{"platform": {"services": [{"name": "backend", "cpuLimitMillicores": "100m"}]}}"#,
      #"bad.json: platform.services[0].cpuLimitMillicores: must be at least cpuRequestMillicores "200m" (got "100m")"#
    ),
    DiagnosticCase(
      "memory limit below the request",
      #"{"platform": {"services": [{"name": "backend", "memoryLimitMiB": "128Mi"}]}}"#,
      #"bad.json: platform.services[0].memoryLimitMiB: must be at least memoryRequestMiB "256Mi" (got "128Mi")"#
    ),
    DiagnosticCase(
      "desired nodes out of range",
      #"{"platform": {"nodeGroups": [{"name": "general", "desiredNodes": 12}]}}"#,
      "bad.json: platform.nodeGroups[0].desiredNodes: must be between minNodes 2 and maxNodes 10 (got 12)"
    ),
    DiagnosticCase(
      "node group in an unknown zone",
      #"{"platform": {"nodeGroups": [{"name": "general", "zones": ["eu-central-1a", "eu-west-1a"]}]}}"#,
      #"bad.json: platform.nodeGroups[0].zones[1]: unknown zone "eu-west-1a" \#(zoneList)"#),
    DiagnosticCase(
      "unknown instance type",
      #"{"platform": {"nodeGroups": [{"name": "general", "instanceType": "t3.medum"}]}}"#,
      #"bad.json: platform.nodeGroups[0].instanceType: unknown instance type "t3.medum" (did you mean "t3.medium"?)"#
    ),
    DiagnosticCase(
      "unknown database class", #"{"platform": {"database": {"instanceClass": "db.x1.huge"}}}"#,
      #"bad.json: platform.database.instanceClass: unknown database instance class "db.x1.huge" (expected "db.m5.large", "db.t3.medium", "db.t3.micro" or "db.t3.small")"#
    ),
    DiagnosticCase(
      "unknown cache node type", #"{"platform": {"cache": {"nodeType": "cache.r6g.xlarge"}}}"#,
      #"bad.json: platform.cache.nodeType: unknown cache node type "cache.r6g.xlarge" (expected "cache.t3.medium", "cache.t3.micro" or "cache.t3.small")"#
    ),
    DiagnosticCase(
      "zones removed under the data stores",
      #"{"platform": {"zones": ["eu-central-1a", "eu-central-1c"]}}"#,
      #"bad.json: platform.database.standbyZone: unknown zone "eu-central-1b" (expected "eu-central-1a" or "eu-central-1c")"#,
      #"bad.json: platform.cache.replicaZone: unknown zone "eu-central-1b" (expected "eu-central-1a" or "eu-central-1c")"#
    ),
    DiagnosticCase(
      "Multi-AZ standby in the primary's zone",
      #"{"platform": {"database": {"standbyZone": "eu-central-1a"}}}"#,
      #"bad.json: platform.database.standbyZone: must differ from primaryZone "eu-central-1a" in a Multi-AZ database"#
    ),
    DiagnosticCase(
      "single NAT gateway without a zone", #"{"platform": {"natGateways": {"layout": "single"}}}"#,
      #"bad.json: platform.natGateways: missing required key "zone" for layout "single""#),
    DiagnosticCase(
      "NAT gateway in an unknown zone",
      #"{"platform": {"natGateways": {"layout": "single", "zone": "eu-central-1x"}}}"#,
      #"bad.json: platform.natGateways.zone: unknown zone "eu-central-1x" \#(zoneList)"#),
    DiagnosticCase(
      "route shares not summing to 1",
      #"{"traffic": {"routes": [{"service": "frontend", "share": 0.5}, {"service": "backend", "share": 0.4}]}}"#,
      "bad.json: traffic.routes: shares must sum to 1 (got 0.9)"),
    DiagnosticCase(
      "route to an unknown service",
      #"{"traffic": {"routes": [{"service": "frontend", "share": 0.6}, {"service": "payments", "share": 0.4}]}}"#,
      #"bad.json: traffic.routes[1].service: unknown service "payments" (expected "backend" or "frontend")"#
    ),
    DiagnosticCase(
      "call to an unknown service",
      #"{"platform": {"services": [{"name": "backend", "calls": [{"target": {"service": "payment"}, "callsPerRequest": 1}]}]}}"#,
      #"bad.json: platform.services[0].calls[0].target.service: unknown service "payment" (expected "backend" or "frontend")"#
    ),
    DiagnosticCase(
      "call cycle",
      #"{"platform": {"services": [{"name": "backend", "calls": [{"target": {"service": "frontend"}, "callsPerRequest": 1}]}]}}"#,
      "bad.json: platform.services[0].calls[0].target: calls form a cycle: frontend -> backend -> frontend"
    ),
    DiagnosticCase(
      "cache disabled but called and failed",
      #"{"platform": {"cache": {"enabled": false}}, "faults": [{"kind": "cacheFailure", "at": "1h", "duration": "5m"}]}"#,
      "bad.json: platform.services[1].calls[0].target: calls the cache, but platform.cache.enabled is false",
      "bad.json: faults[0].kind: the cache is disabled (platform.cache.enabled is false)"),
    DiagnosticCase(
      "spike ramp longer than half the spike",
      #"{"traffic": {"spikes": [{"at": "1h", "duration": "10m", "multiplier": 3, "rampUp": "6m"}]}}"#,
      #"bad.json: traffic.spikes[0].rampUp: must be at most half the duration "10m" (got "6m")"#),
    DiagnosticCase(
      "too few response times", #"{"alerting": {"responseTimes": ["5m"]}}"#,
      "bad.json: alerting.responseTimes: must have 4 entries, one per severity 1 to 4 (got 1)"),
    DiagnosticCase(
      "burn-rate windows the wrong way round",
      #"{"alerting": {"rules": [{"name": "burn-rate-ticket", "condition": {"burnRate": {"factor": 3, "longWindow": "1h", "shortWindow": "2h"}}}]}}"#,
      #"bad.json: alerting.rules[0].condition.burnRate.shortWindow: must be shorter than longWindow "1h" (got "2h")"#
    ),
    // Faults and distributions.
    DiagnosticCase(
      "misspelt fault kind",
      #"{"faults": [{"kind": "zoneOutge", "zone": "eu-central-1a", "at": "1h", "duration": "1h"}]}"#,
      #"bad.json: faults[0].kind: expected "podCrash", "nodeFailure", "zoneOutage", "databaseFailure", "cacheFailure", "natGatewayFailure", "dependencyLatency" or "trafficSpike" (got "zoneOutge"); did you mean "zoneOutage"?"#
    ),
    DiagnosticCase(
      "fault without timing", #"{"faults": [{"kind": "databaseFailure"}]}"#,
      #"bad.json: faults[0]: missing the timing: expected "at" and "duration", or "timeBetweenFailures" and "repairTime""#
    ),
    DiagnosticCase(
      "fault with both timings",
      #"{"faults": [{"kind": "databaseFailure", "at": "1h", "duration": "1h", "repairTime": {"constant": 60}}]}"#,
      #"bad.json: faults[0]: expected either "at" and "duration" or "timeBetweenFailures" and "repairTime", not both"#
    ),
    DiagnosticCase(
      "fault missing its zone and duration",
      #"{"faults": [{"kind": "zoneOutage", "at": "1h"}]}"#,
      #"bad.json: faults[0]: missing required key "zone""#,
      #"bad.json: faults[0]: missing required key "duration""#),
    DiagnosticCase(
      "key of another fault kind",
      #"{"faults": [{"kind": "databaseFailure", "zone": "eu-central-1a", "at": "1h", "duration": "1h"}]}"#,
      #"bad.json: faults[0]: unknown key "zone" (expected "at", "duration", "kind", "repairTime" or "timeBetweenFailures")"#
    ),
    DiagnosticCase(
      "outage of an unknown zone",
      #"{"faults": [{"kind": "zoneOutage", "zone": "eu-central-1d", "at": "2h", "duration": "1h"}]}"#,
      #"bad.json: faults[0].zone: unknown zone "eu-central-1d" \#(zoneList)"#),
    DiagnosticCase(
      "crash of a misspelt service",
      #"{"faults": [{"kind": "podCrash", "service": "fronted", "at": "1h", "duration": "1m"}]}"#,
      #"bad.json: faults[0].service: unknown service "fronted" (did you mean "frontend"?)"#),
    DiagnosticCase(
      "failure of an unknown node group",
      #"{"faults": [{"kind": "nodeFailure", "nodeGroup": "gpu", "at": "1h", "duration": "1m"}]}"#,
      #"bad.json: faults[0].nodeGroup: unknown node group "gpu" (expected "general")"#),
    DiagnosticCase(
      "NAT failure where there is no gateway",
      #"{"faults": [{"kind": "natGatewayFailure", "zone": "eu-central-1b", "at": "1h", "duration": "10m"}]}"#,
      #"bad.json: faults[0].zone: no NAT gateway in zone "eu-central-1b" (the only one is in "eu-central-1a")"#
    ),
    DiagnosticCase(
      "fault after the horizon",
      #"{"horizon": "1d", "faults": [{"kind": "databaseFailure", "at": "2d", "duration": "1h"}]}"#,
      #"bad.json: faults[0].at: must be before the horizon "1d" (got "2d")"#),
    DiagnosticCase(
      "exponential with a negative mean",
      #"{"faults": [{"kind": "databaseFailure", "timeBetweenFailures": {"exponential": {"mean": -1}}, "repairTime": {"constant": "10m"}}]}"#,
      "bad.json: faults[0].timeBetweenFailures.exponential.mean: exponential mean must be greater than 0 (got -1.0)"
    ),
    DiagnosticCase(
      "misspelt distribution family",
      #"{"faults": [{"kind": "cacheFailure", "timeBetweenFailures": {"exponental": {"mean": "1d"}}, "repairTime": {"constant": 60}}]}"#,
      #"bad.json: faults[0].timeBetweenFailures: unknown key "exponental" (did you mean "exponential"?)"#
    ),
    DiagnosticCase(
      "normal distribution for a time",
      #"{"platform": {"database": {"failoverTime": {"normal": {"mean": 60, "standardDeviation": 10}}}}}"#,
      "bad.json: platform.database.failoverTime.normal: a normal distribution can give negative values, which a time cannot have; use lognormal, uniform, weibull or exponential"
    ),
    DiagnosticCase(
      "lognormal with p99 below the mean",
      #"{"platform": {"cache": {"failoverTime": {"lognormal": {"mean": "2m", "p99": "1m"}}}}}"#,
      "bad.json: platform.cache.failoverTime.lognormal.p99: lognormal p99 must be greater than mean 120.0 (got 60.0)"
    ),
    DiagnosticCase(
      "negative uniform time",
      #"{"platform": {"cache": {"recoveryTime": {"uniform": {"min": -1, "max": 5}}}}}"#,
      "bad.json: platform.cache.recoveryTime.uniform.min: must be at least 0 (got -1)"),
    DiagnosticCase(
      "lognormal with mixed parameters",
      #"{"platform": {"cache": {"recoveryTime": {"lognormal": {"mean": 5, "sigma": 1}}}}}"#,
      #"bad.json: platform.cache.recoveryTime.lognormal: expected "mean" and "p99", "median" and "p99", or "mu" and "sigma" (got "mean" and "sigma")"#
    ),
    // Trace.
    DiagnosticCase(
      "trace CSV that does not exist",
      #"{"traffic": {"trace": {"interval": "1m", "csv": "no-such-trace.csv"}}}"#,
      #"bad.json: traffic.trace.csv: cannot read the trace "no-such-trace.csv": no such file"#),
    DiagnosticCase(
      "trace with two sources",
      #"{"traffic": {"trace": {"interval": "1m", "csv": "x.csv", "requestsPerSecond": [1]}}}"#,
      #"bad.json: traffic.trace: expected either "csv" or "requestsPerSecond", not both"#),
    DiagnosticCase(
      "trace with a negative rate",
      #"{"traffic": {"trace": {"interval": "1m", "requestsPerSecond": [1, -2]}}}"#,
      "bad.json: traffic.trace.requestsPerSecond[1]: must be at least 0 (got -2)"),
  ]

  @Test("each invalid scenario gives its exact messages", arguments: cases)
  func diagnostics(_ c: DiagnosticCase) {
    do {
      _ = try ScenarioLoader.decode(c.text, file: "bad.json")
      Issue.record("decoding should have failed")
    } catch {
      #expect(error.issues.map(\.description) == c.expected)
    }
  }

  @Test("every issue in a file is reported at once, in document order")
  func allAtOnce() {
    let text = """
      {
        "horizn": "7d",
        "platform": {
          "services": [
            {"name": "backend", "cpuRequestMillicores": -500, "replicas": 40}
          ]
        },
        "traffic": {
          "routes": [
            {"service": "frontend", "share": 0.7},
            {"service": "backend", "share": 0.4}
          ]
        },
        "faults": [{"kind": "zoneOutage", "zone": "eu-central-1z", "at": "1h", "duration": "1h"}]
      }
      """
    do {
      _ = try ScenarioLoader.decode(text, file: "scenarios/x.json")
      Issue.record("decoding should have failed")
    } catch {
      #expect(
        error.description == """
          scenarios/x.json: unknown key "horizn" (did you mean "horizon"?)
          scenarios/x.json: platform.services[0].cpuRequestMillicores: must be greater than 0 (got -500)
          scenarios/x.json: platform.services[0].replicas: must be between autoscaler.minReplicas 2 and autoscaler.maxReplicas 15 (got 40)
          scenarios/x.json: traffic.routes: shares must sum to 1 (got 1.1)
          scenarios/x.json: faults[0].zone: unknown zone "eu-central-1z" \(Self.zoneList)
          """)
    }
  }
}
