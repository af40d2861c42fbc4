import PlatformModel
import SimKernel
import Testing

@testable import Scenarios

/// Whole-scenario checks added with the bounds work: the name, zones in the region, the
/// memory model, recurring faults, and the warnings channel.
@Suite struct ScenarioValidatorTests {
  /// The issues loading `text` as `x.json` gives; empty when it loads.
  static func issues(_ text: String) -> [ScenarioIssue] { scenarioIssues(text) }

  /// The warnings of `text`, which must load.
  static func warnings(_ text: String) throws -> [ScenarioIssue] {
    try ScenarioLoader.decodeFile(text, file: "x.json").warnings
  }

  static let nameRule =
    #"must be one safe path segment of letters, digits, "-", "_" and ".", not "." or "..", since it names the report folder reports/<name>"#

  @Test(
    "a name that is not one safe path segment is an error at name",
    arguments: ["..", ".", "a/b", "/tmp/x", "a b", "résumé", #"a\b"#])
  func unsafeName(name: String) {
    #expect(
      Self.issues(#"{"name": \#(ScenarioDecoder.quote(name))}"#) == [
        ScenarioIssue(
          file: "x.json", path: "name",
          message: "\(Self.nameRule) (got \(ScenarioDecoder.quote(name)))")
      ])
  }

  @Test("an empty name built in code is an error at name")
  func emptyNameInCode() {
    var scenario = PlatformScenario.reference
    scenario.name = ""
    #expect(
      ScenarioLoader.validationIssues(in: scenario, file: "code") == [
        ScenarioIssue(file: "code", path: "name", message: "\(Self.nameRule) (got \"\")")
      ])
  }

  @Test(
    "names of letters, digits, dashes, underscores and dots are valid",
    arguments: ["capacity-planning", "v1.2_x", "..a", "A"])
  func safeName(name: String) {
    #expect(Self.issues(#"{"name": "\#(name)"}"#).isEmpty)
  }

