import Foundation
import Testing

/// One crasher or hang the fuzzer (or the issue) found, as the smallest scenario that showed it,
/// and the exit codes `validate` and a one-hour `run` must give now.
struct Crasher: CustomTestStringConvertible, Sendable {
  var behaviour: String
  var scenario: String
  /// The exit code of `validate` and of `run` (they must agree): 0 or 65.
  var status: Int32
  var testDescription: String { behaviour }
}

/// Every distinct crasher, named after the behaviour that is now right.
let crashers: [Crasher] = [
  Crasher(
    behaviour: "a memory quantity beyond 128 bits is too large, not a trap",
    scenario: #"{"platform": {"services": [{"name": "backend", "memoryLimitMiB": "999999999999999999999Ei"}]}}"#,
    status: 65),
  Crasher(
    behaviour: "a spike ramp-up near the duration limit is rejected as longer than 1000 years",
    scenario: #"{"traffic": {"spikes": [{"at": "1m", "duration": "106751990d", "rampUp": "53375995d", "multiplier": 2}]}}"#,
    status: 65),
  Crasher(
    behaviour: "a spike of 1000 years with a ramp-up of 500 years validates and runs",
    scenario: #"{"horizon": "1h", "traffic": {"spikes": [{"at": "1m", "duration": "365000d", "rampUp": "182500d", "multiplier": 2}]}}"#,
    status: 0),
  Crasher(
    behaviour: "a time between failures of 9.2e12 s saturates instead of trapping in SimDuration(seconds:)",
    scenario: #"{"horizon": "1h", "faults": [{"kind": "podCrash", "service": "backend", "timeBetweenFailures": {"constant": 9.2e12}, "repairTime": {"constant": 9.2e12}}]}"#,
    status: 0),
  Crasher(
    behaviour: "a memory leak of 5e-324 MiB an hour never OOM-kills instead of trapping",
    scenario: #"{"horizon": "1h", "releases": {"scheduled": [{"service": "backend", "at": "1m", "quality": {"memoryLeak": 5e-324}}], "gitOpsDelay": {"constant": 10}}}"#,
    status: 0),
  Crasher(
    behaviour: "a request rate near 1.8e308 is rejected",
    scenario: #"{"traffic": {"baseRequestsPerSecond": 1.7976931348623157e308}}"#,
    status: 65),
  Crasher(
    behaviour: "rates compounding down a call chain are clamped in the flow, cost and HPA census",
    scenario: #"""
      {"horizon": "1h", "traffic": {"baseRequestsPerSecond": 1e9, "peakToTroughRatio": 1e6,
       "spikes": [{"at": "0s", "duration": "1h", "multiplier": 1e6}]},
       "platform": {"natGateways": {"layout": "perZone"}, "services": [
         {"name": "frontend", "cpuSecondsPerRequest": 3600, "egressCallsPerRequest": 1000,
          "calls": [{"target": {"service": "backend"}, "callsPerRequest": 1000}]},
         {"name": "backend", "cpuSecondsPerRequest": 3600, "egressCallsPerRequest": 1000,
          "calls": [{"target": "cache", "callsPerRequest": 1000}, {"target": "database", "callsPerRequest": 1000}]}]},
       "faults": [{"kind": "trafficSpike", "multiplier": 1e6, "at": "1m", "duration": "30m"}]}
      """#,
    status: 0),
  Crasher(
    behaviour: "a database concurrency of 2^31 is rejected (the Erlang-B loop hung)",
    scenario: #"{"platform": {"database": {"concurrency": 2147483648}}}"#,
    status: 65),
  Crasher(
    behaviour: "the largest concurrencies run quickly",
    scenario: #"{"horizon": "1h", "limits": {"maxConcurrency": 100000}, "platform": {"database": {"concurrency": 100000}, "cache": {"concurrency": 100000}, "services": [{"name": "backend", "concurrencyPerPod": 100000}]}}"#,
    status: 0),
  Crasher(
    behaviour: "a fault recurring every microsecond is rejected with the failure rate it implies",
    scenario: #"{"faults": [{"kind": "podCrash", "service": "backend", "timeBetweenFailures": {"constant": 0.000001}, "repairTime": {"constant": 0}}]}"#,
    status: 65),
  Crasher(
    behaviour: "a fault recurring every second runs",
    scenario: #"{"horizon": "1h", "faults": [{"kind": "podCrash", "service": "backend", "timeBetweenFailures": {"exponential": {"mean": 1}}, "repairTime": {"constant": 0}}]}"#,
    status: 0),
  Crasher(
    behaviour: "a reporting interval of 1 us is rejected (it allocated 691 GB for an hour)",
    scenario: #"{"horizon": "1h", "reportingInterval": "1us"}"#,
    status: 65),
  Crasher(
    behaviour: "a 1 ms flow step is rejected (millions of steps an hour)",
    scenario: #"{"horizon": "1h", "flowStep": "1ms", "fineFlowStep": "1ms"}"#,
    status: 65),
  Crasher(
    behaviour: "an analysis template naming a metric twice is rejected",
    scenario: #"""
      {"horizon": "1h", "platform": {"services": [{"name": "frontend", "delivery": {"strategy": "canary",
        "steps": [{"setWeight": 50}, {"analysis": {"templates": ["t"]}}],
        "analysisTemplates": [{"name": "t", "metrics": [
          {"name": "ready", "measure": "readyRatio", "successCondition": ">= 0.5", "interval": "15s", "count": 2},
          {"name": "ready", "measure": "readyRatio", "successCondition": ">= 0.5", "interval": "15s", "count": 2}]}]}}]},
       "releases": {"scheduled": [{"service": "frontend", "at": "1m"}], "gitOpsDelay": {"constant": 1}}}
      """#,
    status: 65),
  Crasher(
    behaviour: "cache replicas near 2^63 are rejected (cache node time overflowed in the cost)",
    scenario: #"{"platform": {"cache": {"replicas": 9223372036854775807}}}"#,
    status: 65),
  Crasher(
    behaviour: "a readiness probe of 1000 years with a threshold near 2^63 runs",
    scenario: #"{"horizon": "1h", "platform": {"services": [{"name": "backend", "readinessProbe": {"period": "365000d", "timeout": "365000d", "failureThreshold": 9223372036854775807, "successThreshold": 9223372036854775807}}]}}"#,
    status: 0),
  Crasher(
    behaviour: "burn-rate alert windows of 1000 years run without history beyond the horizon",
    scenario: #"{"horizon": "1h", "alerting": {"evaluationInterval": "1s", "rules": [{"name": "burn-rate-ticket", "severity": 4, "condition": {"burnRate": {"factor": 1e308, "longWindow": "365000d", "shortWindow": "364999d"}}}]}}"#,
    status: 0),
  Crasher(
    behaviour: "Karpenter's cpu limit near 2^63 cores and 1e308 spot interruptions are rejected",
    scenario: #"{"horizon": "1h", "platform": {"nodeAutoscaling": {"cpuLimitCores": 9223372036854775807, "consolidateAfter": "365000d", "spotInterruptionsPerNodeMonth": 1e308}}}"#,
    status: 65),
  Crasher(
    behaviour: "Karpenter at its largest accepted settings runs (cpuLimitCores up to limits.maxNodes nodes)",
    scenario: #"{"horizon": "1h", "platform": {"nodeAutoscaling": {"cpuLimitCores": 199990, "consolidateAfter": "365000d", "spotInterruptionsPerNodeMonth": 1000}}}"#,
    status: 0),
  Crasher(
    behaviour: "a rolling update with a surge near 2^63 is rejected",
    scenario: #"{"horizon": "1h", "platform": {"services": [{"name": "backend", "delivery": {"strategy": "rolling", "maxSurge": 9223372036854775807, "maxUnavailable": "100%"}}]}, "releases": {"scheduled": [{"service": "backend", "at": "1m"}], "gitOpsDelay": {"constant": 1}}}"#,
    status: 65),
  Crasher(
    behaviour: "rolling updates and canaries with the largest surge run",
    scenario: #"{"horizon": "1h", "platform": {"services": [{"name": "backend", "delivery": {"strategy": "rolling", "maxSurge": 100000, "maxUnavailable": 100000}}, {"name": "frontend", "delivery": {"strategy": "canary", "maxSurge": 100000, "maxUnavailable": 100000, "steps": [{"setWeight": 50}]}}]}, "releases": {"scheduled": [{"service": "backend", "at": "1m"}, {"service": "frontend", "at": "2m"}], "gitOpsDelay": {"constant": 1}}}"#,
    status: 0),
  Crasher(
    behaviour: "a fault of 1000 years starting just before the horizon runs",
    scenario: #"{"horizon": "1h", "faults": [{"kind": "zoneOutage", "zone": "eu-central-1a", "at": "59m59s", "duration": "365000d"}]}"#,
    status: 0),
  Crasher(
    behaviour: "a disruption budget near 2^63 is rejected",
    scenario: #"{"horizon": "1h", "platform": {"services": [{"name": "backend", "disruptionBudget": {"maxUnavailable": 9223372036854775807}}]}}"#,
    status: 65),
  Crasher(
    behaviour: "disruption budgets at their largest run through node failures",
    scenario: #"{"horizon": "1h", "platform": {"services": [{"name": "backend", "disruptionBudget": {"minAvailable": 100000}}, {"name": "frontend", "disruptionBudget": {"maxUnavailable": 100000}}]}, "faults": [{"kind": "nodeFailure", "nodeGroup": "general", "at": "5m", "duration": "10m"}]}"#,
    status: 0),
  Crasher(
    behaviour: "an instance type with vcpu near 2^63 is rejected (Karpenter's millicores overflowed)",
    scenario: #"{"prices": {"instances": [{"name": "t3.medium", "vcpu": 9223372036854775807}]}}"#,
    status: 65),
  Crasher(
    behaviour: "the largest instance types and prices run",
    scenario: #"{"horizon": "1h", "prices": {"regionMultiplier": 1000, "instances": [{"name": "t3.medium", "vcpu": 100000, "memoryMiB": 33554432, "onDemandPerHour": 1000000}], "natGatewayPerGB": 1000000, "interZonePerGB": 1000000}}"#,
    status: 0),
  Crasher(
    behaviour: "replicas near 2^31 are rejected (a run allocated gigabytes of pods)",
    scenario: #"{"platform": {"services": [{"name": "backend", "autoscaler": null, "replicas": 2147483648, "maxReplicas": 2147483648}]}}"#,
    status: 65),
  Crasher(
    behaviour: "an HPA policy value near 2^63 is rejected (the scale-up limit overflowed)",
    scenario: #"{"platform": {"services": [{"name": "backend", "autoscaler": {"behavior": {"scaleUp": {"policies": [{"type": "Percent", "value": 9223372036854775807, "periodSeconds": 15}]}}}}]}}"#,
    status: 65),
  Crasher(
    behaviour: "HPA usage millions of times its target saturates the utilisation and replica ratio",
    scenario: #"""
      {"horizon": "1h", "traffic": {"baseRequestsPerSecond": 1e9},
       "platform": {"services": [{"name": "backend", "cpuSecondsPerRequest": 3600,
         "memoryWorkingSetMiB": "31Ti", "memoryLimitMiB": "32Ti", "memoryRequestMiB": "1Mi",
         "autoscaler": {"minReplicas": 2, "maxReplicas": 2000, "metrics": [
           {"resource": "cpu", "averageUtilization": 1}, {"resource": "memory", "averageValue": "1"}],
           "behavior": {"scaleUp": {"policies": [{"type": "Percent", "value": 100000, "periodSeconds": 1}]}}}}]}}
      """#,
    status: 0),
  Crasher(
    behaviour: "an instance type of 1 MiB has 1 MiB allocatable, not 0 (Cluster Autoscaler's utilisation trapped)",
    scenario: #"{"horizon": "1h", "platform": {"nodeAutoscaling": {"mode": "clusterAutoscaler"}}, "prices": {"instances": [{"name": "t3.medium", "memoryMiB": "1Mi", "vcpu": 1}]}}"#,
    status: 0),
  Crasher(
    behaviour: "Karpenter with an instance type of 1 MiB runs",
    scenario: #"{"horizon": "1h", "platform": {"nodeAutoscaling": {"instanceTypes": ["t3.medium"]}}, "prices": {"instances": [{"name": "t3.medium", "memoryMiB": 1, "vcpu": 1}]}}"#,
    status: 0),
  Crasher(
    behaviour: "a sweep path that does not exist is an error naming the file",
    scenario: #"{"replications": 2, "sweep": ["platform.enodeGroups[general].instanceType=t3.medium"]}"#,
    status: 65),
]

@Suite struct CrasherRegressionTests {
  @Test("every crasher ends in its exit code, in validate and run alike", arguments: crashers)
  func crasher(_ crasher: Crasher) throws {
    let folder = freshFolder()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = (folder as NSString).appendingPathComponent("crasher.json")
    try crasher.scenario.write(toFile: file, atomically: true, encoding: .utf8)
    let started = Date()
    let result = try runFuzzer(["--out", folder, "--replay", file])
    // Hangs were crashers too: each of these validates and runs an hour in well under a second.
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(
      result.stdout.contains("validate \(crasher.status), run \(crasher.status)"),
      "\(result.stdout)\(result.stderr)")
  }
}
