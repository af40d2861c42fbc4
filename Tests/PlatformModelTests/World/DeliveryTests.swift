import SimKernel
import Testing

@testable import PlatformModel

/// Delivery on its own: the state it starts with, per-service access, its named streams and the
/// release log; then the revision groups `2 × s + k` as the world's rollout handlers and
/// analysis use them.
@Suite("Delivery: per-service rollout state, revision groups, streams")
struct DeliveryTests {
  @Test(
    "a new delivery has no rollout anywhere: stable revision 0, next 1, two empty groups per service"
  )
  func startsWithoutRollouts() {
    let delivery = Delivery(serviceCount: 3, streams: RandomStreams(masterSeed: 7))
    for state in [delivery[0], delivery[1], delivery[2]] {
      #expect(state.stableRevision == 0 && state.nextRevision == 1 && state.newRevision == -1)
      #expect(state.release == nil && state.generation == 0 && !state.aborted)
    }
    #expect(delivery.revisionQuality == [[.good], [.good], [.good]])
    #expect(delivery.routedWeight == [nil, nil, nil])
    #expect(delivery.revisionEffects == Array(repeating: RevisionEffects(), count: 6))
    for figures in [
      delivery.groupRequests, delivery.groupFailed, delivery.groupCPUSeconds,
      delivery.groupPodSeconds,
    ] {
      #expect(figures == [0, 0, 0, 0, 0, 0])
    }
    #expect(delivery.releases.count == 0 && delivery.activeReleases.isEmpty)
  }

  @Test("writing one service's state through the subscript leaves the others' as they were")
  func subscriptWritesOneService() {
    var delivery = Delivery(serviceCount: 3, streams: RandomStreams(masterSeed: 7))
    delivery[1].newRevision = 4
    delivery[1].stepIndex = 2
    delivery[1].generation += 1
    #expect(delivery[1].newRevision == 4 && delivery[1].stepIndex == 2)
    #expect(delivery[1].generation == 1)
    for state in [delivery[0], delivery[2]] {
      #expect(state.newRevision == -1 && state.stepIndex == 0 && state.generation == 0)
    }
  }

  @Test("the release, GitOps and analysis streams are the run's streams of those names, and differ")
  func streamsAreTheNamedStreams() {
    let streams = RandomStreams(masterSeed: 42, replication: 3)
    var delivery = Delivery(serviceCount: 2, streams: streams)
    func draws(_ stream: inout RandomStream) -> [UInt64] { (0..<4).map { _ in stream.next() } }
    var releases = streams.stream(named: "releases")
    var gitOps = streams.stream(named: "releases.gitops")
    var analysis = streams.stream(named: "releases.analysis")
    let expected = (draws(&releases), draws(&gitOps), draws(&analysis))
    let actual = (
      draws(&delivery.releaseStream), draws(&delivery.gitOpsStream),
      draws(&delivery.analysisStream)
    )
    #expect(actual.0 == expected.0 && actual.1 == expected.1 && actual.2 == expected.2)
    // One stream per concern: drawing from one does not give the others' numbers.
    #expect(expected.0 != expected.1 && expected.1 != expected.2 && expected.0 != expected.2)
  }

  @Test("the release log hands out consecutive IDs and changes a record in place")
  func releaseLogAppendsAndWritesInPlace() {
    var log = ReleaseLog()
    let ids = (0..<3).map { n in
      log.append(
        ReleaseRecord(
          id: n + 1, service: "s\(n)", strategy: "rolling", quality: .good, merged: .zero))
    }
    #expect(ids == [ReleaseID(0), ReleaseID(1), ReleaseID(2)])
    #expect(ids.sorted(by: >) == [ReleaseID(2), ReleaseID(1), ReleaseID(0)])
    log[ids[1]].failedRequests += 12
    log[ids[1]].outcome = .aborted
    #expect(log.count == 3)
    #expect(log.records.map(\.failedRequests) == [0, 12, 0])
    #expect(log.records.map(\.outcome) == [.inProgress, .aborted, .inProgress])
    #expect(log[ids[2]].service == "s2")
  }

  /// A quality and the one effect it should have on the flow.
  struct QualityCase: CustomTestStringConvertible, Sendable {
    var quality: ReleaseQuality
    var effects: RevisionEffects
    var testDescription: String { quality.kind }
  }

  static let qualities: [QualityCase] = {
    func effects(_ error: Double, _ latency: Double, _ cpu: Double) -> RevisionEffects {
      var e = RevisionEffects()
      e.errorRate = error
      e.addedLatencySeconds = latency
      e.cpuFactor = cpu
      return e
    }
    return [
      QualityCase(quality: .good, effects: effects(0, 0, 1)),
      QualityCase(quality: .errorRate(0.2), effects: effects(0.2, 0, 1)),
      QualityCase(quality: .addedLatency(.milliseconds(250)), effects: effects(0, 0.25, 1)),
      QualityCase(quality: .cpuRegression(factor: 3), effects: effects(0, 0, 3)),
      QualityCase(quality: .crashOnStart, effects: effects(0, 0, 1)),
      QualityCase(quality: .memoryLeak(mibPerHour: 100), effects: effects(0, 0, 1)),
    ]
  }()

