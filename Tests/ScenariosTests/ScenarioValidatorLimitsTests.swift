import PlatformModel
import SimKernel
import Testing

@testable import Scenarios

/// Bounds on work: each limit's error gives the estimate, names the limit and how to raise it,
/// and raising the limit in `limits` makes the scenario valid.
@Suite struct ScenarioValidatorLimitsTests {
  /// The issues loading `text` as `x.json` gives; empty when it loads.
  static func issues(_ text: String) -> [ScenarioIssue] { scenarioIssues(text) }

  static func issue(_ path: String, _ message: String) -> ScenarioIssue {
    ScenarioIssue(file: "x.json", path: path, message: message)
  }

  @Test("the reference uses a small share of every limit")
  func referenceIsWellWithin() {
    #expect(ScenarioLoader.validationIssues(in: .reference, file: "code").isEmpty)
    let limits = ScenarioLimits()
    #expect(limits.maxHorizon == .days(36_525))
    #expect(limits.maxReportRows == 1_000_000)
    #expect(limits.maxPods == 100_000 && limits.maxNodes == 100_000)
  }

  @Test("a reporting interval finer than a second over a month is too many report rows")
  func reportRows() {
    #expect(
      Self.issues(#"{"reportingInterval": "1s"}"#) == [
        Self.issue(
          "reportingInterval",
          #""1s" over the horizon "30d" gives 2,592,000 report rows (about 275 MB of timeseries.csv); the limit is 1,000,000 (limits.maxReportRows): use a longer reportingInterval, or raise limits.maxReportRows to allow it"#
        )
      ])
  }

  @Test("raising limits.maxReportRows allows a finer reporting interval")
  func raisedReportRows() {
    #expect(Self.issues(#"{"reportingInterval": "1s"}"#).map(\.path) == ["reportingInterval"])
    #expect(
      Self.issues(#"{"reportingInterval": "1s", "limits": {"maxReportRows": 3000000}}"#).isEmpty)
  }

  @Test("a horizon over 100 years is one error at horizon, with the years")
  func horizon() {
    #expect(
      Self.issues(#"{"horizon": "50000d"}"#) == [
        Self.issue(
          "horizon",
          #"must be at most limits.maxHorizon "36525d" (100 years) (got "50000d", 137 years); raise limits.maxHorizon to allow it"#
        )
      ])
    // Past 1000 years no limit can allow it: the duration itself is out of range.
    #expect(
      Self.issues(#"{"horizon": "100000000d"}"#) == [
        Self.issue("horizon", #"must be at most "365000d" (1000 years) either way (got "100000000d")"#)
      ])
  }

  @Test("raising limits.maxHorizon allows a longer horizon when the other estimates fit")
  func raisedHorizon() {
    let text = """
      {"horizon": "40000d", "reportingInterval": "1d", "flowStep": "1h",
       "limits": {"maxHorizon": "50000d", "maxEvents": 1000000000}}
      """
    #expect(Self.issues(text).isEmpty)
  }

  @Test("limits.maxHorizon itself is at most 1000 years, the longest duration")
  func largestMaxHorizon() {
    #expect(
      Self.issues(#"{"limits": {"maxHorizon": "400000d"}}"#) == [
        Self.issue(
          "limits.maxHorizon", #"must be at most "365000d" (1000 years) either way (got "400000d")"#)
      ])
  }

  @Test("a flow step of 100 ms over 400 days is too many flow steps, reported at flowStep")
  func flowSteps() {
    #expect(
      Self.issues(#"{"horizon": "400d", "flowStep": "100ms", "fineFlowStep": "100ms"}"#) == [
        Self.issue(
          "flowStep",
          #"the horizon "400d" takes 345,600,000 flow steps (345,600,000 of flowStep "100ms"), each a flow computation; the limit is 100,000,000 (limits.maxFlowSteps): use a longer flowStep, or raise limits.maxFlowSteps to allow it"#
        )
      ])
  }

  @Test("a fine flow step under a trace counts over the whole horizon, reported at fineFlowStep")
  func fineFlowSteps() {
    let text =
      #"{"horizon": "365d", "reportingInterval": "1h", "fineFlowStep": "100ms", "traffic": {"trace": {"interval": "365d", "requestsPerSecond": [50]}}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "fineFlowStep",
          #"the horizon "365d" takes 315,360,000 flow steps (0 of flowStep "1m" and 315,360,000 of fineFlowStep "100ms" over the "365d" where the traffic changes fast (a trace)), each a flow computation; the limit is 100,000,000 (limits.maxFlowSteps): use a longer fineFlowStep, or raise limits.maxFlowSteps to allow it"#
        )
      ])
  }

  @Test("a spike's fine steps count only over the spike, widened to whole flow steps")
  func spikeFlowSteps() {
    let text =
      #"{"horizon": "365d", "reportingInterval": "1h", "fineFlowStep": "100ms", "traffic": {"spikes": [{"at": "1h30s", "duration": "10m", "multiplier": 2}]}}"#
    // The spike covers 1h0m30s-1h10m30s: 11 whole minutes, 6,600 fine steps; the rest coarse.
    #expect(Self.issues(text).isEmpty)
    let bigger =
      #"{"horizon": "365d", "reportingInterval": "1h", "fineFlowStep": "100ms", "traffic": {"spikes": [{"at": "1h", "duration": "300d", "multiplier": 2}]}}"#
    #expect(Self.issues(bigger).map(\.path) == ["fineFlowStep"])
  }

  @Test("a node autoscaler scanning every second for four years is too many events, reported at scanInterval")
  func events() {
    #expect(
      Self.issues(#"{"horizon": "1500d", "reportingInterval": "1h", "platform": {"nodeAutoscaling": {"scanInterval": "1s"}}}"#) == [
        Self.issue(
          "platform.nodeAutoscaling.scanInterval",
          #"the horizon "1500d" takes about 138,276,038 events (36,000 report ticks every "1h", 8,640,000 metrics scrapes and autoscaler syncs every "15s", 129,600,000 node autoscaler scans every "1s", 38 spot interruption events (0.05 a node-month over up to 5 Karpenter nodes)); the limit is 100,000,000 (limits.maxEvents): make the most frequent of them less frequent, or raise limits.maxEvents to allow it"#
        )
      ])
  }

  @Test("spot interruptions count as events, at spotInterruptionsPerNodeMonth")
  func spotInterruptionEvents() {
    let text =
      #"{"horizon": "365d", "reportingInterval": "1h", "platform": {"nodeAutoscaling": {"spotInterruptionsPerNodeMonth": 1000, "cpuLimitCores": 20000}}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "platform.nodeAutoscaling.spotInterruptionsPerNodeMonth",
          #"the horizon "365d" takes about 370,264,760 events (8,760 report ticks every "1h", 2,102,400 metrics scrapes and autoscaler syncs every "15s", 3,153,600 node autoscaler scans every "10s", 365,000,000 spot interruption events (1000 a node-month over up to 10,000 Karpenter nodes)); the limit is 100,000,000 (limits.maxEvents): make the most frequent of them less frequent, or raise limits.maxEvents to allow it"#
        )
      ])
  }

  @Test("analysis measurements count for services that releases reach")
  func analysisEvents() {
    let template =
      #"{"name": "t", "metrics": [{"name": "e", "measure": "errorRate", "successCondition": "<= 0.1", "interval": "1s"}]}"#
    let delivery =
      #"{"strategy": "canary", "steps": [{"analysis": {"templates": ["t"]}}], "analysisTemplates": [\#(template)]}"#
    let service =
      #"{"horizon": "1500d", "reportingInterval": "1h", "platform": {"services": [{"name": "frontend", "delivery": \#(delivery)}]}"#
    #expect(Self.issues(service + "}").isEmpty)
    let released =
      service + #", "releases": {"scheduled": [{"service": "frontend", "at": "1d"}]}}"#
    #expect(
      Self.issues(released).map(\.path) == [
        "platform.services[0].delivery.analysisTemplates[0].metrics[0].interval"
      ])
  }

  @Test("pods past 10^5 are too many, reported at the biggest service's maxReplicas")
  func pods() {
    let text =
      #"{"platform": {"services": [{"name": "backend", "autoscaler": {"maxReplicas": 100000}}]}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "platform.services[0].autoscaler.maxReplicas",
          "the services may run up to 100,010 pods together (frontend 10, backend 100,000; the autoscaler's maxReplicas, or replicas without one); the limit is 100,000 (limits.maxPods, the most the model allows): use fewer, larger pods"
        )
      ])
  }

  @Test("without an autoscaler the replicas count; limits.maxPods lowers the bound, never past 10^5")
  func podsWithoutAutoscaler() {
    let text =
      #"{"platform": {"services": [{"name": "backend", "autoscaler": null, "replicas": 50000, "maxReplicas": 50000}]}"#
    #expect(Self.issues(text + "}").isEmpty)
    #expect(
      Self.issues(text + #", "limits": {"maxPods": 50000}}"#).map(\.path) == [
        "platform.services[0].replicas"
      ])
    #expect(
      Self.issues(#"{"limits": {"maxPods": 200000}}"#) == [
        Self.issue("limits.maxPods", "must be at most 100000 (got 200000)")
      ])
  }

  @Test("the Cluster Autoscaler's maxNodes sum is bounded, reported at the biggest group")
  func nodes() {
    let text =
      #"{"platform": {"nodeAutoscaling": {"mode": "clusterAutoscaler"}, "nodeGroups": [{"name": "general", "maxNodes": 100000}, {"name": "more", "instanceType": "t3.medium", "minNodes": 0, "desiredNodes": 0, "maxNodes": 60000}]}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "platform.nodeGroups[0].maxNodes",
          "the cluster may hold up to 160,000 nodes together (general 100,000, more 60,000; the node groups' maxNodes); the limit is 100,000 (limits.maxNodes, the most the model allows): use fewer, larger nodes"
        )
      ])
  }

  @Test("Karpenter's cpuLimitCores counts as nodes of its smallest instance type")
  func karpenterNodes() {
    #expect(
      Self.issues(#"{"platform": {"nodeAutoscaling": {"cpuLimitCores": 1000000}}}"#) == [
        Self.issue(
          "platform.nodeAutoscaling.cpuLimitCores",
          "the cluster may hold up to 500,003 nodes together (general 3, karpenter 500,000; the node groups' desiredNodes, and Karpenter's cpuLimitCores over its smallest instance type); the limit is 100,000 (limits.maxNodes, the most the model allows): use fewer, larger nodes"
        )
      ])
  }

  @Test("a concurrency over 10^4 is over limits.maxConcurrency, at its path")
  func concurrency() {
    #expect(
      Self.issues(#"{"platform": {"database": {"concurrency": 20000}}}"#) == [
        Self.issue(
          "platform.database.concurrency",
          "must be at most limits.maxConcurrency 10,000 (got 20000): the queueing formulas take time in proportion to it at every flow step; raise limits.maxConcurrency to allow it"
        )
      ])
    #expect(
      Self.issues(
        #"{"platform": {"database": {"concurrency": 20000}}, "limits": {"maxConcurrency": 20000}}"#
      ).isEmpty)
  }

  @Test("calls per request are bounded by limits.maxCallsPerRequest")
  func callsPerRequest() {
    let text =
      #"{"platform": {"services": [{"name": "frontend", "calls": [{"target": {"service": "backend"}, "callsPerRequest": 20}]}]}, "limits": {"maxCallsPerRequest": 10}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "platform.services[0].calls[0].callsPerRequest",
          "must be at most limits.maxCallsPerRequest 10 (got 20): failures compound once per call at every flow step; raise limits.maxCallsPerRequest to allow it"
        )
      ])
  }

  @Test("a fault recurring every second is too many fault occurrences")
  func faultOccurrences() {
    let text =
      #"{"faults": [{"kind": "podCrash", "service": "backend", "timeBetweenFailures": {"exponential": {"mean": "1s"}}, "repairTime": {"constant": 0}}]}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "faults[0].timeBetweenFailures",
          #"faults would occur about 2,592,000 times over the horizon "30d" (faults[0] every "1s" on average: 2,592,000), each an incident kept until the run ends; the limit is 1,000,000 (limits.maxFaultOccurrences): make timeBetweenFailures longer, or raise limits.maxFaultOccurrences to allow it"#
        )
      ])
  }

  @Test("a release stream of 100,000 a week is too many releases")
  func releases() {
    let text =
      #"{"releases": {"stream": {"perWeek": 100000, "badProbability": 0, "services": ["backend"]}}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "releases.stream.perWeek",
          #"the run would roll out about 428,572 releases (0 scheduled and 428,572 from the stream at 100000 a week over the horizon "30d"), each a rollout with its own events and record; the limit is 100,000 (limits.maxReleases): release less often, or raise limits.maxReleases to allow it"#
        )
      ])
  }

  @Test("limits are stated by explain and overlay their defaults key by key")
  func explainedLimits() throws {
    let scenario = try ScenarioLoader.decode(#"{"limits": {"maxPods": 70000}}"#, file: "x.json")
    #expect(scenario.limits.maxPods == 70_000)
    #expect(scenario.limits.maxNodes == 100_000)
    let limits = scenario.explainedValue["limits"]
    #expect(limits?["maxPods"] == .integer(70_000))
    #expect(limits?["maxHorizon"] == .string("36525d"))
    #expect(try ScenarioLoader.decode(scenario.explainedJSON, file: "y.json") == scenario)
  }

  @Test("counts print with thousands separators, sizes in decimal units")
  func formatting() {
    #expect(ScenarioValidator.count(2_592_000_000) == "2,592,000,000")
    #expect(ScenarioValidator.count(999) == "999")
    #expect(ScenarioValidator.count(1e21) == "about 1×10^21")
    #expect(ScenarioValidator.size(bytes: 275e9) == "275 GB")
    #expect(ScenarioValidator.size(bytes: 512) == "512 bytes")
  }
}
