import SimKernel
import Testing

@testable import PlatformModel

/// Releases rolled out by the world: the reference canary catches a bad release, a good one is
/// promoted, and the strategies without analysis rely on the operator.
@Suite struct RolloutWorldTests {
  /// The reference platform at a flat rate, with `releases` merged at once (no GitOps delay).
  private func scenario(_ releases: [ScheduledRelease], hours: Int64 = 6) throws -> PlatformScenario {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(hours)
    scenario.traffic.peakToTroughRatio = 1
    scenario.traffic.weekendFactor = 1
    scenario.releases.scheduled = releases
    scenario.releases.gitOpsDelay = try Distribution.constant(0)
    return scenario
  }

  private func events(_ result: PlatformRunResult, _ kind: EventKind) -> [EventRecord] {
    result.events.filter { $0.kind == kind }
  }

  @Test("a release with 20 % errors under the reference canary is aborted within the analysis window; its failures are weight × error rate × exposure")
  func badCanaryIsAborted() throws {
    let s = try scenario([ScheduledRelease(service: "frontend", at: .hours(1), quality: .errorRate(0.2))])
    let (result, rows) = simulateKeepingRows(s)
    let release = try #require(result.releases.first)
    #expect(release.outcome == .aborted)
    let analysisStart = try #require(events(result, .analysisStart).first)
    let abort = try #require(events(result, .rolloutAborted).first)
    // failureLimit 2 at a 15 s interval: the third failed measurement, 45 s after the start
    // (a little later if sampling noise let one measurement pass).
    #expect(abort.time - analysisStart.time >= .seconds(45))
    #expect(abort.time - analysisStart.time <= .seconds(75))
    // Exposure: the canary takes 10 % of the frontend's requests from its first pod in rotation
    // to the abort (weight 0 at once with a traffic router).
    let serving = try #require(events(result, .newRevisionInRotation).first)
    let exposure = (abort.time - serving.time).inSeconds
    let rate = s.traffic.baseRequestsPerSecond * 0.6  // the frontend's route share
    let expected = rate * 0.10 * 0.2 * exposure
    #expect(abs(release.failedRequests - expected) <= 0.01 * expected,
      "failed \(release.failedRequests), expected \(expected) over \(exposure) s")
    // After the abort the stable revision serves alone: nothing fails any more.
    #expect(rows.last?.failedRequests == 0)
    #expect(release.timeToRollback == .zero)
  }

  @Test("a good release under the reference canary goes through every step and is promoted")
  func goodCanaryIsPromoted() throws {
    let result = simulate(try scenario([ScheduledRelease(service: "frontend", at: .hours(1), quality: .good)]))
    let release = try #require(result.releases.first)
    #expect(release.outcome == .promoted)
    let weights = events(result, .rolloutWeight).map(\.detail).map { $0.prefix { $0 != ";" } }
    // Weight 0 until the first canary pod is available, then each step's weight.
    #expect(weights == ["weight 0", "weight 10", "weight 25", "weight 50", "weight 75", "weight 100"])
    let started = try #require(release.started)
    let ended = try #require(release.ended)
    #expect(ended - started >= .seconds(4 * 30))
    #expect(result.totals.failed == 0)
  }

  @Test("a canary whose pods crash at start never takes traffic and is stuck after the progress deadline")
  func crashingCanaryIsStuck() throws {
    let result = simulate(try scenario([ScheduledRelease(service: "frontend", at: .hours(1), quality: .crashOnStart)]))
    let release = try #require(result.releases.first)
    #expect(release.outcome == .stuck)
    #expect(events(result, .newRevisionInRotation).isEmpty)
    #expect(result.totals.failed == 0)
  }

  @Test("a rolling update ships a bad release to every pod; an operator rolls it back after the alert")
  func rollingUpdateNeedsTheOperator() throws {
    var s = try scenario([ScheduledRelease(service: "backend", at: .hours(1), quality: .errorRate(0.2))])
    s.platform.services[1].delivery = .deploymentDefault
    let result = simulate(s)
    let bad = try #require(result.releases.first)
    #expect(bad.outcome == .promoted)
    let rollback = try #require(result.releases.first { $0.isRollback })
    #expect(rollback.outcome == .promoted)
    let detected = try #require(bad.detected)
    let rolledBack = try #require(bad.rolledBack)
    #expect(rolledBack > detected)
    // Far more failures than under a canary: the whole service served the bad revision.
    #expect(bad.failedRequests > 1_000)
  }

  @Test("blue/green switches all traffic at once; without analysis the operator rolls back")
  func blueGreenSwitchesAtOnce() throws {
    var s = try scenario([ScheduledRelease(service: "frontend", at: .hours(1), quality: .errorRate(0.2))])
    s.platform.services[0].delivery = DeliveryConfiguration(strategy: .blueGreen(BlueGreenStrategy()))
    let result = simulate(s)
    #expect(events(result, .rolloutSwitch).count >= 1)
    let bad = try #require(result.releases.first)
    #expect(bad.outcome == .promoted)
    #expect(result.releases.contains { $0.isRollback && $0.outcome == .promoted })
  }
}

