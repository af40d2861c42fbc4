import SimKernel
import Testing

@testable import PlatformModel

/// Upstream's `replica_calculator_test.go` resource cases, with its numbers.
///
/// Upstream's harness gives every pod two containers, each requesting `requests[i]` and using
/// `levels[i]`, so a pod requests and uses twice those; `expectedValue` is per pod. Pods start at
/// the zero time with a `Ready` condition last changed at the zero time, samples are stamped at
/// the zero time with a one-minute window, "hot" pods start now and "cool" pods three minutes
/// ago, and the controller runs with a 2 min CPU initialization period and a 10 s readiness
/// delay (`HPAControllerSettings.upstreamTesting`).
private let one: Int64 = 1000

@Suite("HPA replica calculator (upstream replica_calculator_test.go)")
struct HPAReplicaCalculatorTests {
  /// Upstream's zero time; `now` is an hour later.
  static let epoch = SimTime.zero
  static let now = SimTime(sinceStart: .hours(1))

  enum Start { case epoch, hot, cool }

  /// One upstream `replicaCalcTestCase` with a resource metric.
  struct Case {
    var currentReplicas: Int
    var expectedReplicas: Int = 0
    var requests: [Int64]  // millicores per container
    var levels: [Int64]  // millicores per container
    var target: Int
    var expectedUtilization: Int = 0
    var expectedValue: Int64 = 0
    var readiness: [Bool]? = nil
    var startTimes: [Start]? = nil
    var phases: [HPAPodPhase]? = nil
    var deleting: [Bool]? = nil

    var pods: [HPAPodMetrics] {
      let count = Swift.max(currentReplicas, phases?.count ?? 0)
      return (0..<count).map { i in
        let start: SimTime =
          switch startTimes?[i] ?? .epoch {
          case .epoch: HPAReplicaCalculatorTests.epoch
          case .hot: HPAReplicaCalculatorTests.now
          case .cool: HPAReplicaCalculatorTests.now - .minutes(3)
          }
        var pod = HPAPodMetrics(
          phase: phases?[i] ?? .running, isDeleting: deleting?[i] ?? false, startTime: start,
          readyCondition: HPAPodReadyCondition(
            isReady: readiness.map { i < $0.count ? $0[i] : true } ?? true,
            lastTransitionTime: HPAReplicaCalculatorTests.epoch))
        if i < requests.count { pod.cpuRequestMillicores = 2 * requests[i] }
        if i < levels.count {
          pod.cpuUsage = HPAMetricSample(
            value: 2 * levels[i], timestamp: HPAReplicaCalculatorTests.epoch, window: .minutes(1))
        }
        return pod
      }
    }

