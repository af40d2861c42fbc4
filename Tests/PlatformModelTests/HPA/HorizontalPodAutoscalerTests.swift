import SimKernel
import Testing

@testable import PlatformModel

/// Whole syncs: upstream's `horizontal_test.go` reconcile cases, and properties over long runs.
@Suite("HPA controller sync (upstream horizontal_test.go reconcile cases)")
struct HPAControllerSyncTests {
  static let now = SimTime(sinceStart: .hours(1))

  /// Running pods, ready for three minutes, each requesting `requests[i]` millicores and using
  /// `levels[i]` (fresh one-minute samples).
  static func pods(levels: [Int64], requests: [Int64]) -> [HPAPodMetrics] {
    requests.indices.map { i in
      HPAPodMetrics(
        startTime: now - .minutes(3),
        readyCondition: HPAPodReadyCondition(isReady: true, lastTransitionTime: now - .minutes(3)),
        cpuRequestMillicores: requests[i],
        cpuUsage: i < levels.count
          ? HPAMetricSample(value: levels[i], timestamp: now, window: .minutes(1)) : nil)
    }
  }

  static func hpa(min: Int, max: Int, cpu: Int, behavior: HPABehavior? = nil)
    -> HorizontalPodAutoscaler
  {
    HorizontalPodAutoscaler(
      spec: HorizontalPodAutoscalerSpec(
        minReplicas: min, maxReplicas: max,
        metrics: [HPAMetricSpec(resource: .cpu, target: .averageUtilization(cpu))],
        behavior: behavior),
      settings: .upstreamTesting)
  }

  @Test("TestScaleUp / TestScaleUpDeployment: 3 -> 5")
  func scaleUp() {
    var hpa = Self.hpa(min: 2, max: 6, cpu: 30)
    let result = hpa.sync(
      currentReplicas: 3, pods: Self.pods(levels: [300, 500, 700], requests: [1000, 1000, 1000]),
      now: Self.now)
    #expect(result.desiredReplicas == 5)
    #expect(result.rescale)
    #expect(result.reason == .metricAboveTarget(.cpu))
    #expect(hpa.lastScaleTime == Self.now)
  }

  @Test("TestScaleUpRCImmediately: below minReplicas goes straight to the minimum")
  func scaleUpRCImmediately() {
    var hpa = Self.hpa(min: 2, max: 6, cpu: 80)
    let result = hpa.sync(
      currentReplicas: 1,
      pods: Self.pods(levels: [0, 0, 0, 0], requests: [1000, 1000, 1000, 1000]),
      now: Self.now)
    #expect(result.desiredReplicas == 2)
    #expect(result.reason == .belowMinReplicas)
    #expect(result.proposals.isEmpty)
  }

  @Test("TestScaleDownRCImmediately: above maxReplicas goes straight to the maximum")
  func scaleDownRCImmediately() {
    var hpa = Self.hpa(min: 2, max: 5, cpu: 50)
    let result = hpa.sync(
      currentReplicas: 6,
      pods: Self.pods(levels: [8000, 9500, 1000], requests: [900, 1000, 1100]),
      now: Self.now)
    #expect(result.desiredReplicas == 5)
    #expect(result.reason == .aboveMaxReplicas)
  }

  @Test("TestStabilizeDownscale: a recommendation of 4 a minute ago holds 4")
  func stabilizeDownscale() {
    var hpa = Self.hpa(min: 1, max: 5, cpu: 100)
    hpa.state.recommendations = [
      HPARecommendation(replicas: 10, time: Self.now - .minutes(10)),
      HPARecommendation(replicas: 4, time: Self.now - .minutes(1)),
    ]
    let result = hpa.sync(
      currentReplicas: 4, pods: Self.pods(levels: [50, 50, 50], requests: [100, 100, 100]),
      now: Self.now)
    #expect(result.desiredReplicas == 4)
    #expect(!result.rescale)
    #expect(result.normalization?.stabilization == .scaleDownStabilized)
  }

  @Test("TestComputedToleranceAlgImplementation (controller): 10 -> 9, then no change")
  func computedToleranceAlgImplementation() {
    let requests: [Int64] = [400, 200, 310, 290, 302, 298, 301, 299, 300, 300]
    let pods = Self.pods(levels: Array(repeating: 150, count: 10), requests: requests)
    var first = Self.hpa(min: 0, max: 1000, cpu: 56)
    first.state.recommendations = []
    #expect(first.sync(currentReplicas: 10, pods: pods, now: Self.now).desiredReplicas == 9)
    var second = Self.hpa(min: 0, max: 1000, cpu: 55)
    second.state.recommendations = []
    let result = second.sync(currentReplicas: 10, pods: pods, now: Self.now)
    #expect(result.desiredReplicas == 10)
    #expect(result.normalization?.stabilization == .readyForNewScale)
  }

