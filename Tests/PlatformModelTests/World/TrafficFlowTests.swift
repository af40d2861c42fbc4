import SimKernel
import Testing

@testable import PlatformModel

/// The flow cursor's staleness on its own.
@Suite("Flow cursor")
struct FlowCursorTests {
  @Test("a new cursor is stale, holds no step and has integrated nothing")
  func newCursorIsStale() {
    let cursor = FlowCursor()
    #expect(cursor.isStale)
    #expect(cursor.stepStart == -1 && cursor.stepEnd == -1)
    #expect(cursor.integratedUntil == .zero && cursor.flushedUntil == .zero)
  }

  @Test(
    "computing a step records it and clears staleness; invalidating sets it again and keeps the step"
  )
  func computedClearsAndInvalidateSets() {
    var cursor = FlowCursor()
    cursor.computed(stepStart: 60_000_000, stepEnd: 120_000_000)
    #expect(!cursor.isStale)
    #expect(cursor.stepStart == 60_000_000 && cursor.stepEnd == 120_000_000)
    cursor.invalidate()
    cursor.invalidate()
    #expect(cursor.isStale)
    #expect(cursor.stepStart == 60_000_000 && cursor.stepEnd == 120_000_000)
    cursor.computed(stepStart: 120_000_000, stepEnd: 180_000_000)
    #expect(!cursor.isStale && cursor.stepStart == 120_000_000)
  }
}

/// The flow integration through the world: lazy, exact for a constant rate, independent of how
/// time is cut into pieces, and recounting the pods after a handler changed them.
@Suite("Traffic flow integration")
struct TrafficFlowTests {
  /// The reference platform under `rate` requests per second, constant all week.
  static func flat(rate: Double = 50) -> PlatformScenario {
    var scenario = PlatformScenario.reference
    scenario.traffic.peakToTroughRatio = 1
    scenario.traffic.weekendFactor = 1
    scenario.traffic.baseRequestsPerSecond = rate
    return scenario
  }

  /// A world for `scenario` at time zero (its initial events are left unfired).
  static func world(_ scenario: PlatformScenario) -> PlatformWorld {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    return PlatformWorld(scenario: scenario, replication: 0, simulation: &simulation)
  }

  static func at(_ seconds: Int64) -> SimTime { SimTime(sinceStart: .seconds(seconds)) }