    func run() throws(HPAMetricError) -> ReplicaProposal {
      try ReplicaCalculator(settings: .upstreamTesting).resourceUtilizationReplicas(
        currentReplicas: currentReplicas, targetUtilization: target, resource: .cpu, pods: pods,
        tolerances: HPATolerances(0.1), now: HPAReplicaCalculatorTests.now)
    }

    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
      let result = try run()
      #expect(result.replicas == expectedReplicas, sourceLocation: sourceLocation)
      #expect(result.utilization == expectedUtilization, sourceLocation: sourceLocation)
      #expect(result.averageValue == expectedValue, sourceLocation: sourceLocation)
    }
  }

  @Test("TestReplicaCalcScaleUp: 3 -> 5 at 50 % against 30 %")
  func scaleUp() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 5, requests: [one, one, one], levels: [300, 500, 700],
      target: 30, expectedUtilization: 50, expectedValue: 2 * 500
    ).check()
  }

  @Test("TestReplicaCalcScaleUpUnreadyLessScale: an unready pod counts as 0 on a scale-up")
  func scaleUpUnreadyLessScale() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 4, requests: [one, one, one], levels: [300, 500, 700],
      target: 30, expectedUtilization: 60, expectedValue: 2 * 600, readiness: [false, true, true]
    ).check()
  }

  @Test("TestReplicaCalcScaleUpHotCpuLessScale: a pod inside its CPU initialization counts as 0")
  func scaleUpHotCpuLessScale() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 4, requests: [one, one, one], levels: [300, 500, 700],
      target: 30, expectedUtilization: 60, expectedValue: 2 * 600, startTimes: [.hot, .cool, .cool]
    ).check()
  }

  @Test("TestReplicaCalcScaleUpUnreadyNoScale: two unready pods at 0 cancel the scale-up")
  func scaleUpUnreadyNoScale() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 3, requests: [one, one, one], levels: [400, 500, 700],
      target: 30, expectedUtilization: 40, expectedValue: 2 * 400, readiness: [true, false, false]
    ).check()
  }

  @Test("TestReplicaCalcScaleHotCpuNoScale: two hot unready pods cancel the scale-up")
  func scaleHotCpuNoScale() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 3, requests: [one, one, one], levels: [400, 500, 700],
      target: 30, expectedUtilization: 40, expectedValue: 2 * 400, readiness: [true, false, false],
      startTimes: [.cool, .hot, .hot]
    ).check()
  }

  @Test("TestReplicaCalcScaleUpIgnoresFailedPods: failed pods are left out")
  func scaleUpIgnoresFailedPods() throws {
    try Case(
      currentReplicas: 2, expectedReplicas: 4, requests: [one, one, one, one], levels: [500, 700],
      target: 30, expectedUtilization: 60, expectedValue: 2 * 600,
      readiness: [true, true, false, false], phases: [.running, .running, .failed, .failed]
    ).check()
  }

  @Test("TestReplicaCalcScaleUpIgnoresDeletionPods: terminating pods are left out")
  func scaleUpIgnoresDeletionPods() throws {
    try Case(
      currentReplicas: 2, expectedReplicas: 4, requests: [one, one, one, one], levels: [500, 700],
      target: 30, expectedUtilization: 60, expectedValue: 2 * 600,
      readiness: [true, true, false, false], phases: [.running, .running, .running, .running],
      deleting: [false, false, true, true]
    ).check()
  }

  @Test("TestReplicaCalcScaleDown: 5 -> 3 at 28 % against 50 %")
  func scaleDown() throws {
    try Case(
      currentReplicas: 5, expectedReplicas: 3, requests: Array(repeating: one, count: 5),
      levels: [100, 300, 500, 250, 250], target: 50, expectedUtilization: 28,
      expectedValue: 2 * 280
    ).check()
  }

  @Test("TestReplicaCalcScaleDownExcludeUnreadyPods: unready pods do not slow a scale-down")
  func scaleDownExcludeUnreadyPods() throws {
    try Case(
      currentReplicas: 5, expectedReplicas: 2, requests: Array(repeating: one, count: 5),
      levels: [100, 300, 500, 250, 250], target: 50, expectedUtilization: 30,
      expectedValue: 2 * 300, readiness: [true, true, true, false, false]
    ).check()
  }

  @Test("TestReplicaCalcScaleDownExcludeUnscheduledPods: pending pods are unready")
  func scaleDownExcludeUnscheduledPods() throws {
    try Case(
      currentReplicas: 5, expectedReplicas: 1, requests: Array(repeating: one, count: 5),
      levels: [100], target: 50, expectedUtilization: 10, expectedValue: 2 * 100,
      readiness: [true, false, false, false, false],
      phases: [.running, .pending, .pending, .pending, .pending]
    ).check()
  }

  @Test("TestReplicaCalcScaleDownIgnoreHotCpuPods: hot pods are left out of a scale-down")
  func scaleDownIgnoreHotCpuPods() throws {
    try Case(
      currentReplicas: 5, expectedReplicas: 2, requests: Array(repeating: one, count: 5),
      levels: [100, 300, 500, 250, 250], target: 50, expectedUtilization: 30,
      expectedValue: 2 * 300, startTimes: [.cool, .cool, .cool, .hot, .hot]
    ).check()
  }

  @Test("TestReplicaCalcScaleDownIgnoresFailedPods")
  func scaleDownIgnoresFailedPods() throws {
    try Case(
      currentReplicas: 5, expectedReplicas: 3, requests: Array(repeating: one, count: 7),
      levels: [100, 300, 500, 250, 250], target: 50, expectedUtilization: 28,
      expectedValue: 2 * 280, readiness: [true, true, true, true, true, false, false],
      phases: [.running, .running, .running, .running, .running, .failed, .failed]
    ).check()
  }

  @Test("TestReplicaCalcScaleDownIgnoresDeletionPods")
  func scaleDownIgnoresDeletionPods() throws {
    try Case(
      currentReplicas: 5, expectedReplicas: 3, requests: Array(repeating: one, count: 7),
      levels: [100, 300, 500, 250, 250], target: 50, expectedUtilization: 28,
      expectedValue: 2 * 280, readiness: [true, true, true, true, true, false, false],
      phases: Array(repeating: .running, count: 7),
      deleting: [false, false, false, false, false, true, true]
    ).check()
  }

  @Test("TestReplicaCalcTolerance: 102 % against 100 % keeps 3")
  func tolerance() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 3, requests: [900, 1000, 1100],
      levels: [1010, 1030, 1020], target: 100, expectedUtilization: 102, expectedValue: 2 * 1020
    ).check()
  }

  @Test("TestReplicaCalcMissingMetrics: missing pods count at their request on a scale-down")
  func missingMetrics() throws {
    try Case(
      currentReplicas: 4, expectedReplicas: 3, requests: [one, one, one, one], levels: [400, 95],
      target: 100, expectedUtilization: 24, expectedValue: 495
    ).check()
  }

  @Test("TestReplicaCalcEmptyMetrics: no samples at all is an error")
  func emptyMetrics() {
    let c = Case(currentReplicas: 4, requests: [one, one, one], levels: [], target: 100)
    #expect(throws: HPAMetricError.noMetricsReturned(.cpu)) { try c.run() }
    #expect(
      HPAMetricError.noMetricsReturned(.cpu).description
        == "unable to get metrics for resource cpu: no metrics returned from resource metrics API")
  }

  @Test("TestReplicaCalcEmptyCPURequest: a pod without a CPU request is an error")
  func emptyCPURequest() {
    let c = Case(currentReplicas: 1, requests: [], levels: [200], target: 100)
    #expect(throws: HPAMetricError.missingRequest(.cpu, podIndex: 0)) { try c.run() }
  }

  @Test("TestReplicaCalcMissingMetricsNoChangeEq")
  func missingMetricsNoChangeEq() throws {
    try Case(
      currentReplicas: 2, expectedReplicas: 2, requests: [one, one], levels: [1000], target: 100,
      expectedUtilization: 100, expectedValue: 2 * 1000
    ).check()
  }

  @Test("TestReplicaCalcMissingMetricsNoChangeGt: a missing pod at 0 brings 190 % to 95 %")
  func missingMetricsNoChangeGt() throws {
    try Case(
      currentReplicas: 2, expectedReplicas: 2, requests: [one, one], levels: [1900], target: 100,
      expectedUtilization: 190, expectedValue: 2 * 1900
    ).check()
  }

  @Test("TestReplicaCalcMissingMetricsNoChangeLt: a missing pod at 100 % flips 60 % to 80 %")
  func missingMetricsNoChangeLt() throws {
    try Case(
      currentReplicas: 2, expectedReplicas: 2, requests: [one, one], levels: [600], target: 100,
      expectedUtilization: 60, expectedValue: 2 * 600
    ).check()
  }

  @Test("TestReplicaCalcMissingMetricsUnreadyChange")
  func missingMetricsUnreadyChange() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 3, requests: [one, one, one], levels: [100, 450],
      target: 50, expectedUtilization: 45, expectedValue: 2 * 450, readiness: [false, true, true]
    ).check()
  }

  @Test("TestReplicaCalcMissingMetricsHotCpuNoChange")
  func missingMetricsHotCpuNoChange() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 3, requests: [one, one, one], levels: [100, 450],
      target: 50, expectedUtilization: 45, expectedValue: 2 * 450, startTimes: [.hot, .cool, .cool]
    ).check()
  }

  @Test("TestReplicaCalcMissingMetricsUnreadyScaleUp")
  func missingMetricsUnreadyScaleUp() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 4, requests: [one, one, one], levels: [100, 2000],
      target: 50, expectedUtilization: 200, expectedValue: 2 * 2000, readiness: [false, true, true]
    ).check()
  }

  @Test("TestReplicaCalcMissingMetricsHotCpuScaleUp")
  func missingMetricsHotCpuScaleUp() throws {
    try Case(
      currentReplicas: 3, expectedReplicas: 4, requests: [one, one, one], levels: [100, 2000],
      target: 50, expectedUtilization: 200, expectedValue: 2 * 2000,
      readiness: [false, true, true],
      startTimes: [.hot, .cool, .cool]
    ).check()
  }

  @Test("TestReplicaCalcMissingMetricsUnreadyScaleDown")
  func missingMetricsUnreadyScaleDown() throws {
    try Case(
      currentReplicas: 4, expectedReplicas: 3, requests: [one, one, one, one],
      levels: [100, 100, 100], target: 50, expectedUtilization: 10, expectedValue: 2 * 100,
      readiness: [false, true, true, true]
    ).check()
  }

  @Test("TestReplicaCalcMissingMetricsScaleDownTargetOver100: missing pods count at the target")
  func missingMetricsScaleDownTargetOver100() throws {
    try Case(
      currentReplicas: 4, expectedReplicas: 2, requests: [one, one, 2 * one, 2 * one],
      levels: [200, 100, 100], target: 300, expectedUtilization: 6, expectedValue: 2 * 100,
      readiness: [false, true, true, true]
    ).check()
  }

  @Test("TestReplicaCalcDuringRollingUpdateWithMaxSurge: a surge pod does not reverse direction")
  func duringRollingUpdateWithMaxSurge() throws {
    try Case(
      currentReplicas: 2, expectedReplicas: 2, requests: [one, one, one], levels: [100, 100],
      target: 50, expectedUtilization: 10, expectedValue: 2 * 100,
      phases: [.running, .running, .running]
    ).check()
  }

  @Test("TestReplicaCalcComputedToleranceAlgImplementation: just outside and just inside 0.1")
  func computedToleranceAlgImplementation() throws {
    let startPods = 10
    let totalUsed: Int64 = 10 * 150
    let totalRequested: Int64 = 2 * totalUsed
    let requestedToUsed = Double(totalRequested / totalUsed)
    let perPod = totalRequested / Int64(startPods)
    var target = abs(1 / (requestedToUsed * (1 - 0.1))) + 0.01
    let resourcesUsedRatio = Double(totalUsed) / (Double(totalRequested) * target)
    let finalPods = Int((resourcesUsedRatio * Double(startPods)).rounded(.up))
    let jitter: [Int64] = [100, -100, 10, -10, 2, -2, 1, -1, 0, 0]
    var c = Case(
      currentReplicas: startPods, expectedReplicas: finalPods,
      requests: jitter.map { perPod + $0 }, levels: Array(repeating: totalUsed / 10, count: 10),
      target: Int(target * 100), expectedUtilization: Int(totalUsed * 100 / totalRequested),
      expectedValue: 2 * totalUsed / 10)
    #expect(finalPods == 9)
    try c.check()

    target = abs(1 / (requestedToUsed * (1 - 0.1))) + 0.004
    c.target = Int(target * 100)
    c.expectedReplicas = startPods
    try c.check()
  }

  @Test("averageValue targets: ceil(ratio of mean usage) like GetRawResourceReplicas")
  func rawResourceValue() throws {
    // TestReplicaCalcScaleUpCM's numbers on a raw resource target: mean 20000 against 15000.
    let pods = [20_000, 10_000, 30_000].map { level -> HPAPodMetrics in
      HPAPodMetrics(
        startTime: Self.now - .minutes(3),
        readyCondition: HPAPodReadyCondition(
          isReady: true, lastTransitionTime: Self.now - .minutes(3)),
        memoryRequestBytes: 1,
        memoryUsage: HPAMetricSample(value: Int64(level), timestamp: Self.now, window: .minutes(1)))
    }
    let result = try ReplicaCalculator(settings: .upstreamTesting).proposal(
      currentReplicas: 3, metric: HPAMetricSpec(resource: .memory, target: .averageValue(15_000)),
      pods: pods, tolerances: HPATolerances(0.1), now: Self.now)
    #expect(result.replicas == 4)
    #expect(result.averageValue == 20_000)
    #expect(result.utilization == nil)
  }
}

