import SimKernel
import Testing

@testable import PlatformModel

/// The census path against the per-pod path: the same proposals and errors for the same pods,
/// and the same decisions and state over whole runs.
@Suite("HPA pod census (differential against the per-pod calculator)")
struct HPAPodCensusTests {
  static let now = SimTime(sinceStart: .hours(1))

  /// Random pods of one template: shared requests (sometimes missing), and every status the
  /// calculator distinguishes. Usage is spread around the requests so that ratios land on both
  /// sides of the tolerance band, and sometimes shared, as metrics-server reports it.
  static func pods(count: Int, using rng: inout XorShift) -> [HPAPodMetrics] {
    let cpuRequest: Int64? = Int.random(in: 0..<10, using: &rng) == 0 ? nil : 500
    let memoryRequest: Int64? =
      Int.random(in: 0..<10, using: &rng) == 0 ? nil : Int64.random(in: 0...4, using: &rng) * 256
    let shared = Bool.random(using: &rng)
    let sharedCPU = Int64.random(in: 0...1_000, using: &rng)
    let sharedMemory = Int64.random(in: 0...2_000, using: &rng)
    let window = SimDuration.seconds([0, 15, 30, 60].randomElement(using: &rng) ?? 15)
    return (0..<count).map { _ in
      var pod = HPAPodMetrics(
        phase: [.pending, .running, .running, .running, .succeeded, .failed].randomElement(
          using: &rng) ?? .running,
        isDeleting: Int.random(in: 0..<8, using: &rng) == 0,
        startTime: Int.random(in: 0..<10, using: &rng) == 0
          ? nil : now - .seconds(Int64.random(in: 0...900, using: &rng)),
        readyCondition: Int.random(in: 0..<10, using: &rng) == 0
          ? nil
          : HPAPodReadyCondition(
            isReady: Int.random(in: 0..<4, using: &rng) != 0,
            lastTransitionTime: now - .seconds(Int64.random(in: 0...900, using: &rng))),
        cpuRequestMillicores: cpuRequest, memoryRequestBytes: memoryRequest)
      let timestamp = now - .seconds(Int64.random(in: 0...30, using: &rng))
      if Int.random(in: 0..<5, using: &rng) != 0 {
        pod.cpuUsage = HPAMetricSample(
          value: shared ? sharedCPU : Int64.random(in: 0...1_000, using: &rng),
          timestamp: timestamp, window: window)
      }
      if Int.random(in: 0..<5, using: &rng) != 0 {
        pod.memoryUsage = HPAMetricSample(
          value: shared ? sharedMemory : Int64.random(in: 0...2_000, using: &rng),
          timestamp: timestamp, window: window)
      }
      return pod
    }
  }

  static func metric(using rng: inout XorShift) -> HPAMetricSpec {
    let resource: HPAResourceName = Bool.random(using: &rng) ? .cpu : .memory
    if Int.random(in: 0..<4, using: &rng) == 0 {
      return HPAMetricSpec(
        resource: resource, target: .averageValue(Int64.random(in: 1...1_500, using: &rng)))
    }
    return HPAMetricSpec(
      resource: resource, target: .averageUtilization(Int.random(in: 1...200, using: &rng)))
  }

  @Test("a census proposes exactly what the pods do", arguments: 0..<100)
  func proposalsMatch(seedBlock: Int) {
    for seed in UInt64(seedBlock * 100)..<UInt64(seedBlock * 100 + 100) {
      var rng = XorShift(seed: seed)
      let settings =
        Bool.random(using: &rng) ? HPAControllerSettings() : HPAControllerSettings.upstreamTesting
      let calculator = ReplicaCalculator(settings: settings)
      let pods = Self.pods(count: Int.random(in: 0...8, using: &rng), using: &rng)
      var census = HPAPodCensus(pods: pods, groupedBy: calculator, at: Self.now)
      let tolerances = HPATolerances(
        scaleDown: [0.1, 0, 0.25].randomElement(using: &rng) ?? 0.1,
        scaleUp: [0.1, 0, 0.05].randomElement(using: &rng) ?? 0.1)
      for _ in 0..<4 {
        let metric = Self.metric(using: &rng)
        let current = Int.random(in: 0...10, using: &rng)
        let expected = Result { () throws(HPAMetricError) in
          try calculator.proposal(
            currentReplicas: current, metric: metric, pods: pods, tolerances: tolerances,
            now: Self.now)
        }
        let actual = Result { () throws(HPAMetricError) in
          try calculator.proposal(
            currentReplicas: current, metric: metric, census: census, tolerances: tolerances)
        }
        #expect(actual == expected, "seed \(seed), metric \(metric), current \(current)")
        let replicas = Result { () throws(HPAMetricError) in
          try calculator.proposedReplicas(
            currentReplicas: current, metric: metric, census: &census, tolerances: tolerances)
        }
        #expect(
          census == HPAPodCensus(pods: pods, groupedBy: calculator, at: Self.now),
          "proposedReplicas leaves the census as it is")
        #expect(
          replicas == expected.map(\.replicas),
          "seed \(seed), metric \(metric), current \(current)")
      }
    }
  }

  @Test("census syncs decide and remember exactly what per-pod syncs do", arguments: 0..<20)
  func syncsMatch(seed: UInt64) {
    var rng = XorShift(seed: seed)
    var behavior: HPABehavior? = nil
    if Bool.random(using: &rng) {
      behavior = HPABehavior(
        scaleUp: HPAScalingRules(
          stabilizationWindowSeconds: [0, 60].randomElement(using: &rng),
          policies: [HPAScalingPolicy(type: .percent, value: 50, periodSeconds: 30)]),
        scaleDown: HPAScalingRules(
          stabilizationWindowSeconds: [nil, 120].randomElement(using: &rng) ?? nil,
          policies: [HPAScalingPolicy(type: .pods, value: 1, periodSeconds: 60)]))
    }
    let spec = HorizontalPodAutoscalerSpec(
      minReplicas: 2, maxReplicas: 12,
      metrics: [Self.metric(using: &rng), Self.metric(using: &rng)], behavior: behavior)
    var perPod = HorizontalPodAutoscaler(spec: spec)
    var counted = HorizontalPodAutoscaler(spec: spec)
    var replicas = Int.random(in: 0...14, using: &rng)
    var t = Self.now
    for step in 0..<200 {
      let pods = Self.pods(count: Int.random(in: 0...12, using: &rng), using: &rng)
      var census = HPAPodCensus(pods: pods, groupedBy: counted.calculator, at: t)
      let counts = census
      let expected = perPod.sync(currentReplicas: replicas, pods: pods, now: t)
      let proposals = counted.proposals(currentReplicas: replicas, census: census, now: t)
      let actual = counted.sync(currentReplicas: replicas, census: &census, now: t)
      #expect(census == counts, "seed \(seed), step \(step): the sync left the census changed")
      #expect(actual.desiredReplicas == expected.desiredReplicas, "seed \(seed), step \(step)")
      #expect(actual.rescale == expected.rescale, "seed \(seed), step \(step)")
      #expect(proposals == expected.proposals, "seed \(seed), step \(step)")
      #expect(counted == perPod, "seed \(seed), step \(step)")
      replicas = expected.desiredReplicas
      t += .seconds(15)
    }
  }
}
