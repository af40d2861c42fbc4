import SimKernel
import Testing

@testable import PlatformModel

/// Workloads on their own: replica targets and the autoscaler slots, the pod census memo's
/// validity and usage, and a slot's sync against the HPA controller called directly.
@Suite("Workloads: replica targets, autoscalers and their pod census")
struct WorkloadsTests {
  /// The reference frontend's requests: 100m and 128Mi.
  static let cpuRequest: Int64 = 100
  static let memoryRequest: Int64 = 128 * 1_048_576

  /// A census with `measured` pods measured (of which `cpuUnready` unready for CPU) and the
  /// other groups as given, at zero usage: what `PlatformWorld.countPods` returns.
  static func census(
    measured: Int, cpuUnready: Int = 0, unready: Int = 0, missing: Int = 0, ignored: Int = 0,
    hasSamples: Bool? = nil
  ) -> HPAPodCensus {
    let sampled = hasSamples ?? (measured > 0)
    return HPAPodCensus(
      cpuRequestMillicores: cpuRequest, memoryRequestBytes: memoryRequest,
      podCount: measured + unready + missing + ignored,
      cpu: HPAResourceTally(
        readyCount: measured - cpuUnready, unreadyCount: unready + cpuUnready,
        missingCount: missing, ignoredCount: ignored, hasSamples: sampled, readyUsageTotal: 0),
      memory: HPAResourceTally(
        readyCount: measured, unreadyCount: unready, missingCount: missing,
        ignoredCount: ignored, hasSamples: sampled, readyUsageTotal: 0))
  }

  /// `census` with every ready pod using `sample`'s figures, rounded half away from zero as
  /// metrics-server's quantities are: worked out here with `rounded()`, independently of the
  /// model's rounding.
  static func applied(_ sample: ServiceMetrics, to census: HPAPodCensus) -> HPAPodCensus {
    guard census.cpu.hasSamples else { return census }
    var census = census
    census.setReadyPodUsage(
      cpuMillicores: Int64((sample.cpuCoresPerPod * 1_000).rounded()),
      memoryBytes: Int64((sample.memoryMiBPerPod * 1_048_576).rounded()))
    return census
  }