/// Upstream's `TestGroupPods` table.
@Suite("HPA groupPods (upstream TestGroupPods)")
struct HPAGroupPodsTests {
  static let now = SimTime(sinceStart: .hours(1))

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var pods: [HPAPodMetrics]
    var resource: HPAResourceName = .cpu
    var expected: HPAPodGroups
    var testDescription: String { name }
  }

  static func pod(
    phase: HPAPodPhase = .succeeded, deleting: Bool = false, start: SimDuration? = nil,
    ready: (Bool, SimDuration)? = nil, sample: (SimDuration, SimDuration)? = nil
  ) -> HPAPodMetrics {
    let sampleValue = sample.map {
      HPAMetricSample(value: 1, timestamp: now - $0.0, window: $0.1)
    }
    return HPAPodMetrics(
      phase: phase, isDeleting: deleting, startTime: start.map { now - $0 },
      readyCondition: ready.map {
        HPAPodReadyCondition(isReady: $0.0, lastTransitionTime: now - $0.1)
      },
      cpuUsage: sampleValue, memoryUsage: sampleValue)
  }

  static let cases: [Case] = [
    Case(name: "void", pods: [], expected: HPAPodGroups()),
    Case(
      name: "count in a ready pod - memory", pods: [pod(sample: (.zero, .minutes(1)))],
      resource: .memory,
      expected: HPAPodGroups(readyCount: 1, unready: [], missing: [], ignored: [])),
    Case(
      name: "unready a pod without ready condition - CPU",
      pods: [pod(start: .zero, sample: (.zero, .zero))],
      expected: HPAPodGroups(readyCount: 0, unready: [0], missing: [], ignored: [])),
    Case(
      name: "count in a ready pod with fresh metrics during initialization period - CPU",
      pods: [pod(start: .minutes(1), ready: (true, .seconds(30)), sample: (.zero, .seconds(30)))],
      expected: HPAPodGroups(readyCount: 1, unready: [], missing: [], ignored: [])),
    Case(
      name: "unready a ready pod without fresh metrics during initialization period - CPU",
      pods: [pod(start: .minutes(1), ready: (true, .seconds(30)), sample: (.zero, .seconds(60)))],
      expected: HPAPodGroups(readyCount: 0, unready: [0], missing: [], ignored: [])),
    Case(
      name: "unready an unready pod during initialization period - CPU",
      pods: [
        pod(start: .minutes(10), ready: (false, .minutes(9) + .seconds(54)), sample: (.zero, .zero))
      ],
      expected: HPAPodGroups(readyCount: 0, unready: [0], missing: [], ignored: [])),
    Case(
      name: "count in a ready pod without fresh metrics after initialization period - CPU",
      pods: [
        pod(start: .minutes(3), ready: (true, .minutes(3)), sample: (.minutes(2), .minutes(1)))
      ],
      expected: HPAPodGroups(readyCount: 1, unready: [], missing: [], ignored: [])),
    Case(
      name: "count in an unready pod that was ready after initialization period - CPU",
      pods: [pod(start: .minutes(10), ready: (false, .minutes(9)), sample: (.zero, .zero))],
      expected: HPAPodGroups(readyCount: 1, unready: [], missing: [], ignored: [])),
    Case(
      name: "unready pod that has never been ready after initialization period - CPU",
      pods: [
        pod(start: .minutes(10), ready: (false, .minutes(9) + .seconds(50)), sample: (.zero, .zero))
      ],
      expected: HPAPodGroups(readyCount: 1, unready: [], missing: [], ignored: [])),
    Case(
      name: "a missing pod", pods: [pod(start: .minutes(3))],
      expected: HPAPodGroups(readyCount: 0, unready: [], missing: [0], ignored: [])),
    Case(
      name: "several pods",
      pods: [
        pod(start: .zero, sample: (.zero, .zero)),
        pod(start: .minutes(3), ready: (true, .minutes(3)), sample: (.zero, .zero)),
        pod(start: .minutes(3)),
      ],
      expected: HPAPodGroups(readyCount: 1, unready: [0], missing: [2], ignored: [])),
    Case(
      name: "pending pods are unreadied", pods: [pod(phase: .pending)],
      expected: HPAPodGroups(readyCount: 0, unready: [0], missing: [], ignored: [])),
    Case(
      name: "ignore pods with deletion timestamps",
      pods: [pod(phase: .pending, deleting: true, sample: (.zero, .zero))],
      expected: HPAPodGroups(readyCount: 0, unready: [], missing: [], ignored: [0])),
    Case(
      name: "ignore pods in a failed state", pods: [pod(phase: .failed, sample: (.zero, .zero))],
      expected: HPAPodGroups(readyCount: 0, unready: [], missing: [], ignored: [0])),
  ]

  @Test("groups pods as upstream", arguments: cases)
  func groups(_ c: Case) {
    let groups = ReplicaCalculator(settings: .upstreamTesting).groupPods(
      c.pods, resource: c.resource, now: Self.now)
    #expect(groups == c.expected)
  }
}

