import PlatformModel
import Testing

@testable import Scenarios

/// Unit traps: a value in the wrong form (a quantity string without its unit, a number in
/// quotes, a duration without a unit) is an error that names the form wanted.
@Suite struct ScenarioDecoderTests {
  /// The issues loading `text` as `x.json` gives; empty when it loads.
  static func issues(_ text: String) -> [ScenarioIssue] { scenarioIssues(text) }

  static func backend(_ members: String) -> String {
    #"{"platform": {"services": [{"name": "backend", \#(members)}]}}"#
  }

  @Test(
    "a memory string without a unit is an error naming a number of MiB and a quantity with its unit"
  )
  func memoryStringWithoutUnit() {
    #expect(
      Self.issues(Self.backend(#""memoryRequestMiB": "512""#)) == [
        ScenarioIssue(
          file: "x.json", path: "platform.services[0].memoryRequestMiB",
          message:
            #"expected a number of MiB such as 512, or a memory quantity string with its unit such as "512Mi" (got the string "512", which has no unit; Kubernetes would read it as 512 bytes)"#
        )
      ])
  }

  @Test(
    "a cpu string without a unit is an error saying how Kubernetes would read it",
    arguments: [("0.5", "500m"), ("500", "500000m")])
  func cpuStringWithoutUnit(text: String, kubernetes: String) {
    #expect(
      Self.issues(Self.backend(#""cpuLimitMillicores": "\#(text)""#)) == [
        ScenarioIssue(
          file: "x.json", path: "platform.services[0].cpuLimitMillicores",
          message:
            #"expected a number of millicores such as 500, or a cpu quantity string with its unit such as "500m" (got the string "\#(text)", which has no unit; Kubernetes would read it as \#(text) cores, written "\#(kubernetes)" here)"#
        )
      ])
  }

  @Test("memory keys elsewhere (an instance type's memoryMiB) reject strings without a unit too")
  func instanceMemoryWithoutUnit() {
    let text = #"{"prices": {"instances": [{"name": "t3.small", "memoryMiB": "2048"}]}}"#
    #expect(
      Self.issues(text) == [
        ScenarioIssue(
          file: "x.json", path: "prices.instances[0].memoryMiB",
          message:
            #"expected a number of MiB such as 512, or a memory quantity string with its unit such as "512Mi" (got the string "2048", which has no unit; Kubernetes would read it as 2048 bytes)"#
        )
      ])
  }

  @Test("cpuThreads: the reference backend has one, a number sets it, null is one per request")
  func cpuThreads() throws {
    let reference = try ScenarioLoader.decodeFile("{}", file: "x.json").scenario
    #expect(reference.platform.services[0].cpuThreads == nil)
    #expect(reference.platform.services[1].cpuThreads == 1)
    let set = try ScenarioLoader.decodeFile(Self.backend(#""cpuThreads": 4"#), file: "x.json")
    #expect(set.scenario.platform.services[1].cpuThreads == 4)
    let cleared = try ScenarioLoader.decodeFile(Self.backend(#""cpuThreads": null"#), file: "x.json")
    #expect(cleared.scenario.platform.services[1].cpuThreads == nil)
    #expect(
      Self.issues(Self.backend(#""cpuThreads": -2"#)) == [
        ScenarioIssue(
          file: "x.json", path: "platform.services[0].cpuThreads",
          message: "must be greater than 0 (got -2)")
      ])
  }

  @Test("numbers and quantity strings with their unit are read in the unit they state")
  func quantitiesWithUnits() throws {
    let file = try ScenarioLoader.decodeFile(
      Self.backend(
        #""cpuRequestMillicores": "250m", "cpuLimitMillicores": 1500, "memoryRequestMiB": "1Gi", "memoryLimitMiB": 2048"#
      ), file: "x.json")
    let backend = file.scenario.platform.services[1]
    #expect(backend.cpuRequestMillicores == 250)
    #expect(backend.cpuLimitMillicores == 1_500)
    #expect(backend.memoryRequestMiB == 1_024)
    #expect(backend.memoryLimitMiB == 2_048)
  }

  @Test(
    "a number written as a string is an error saying numbers are written without quotes",
    arguments: [
      (
        Self.backend(#""replicas": "3""#), "platform.services[0].replicas",
        #"expected an integer (got "3"); numbers are written without quotes"#
      ),
      (
        #"{"traffic": {"baseRequestsPerSecond": "50.5"}}"#, "traffic.baseRequestsPerSecond",
        #"expected a number (got "50.5"); numbers are written without quotes"#
      ),
    ])
  func quotedNumber(text: String, path: String, message: String) {
    #expect(Self.issues(text) == [ScenarioIssue(file: "x.json", path: path, message: message)])
  }

  @Test("a word where a number is expected gets no hint about quotes")
  func wordForNumber() {
    #expect(
      Self.issues(Self.backend(#""replicas": "three""#)) == [
        ScenarioIssue(
          file: "x.json", path: "platform.services[0].replicas",
          message: #"expected an integer (got "three")"#)
      ])
  }

  @Test("a number where a duration is expected is an error suggesting the duration string")
  func numberForDuration() {
    #expect(
      Self.issues(#"{"reportingInterval": 60}"#) == [
        ScenarioIssue(
          file: "x.json", path: "reportingInterval",
          message:
            #"expected a duration such as "30s", "5m" or "250ms" (got 60); durations are strings with a unit, such as "60s" for 60 seconds"#
        )
      ])
  }
}
