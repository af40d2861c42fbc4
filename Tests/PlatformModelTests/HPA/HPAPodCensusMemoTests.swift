import SimKernel
import Testing

@testable import PlatformModel

/// The census kept between syncs against a recount at every sync, and the version it relies on.
@Suite("HPA pod census memo (differential against a recount)")
struct HPAPodCensusMemoTests {
  static let phases: [PodPhase] = [
    .pending, .starting, .ready, .ready, .ready, .crashed, .lost, .terminating, .deleted,
  ]

  /// A random pod of service 0 or 1, created, started and ready around `start`, so that a run
  /// from `start` crosses its readiness thresholds.
  static func pod(around start: SimTime, using rng: inout XorShift) -> PodState {
    var pod = PodState(
      service: ServiceID(Int.random(in: 0...1, using: &rng)), node: TwoServiceCluster.node(Int.random(in: -1...2, using: &rng)),
      phase: phases.randomElement(using: &rng) ?? .ready, inRotation: false, generation: 0)
    pod.created = start + .seconds(Int64.random(in: -600...600, using: &rng))
    if Bool.random(using: &rng) {
      pod.readySince = pod.created + .seconds(Int64.random(in: 0...120, using: &rng))
    }
    pod.runningSince = pod.created + .seconds(Int64.random(in: 0...120, using: &rng))
    return pod
  }

  /// A random node, mostly up and ready.
  static func node(using rng: inout XorShift) -> NodeState {
    NodeState(
      group: NodeGroupID(0), zone: 0, up: Int.random(in: 0..<4, using: &rng) != 0,
      ready: Int.random(in: 0..<4, using: &rng) != 0, allocatableCPUMillicores: 1_000,
      allocatableMemoryMiB: 1_000, allocatablePods: 110, capacityCPUMillicores: 1_000, capacityMemoryMiB: 1_000,
      instanceType: "m5.large", purchase: .onDemand)
  }

  @Test("a kept census equals a recount wherever it holds", arguments: 0..<20)
  func keptCensusMatchesRecount(seedBlock: Int) {
    var reused = 0
    for seed in UInt64(seedBlock * 25)..<UInt64(seedBlock * 25 + 25) {
      var rng = XorShift(seed: seed)
      let start = SimTime(sinceStart: .hours(1))
      var nodes = (0..<3).map { _ in Self.node(using: &rng) }
      var pods = (0..<Int.random(in: 0...10, using: &rng)).map { _ in
        Self.pod(around: start, using: &rng)
      }
      let settings =
        Bool.random(using: &rng) ? HPAControllerSettings() : HPAControllerSettings.upstreamTesting
      let cpuRequest: Int64? = Bool.random(using: &rng) ? 250 : nil
      let memoryRequest: Int64? = 256 * 1_048_576
      var version: UInt64 = 0
      var window = SimDuration.seconds(15)
      var now = start
      var memo = HPAPodCensusMemo.empty
      func count(_ sample: ServiceMetrics) -> HPAPodCensusMemo {
        PlatformWorld.countPods(
          of: 0, in: TwoServiceCluster.of(nodes: nodes, pods: pods), metrics: sample, settings: settings,
          cpuRequestMillicores: cpuRequest, memoryRequestBytes: memoryRequest, at: now,
          version: version)
      }
      for step in 0..<120 {
        // Mostly the 15 s cadence; now and then a jump, a step back, a changed table or window.
        switch Int.random(in: 0..<20, using: &rng) {
        case 0: now += .seconds(Int64.random(in: 0...600, using: &rng))
        case 1: now = now - .seconds(Int64.random(in: 1...60, using: &rng))
        case 2 where !pods.isEmpty:
          pods[Int.random(in: pods.indices, using: &rng)] = Self.pod(around: now, using: &rng)
          version &+= 1
        case 3:
          nodes[Int.random(in: nodes.indices, using: &rng)] = Self.node(using: &rng)
          version &+= 1
        case 4: window = .seconds([0, 15, 30].randomElement(using: &rng) ?? 15)
        default: now += .seconds(15)
        }
        let sample = ServiceMetrics(
          cpuCoresPerPod: Double.random(in: 0...2, using: &rng),
          memoryMiBPerPod: Double.random(in: 0...512, using: &rng),
          timestamp: now - .seconds(Int.random(in: 0..<4, using: &rng) == 0 ? 5 : 0),
          window: window)
        if memo.holds(version: version, metrics: sample, at: now) {
          reused += 1
        } else {
          memo = count(sample)
        }
        memo.apply(sample)
        var recount = count(sample)
        recount.apply(sample)
        #expect(memo.census == recount.census, "seed \(seed), step \(step)")
      }
    }
    #expect(reused > 1_000, "the census should mostly be reused (\(reused) of 3,000 syncs)")
  }

  @Test("every change to the pod or node table bumps the version; reading it does not")
  func tableChangesBumpTheVersion() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    var world = PlatformWorld(scenario: .reference, replication: 0, simulation: &simulation)
    var seen = world.cluster.version
    func bumped(_ world: PlatformWorld) -> Bool {
      defer { seen = world.cluster.version }
      return world.cluster.version != seen
    }
    let pod = PodID(0)
    let node = NodeID(0)
    _ = world.cluster[pod].phase
    _ = world.cluster.nodes.map(\.ready)
    _ = world.cluster.pods(on: node)
    #expect(!bumped(world))
    world.cluster[pod].phase = .crashed
    #expect(bumped(world))
    world.cluster[pod].readySince = nil
    #expect(bumped(world))
    _ = world.cluster.createPod(service: 0, revision: 0, at: .zero)
    #expect(bumped(world))
    world.cluster.unbind(pod, at: .zero)
    #expect(bumped(world))
    world.cluster[node].ready = false
    #expect(bumped(world))
    _ = world.cluster.addNode(world.cluster[node])
    #expect(bumped(world))
  }
}
