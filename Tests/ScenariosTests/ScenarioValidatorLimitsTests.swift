import PlatformModel
import SimKernel
import Testing

@testable import Scenarios

/// Bounds on work: each limit's error gives the estimate, names the limit and how to raise it,
/// and raising the limit in `limits` makes the scenario valid.
@Suite struct ScenarioValidatorLimitsTests {
  /// The errors loading `text` as `x.json` gives; empty when it loads.
  static func issues(_ text: String) -> [ScenarioIssue] {
    do {
      _ = try ScenarioLoader.decodeFile(text, file: "x.json")
      return []
    } catch {
      return error.issues
    }
  }

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
      Self.issues(#"{"reportingInterval": "1ms"}"#) == [
        Self.issue(
          "reportingInterval",
          #""1ms" over the horizon "30d" gives 2,592,000,000 report rows (about 275 GB of timeseries.csv, and as many records in memory); the limit is 1,000,000 (limits.maxReportRows): use a longer reportingInterval, or raise limits.maxReportRows to allow it"#
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
      Self.issues(#"{"horizon": "100000000d"}"#) == [
        Self.issue(
          "horizon",
          #"must be at most limits.maxHorizon "36525d" (100 years) (got "100000000d", 273,785 years); raise limits.maxHorizon to allow it"#
        )
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

  @Test("limits.maxHorizon itself is at most 10,000 years")
  func largestMaxHorizon() {
    #expect(
      Self.issues(#"{"limits": {"maxHorizon": "4000000d"}}"#) == [
        Self.issue(
          "limits.maxHorizon", #"must be between "1us" and "3652500d" (got "4000000d")"#)
      ])
  }

  @Test("a flow step of a microsecond is too many flow steps, reported at flowStep")
  func flowSteps() {
    #expect(
      Self.issues(#"{"flowStep": "1us", "fineFlowStep": "1us"}"#) == [
        Self.issue(
          "flowStep",
          #"the horizon "30d" takes 2,592,000,000,000 flow steps (2,592,000,000,000 of flowStep "1us"), each a flow computation; the limit is 100,000,000 (limits.maxFlowSteps): use a longer flowStep, or raise limits.maxFlowSteps to allow it"#
        )
      ])
  }

  @Test("a fine flow step under a trace counts over the whole horizon, reported at fineFlowStep")
  func fineFlowSteps() {
    let text =
      #"{"fineFlowStep": "10ms", "traffic": {"trace": {"interval": "30d", "requestsPerSecond": [50]}}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "fineFlowStep",
          #"the horizon "30d" takes 259,200,000 flow steps (0 of flowStep "1m" and 259,200,000 of fineFlowStep "10ms" over the "30d" where the traffic changes fast (a trace)), each a flow computation; the limit is 100,000,000 (limits.maxFlowSteps): use a longer fineFlowStep, or raise limits.maxFlowSteps to allow it"#
        )
      ])
  }

  @Test("a spike's fine steps count only over the spike, widened to whole flow steps")
  func spikeFlowSteps() {
    let text =
      #"{"fineFlowStep": "1ms", "traffic": {"spikes": [{"at": "1h30s", "duration": "10m", "multiplier": 2}]}}"#
    // The spike covers 1h0m30s-1h10m30s: 11 whole minutes, 660,000 fine steps, 43,189 coarse.
    #expect(Self.issues(text).isEmpty)
    let bigger =
      #"{"fineFlowStep": "1ms", "traffic": {"spikes": [{"at": "1h", "duration": "2d", "multiplier": 2}]}}"#
    #expect(Self.issues(bigger).map(\.path) == ["fineFlowStep"])
  }

  @Test("a node autoscaler scanning every microsecond is too many events, reported at scanInterval")
  func events() {
    #expect(
      Self.issues(#"{"platform": {"nodeAutoscaling": {"scanInterval": "1us"}}}"#) == [
        Self.issue(
          "platform.nodeAutoscaling.scanInterval",
          #"the horizon "30d" takes about 2,592,000,216,001 events (43,200 report ticks every "1m", 172,800 metrics scrapes and autoscaler syncs every "15s", 2,592,000,000,000 node autoscaler scans every "1us", 1 spot interruption events (0.05 a node-month over up to 5 Karpenter nodes)); the limit is 100,000,000 (limits.maxEvents): make the most frequent of them less frequent, or raise limits.maxEvents to allow it"#
        )
      ])
  }

  @Test("spot interruptions count as events, at spotInterruptionsPerNodeMonth")
  func spotInterruptionEvents() {
    let text = #"{"platform": {"nodeAutoscaling": {"spotInterruptionsPerNodeMonth": 100000000}}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "platform.nodeAutoscaling.spotInterruptionsPerNodeMonth",
          #"the horizon "30d" takes about 1,500,475,200 events (43,200 report ticks every "1m", 172,800 metrics scrapes and autoscaler syncs every "15s", 259,200 node autoscaler scans every "10s", 1,500,000,000 spot interruption events (100000000 a node-month over up to 5 Karpenter nodes)); the limit is 100,000,000 (limits.maxEvents): make the most frequent of them less frequent, or raise limits.maxEvents to allow it"#
        )
      ])
  }

  @Test("analysis measurements count for services that releases reach")
  func analysisEvents() {
    let template =
      #"{"name": "t", "metrics": [{"name": "e", "measure": "errorRate", "successCondition": "<= 0.1", "interval": "1ms"}]}"#
    let delivery =
      #"{"strategy": "canary", "steps": [{"analysis": {"templates": ["t"]}}], "analysisTemplates": [\#(template)]}"#
    let service = #"{"platform": {"services": [{"name": "frontend", "delivery": \#(delivery)}]}"#
    #expect(Self.issues(service + "}").isEmpty)
    let released =
      service + #", "releases": {"scheduled": [{"service": "frontend", "at": "1d"}]}}"#
    #expect(
      Self.issues(released).map(\.path) == [
        "platform.services[0].delivery.analysisTemplates[0].metrics[0].interval"
      ])
  }

  @Test("a million replicas is too many pods, reported at the biggest service's maxReplicas")
  func pods() {
    let text =
      #"{"platform": {"services": [{"name": "backend", "autoscaler": {"maxReplicas": 1000000}}]}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "platform.services[0].autoscaler.maxReplicas",
          "the services may run up to 1,000,010 pods together (frontend 10, backend 1,000,000; the autoscaler's maxReplicas, or replicas without one); the limit is 100,000 (limits.maxPods): use fewer, larger pods, or raise limits.maxPods to allow it"
        )
      ])
  }

  @Test("without an autoscaler the replicas count, and raising limits.maxPods allows them")
  func podsWithoutAutoscaler() {
    let text =
      #"{"platform": {"services": [{"name": "backend", "autoscaler": null, "replicas": 200000, "maxReplicas": 200000}]}"#
    #expect(Self.issues(text + "}").map(\.path) == ["platform.services[0].replicas"])
    #expect(Self.issues(text + #", "limits": {"maxPods": 300000}}"#).isEmpty)
  }

  @Test("the Cluster Autoscaler's maxNodes sum is bounded, reported at the biggest group")
  func nodes() {
    let text =
      #"{"platform": {"nodeAutoscaling": {"mode": "clusterAutoscaler"}, "nodeGroups": [{"name": "general", "maxNodes": 500000}]}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "platform.nodeGroups[0].maxNodes",
          "the cluster may hold up to 500,000 nodes together (general 500,000; the node groups' maxNodes); the limit is 100,000 (limits.maxNodes): use fewer, larger nodes, or raise limits.maxNodes to allow it"
        )
      ])
  }

  @Test("Karpenter's cpuLimitCores counts as nodes of its smallest instance type")
  func karpenterNodes() {
    #expect(
      Self.issues(#"{"platform": {"nodeAutoscaling": {"cpuLimitCores": 1000000}}}"#) == [
        Self.issue(
          "platform.nodeAutoscaling.cpuLimitCores",
          "the cluster may hold up to 500,003 nodes together (general 3, karpenter 500,000; the node groups' desiredNodes, and Karpenter's cpuLimitCores over its smallest instance type); the limit is 100,000 (limits.maxNodes): use fewer, larger nodes, or raise limits.maxNodes to allow it"
        )
      ])
  }

  @Test("a concurrency of 2^31 is over limits.maxConcurrency, at its path")
  func concurrency() {
    #expect(
      Self.issues(#"{"platform": {"database": {"concurrency": 2147483648}}}"#) == [
        Self.issue(
          "platform.database.concurrency",
          "must be at most limits.maxConcurrency 10,000 (got 2147483648): the queueing formulas take time in proportion to it at every flow step; raise limits.maxConcurrency to allow it"
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
      #"{"platform": {"services": [{"name": "frontend", "calls": [{"target": {"service": "backend"}, "callsPerRequest": 1e15}]}]}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "platform.services[0].calls[0].callsPerRequest",
          "must be at most limits.maxCallsPerRequest 1000 (got 1000000000000000): failures compound once per call at every flow step; raise limits.maxCallsPerRequest to allow it"
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

  @Test("a release stream of a million a week is too many releases")
  func releases() {
    let text =
      #"{"releases": {"stream": {"perWeek": 1000000, "badProbability": 0, "services": ["backend"]}}}"#
    #expect(
      Self.issues(text) == [
        Self.issue(
          "releases.stream.perWeek",
          #"the run would roll out about 4,285,715 releases (0 scheduled and 4,285,715 from the stream at 1000000 a week over the horizon "30d"), each a rollout with its own events and record; the limit is 100,000 (limits.maxReleases): release less often, or raise limits.maxReleases to allow it"#
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