  @Test("replicas 0 with minReplicas 1 disables scaling")
  func zeroReplicasDisablesScaling() {
    var hpa = Self.hpa(min: 1, max: 5, cpu: 50)
    let result = hpa.sync(currentReplicas: 0, pods: [], now: Self.now)
    #expect(result.activity == .scalingDisabled)
    #expect(!result.rescale)
    #expect(result.desiredReplicas == 0)
  }

  @Test("TestScaleUpOneMetricEmpty: a failed metric does not block a scale-up")
  func scaleUpOneMetricEmpty() {
    var hpa = Self.hpa(min: 2, max: 6, cpu: 30)
    hpa.spec.metrics.append(HPAMetricSpec(resource: .memory, target: .averageUtilization(50)))
    let result = hpa.sync(
      currentReplicas: 3, pods: Self.pods(levels: [300, 400, 500], requests: [1000, 1000, 1000]),
      now: Self.now)
    #expect(result.desiredReplicas == 4)
    #expect(result.metricError == .noMetricsReturned(.memory))
  }

  @Test("TestNoScaleDownOneMetricInvalid: a failed metric blocks a scale-down")
  func noScaleDownOneMetricInvalid() {
    var hpa = Self.hpa(min: 2, max: 6, cpu: 50)
    hpa.spec.metrics.append(HPAMetricSpec(resource: .memory, target: .averageUtilization(50)))
    hpa.state.recommendations = []
    let result = hpa.sync(
      currentReplicas: 5,
      pods: Self.pods(
        levels: [100, 300, 500, 250, 250], requests: Array(repeating: 1000, count: 5)),
      now: Self.now)
    #expect(result.desiredReplicas == 5)
    #expect(!result.rescale)
    #expect(result.activity == .failed(.noMetricsReturned(.memory)))
  }

  @Test("several metrics: the largest proposal wins")
  func severalMetricsTakeTheMax() {
    var hpa = Self.hpa(min: 1, max: 20, cpu: 50)
    hpa.spec.metrics.append(HPAMetricSpec(resource: .memory, target: .averageValue(100)))
    var pods = Self.pods(levels: [500, 500, 500], requests: [1000, 1000, 1000])  // cpu: no change
    for i in pods.indices {
      pods[i].memoryRequestBytes = 1000
      pods[i].memoryUsage = HPAMetricSample(value: 300, timestamp: Self.now, window: .minutes(1))
    }
    let result = hpa.sync(currentReplicas: 3, pods: pods, now: Self.now)
    #expect(result.proposals.map { try? $0.get().replicas } == [3, 9])
    #expect(result.desiredReplicas == 6)  // legacy cap max(2 x 3, 4)
    #expect(result.normalization?.limit == .scaleUpLimit)
    #expect(result.reason == .metricAboveTarget(.memory))
  }

  @Test("default behavior: +max(4, 100 %) per 15 s, scale-down held for 300 s, then 100 %")
  func defaultBehaviorTimeline() {
    var hpa = Self.hpa(min: 1, max: 100, cpu: 50, behavior: HPABehavior())
    var replicas = 2
    var t = Self.now
    func step(load perPodTotal: Int64) -> HPASyncResult {
      // The service needs `perPodTotal` millicores in total, spread over the current pods.
      let per = perPodTotal / Int64(replicas)
      let pods = (0..<replicas).map { _ in
        HPAPodMetrics(
          startTime: t - .hours(1),
          readyCondition: HPAPodReadyCondition(isReady: true, lastTransitionTime: t - .hours(1)),
          cpuRequestMillicores: 1000,
          cpuUsage: HPAMetricSample(value: per, timestamp: t, window: .seconds(30)))
      }
      let r = hpa.sync(currentReplicas: replicas, pods: pods, now: t)
      replicas = r.desiredReplicas
      t += .seconds(15)
      return r
    }
    // 20 cores of demand at 50 % target asks for 40 pods: 2 -> 6 -> 12 -> 24 -> 40.
    #expect(step(load: 20_000).desiredReplicas == 6)
    #expect(step(load: 20_000).desiredReplicas == 12)
    #expect(step(load: 20_000).desiredReplicas == 24)
    #expect(step(load: 20_000).desiredReplicas == 40)
    // Demand collapses: nothing moves for 300 s, then one step to the new recommendation.
    var held = 0
    while step(load: 1_000).desiredReplicas == 40 { held += 1 }
    // The last 40 was recommended at +45 s; recommendations count while strictly newer than
    // 300 s, so syncs at +60 ... +330 s hold and +345 s releases.
    #expect(held == 19)
    #expect(replicas == 2)
  }
}