  @Test("a name longer than 200 characters is an error")
  func longName() {
    let name = String(repeating: "a", count: 201)
    #expect(
      Self.issues(#"{"name": "\#(name)"}"#) == [
        ScenarioIssue(
          file: "x.json", path: "name",
          message: "must be at most 200 characters, since it names the report folder (got 201)")
      ])
  }

  @Test("zones outside the region are errors at each zone")
  func zonesOutsideRegion() {
    let text =
      #"{"platform": {"zones": ["eu-central-1a", "eu-central-1b", "us-east-1b", "eu-central-10a"]}}"#
    let message = { (zone: String) in
      #"zone "\#(zone)" is not in platform.region "eu-central-1": a zone's name is its region's followed by a letter, such as "eu-central-1a""#
    }
    #expect(
      Self.issues(text) == [
        ScenarioIssue(file: "x.json", path: "platform.zones[2]", message: message("us-east-1b")),
        ScenarioIssue(
          file: "x.json", path: "platform.zones[3]", message: message("eu-central-10a")),
      ])
  }

  @Test("a Local Zone of the region (the region, a dash, and more) is in the region")
  func localZone() {
    #expect(ScenarioValidator.isZone("us-east-1-bos-1a", of: "us-east-1"))
    #expect(ScenarioValidator.isZone("us-east-1a", of: "us-east-1"))
    #expect(!ScenarioValidator.isZone("us-east-1", of: "us-east-1"))
    #expect(!ScenarioValidator.isZone("us-east-12a", of: "us-east-1"))
  }

  @Test("a working set at or above the memory limit is an error: every pod would be OOM-killed")
  func workingSetAboveLimit() {
    let text =
      #"{"platform": {"services": [{"name": "backend", "memoryWorkingSetMiB": "512Mi"}]}}"#
    #expect(
      Self.issues(text) == [
        ScenarioIssue(
          file: "x.json", path: "platform.services[0].memoryWorkingSetMiB",
          message:
            #"must be less than memoryLimitMiB "512Mi" (got "512Mi"): a pod's memory is its working set plus what its requests in flight hold, so every pod would be OOM-killed as soon as it serves"#
        )
      ])
  }

  @Test("a limit below the request is an error, for cpu and memory")
  func limitBelowRequest() {
    let text =
      #"{"platform": {"services": [{"name": "frontend", "cpuLimitMillicores": "50m", "memoryLimitMiB": 64}]}}"#
    #expect(
      Self.issues(text) == [
        ScenarioIssue(
          file: "x.json", path: "platform.services[0].cpuLimitMillicores",
          message: #"must be at least cpuRequestMillicores "100m" (got "50m")"#),
        ScenarioIssue(
          file: "x.json", path: "platform.services[0].memoryLimitMiB",
          message: #"must be at least memoryRequestMiB "128Mi" (got "64Mi")"#),
      ])
  }

  @Test("a memory request below the working set is a warning, and the file still loads")
  func requestBelowWorkingSet() throws {
    let text = #"{"platform": {"services": [{"name": "backend", "memoryRequestMiB": 100}]}}"#
    let warnings = try Self.warnings(text)
    let message =
      #""100Mi" is below memoryWorkingSetMiB "150Mi": every pod uses more memory than it requests, so nodes are packed with less memory than the pods use and a memory-utilization autoscaler sees each pod above 100 % of its request"#
    #expect(
      warnings == [
        ScenarioIssue(
          file: "x.json", path: "platform.services[0].memoryRequestMiB", message: message,
          severity: .warning)
      ])
    #expect(
      warnings.map(\.description) == [
        "x.json: platform.services[0].memoryRequestMiB: warning: \(message)"
      ])
  }

  @Test("a trace shorter than the horizon is a warning saying its last rate holds")
  func shortTrace() throws {
    let text = #"{"traffic": {"trace": {"interval": "1m", "requestsPerSecond": [10, 20]}}}"#
    #expect(
      try Self.warnings(text) == [
        ScenarioIssue(
          file: "x.json", path: "traffic.trace",
          message:
            #"covers "2m" (2 rates every "1m") but the horizon is "30d": its last rate, 20 requests/s, holds for the remaining "29d23h58m""#,
          severity: .warning)
      ])
  }

  @Test("a trace covering the horizon, and the reference, give no warning")
  func noWarnings() throws {
    #expect(
      try Self.warnings(
        #"{"horizon": "2m", "traffic": {"trace": {"interval": "1m", "requestsPerSecond": [10, 20]}}}"#
      ).isEmpty)
    #expect(try Self.warnings("{}").isEmpty)
    #expect(ScenarioLoader.validationWarnings(in: .reference, file: "code").isEmpty)
  }

  @Test("warnings of a scenario built in code come from validationWarnings, not validationIssues")
  func warningsInCode() {
    var scenario = PlatformScenario.reference
    scenario.platform.services[1].memoryRequestMiB = 100
    #expect(ScenarioLoader.validationIssues(in: scenario, file: "code").isEmpty)
    #expect(
      ScenarioLoader.validationWarnings(in: scenario, file: "code").map(\.path) == [
        "platform.services[1].memoryRequestMiB"
      ])
  }

  @Test("a recurring fault failing more than once a second on average is an error: it would never let time pass")
  func endlessFault() {
    let text =
      #"{"faults": [{"kind": "podCrash", "service": "backend", "timeBetweenFailures": {"constant": 0}, "repairTime": {"constant": 0}}]}"#
    #expect(
      Self.issues(text) == [
        ScenarioIssue(
          file: "x.json", path: "faults[0].timeBetweenFailures",
          message:
            "must have a mean of at least 1 s, so a run has at most one failure a second on average (got a mean of 0 s)"
        )
      ])
  }

  @Test("a spike's ramp longer than half of it is an error even near the largest duration")
  func hugeRampUp() {
    let text =
      #"{"traffic": {"spikes": [{"at": "1h", "duration": "1h", "multiplier": 2, "rampUp": "365000d"}]}}"#
    #expect(
      Self.issues(text) == [
        ScenarioIssue(
          file: "x.json", path: "traffic.spikes[0].rampUp",
          message: #"must be at most half the duration "1h" (got "365000d")"#)
      ])
  }
}