/// The rounding up of replica counts against `rounded(.up)`.
@Suite("HPA replica count rounding")
struct HPACeilingTests {
  @Test("ceilToInt equals Int(x.rounded(.up)) on integers, neighbours and random ratios")
  func matchesRoundedUp() {
    var values: [Double] = [0, -0.0, 0.5, 1, 1.5, -1.5, 2.999999999999999, 3.0000000000000004]
    for k in stride(from: -200.0, through: 2_000.0, by: 0.25) {
      values += [k, k.nextUp, k.nextDown]
    }
    for e in [30, 51, 52, 53, 60] {
      let big = Double(sign: .plus, exponent: e, significand: 1)
      values += [big, big.nextUp, big.nextDown, -big, -big.nextDown, big + 0.5, big - 0.5]
    }
    var rng = XorShift(seed: 11)
    for _ in 0..<100_000 {
      // Ratios as the calculator forms them: utilization / target × pods.
      let utilization = Double(Int.random(in: 0...1_000, using: &rng))
      let target = Double(Int.random(in: 1...200, using: &rng))
      let pods = Double(Int.random(in: 1...500, using: &rng))
      values.append(utilization / target * pods)
      values.append(Double.random(in: -1e6...1e12, using: &rng))
    }
    for x in values {
      #expect(ReplicaCalculator.ceilToInt(x) == Int(x.rounded(.up)), "x = \(x)")
    }
  }
}