/// Property-style checks over long deterministic runs.
@Suite("HPA properties")
struct HPAPropertyTests {
  /// A tiny deterministic generator (xorshift64*), so runs repeat exactly.
  struct XorShift: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state ^= state >> 12
      state ^= state << 25
      state ^= state >> 27
      return state &* 2_685_821_657_736_338_717
    }
  }

  static let now = SimTime(sinceStart: .hours(1))

  @Test(
    "no change while utilization stays inside the tolerance band", arguments: [30, 50, 70, 80, 95])
  func noChangeWithinTolerance(target: Int) throws {
    let calculator = ReplicaCalculator()
    let low = Int((Double(target) * 0.9).rounded(.up)) + 1
    let high = Int((Double(target) * 1.1).rounded(.down)) - 1
    for replicas in 1...12 {
      for utilization in low...high {
        let pods = (0..<replicas).map { _ in
          HPAPodMetrics(
            startTime: Self.now - .hours(1),
            readyCondition: HPAPodReadyCondition(
              isReady: true, lastTransitionTime: Self.now - .hours(1)),
            cpuRequestMillicores: 1000,
            cpuUsage: HPAMetricSample(
              value: Int64(utilization * 10), timestamp: Self.now, window: .seconds(30)))
        }
        let result = try calculator.resourceUtilizationReplicas(
          currentReplicas: replicas, targetUtilization: target, resource: .cpu, pods: pods,
          tolerances: HPATolerances(0.1), now: Self.now)
        #expect(result.replicas == replicas, "replicas \(replicas) utilization \(utilization)")
      }
    }
  }

  /// Runs an autoscaler against random demand and checks every sync.
  func run(behavior: HPABehavior?, seed: UInt64, check: (HPASyncResult, [Int], SimTime) -> Void) {
    var rng = XorShift(state: seed | 1)
    var hpa = HorizontalPodAutoscaler(
      spec: HorizontalPodAutoscalerSpec(
        minReplicas: 2, maxReplicas: 30,
        metrics: [HPAMetricSpec(resource: .cpu, target: .averageUtilization(60))],
        behavior: behavior))
    var replicas = 4
    var t = Self.now
    var demand: Int64 = 3_000
    var proposals: [(SimTime, Int)] = []
    for _ in 0..<400 {
      demand = Swift.max(0, demand + Int64.random(in: -2_500...2_500, using: &rng))
      demand = Swift.min(demand, 40_000)
      let per = demand / Int64(replicas)
      let pods = (0..<replicas).map { _ in
        HPAPodMetrics(
          startTime: t - .hours(1),
          readyCondition: HPAPodReadyCondition(isReady: true, lastTransitionTime: t - .hours(1)),
          cpuRequestMillicores: 1000,
          cpuUsage: HPAMetricSample(value: per, timestamp: t, window: .seconds(30)))
      }
      let result = hpa.sync(currentReplicas: replicas, pods: pods, now: t)
      if case .success(let p) = result.proposals.first { proposals.append((t, p.replicas)) }
      check(result, proposals.filter { $0.0 > t - .minutes(5) }.map(\.1), t)
      replicas = result.desiredReplicas
      t += .seconds(15)
    }
  }

  @Test("replicas always end inside [minReplicas, maxReplicas]", arguments: [1, 2, 3] as [UInt64])
  func desiredWithinBounds(seed: UInt64) {
    for behavior in [nil, HPABehavior()] as [HPABehavior?] {
      run(behavior: behavior, seed: seed) { result, _, _ in
        #expect(result.desiredReplicas >= 2 && result.desiredReplicas <= 30, "seed \(seed)")
      }
    }
  }

  @Test(
    "scale-down never goes below the highest recommendation of the last 300 s",
    arguments: [4, 5, 6] as [UInt64])
  func scaleDownRespectsWindow(seed: UInt64) {
    for behavior in [nil, HPABehavior()] as [HPABehavior?] {
      run(behavior: behavior, seed: seed) { result, window, _ in
        guard result.desiredReplicas < result.currentReplicas, let highest = window.max() else {
          return
        }
        #expect(
          result.desiredReplicas >= Swift.min(result.currentReplicas, Swift.max(2, highest)),
          "seed \(seed)")
      }
    }
  }

  @Test("a 1-pod-per-60-s scale-down policy never goes more than 1 below the level 60 s ago")
  func scaleDownRateLimited() {
    // Upstream measures a policy from the replicas at the start of its period (current − added +
    // removed inside it), so after a scale-up the same period allows removing those pods plus one.
    var behavior = HPABehavior()
    behavior.scaleDown = HPAScalingRules(
      stabilizationWindowSeconds: 0,
      policies: [HPAScalingPolicy(type: .pods, value: 1, periodSeconds: 60)])
    var applied: [(SimTime, Int)] = [(.zero, 4)]
    var scaleDowns = 0
    run(behavior: behavior, seed: 9) { result, _, t in
      defer { if result.rescale { applied.append((t, result.desiredReplicas)) } }
      guard result.desiredReplicas < result.currentReplicas else { return }
      scaleDowns += 1
      let levelAtPeriodStart = applied.last { $0.0 <= t - .seconds(60) }?.1 ?? 4
      #expect(result.desiredReplicas >= Swift.min(result.currentReplicas, levelAtPeriodStart - 1))
    }
    #expect(scaleDowns > 0)
  }
}
