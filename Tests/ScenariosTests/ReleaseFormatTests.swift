import PlatformModel
import SimKernel
import Testing

@testable import Scenarios

/// `releases` and a service's `delivery` in scenario files.
@Suite struct ReleaseFormatTests {
  private func load(_ text: String) throws -> PlatformScenario {
    try ScenarioLoader.decode(text, file: "r.json")
  }

  private func messages(_ text: String) -> [String] {
    do {
      _ = try ScenarioLoader.decode(text, file: "r.json")
      return []
    } catch {
      return error.issues.map { "\($0.path): \($0.message)" }
    }
  }

  @Test("scheduled releases, a stream and promotions decode with their qualities")
  func releasesDecode() throws {
    let scenario = try load("""
      {"releases": {"scheduled": [{"service": "frontend", "at": "1d", "quality": {"errorRate": 0.2}},
                                  {"service": "backend", "at": "2d"}],
                    "stream": {"perWeek": 3, "badProbability": 0.1, "services": ["frontend"],
                               "badQualities": ["crashOnStart", {"memoryLeak": 100}]},
                    "promotions": [{"service": "frontend", "at": "1d1h"}]}}
      """)
    #expect(scenario.releases.scheduled.map(\.quality) == [.errorRate(0.2), .good])
    #expect(scenario.releases.stream?.badQualities == [.crashOnStart, .memoryLeak(mibPerHour: 100)])
    #expect(scenario.releases.promotions.first?.at == .hours(25))
  }

  @Test("a canary delivery replaces the reference's whole, with its steps and templates")
  func canaryDecodes() throws {
    let scenario = try load("""
      {"platform": {"services": [{"name": "backend", "delivery": {
        "strategy": "canary", "steps": [{"setWeight": 20}, {"pause": {}}, {"analysis": {"templates": ["e"]}}],
        "analysisTemplates": [{"name": "e", "metrics": [{"name": "errors", "measure": "errorRate",
          "successCondition": "<= 0.01", "interval": "30s", "failureLimit": 1}]}]}}]}}
      """)
    guard case .canary(let canary) = scenario.platform.services[1].delivery.strategy else {
      Issue.record("expected a canary")
      return
    }
    #expect(canary.steps.count == 3)
    #expect(canary.steps[1] == .pause(duration: nil))
    #expect(!canary.usesTrafficRouting)
    let check = try #require(scenario.platform.services[1].delivery.analysisTemplates.first?.checks.first)
    #expect(check.condition == .atMost(0.01))
    #expect(check.metric.failureLimit == 1)
  }

  @Test("mistakes name the path: unknown template, a key of another strategy, a bad condition, an unknown service")
  func mistakesAreReported() {
    let unknownTemplate = messages("""
      {"platform": {"services": [{"name": "backend", "delivery": {"strategy": "canary",
        "backgroundAnalysis": {"templates": ["nope"]}}}]}}
      """)
    #expect(unknownTemplate.contains { $0.contains("platform.services[0].delivery.analysisTemplates") && $0.contains("nope") })
    let wrongKey = messages("""
      {"platform": {"services": [{"name": "backend", "delivery": {"strategy": "rolling", "steps": []}}]}}
      """)
    #expect(wrongKey.contains { $0.contains("delivery.steps") && $0.contains("rolling") })
    let badCondition = messages("""
      {"platform": {"services": [{"name": "backend", "delivery": {"strategy": "canary",
        "analysisTemplates": [{"name": "e", "metrics": [{"name": "x", "measure": "errorRate", "successCondition": "< 1"}]}]}}]}}
      """)
    #expect(badCondition.contains { $0.contains("successCondition") })
    let unknownService = messages("""
      {"releases": {"scheduled": [{"service": "api", "at": "1h"}]}}
      """)
    #expect(unknownService.contains { $0.contains("releases.scheduled[0].service") })
  }
}