  @Test("new workloads ask for their starting replicas, with no autoscaler and no figures yet")
  func newWorkloads() {
    let workloads = Workloads(startingReplicas: [5, 2, 0])
    #expect(workloads.replicaTarget == [5, 2, 0])
    #expect(workloads.autoscalers.isEmpty)
    #expect(
      [0, 1, 2].map { workloads.metricsServer.latest(ServiceID($0)) }.allSatisfy {
        $0.window == .zero && $0.cpuCoresPerPod == 0
      })
  }

  @Test("the world gives each autoscaled service a slot, in service order")
  func autoscalerSlotsFollowTheScenario() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    let both = PlatformWorld(scenario: .reference, replication: 0, simulation: &simulation)
    #expect(both.workloads.autoscalers.map(\.service) == [0, 1])
    #expect(both.workloads.replicaTarget == [5, 2])
    var scenario = PlatformScenario.reference
    scenario.platform.services[0].autoscaler = nil
    let backendOnly = PlatformWorld(scenario: scenario, replication: 0, simulation: &simulation)
    #expect(backendOnly.workloads.autoscalers.map(\.service) == [1])
    #expect(backendOnly.workloads.autoscalers[0].autoscaler.spec.maxReplicas == 15)
  }

  // MARK: - The census memo

  /// A memo counted at version 3 with a 15 s window, holding for samples in 100..<130 s and
  /// syncs in 100..<400 s.
  static let memo = HPAPodCensusMemo(
    census: census(measured: 3), version: 3, window: .seconds(15),
    sampleTimes: SimTime(sinceStart: .seconds(100))..<SimTime(sinceStart: .seconds(130)),
    syncTimes: SimTime(sinceStart: .seconds(100))..<SimTime(sinceStart: .seconds(400)))

  /// A sample at `seconds` with `window`.
  static func sample(at seconds: Int64, window: SimDuration = .seconds(15)) -> ServiceMetrics {
    ServiceMetrics(
      cpuCoresPerPod: 0.05, memoryMiBPerPod: 64, timestamp: SimTime(sinceStart: .seconds(seconds)),
      window: window)
  }

  @Test("a census holds at the start of both ranges and up to just before their ends")
  func holdsInsideItsRanges() {
    let memo = Self.memo
    let start = SimTime(sinceStart: .seconds(100))
    #expect(memo.holds(version: 3, metrics: Self.sample(at: 100), at: start))
    let lastSample = Self.sample(at: 130)
    var justBefore = lastSample
    justBefore.timestamp = lastSample.timestamp - .microseconds(1)
    let lastSync = SimTime(sinceStart: .seconds(400)) - .microseconds(1)
    #expect(memo.holds(version: 3, metrics: justBefore, at: lastSync))
  }

  /// One input of ``HPAPodCensusMemo/holds(version:metrics:at:)`` moved out of what the memo
  /// was counted for.
  enum Mismatch: CaseIterable, CustomTestStringConvertible, Sendable {
    case otherVersion, otherWindow, sampleBeforeRange, sampleAtRangeEnd, syncBeforeRange,
      syncAtRangeEnd

    var testDescription: String {
      switch self {
      case .otherVersion: "the cluster's version moved"
      case .otherWindow: "the sample window differs"
      case .sampleBeforeRange: "the sample is older than the counted one"
      case .sampleAtRangeEnd: "the sample is at the first threshold"
      case .syncBeforeRange: "the sync is before the counted one"
      case .syncAtRangeEnd: "the sync is at the first threshold"
      }
    }
  }

  @Test(
    "a census does not hold when one input moves out of its ranges", arguments: Mismatch.allCases)
  func failsOutsideItsRanges(_ mismatch: Mismatch) {
    var version: UInt64 = 3
    var sample = Self.sample(at: 110)
    var now = SimTime(sinceStart: .seconds(200))
    #expect(Self.memo.holds(version: version, metrics: sample, at: now))
    switch mismatch {
    case .otherVersion: version = 4
    case .otherWindow: sample.window = .seconds(30)
    case .sampleBeforeRange:
      sample.timestamp = SimTime(sinceStart: .seconds(100)) - .microseconds(1)
    case .sampleAtRangeEnd: sample.timestamp = SimTime(sinceStart: .seconds(130))
    case .syncBeforeRange: now = SimTime(sinceStart: .seconds(100)) - .microseconds(1)
    case .syncAtRangeEnd: now = SimTime(sinceStart: .seconds(400))
    }
    #expect(!Self.memo.holds(version: version, metrics: sample, at: now))
  }

  @Test("the empty memo holds for nothing, not even version 0 at time zero with no window")
  func emptyMemoHoldsForNothing() {
    let zero = ServiceMetrics(
      cpuCoresPerPod: 0, memoryMiBPerPod: 0, timestamp: .zero, window: .zero)
    #expect(!HPAPodCensusMemo.empty.holds(version: 0, metrics: zero, at: .zero))
  }

  @Test("applying a sample sets every ready pod's usage to its rounded figures, replacing the last")
  func applySetsReadyUsage() {
    var memo = Self.memo  // 3 measured pods
    memo.census = Self.census(measured: 3, cpuUnready: 1, unready: 2, missing: 1)
    memo.apply(
      ServiceMetrics(
        cpuCoresPerPod: 0.0625, memoryMiBPerPod: 100.25, timestamp: .zero, window: .seconds(15)))
    // CPU: 2 ready pods at 62.5 → 63 millicores (half away from zero); memory: 3 ready pods
    // at 100.25 MiB.
    #expect(memo.census.cpu.readyUsageTotal == 2 * 63)
    #expect(memo.census.memory.readyUsageTotal == 3 * 105_119_744)
    memo.apply(
      ServiceMetrics(
        cpuCoresPerPod: 0.01, memoryMiBPerPod: 1, timestamp: .zero, window: .seconds(15)))
    #expect(memo.census.cpu.readyUsageTotal == 2 * 10)
    #expect(memo.census.memory.readyUsageTotal == 3 * 1_048_576)
    // The counts are the census's own; only the usage changed.
    #expect(memo.census.cpu.readyCount == 2 && memo.census.cpu.unreadyCount == 3)
    #expect(memo.census.podCount == 6)
  }

  @Test("applying a sample to a census without samples leaves its usage unset")
  func applyWithoutSamplesChangesNothing() {
    var memo = Self.memo
    // Two pods ready but no sample at all (the metrics API returned nothing): usage stays 0.
    memo.census = Self.census(measured: 2, hasSamples: false)
    let before = memo.census
    memo.apply(
      ServiceMetrics(
        cpuCoresPerPod: 0.3, memoryMiBPerPod: 90, timestamp: .zero, window: .seconds(15)))
    #expect(memo.census == before)
    #expect(memo.census.cpu.readyUsageTotal == 0 && memo.census.memory.readyUsageTotal == 0)
  }

  // MARK: - A slot's sync against the controller

  @Test(
    "a slot's sync is the controller's sync on the census with the sample applied",
    arguments: 0..<10)
  func slotSyncMatchesTheController(seedBlock: Int) {
    let reference = PlatformScenario.reference.platform.services
    let specs = reference.compactMap(\.autoscaler)  // with and without a behavior stanza
    var rescales = 0
    for seed in UInt64(seedBlock * 20)..<UInt64(seedBlock * 20 + 20) {
      var rng = XorShift(seed: seed)
      let spec = specs[Int(seed) % specs.count]
      var slot = ServiceAutoscaler(service: 0, autoscaler: HorizontalPodAutoscaler(spec: spec))
      var controller = HorizontalPodAutoscaler(spec: spec)
      var current = Int.random(in: 0...16, using: &rng)
      var now = SimTime(sinceStart: .seconds(15))
      var counted = Self.census(measured: 0)
      for step in 0..<60 {
        // Now and then the pods change and are counted again.
        if step == 0 || Int.random(in: 0..<6, using: &rng) == 0 {
          let measured = Int.random(in: 0...10, using: &rng)
          counted = Self.census(
            measured: measured, cpuUnready: Int.random(in: 0...measured, using: &rng),
            unready: Int.random(in: 0...3, using: &rng),
            missing: Int.random(in: 0...3, using: &rng),
            ignored: Int.random(in: 0...2, using: &rng))
          slot.podCensus = HPAPodCensusMemo(
            census: counted, version: UInt64(step), window: .seconds(15),
            sampleTimes: now..<SimTime.distantFuture, syncTimes: now..<SimTime.distantFuture)
        }
        let sample = ServiceMetrics(
          cpuCoresPerPod: Double.random(in: 0...0.3, using: &rng),
          memoryMiBPerPod: Double.random(in: 0...200, using: &rng), timestamp: now,
          window: .seconds(15))
        var census = Self.applied(sample, to: counted)
        let expected = controller.sync(currentReplicas: current, census: &census, now: now)
        let actual = slot.sync(currentReplicas: current, metrics: sample, at: now)
        // The first difference of a seed is reported; the rest of its syncs would repeat it.
        guard actual == expected, slot.autoscaler == controller, slot.podCensus.census == census
        else {
          Issue.record("seed \(seed), step \(step): slot \(actual), controller \(expected)")
          break
        }
        if expected.rescale {
          rescales += 1
          current = expected.desiredReplicas
        }
        now += .seconds(15)
      }
    }
    #expect(rescales > 20, "the syncs should rescale now and then (\(rescales) of 1,200)")
  }

  // MARK: - The world's sync

  /// `pods` as upstream's controller lists them (deleted slots left out), with `sample`'s
  /// figures.
  private static func upstreamPods(
    _ pods: PodIDSet, in world: PlatformWorld, metrics sample: ServiceMetrics, cpuRequest: Int64,
    memoryRequestMiB: Int64
  ) -> [HPAPodMetrics] {
    pods.map { world.cluster[$0] }.filter { $0.phase != .deleted }
      .map {
        PlatformWorld.podMetrics(
          of: $0, nodes: world.cluster.nodes, metrics: sample, cpuRequestMillicores: cpuRequest,
          memoryRequestBytes: memoryRequestMiB * 1_048_576)
      }
  }

  @Test("under load, the world's first sync scales each service as upstream's per-pod sync decides")
  func worldSyncMatchesUpstreamPerPodSync() {
    var scenario = PlatformScenario.reference
    scenario.traffic.peakToTroughRatio = 1
    scenario.traffic.weekendFactor = 1
    scenario.traffic.baseRequestsPerSecond = 1_000  // well above 70 % CPU on both services
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = PlatformWorld(scenario: scenario, replication: 0, simulation: &simulation)
    _ = simulation.run(&world, until: SimTime(sinceStart: .seconds(14)))
    let before = world
    let syncTime = SimTime(sinceStart: .seconds(15))
    _ = simulation.run(&world, until: syncTime)  // the scrape and the syncs

    let frontendSample = world.workloads.metricsServer.latest(0)
    let backendSample = world.workloads.metricsServer.latest(1)
    #expect(frontendSample.timestamp == syncTime && backendSample.timestamp == syncTime)
    /// Service `s`'s autoscaler as it was at 14 s, synced by upstream's per-pod path.
    func upstreamSync(_ s: Int, _ sample: ServiceMetrics, cpuRequest: Int64, memoryRequestMiB: Int64)
      -> (HorizontalPodAutoscaler, HPASyncResult)
    {
      var autoscaler = before.workloads.autoscalers[s].autoscaler
      let decision = autoscaler.sync(
        currentReplicas: before.workloads.replicaTarget[ServiceID(s)],
        pods: Self.upstreamPods(
          before.cluster.pods(of: ServiceID(s)), in: before, metrics: sample,
          cpuRequest: cpuRequest, memoryRequestMiB: memoryRequestMiB),
        now: syncTime)
      return (autoscaler, decision)
    }
    let (frontend, frontendResult) = upstreamSync(0, frontendSample, cpuRequest: 100, memoryRequestMiB: 128)
    let (backend, backendResult) = upstreamSync(1, backendSample, cpuRequest: 200, memoryRequestMiB: 256)
    // The backend has no behavior stanza: it scales up at once (to twice its 2 pods).
    #expect(backendResult.rescale && backendResult.desiredReplicas == 4)
    #expect(world.workloads.replicaTarget[0] == frontendResult.desiredReplicas)
    #expect(world.workloads.replicaTarget[1] == backendResult.desiredReplicas)
    #expect(world.workloads.autoscalers[0].autoscaler == frontend)
    #expect(world.workloads.autoscalers[1].autoscaler == backend)
    // The backend's new pods exist, waiting for their readiness probe.
    #expect(world.cluster.pods(of: 1).filter { world.cluster[$0].phase != .deleted }.count == 4)
  }
}