/// A canary without a traffic router: weights are approximated by pod counts.
@Suite struct BasicCanaryWorldTests {
  @Test("without a router the canary's share of traffic is its share of the pods Argo's approximation sets")
  func trafficFollowsPodCounts() throws {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(2)
    scenario.traffic.peakToTroughRatio = 1
    scenario.traffic.weekendFactor = 1
    scenario.releases.gitOpsDelay = try Distribution.constant(0)
    scenario.releases.scheduled = [
      ScheduledRelease(service: "frontend", at: .hours(1), quality: .errorRate(1.0))
    ]
    scenario.releases.operatorRollsBack = false
    scenario.platform.services[0].autoscaler = nil  // keep R = 5 throughout
    scenario.platform.services[0].delivery = DeliveryConfiguration(
      strategy: .canary(CanaryStrategy(steps: [.setWeight(10), .pause(duration: .minutes(30))])))
    let (result, rows) = simulateKeepingRows(scenario)
    let weight = try #require(result.events.first { $0.kind == .rolloutWeight && $0.detail.hasPrefix("weight 10") })
    // Argo's basic canary for 5 replicas at 10 % with 25 % surge: 1 canary beside 5 stable.
    #expect(weight.detail.hasSuffix("canary 1, stable 5"))
    // A minute well inside the pause: every canary request fails, so the failed share of the
    // frontend's requests is the canary's share of its pods in rotation, 1 of 6.
    let row = try #require(rows.first { $0.end == SimTime(sinceStart: .hours(1) + .minutes(10)) })
    let frontendShare = 0.6
    #expect(abs(row.failedRequests / (row.requests * frontendShare) - 1.0 / 6.0) < 1e-9)
  }
}

/// Indefinite pauses wait for a promotion and are not held to the progress deadline.
@Suite struct PromotionWorldTests {
  @Test("a canary paused until promotion waits past the progress deadline and finishes once promoted")
  func indefinitePauseWaitsForPromotion() throws {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(4)
    scenario.traffic.peakToTroughRatio = 1
    scenario.traffic.weekendFactor = 1
    scenario.releases.gitOpsDelay = try Distribution.constant(0)
    scenario.releases.scheduled = [ScheduledRelease(service: "frontend", at: .hours(1), quality: .good)]
    scenario.releases.promotions = [ScheduledPromotion(service: "frontend", at: .hours(2))]
    scenario.platform.services[0].delivery = DeliveryConfiguration(
      strategy: .canary(
        CanaryStrategy(steps: [.setWeight(20), .pause(duration: nil), .setWeight(60)], usesTrafficRouting: true)))
    let result = simulate(scenario)
    let release = try #require(result.releases.first)
    #expect(release.outcome == .promoted)
    #expect(!result.events.contains { $0.kind == .rolloutStuck })
    let ended = try #require(release.ended)
    #expect(ended >= SimTime(sinceStart: .hours(2)))
  }
}