  /// Whether `a` and `b` agree to a relative `tolerance`.
  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b))
  }

  /// Whether two flows rest on the same pod counts (what `countPods` fills in).
  static func samePodCounts(_ a: FlowSnapshot, _ b: FlowSnapshot) -> Bool {
    a.readyPods == b.readyPods && a.nodesUp == b.nodesUp
      && a.cpuCapacityCores == b.cpuCapacityCores && a.groups.count == b.groups.count
      && zip(a.groups, b.groups).allSatisfy {
        $0.inRotation == $1.inRotation && $0.live == $1.live && $0.egressDown == $1.egressDown
          && $0.share == $1.share
      }
  }

  @Test("a constant rate integrated over an hour offers rate × seconds requests")
  func constantRateIsRateTimesTime() {
    var world = Self.world(Self.flat(rate: 50))
    world.integrate(until: Self.at(3_600))
    world.flushFlow()
    #expect(world.recorder.totals.seconds == 3_600)
    #expect(Self.close(world.recorder.totals.requests, 50 * 3_600))
    // The load balancer's bytes follow the requests: 20 KiB per response.
    #expect(
      Self.close(
        world.recorder.totals.processedGB,
        50 * 3_600 * PlatformWorld.responseKiB * PlatformWorld.gigabytesPerKiB))
  }

  @Test("within a step integration only moves the cursor; the flush adds the time in one go")
  func integrationIsLazyUntilTheFlush() {
    var world = Self.world(Self.flat(rate: 50))
    world.integrate(until: Self.at(20))
    world.integrate(until: Self.at(45))
    world.integrate(until: Self.at(30))  // never goes back
    #expect(world.flowCursor.integratedUntil == Self.at(45))
    #expect(world.flowCursor.flushedUntil == .zero)
    #expect(world.recorder.totals.seconds == 0 && world.recorder.totals.requests == 0)
    world.flushFlow()
    #expect(world.flowCursor.flushedUntil == world.flowCursor.integratedUntil)
    #expect(world.recorder.totals.seconds == 45)
    #expect(Self.close(world.recorder.totals.requests, 50 * 45))
    world.flushFlow()  // nothing left to add
    #expect(world.recorder.totals.seconds == 45)
  }

  @Test("crossing into a new step adds the finished step to the accumulators")
  func crossingAStepFlushesIt() {
    var world = Self.world(Self.flat(rate: 50))
    world.integrate(until: Self.at(45))
    world.integrate(until: Self.at(75))
    #expect(world.flowCursor.stepStart == 60_000_000 && world.flowCursor.stepEnd == 120_000_000)
    #expect(world.flowCursor.flushedUntil == Self.at(60))
    #expect(world.recorder.totals.seconds == 60)
    #expect(Self.close(world.recorder.totals.requests, 50 * 60))
  }

  @Test("a weekday integrated in irregular pieces offers what it offers in one go: base × 86,400 s")
  func piecesEqualOneGoOverADay() {
    // The reference's daily cosine (peak-to-trough 3) on a Monday: its mean over the day is the
    // base rate, and so is the mean of its values at the 1,440 minute midpoints.
    let scenario = PlatformScenario.reference
    let day = Self.at(86_400)
    var once = Self.world(scenario)
    once.integrate(until: day)
    once.flushFlow()
    var pieces = Self.world(scenario)
    var flushedPieces = Self.world(scenario)
    var t: Int64 = 0
    while t < 86_400 {
      t = min(86_400, t + 7 + t % 53)  // irregular, sometimes on the grid
      pieces.integrate(until: Self.at(t))
      flushedPieces.integrate(until: Self.at(t))
      flushedPieces.flushFlow()
    }
    pieces.flushFlow()
    let base = scenario.traffic.baseRequestsPerSecond
    #expect(Self.close(once.recorder.totals.requests, base * 86_400, 1e-9))
    // Lazy: the pieces add each step's time in one go, exactly as integrating at once does.
    #expect(pieces.recorder.totals.requests == once.recorder.totals.requests)
    #expect(pieces.recorder.totals.failed == once.recorder.totals.failed)
    #expect(pieces.recorder.totals.cpuUsedCoreSeconds == once.recorder.totals.cpuUsedCoreSeconds)
    // Flushed at every piece: the same up to rounding, nothing counted twice or lost.
    #expect(flushedPieces.recorder.totals.seconds == 86_400)
    #expect(Self.close(flushedPieces.recorder.totals.requests, once.recorder.totals.requests, 1e-9))
    #expect(
      Self.close(
        flushedPieces.recorder.totals.cpuUsedCoreSeconds, once.recorder.totals.cpuUsedCoreSeconds,
        1e-9))
  }

  @Test("a metrics scrape that scales nothing leaves the step's flow in place, unflushed")
  func observerLeavesTheFlowFresh() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = PlatformWorld(
      scenario: Self.flat(rate: 50), replication: 0, simulation: &simulation)
    _ = simulation.run(&world, until: Self.at(15))
    #expect(world.workloads.metricsServer.lastScrape == Self.at(15))
    #expect(world.workloads.replicaTarget == [5, 2])  // 50 requests/s: far below the targets
    #expect(world.flowCursor.integratedUntil == Self.at(15))
    #expect(!world.flowCursor.isStale)
    #expect(world.flowCursor.flushedUntil == .zero)
  }

  @Test("any other event brings the accumulators up to its instant and marks the flow stale")
  func handledEventFlushesAndInvalidates() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = PlatformWorld(
      scenario: Self.flat(rate: 50), replication: 0, simulation: &simulation)
    // An event of an earlier life of pod 0: the handler ignores it once the flow is settled.
    simulation.schedule(.podOutOfRotation(pod: PodID(0), generation: -1), after: .seconds(37))
    _ = simulation.run(&world, until: Self.at(37))
    #expect(world.flowCursor.integratedUntil == Self.at(37))
    #expect(world.flowCursor.flushedUntil == Self.at(37))
    #expect(world.flowCursor.isStale)
    #expect(world.recorder.totals.seconds == 37)
    #expect(Self.close(world.recorder.totals.requests, 50 * 37))
    #expect(world.cluster[PodID(0)].inRotation)
  }

  @Test(
    "after a handler empties a service's rotation the next integration recounts: its requests fail from that instant, rate × share × seconds"
  )
  func handlerChangeIsRecountedAndChargedFromItsInstant() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = PlatformWorld(
      scenario: Self.flat(rate: 50), replication: 0, simulation: &simulation)
    let frontendPods = world.cluster.pods(of: 0)
    #expect(frontendPods.count == 5)
    for pod in frontendPods {
      simulation.schedule(
        .podOutOfRotation(pod: pod, generation: world.cluster[pod].generation), after: .seconds(30))
    }
    _ = simulation.run(&world, until: Self.at(30))
    #expect(frontendPods.allSatisfy { !world.cluster[$0].inRotation })
    world.integrate(until: Self.at(50))  // still inside the step that began at 0 s
    world.flushFlow()
    // The cursor's flow rests on the pods as they are now, as a recount finds them.
    var recount = FlowSnapshot()
    world.countPods(into: &recount)
    #expect(Self.samePodCounts(world.flowCursor.current, recount))
    #expect(world.flowCursor.current.groups[0].inRotation == 0)
    #expect(world.flowCursor.current.groups[2].inRotation == 2)
    // The frontend takes 60 % of the requests; from 30 s on none of them has a target.
    let noTargets = world.recorder.totals.failedByCause[FailureCause.noHealthyTargets.rawValue]
    #expect(Self.close(noTargets, 50 * 0.6 * 20))
    #expect(
      world.recorder.totals.failedByCause[FailureCause.unhealthyTargetsInRotation.rawValue] == 0)
    #expect(Self.close(world.recorder.totals.requests, 50 * 50))
  }

  @Test(
    "during a canary the new revision's pods are counted in group 2s+1 and get the router's weight of the service's requests"
  )
  func canaryGroupsFollowThePodTableAndTheRouter() throws {
    var scenario = Self.flat(rate: 50)
    scenario.releases.scheduled = [
      ScheduledRelease(service: "frontend", at: .hours(1), quality: .good)
    ]
    scenario.releases.gitOpsDelay = try Distribution.constant(0)
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = PlatformWorld(scenario: scenario, replication: 0, simulation: &simulation)
    // As `simulate` sets it up, without rows: the report ticks of the first hour close
    // intervals.
    world.recorder.timeSeries = TimeSeriesRecorder(detail: .summary)
    let start = SimTime(sinceStart: .hours(1) + .seconds(50))  // the canary pod serves by then
    _ = simulation.run(&world, until: start)
    let newRevision = world.delivery[0].newRevision
    let weight = try #require(world.delivery.routedWeight[0])
    try #require(newRevision == 1 && weight > 0 && weight < 1)

    world.integrate(until: start + .seconds(1))
    // A recount from the pod table: frontend pods in rotation by revision.
    let inRotation = world.cluster.pods(of: 0).filter { world.cluster[$0].inRotation }
    let canary = inRotation.filter { world.cluster[$0].revision == newRevision }.count
    let stable = inRotation.count - canary
    try #require(canary > 0)
    #expect(world.flowCursor.current.groups[1].inRotation == canary)
    #expect(world.flowCursor.current.groups[0].inRotation == stable)
    #expect(world.flowCursor.current.groups[3].inRotation == 0)  // the backend has no release

    // Over 20 s with nothing changing, each group accumulates its share of its service's
    // requests: the frontend's are 60 % of the offered ones, split by the router's weight.
    world.flushFlow()
    let before = world.delivery.groupRequests
    world.integrate(until: start + .seconds(21))
    world.flushFlow()
    let added = zip(world.delivery.groupRequests, before).map { $0 - $1 }
    let frontend = 50 * 0.6 * 20
    #expect(Self.close(added[0] + added[1], frontend, 1e-9))
    #expect(Self.close(added[1], frontend * weight, 1e-9))
    #expect(added[3] == 0)
    #expect(added[2] > 0)
  }
}
