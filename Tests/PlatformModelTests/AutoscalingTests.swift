import SimKernel
import Testing

@testable import PlatformModel

/// The HPA wired into the platform: numbers from the upstream semantics.
@Suite struct AutoscalingTests {
  /// The reference platform with a flat traffic rate and a step to `multiplier` times it at
  /// `stepAt`, lasting `stepFor`; only the backend autoscales.
  private func stepScenario(multiplier: Double, stepAt: SimDuration, stepFor: SimDuration, hours: Int64) -> PlatformScenario {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(hours)
    scenario.traffic.peakToTroughRatio = 1
    scenario.traffic.weekendFactor = 1
    scenario.platform.services[0].autoscaler = nil
    scenario.faults = [
      FaultConfiguration(kind: .trafficSpike(multiplier: multiplier), timing: .scheduled(at: stepAt, duration: stepFor))
    ]
    return scenario
  }

  private func scaleEvents(_ result: PlatformRunResult, service: String) -> [EventRecord] {
    result.events.filter { $0.kind == .hpaScale && $0.subject == service }
  }

  @Test("a step in load is met within sync period + metric window + pod start time")
  func stepIsMet() throws {
    let scenario = stepScenario(multiplier: 4, stepAt: .hours(1), stepFor: .hours(1), hours: 3)
    let result = simulate(scenario)
    let firstUp = try #require(scaleEvents(result, service: "backend").first { $0.time >= SimTime(sinceStart: .hours(1)) })
    let delay = firstUp.time - SimTime(sinceStart: .hours(1))
    // Metrics lag by up to one resolution window plus one scrape; the HPA acts at its next sync.
    #expect(delay <= .seconds(15) + .seconds(15) + .seconds(15) + .seconds(1), "first scale-up after \(delay)")
    // New pods are ready after their start time plus one readiness period.
    let backend = scenario.platform.services[1]
    let readyBy = firstUp.time + backend.startupTime + backend.readinessProbe.period
    let ready = result.events.filter { $0.kind == .podReady && $0.subject.hasPrefix("backend") && $0.time > firstUp.time }
    #expect(!ready.isEmpty)
    #expect(ready.allSatisfy { $0.time <= readyBy + .minutes(3) })
    #expect(try #require(ready.first).time <= readyBy)
  }

  @Test("steady load within the tolerance does not make the autoscaler flap")
  func noFlappingUnderSteadyLoad() {
    var scenario = stepScenario(multiplier: 1, stepAt: .hours(1), stepFor: .minutes(1), hours: 6)
    scenario.faults = []
    let result = simulate(scenario)
    // The initial correction (from 2 replicas to what the load needs) is allowed; after the
    // first hour the replica count holds.
    let late = scaleEvents(result, service: "backend").filter { $0.time > SimTime(sinceStart: .hours(1)) }
    #expect(late.isEmpty, "\(late.map(\.detail))")
  }

  @Test("scale-down waits for the 5-minute stabilization window")
  func scaleDownWaitsForStabilization() throws {
    let scenario = stepScenario(multiplier: 4, stepAt: .hours(1), stepFor: .minutes(30), hours: 3)
    let result = simulate(scenario)
    let stepEnd = SimTime(sinceStart: .hours(1) + .minutes(30))
    let downs = scaleEvents(result, service: "backend").filter { $0.time > stepEnd }
    let firstDown = try #require(downs.first)
    #expect(firstDown.time - stepEnd >= .seconds(300), "scaled down after \(firstDown.time - stepEnd)")
    #expect(firstDown.time - stepEnd <= .seconds(300) + .seconds(45))
  }
}

/// Node lifecycle timing, from Kubernetes' defaults.
@Suite struct NodeLifecycleTests {
  @Test("a failed node's pods are Ready elsewhere after grace period + toleration + start, not sooner")
  func podsReturnAfterEviction() throws {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(2)
    scenario.faults = [
      FaultConfiguration(kind: .nodeFailure(nodeGroup: "general"), timing: .scheduled(at: .hours(1), duration: .hours(1)))
    ]
    let result = simulate(scenario)
    let failure = try #require(result.events.first { $0.kind == .nodeFailed })
    let notReady = try #require(result.events.first { $0.kind == .nodeNotReady })
    let evicted = try #require(result.events.first { $0.kind == .podsEvicted })
    #expect(notReady.time - failure.time == .seconds(50))
    #expect(evicted.time - failure.time == .seconds(350))
    let rescheduled = result.events.filter { $0.kind == .podScheduled && $0.time == evicted.time }
    #expect(!rescheduled.isEmpty, "the node's pods must be rescheduled at eviction")
    let moved = Set(rescheduled.map(\.subject))
    let readyAgain = result.events.filter { $0.kind == .podReady && moved.contains($0.subject) && $0.time > failure.time }
    #expect(readyAgain.count == moved.count)
    for event in readyAgain {
      let service = scenario.platform.services.first { event.subject.hasPrefix($0.name + "-") }!
      let earliest = evicted.time + service.startupTime + service.readinessProbe.period
      #expect(event.time == earliest, "\(event.subject) ready at \(event.time), expected \(earliest)")
    }
  }
}