  @Test("a revision's quality changes only the flow figure it names", arguments: qualities)
  func qualityEffects(_ testCase: QualityCase) {
    #expect(RevisionEffects(testCase.quality) == testCase.effects)
  }
}

/// The revision groups through the world: rollouts write service `s`'s new revision into group
/// `2 × s + 1` and nothing else, and analysis reads the groups its scope covers.
@Suite("Delivery in the world: revision groups")
struct DeliveryWorldTests {
  /// The reference platform at time zero (frontend: canary with a router; backend: rolling).
  private func world(_ simulation: inout Simulation<WorldEvent>) -> PlatformWorld {
    PlatformWorld(scenario: .reference, replication: 0, simulation: &simulation)
  }

  @Test("releases are numbered from 1 in merge order and remember their service")
  func releasesRememberTheirService() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = world(&simulation)
    let a = world.newRelease(service: 1, quality: .good, mergedAt: .zero)
    let b = world.newRelease(service: 0, quality: .crashOnStart, mergedAt: .zero)
    let c = world.newRelease(service: 1, quality: .errorRate(0.5), mergedAt: .zero)
    #expect([a, b, c] == [ReleaseID(0), ReleaseID(1), ReleaseID(2)])
    #expect(world.delivery.releaseService == [1, 0, 1])
    #expect(world.delivery.releases.records.map(\.id) == [1, 2, 3])
    #expect(world.delivery.releases.records.map(\.service) == ["backend", "frontend", "backend"])
    #expect(world.delivery.releases.records.map(\.strategy) == ["rolling", "canary", "rolling"])
  }

  @Test(
    "a rollout puts its release's effects in group 2s+1 only; a newer one supersedes it; ending clears the group"
  )
  func rolloutWritesGroupTwoSPlusOne() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = world(&simulation)
    let first = world.newRelease(service: 1, quality: .errorRate(0.2), mergedAt: .zero)
    world.rolloutStart(first, in: &simulation)
    #expect(world.delivery[1].release == first)
    #expect(world.delivery[1].newRevision == 1 && world.delivery[1].nextRevision == 2)
    #expect(world.delivery[0].newRevision == -1 && world.delivery[0].release == nil)
    #expect(world.delivery.revisionQuality == [[.good], [.good, .errorRate(0.2)]])
    #expect(world.delivery.revisionEffects.map(\.errorRate) == [0, 0, 0, 0.2])
    #expect(world.delivery.activeReleases == [first])
    #expect(world.delivery.routedWeight == [nil, nil])  // a rolling update has no router

    let second = world.newRelease(service: 1, quality: .cpuRegression(factor: 2), mergedAt: .zero)
    world.rolloutStart(second, in: &simulation)
    #expect(world.delivery.releases[first].outcome == .superseded)
    #expect(world.delivery[1].release == second)
    #expect(world.delivery[1].newRevision == 2 && world.delivery[1].nextRevision == 3)
    #expect(world.delivery.revisionEffects.map(\.errorRate) == [0, 0, 0, 0])
    #expect(world.delivery.revisionEffects.map(\.cpuFactor) == [1, 1, 1, 2])
    #expect(world.delivery.activeReleases == [second])

    let generation = world.delivery[1].generation
    world.endRollout(1)
    #expect(world.delivery[1].release == nil && world.delivery[1].newRevision == -1)
    #expect(world.delivery[1].generation == generation + 1)
    #expect(world.delivery.revisionEffects == Array(repeating: RevisionEffects(), count: 4))
    #expect(world.flowCursor.isStale)
  }

  @Test("a canary with a router starts at weight 0 for its service alone")
  func routedCanaryStartsAtZero() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = world(&simulation)
    let release = world.newRelease(service: 0, quality: .good, mergedAt: .zero)
    world.rolloutStart(release, in: &simulation)
    #expect(world.delivery.routedWeight == [0, nil])
    world.endRollout(0)
    #expect(world.delivery.routedWeight == [nil, nil])
  }

  @Test("a canary-scoped baseline sums group 2s+1; a service-scoped one both groups of s")
  func analysisBaselineReadsTheScopesGroups() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = world(&simulation)
    // Distinct powers of two per group and figure: every sum names the groups it took. One
    // second of a flow whose group k has 2^k requests/s, 2^(k+4) failed/s, 2^(k+12) live pods
    // using 2^(k+8) cores in all (all exact in binary).
    let groups = (0..<4).map { k in
      var group = RevisionGroupFlow()
      group.arrival = Double(1 << k)
      group.failure = 16
      group.live = 1 << (k + 12)
      group.cpuPerPod = Double(1 << (k + 8)) / Double(1 << (k + 12))
      return group
    }
    world.delivery.addFlow(groups, failed: 0, seconds: 1)
    let canary = world.analysisBaseline(1, scope: .canary)
    #expect(canary.requests == 8 && canary.failed == 128)
    #expect(canary.cpuCoreSeconds == 2_048 && canary.podSeconds == 32_768)
    let service = world.analysisBaseline(1, scope: .service)
    #expect(service.requests == 4 + 8 && service.failed == 64 + 128)
    #expect(service.cpuCoreSeconds == 1_024 + 2_048 && service.podSeconds == 16_384 + 32_768)
    let frontend = world.analysisBaseline(0, scope: .service)
    #expect(frontend.requests == 1 + 2 && frontend.podSeconds == 4_096 + 8_192)
  }
}
