import SimKernel
import Testing

@testable import PlatformModel

/// The world's pod counting against the census built pod by pod from what the autoscaler sees.
@Suite("HPA pod counting (differential against the per-pod census)")
struct PlatformWorldAutoscalingTests {
  static let phases: [PodPhase] = [
    .pending, .starting, .ready, .ready, .ready, .crashed, .lost, .terminating, .deleted,
  ]

  @Test("counted pods give the census of their per-pod records", arguments: 0..<50)
  func countMatchesPerPodCensus(seedBlock: Int) {
    for seed in UInt64(seedBlock * 100)..<UInt64(seedBlock * 100 + 100) {
      var rng = XorShift(seed: seed)
      let now = SimTime(sinceStart: .seconds(Int64.random(in: 0...3_600, using: &rng)))
      let nodes = (0..<3).map { _ in
        NodeState(
          group: NodeGroupID(0), zone: 0, up: Int.random(in: 0..<4, using: &rng) != 0,
          ready: Int.random(in: 0..<4, using: &rng) != 0, allocatableCPUMillicores: 1_000,
          allocatableMemoryMiB: 1_000, allocatablePods: 110, capacityCPUMillicores: 1_000, capacityMemoryMiB: 1_000,
          instanceType: "m5.large", purchase: .onDemand)
      }
      let service = ServiceID(Int.random(in: 0...1, using: &rng))
      let pods = (0..<Int.random(in: 0...10, using: &rng)).map { _ in
        var pod = PodState(
          service: ServiceID(Int.random(in: 0...1, using: &rng)), node: TwoServiceCluster.node(Int.random(in: -1...2, using: &rng)),
          phase: Self.phases.randomElement(using: &rng) ?? .ready, inRotation: false,
          generation: 0)
        pod.created = now - .seconds(Int64.random(in: 0...900, using: &rng))
        if Bool.random(using: &rng) {
          pod.readySince = pod.created + .seconds(Int64.random(in: 0...120, using: &rng))
        }
        pod.runningSince = now - .seconds(Int64.random(in: -60...900, using: &rng))
        return pod
      }
      let sample = ServiceMetrics(
        cpuCoresPerPod: Double.random(in: 0...2, using: &rng),
        memoryMiBPerPod: Double.random(in: 0...512, using: &rng),
        timestamp: now - .seconds(Int64.random(in: 0...30, using: &rng)),
        window: .seconds([0, 15, 30, 60].randomElement(using: &rng) ?? 15))
      let settings =
        Bool.random(using: &rng) ? HPAControllerSettings() : HPAControllerSettings.upstreamTesting
      let calculator = ReplicaCalculator(settings: settings)
      let cpuRequest: Int64? = Bool.random(using: &rng) ? 250 : nil
      let memoryRequest: Int64? = 256 * 1_048_576

      var expected = HPAPodCensus(
        cpuRequestMillicores: cpuRequest, memoryRequestBytes: memoryRequest)
      for pod in pods where pod.service == service && pod.phase != .deleted {
        expected.add(
          PlatformWorld.podMetrics(
            of: pod, nodes: nodes, metrics: sample, cpuRequestMillicores: cpuRequest,
            memoryRequestBytes: memoryRequest),
          groupedBy: calculator, at: now)
      }
      var counted = PlatformWorld.countPods(
        of: service, in: TwoServiceCluster.of(nodes: nodes, pods: pods), metrics: sample, settings: settings,
        cpuRequestMillicores: cpuRequest, memoryRequestBytes: memoryRequest, at: now, version: 0)
      counted.apply(sample)
      let actual = counted.census
      #expect(actual == expected, "seed \(seed)")
    }
  }
}

/// The rounding used for metrics-server's figures against `rounded()`.
@Suite("HPA sample rounding")
struct HPASampleRoundingTests {
  @Test("roundedToInt64 equals Int64(x.rounded()) on halves, neighbours and random values")
  func matchesRounded() {
    var values: [Double] = [
      0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 0.49999999999999994, -0.49999999999999994,
    ]
    for k in stride(from: -2_000.0, through: 2_000.0, by: 0.25) {
      values += [k, k.nextUp, k.nextDown]
    }
    for e in [10.0, 30.0, 51.0, 52.0, 53.0, 60.0] {
      let big = Double(sign: .plus, exponent: Int(e), significand: 1)
      values += [big, big.nextUp, big.nextDown, -big, -big.nextDown, big + 0.5, big - 0.5]
    }
    var rng = XorShift(seed: 7)
    for _ in 0..<100_000 {
      values.append(Double.random(in: -1e12...1e12, using: &rng))
      values.append(Double.random(in: -10...10, using: &rng))
    }
    let limit = Int64(1) << 45
    for x in values {
      let expected = Swift.min(Swift.max(Int64(x.rounded()), -limit), limit)
      #expect(PlatformWorld.roundedToInt64(x) == expected, "x = \(x)")
    }
  }

  /// Fuzz crasher: request rates near 1.8e308 made per-pod usage infinite, and converting it to
  /// Int64 in the HPA census trapped.
  @Test("roundedToInt64 clamps infinities and huge values at 2^45 and maps NaN to 0")
  func clampsInfinities() {
    let limit = Int64(1) << 45
    #expect(PlatformWorld.roundedToInt64(.infinity) == limit)
    #expect(PlatformWorld.roundedToInt64(-.infinity) == -limit)
    #expect(PlatformWorld.roundedToInt64(1e300) == limit)
    #expect(PlatformWorld.roundedToInt64(.nan) == 0)
    #expect(PlatformWorld.roundedToInt64(35_184_372_088_831.4) == limit - 1)
  }
}
