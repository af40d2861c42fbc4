import SimKernel
import Testing

@testable import PlatformModel

/// Upstream's `horizontal_test.go` normalization cases, with its numbers.
@Suite("HPA behavior normalization (upstream horizontal_test.go)")
struct HPABehaviorControllerTests {
  static let now = SimTime(sinceStart: .hours(2))

  /// Upstream's `generateScalingRules(pods, podsPeriod, percent, percentPeriod, window)`: `Max`
  /// of the non-zero policies.
  static func rules(
    _ pods: Int, _ podsPeriod: Int, _ percent: Int, _ percentPeriod: Int, _ window: Int
  ) -> HPAScalingRules {
    var policies: [HPAScalingPolicy] = []
    if pods != 0 {
      policies.append(HPAScalingPolicy(type: .pods, value: pods, periodSeconds: podsPeriod))
    }
    if percent != 0 {
      policies.append(
        HPAScalingPolicy(type: .percent, value: percent, periodSeconds: percentPeriod))
    }
    return HPAScalingRules(
      stabilizationWindowSeconds: window, selectPolicy: .max, policies: policies)
  }

  /// Upstream's `generateEventsUniformDistribution`: events centred in equal slices of the last
  /// `period` seconds, oldest first.
  static func events(_ changes: [Int], _ period: Int) -> [HPAScaleEvent] {
    let segment = Double(period) / Double(changes.count)
    return changes.enumerated().map { idx, change in
      let secondsAgo = Int64(Double(period) - segment * Double(idx + 1) + segment / 2)
      return HPAScaleEvent(replicaChange: change, time: now - .seconds(secondsAgo))
    }
  }

  // MARK: - TestScalingWithRules

  struct RulesCase: CustomTestStringConvertible, Sendable {
    var name: String
    var scaleUpEvents: [HPAScaleEvent] = []
    var scaleDownEvents: [HPAScaleEvent] = []
    var minReplicas: Int
    var maxReplicas: Int
    var scaleUp: HPAScalingRules? = nil
    var scaleDown: HPAScalingRules? = nil
    var current: Int
    var desired: Int
    var expected: Int
    var condition: HPAScalingLimitReason
    var testDescription: String { name }
  }

  static let rulesCases: [RulesCase] = [
    RulesCase(
      name: "prenormalized desired replicas within range", minReplicas: 3, maxReplicas: 8,
      current: 5, desired: 7, expected: 7, condition: .desiredWithinRange),
    RulesCase(
      name: "prenormalized desired replicas < minReplicas", minReplicas: 2, maxReplicas: 8,
      current: 3, desired: 1, expected: 2, condition: .tooFewReplicas),
    RulesCase(
      name: "prenormalized desired replicas within range when minReplicas is 0", minReplicas: 0,
      maxReplicas: 10, current: 1, desired: 0, expected: 0, condition: .desiredWithinRange),
    RulesCase(
      name: "maxReplicas is the limit because maxReplicas < scaleUpLimit", minReplicas: 1,
      maxReplicas: 10, current: 20, desired: 1000, expected: 10, condition: .tooManyReplicas),
    RulesCase(
      name: "desired replica count is more than the maximum replica count", minReplicas: 100,
      maxReplicas: 150, current: 100, desired: 1000, expected: 150, condition: .tooManyReplicas),
    RulesCase(
      name: "scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies",
      minReplicas: 1, maxReplicas: 2000, scaleUp: rules(0, 0, 1, 60, 0), current: 3, desired: 1000,
      expected: 4, condition: .scaleUpLimit),
    RulesCase(
      name:
        "scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies",
      minReplicas: 3, maxReplicas: 2000, scaleDown: rules(20, 60, 0, 0, 0), current: 1000,
      desired: 3, expected: 980, condition: .scaleDownLimit),
    RulesCase(
      name: "scaleUp with default behavior", minReplicas: 1, maxReplicas: 1000, current: 10,
      desired: 50, expected: 20, condition: .scaleUpLimit),
    RulesCase(
      name: "scaleUp with pods policy larger than percent policy", minReplicas: 1,
      maxReplicas: 1000, scaleUp: rules(100, 60, 100, 60, 0), current: 10, desired: 500,
      expected: 110, condition: .scaleUpLimit),
    RulesCase(
      name: "scaleUp with percent policy larger than pods policy", minReplicas: 1,
      maxReplicas: 1000, scaleUp: rules(2, 60, 100, 60, 0), current: 10, desired: 500,
      expected: 20, condition: .scaleUpLimit),
    RulesCase(
      name: "scaleUp with spec MaxReplicas limitation with large pod policy", minReplicas: 1,
      maxReplicas: 1000, scaleUp: rules(100, 60, 0, 0, 0), current: 10, desired: 50, expected: 50,
      condition: .desiredWithinRange),
    RulesCase(
      name: "scaleUp with spec MaxReplicas limitation with large percent policy", minReplicas: 1,
      maxReplicas: 1000, scaleUp: rules(10000, 60, 0, 0, 0), current: 10, desired: 50,
      expected: 50, condition: .desiredWithinRange),
    RulesCase(
      name: "scaleUp with pod policy limitation", minReplicas: 1, maxReplicas: 1000,
      scaleUp: rules(30, 60, 0, 0, 0), current: 10, desired: 50, expected: 40,
      condition: .scaleUpLimit),
    RulesCase(
      name: "scaleUp with percent policy limitation", minReplicas: 1, maxReplicas: 1000,
      scaleUp: rules(0, 0, 200, 60, 0), current: 10, desired: 50, expected: 30,
      condition: .scaleUpLimit),
    RulesCase(
      name: "scaleDown with percent policy larger than pod policy", minReplicas: 1,
      maxReplicas: 1000, scaleDown: rules(20, 60, 1, 60, 300), current: 100, desired: 2,
      expected: 80, condition: .scaleDownLimit),
    RulesCase(
      name: "scaleDown with pod policy larger than percent policy", minReplicas: 1,
      maxReplicas: 1000, scaleDown: rules(2, 60, 1, 60, 300), current: 100, desired: 2,
      expected: 98, condition: .scaleDownLimit),
    RulesCase(
      name: "scaleDown with spec MinReplicas=nil limitation with large pod policy", minReplicas: 1,
      maxReplicas: 1000, scaleDown: rules(100, 60, 0, 0, 300), current: 10, desired: 0,
      expected: 1, condition: .tooFewReplicas),
    RulesCase(
      name: "scaleDown with spec MinReplicas limitation with large percent policy", minReplicas: 5,
      maxReplicas: 1000, scaleDown: rules(0, 0, 100, 60, 300), current: 10, desired: 2,
      expected: 5, condition: .tooFewReplicas),
    RulesCase(
      name: "scaleDown with pod policy limitation", minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(5, 60, 0, 0, 300), current: 10, desired: 2, expected: 5,
      condition: .scaleDownLimit),
    RulesCase(
      name: "scaleDown with percent policy limitation", minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(0, 0, 50, 60, 300), current: 10, desired: 5, expected: 5,
      condition: .desiredWithinRange),
    RulesCase(
      name: "scaleUp with spec MaxReplicas limitation with large pod policy and events",
      scaleUpEvents: events([1, 5, 9], 120), minReplicas: 1, maxReplicas: 200,
      scaleUp: rules(300, 60, 0, 0, 0), current: 100, desired: 500, expected: 200,
      condition: .tooManyReplicas),
    RulesCase(
      name: "scaleUp with spec MaxReplicas limitation with large percent policy and events",
      scaleUpEvents: events([1, 5, 9], 120), minReplicas: 1, maxReplicas: 200,
      scaleUp: rules(0, 0, 10000, 60, 0), current: 100, desired: 500, expected: 200,
      condition: .tooManyReplicas),
    RulesCase(
      name:
        "scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events",
      scaleUpEvents: events([1, 5, 9], 120), minReplicas: 1, maxReplicas: 1000,
      scaleUp: rules(5, 120, 0, 0, 0), current: 100, desired: 500, expected: 100,
      condition: .scaleUpLimit),
    RulesCase(
      name: "scaleUp with pod policy and previous scale up events",
      scaleUpEvents: events([1, 5, 9], 120), minReplicas: 1, maxReplicas: 1000,
      scaleUp: rules(150, 120, 0, 0, 0), current: 100, desired: 500, expected: 235,
      condition: .scaleUpLimit),
    RulesCase(
      name: "scaleUp with percent policy and previous scale up events",
      scaleUpEvents: events([1, 5, 9], 120), minReplicas: 1, maxReplicas: 1000,
      scaleUp: rules(0, 0, 200, 120, 0), current: 100, desired: 500, expected: 255,
      condition: .scaleUpLimit),
    RulesCase(
      name: "scaleUp with percent policy and previous scale up and down events",
      scaleUpEvents: events([4], 120), scaleDownEvents: events([2], 120), minReplicas: 1,
      maxReplicas: 1000, scaleUp: rules(0, 0, 300, 300, 0), current: 6, desired: 24, expected: 16,
      condition: .scaleUpLimit),
    RulesCase(
      name: "scaleDown with default policy and previous events",
      scaleDownEvents: events([1, 5, 9], 120), minReplicas: 1, maxReplicas: 1000, current: 10,
      desired: 5, expected: 5, condition: .desiredWithinRange),
    RulesCase(
      name:
        "scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events",
      scaleDownEvents: events([1, 5, 9], 120), minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(115, 120, 0, 0, 300), current: 100, desired: 0, expected: 1,
      condition: .tooFewReplicas),
    RulesCase(
      name: "scaleDown with spec MinReplicas limitation with large pod policy and previous events",
      scaleDownEvents: events([1, 5, 9], 120), minReplicas: 5, maxReplicas: 1000,
      scaleDown: rules(130, 120, 0, 0, 300), current: 100, desired: 0, expected: 5,
      condition: .tooFewReplicas),
    RulesCase(
      name:
        "scaleDown with spec MinReplicas limitation with large percent policy and previous events",
      scaleDownEvents: events([1, 5, 9], 120), minReplicas: 5, maxReplicas: 1000,
      scaleDown: rules(0, 0, 100, 120, 300), current: 100, desired: 2, expected: 5,
      condition: .tooFewReplicas),
    RulesCase(
      name: "scaleDown with pod policy limitation and previous events",
      scaleDownEvents: events([1, 5, 9], 120), minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(5, 120, 0, 0, 300), current: 100, desired: 2, expected: 100,
      condition: .scaleDownLimit),
    RulesCase(
      name: "scaleDown with percent policy limitation and previous events",
      scaleDownEvents: events([2, 4, 6], 120), minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(0, 0, 50, 120, 300), current: 100, desired: 0, expected: 56,
      condition: .scaleDownLimit),
    RulesCase(
      name: "scaleDown with percent policy and previous scale up and down events",
      scaleUpEvents: events([2], 120), scaleDownEvents: events([4], 120), minReplicas: 1,
      maxReplicas: 1000, scaleDown: rules(0, 0, 50, 180, 0), current: 10, desired: 1, expected: 6,
      condition: .scaleDownLimit),
    RulesCase(
      name: "scaleDown with previous events preventing further scale down",
      scaleDownEvents: events([10, 10, 10], 120), minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(0, 0, 10, 120, 300), current: 100, desired: 0, expected: 100,
      condition: .scaleDownLimit),
    RulesCase(
      name: "scaleDown with with previous events still allowing more scale down",
      scaleDownEvents: events([10, 10, 10], 120), minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(0, 0, 1000, 120, 300), current: 10, desired: 5, expected: 5,
      condition: .desiredWithinRange),
    RulesCase(
      name: "check 'outdated' flag for events for one behavior for up",
      scaleUpEvents: events([8, 12, 9, 11], 120), minReplicas: 1, maxReplicas: 1000,
      scaleUp: rules(1000, 60, 0, 0, 0), current: 100, desired: 200, expected: 200,
      condition: .desiredWithinRange),
    RulesCase(
      name:
        "check that events were not marked 'outdated' for two different policies in the behavior for up",
      scaleUpEvents: events([8, 12, 9, 11], 120), minReplicas: 1, maxReplicas: 1000,
      scaleUp: rules(1000, 120, 100, 60, 0), current: 100, desired: 200, expected: 200,
      condition: .desiredWithinRange),
    RulesCase(
      name:
        "check that events were marked 'outdated' for two different policies in the behavior for up",
      scaleUpEvents: events([8, 12, 9, 11], 120), minReplicas: 1, maxReplicas: 1000,
      scaleUp: rules(1000, 30, 100, 60, 0), current: 100, desired: 200, expected: 200,
      condition: .desiredWithinRange),
    RulesCase(
      name: "check 'outdated' flag for events for one behavior for down",
      scaleDownEvents: events([8, 12, 9, 11], 120), minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(1000, 60, 0, 0, 300), current: 100, desired: 5, expected: 5,
      condition: .desiredWithinRange),
    RulesCase(
      name:
        "check that events were not marked 'outdated' for two different policies in the behavior for down",
      scaleDownEvents: events([8, 12, 9, 11], 120), minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(1000, 120, 100, 60, 300), current: 100, desired: 5, expected: 5,
      condition: .desiredWithinRange),
    RulesCase(
      name:
        "check that events were marked 'outdated' for two different policies in the behavior for down",
      scaleDownEvents: events([8, 12, 9, 11], 120), minReplicas: 1, maxReplicas: 1000,
      scaleDown: rules(1000, 30, 100, 60, 300), current: 100, desired: 5, expected: 5,
      condition: .desiredWithinRange),
  ]

  @Test("TestScalingWithRules", arguments: rulesCases)
  func scalingWithRules(_ c: RulesCase) {
    let behavior = HPABehavior(
      scaleUp: c.scaleUp ?? .defaultScaleUp, scaleDown: c.scaleDown ?? .defaultScaleDown)
    let (replicas, condition) = HPABehaviorController.convertDesiredReplicasWithBehaviorRate(
      desired: c.desired, current: c.current, minReplicas: c.minReplicas,
      maxReplicas: c.maxReplicas, behavior: behavior, scaleUpEvents: c.scaleUpEvents,
      scaleDownEvents: c.scaleDownEvents, now: Self.now)
    #expect(replicas == c.expected)
    #expect(condition == c.condition)
  }

  @Test("TestCalculateScaleUpLimitWithScalingRules: Min of 2 pods and 50 % from 1 is 2")
  func calculateScaleUpLimitWithScalingRules() {
    let rules = HPAScalingRules(
      stabilizationWindowSeconds: 300, selectPolicy: .min,
      policies: [
        HPAScalingPolicy(type: .pods, value: 2, periodSeconds: 60),
        HPAScalingPolicy(type: .percent, value: 50, periodSeconds: 60),
      ])
    #expect(
      HPABehaviorController.scaleUpLimit(
        current: 1, scaleUpEvents: [], scaleDownEvents: [], rules: rules, now: Self.now) == 2)
  }

  @Test("TestCalculateScaleDownLimitWithBehaviors: Min of 2 pods and 50 % from 5 is 3")
  func calculateScaleDownLimitWithBehaviors() {
    let rules = HPAScalingRules(
      stabilizationWindowSeconds: 300, selectPolicy: .min,
      policies: [
        HPAScalingPolicy(type: .pods, value: 2, periodSeconds: 60),
        HPAScalingPolicy(type: .percent, value: 50, periodSeconds: 60),
      ])
    #expect(
      HPABehaviorController.scaleDownLimit(
        current: 5, scaleUpEvents: [], scaleDownEvents: [], rules: rules, now: Self.now) == 3)
  }

  @Test("selectPolicy Disabled freezes the direction")
  func disabledSelectPolicy() {
    var behavior = HPABehavior()
    behavior.scaleUp.selectPolicy = .disabled
    behavior.scaleDown.selectPolicy = .disabled
    #expect(
      HPABehaviorController.convertDesiredReplicasWithBehaviorRate(
        desired: 50, current: 10, minReplicas: 1, maxReplicas: 100, behavior: behavior,
        scaleUpEvents: [], scaleDownEvents: [], now: Self.now) == (10, .scaleUpLimit))
    #expect(
      HPABehaviorController.convertDesiredReplicasWithBehaviorRate(
        desired: 2, current: 10, minReplicas: 1, maxReplicas: 100, behavior: behavior,
        scaleUpEvents: [], scaleDownEvents: [], now: Self.now) == (10, .scaleDownLimit))
  }

  /// Upstream's `convertDesiredReplicasWithBehaviorRate` as written there: both policy limits
  /// computed whatever the replica bounds.
  static func upstreamConvert(
    desired: Int, current: Int, minReplicas: Int, maxReplicas: Int, behavior: HPABehavior,
    scaleUpEvents: [HPAScaleEvent], scaleDownEvents: [HPAScaleEvent]
  ) -> (Int, HPAScalingLimitReason) {
    if desired > current {
      var scaleUpLimit = HPABehaviorController.scaleUpLimit(
        current: current, scaleUpEvents: scaleUpEvents, scaleDownEvents: scaleDownEvents,
        rules: behavior.scaleUp, now: now)
      if scaleUpLimit < current { scaleUpLimit = current }
      var maximumAllowed = maxReplicas
      var reason = HPAScalingLimitReason.tooManyReplicas
      if maximumAllowed > scaleUpLimit {
        maximumAllowed = scaleUpLimit
        reason = .scaleUpLimit
      }
      if desired > maximumAllowed { return (maximumAllowed, reason) }
    } else if desired < current {
      var scaleDownLimit = HPABehaviorController.scaleDownLimit(
        current: current, scaleUpEvents: scaleUpEvents, scaleDownEvents: scaleDownEvents,
        rules: behavior.scaleDown, now: now)
      if scaleDownLimit > current { scaleDownLimit = current }
      var minimumAllowed = minReplicas
      var reason = HPAScalingLimitReason.tooFewReplicas
      if minimumAllowed < scaleDownLimit {
        minimumAllowed = scaleDownLimit
        reason = .scaleDownLimit
      }
      if desired < minimumAllowed { return (minimumAllowed, reason) }
    }
    return (desired, .desiredWithinRange)
  }

  /// Random rules: one or two policies of either type, any selection.
  static func randomRules(using rng: inout XorShift) -> HPAScalingRules {
    let policies = (0..<Int.random(in: 1...2, using: &rng)).map { _ in
      HPAScalingPolicy(
        type: Bool.random(using: &rng) ? .pods : .percent,
        value: Int.random(in: 1...150, using: &rng),
        periodSeconds: [15, 30, 60, 120].randomElement(using: &rng) ?? 60)
    }
    return HPAScalingRules(
      stabilizationWindowSeconds: nil,
      selectPolicy: [.max, .min, .disabled].randomElement(using: &rng) ?? .max,
      policies: policies)
  }

  /// Random scale events of the last two minutes.
  static func randomEvents(using rng: inout XorShift) -> [HPAScaleEvent] {
    (0..<Int.random(in: 0...4, using: &rng)).map { _ in
      HPAScaleEvent(
        replicaChange: Int.random(in: 1...5, using: &rng),
        time: now - .seconds(Int64.random(in: 0...120, using: &rng)))
    }
  }

  @Test("rate limiting skips the policies only where the bounds decide alone", arguments: 0..<20)
  func convertSkipsOnlyUndecidingPolicies(seedBlock: Int) {
    for seed in UInt64(seedBlock * 250)..<UInt64(seedBlock * 250 + 250) {
      var rng = XorShift(seed: seed)
      let behavior = HPABehavior(
        scaleUp: Self.randomRules(using: &rng), scaleDown: Self.randomRules(using: &rng))
      let scaleUpEvents = Self.randomEvents(using: &rng)
      let scaleDownEvents = Self.randomEvents(using: &rng)
      let minReplicas = Int.random(in: 0...8, using: &rng)
      let maxReplicas = Int.random(in: Swift.max(1, minReplicas)...16, using: &rng)
      // Often at a bound, where the policies are skipped.
      let current =
        [minReplicas, maxReplicas, Int.random(in: 0...20, using: &rng)]
        .randomElement(using: &rng) ?? minReplicas
      let desired = Int.random(in: 0...24, using: &rng)
      let expected = Self.upstreamConvert(
        desired: desired, current: current, minReplicas: minReplicas, maxReplicas: maxReplicas,
        behavior: behavior, scaleUpEvents: scaleUpEvents, scaleDownEvents: scaleDownEvents)
      let actual = HPABehaviorController.convertDesiredReplicasWithBehaviorRate(
        desired: desired, current: current, minReplicas: minReplicas, maxReplicas: maxReplicas,
        behavior: behavior, scaleUpEvents: scaleUpEvents, scaleDownEvents: scaleDownEvents,
        now: Self.now)
      #expect(actual == expected, "seed \(seed)")
    }
  }

  // MARK: - TestConvertDesiredReplicasWithRules (legacy path)

  @Test(
    "TestConvertDesiredReplicasWithRules",
    arguments: [
      (5, 7, 3, 8, 7, HPAScalingLimitReason.desiredWithinRange),
      (3, 1, 2, 8, 2, .tooFewReplicas),
      (1, 0, 0, 10, 0, .desiredWithinRange),
      (20, 1000, 1, 10, 10, .tooManyReplicas),
      (3, 1000, 1, 2000, 6, .scaleUpLimit),  // calculateScaleUpLimit(3)
    ])
  func convertDesiredReplicasWithRules(
    current: Int, desired: Int, min: Int, max: Int, expected: Int,
    condition: HPAScalingLimitReason
  ) {
    let (replicas, reason) = HPABehaviorController.convertDesiredReplicasWithRules(
      current: current, desired: desired, minReplicas: min, maxReplicas: max)
    #expect(replicas == expected)
    #expect(reason == condition)
  }

  // MARK: - TestNormalizeDesiredReplicas (legacy stabilization, 5 min)

  @Test(
    "TestNormalizeDesiredReplicas",
    arguments: [
      ("empty log", [(Int, Int64)](), 5, 5, 1),
      ("stabilize", [(4, 2), (5, 1)], 3, 5, 3),
      ("no stabilize", [(1, 2), (2, 1)], 3, 3, 3),
      ("no stabilize - old recommendations", [(10, 10), (9, 9)], 3, 3, 2),
      ("stabilize - old recommendations", [(10, 10), (4, 1), (5, 2), (9, 9)], 3, 5, 4),
    ])
  func normalizeDesiredReplicas(
    name: String, log: [(Int, Int64)], desired: Int, expected: Int, logLength: Int
  ) {
    var controller = HPABehaviorController()
    controller.recommendations = log.map {
      HPARecommendation(replicas: $0.0, time: Self.now - .minutes($0.1))
    }
    #expect(controller.stabilizeRecommendation(desired: desired, now: Self.now) == expected)
    #expect(controller.recommendations?.count == logLength)
  }

  // MARK: - TestNormalizeDesiredReplicasWithBehavior

  struct StabilizationCase: CustomTestStringConvertible, Sendable {
    var name: String
    var recommendations: [(Int, SimDuration)]
    var current: Int
    var desired: Int
    var expected: Int
    var expectedLog: [Int]?
    var upWindow = 0
    var downWindow = 0
    var testDescription: String { name }
  }

  static let stabilizationCases: [StabilizationCase] = [
    StabilizationCase(
      name: "empty recommendations for scaling down", recommendations: [], current: 100,
      desired: 5, expected: 5, expectedLog: [5]),
    StabilizationCase(
      name: "simple scale down stabilization",
      recommendations: [(4, .minutes(2)), (5, .minutes(1))], current: 100, desired: 3, expected: 5,
      expectedLog: [4, 5, 3], downWindow: 180),
    StabilizationCase(
      name: "simple scale up stabilization", recommendations: [(4, .minutes(2)), (5, .minutes(1))],
      current: 1, desired: 7, expected: 4, expectedLog: [4, 5, 7], upWindow: 300),
    StabilizationCase(
      name: "no scale down stabilization", recommendations: [(1, .minutes(2)), (2, .minutes(1))],
      current: 100, desired: 3, expected: 3, expectedLog: [1, 2, 3], upWindow: 300),
    StabilizationCase(
      name: "no scale up stabilization", recommendations: [(4, .minutes(2)), (5, .minutes(1))],
      current: 1, desired: 3, expected: 3, expectedLog: [4, 5, 3], downWindow: 300),
    StabilizationCase(
      name: "no scale down stabilization, reuse recommendation element",
      recommendations: [(10, .minutes(10)), (9, .minutes(9))], current: 100, desired: 3,
      expected: 3, expectedLog: [10, 3]),
    StabilizationCase(
      name: "no scale up stabilization, reuse recommendation element",
      recommendations: [(10, .minutes(10)), (9, .minutes(9))], current: 1, desired: 100,
      expected: 100, expectedLog: [10, 100]),
    StabilizationCase(
      name: "scale down stabilization, reuse one of obsolete recommendation element",
      recommendations: [(10, .minutes(10)), (4, .minutes(1)), (5, .minutes(2)), (9, .minutes(9))],
      current: 100, desired: 3, expected: 5, expectedLog: [10, 4, 5, 3], downWindow: 180),
    StabilizationCase(
      name: "scale up stabilization, reuse one of obsolete recommendation element",
      recommendations: [(10, .minutes(100)), (6, .minutes(1)), (5, .minutes(2)), (9, .minutes(3))],
      current: 1, desired: 100, expected: 5, expectedLog: [100, 6, 5, 9], upWindow: 300),
    StabilizationCase(
      name: "scale up and down stabilization, do not scale up when prenormalized rec goes down",
      recommendations: [(2, .minutes(100)), (3, .minutes(3))], current: 2, desired: 1, expected: 2,
      expectedLog: nil, upWindow: 300, downWindow: 300),
    StabilizationCase(
      name: "scale up and down stabilization, do not scale down when prenormalized rec goes up",
      recommendations: [(2, .minutes(100)), (1, .minutes(3))], current: 2, desired: 3, expected: 2,
      expectedLog: nil, upWindow: 300, downWindow: 300),
  ]

  @Test("TestNormalizeDesiredReplicasWithBehavior", arguments: stabilizationCases)
  func normalizeDesiredReplicasWithBehavior(_ c: StabilizationCase) {
    var controller = HPABehaviorController()
    controller.recommendations = c.recommendations.map {
      HPARecommendation(replicas: $0.0, time: Self.now - $0.1)
    }
    let behavior = HPABehavior(
      scaleUp: HPAScalingRules(stabilizationWindowSeconds: c.upWindow, policies: []),
      scaleDown: HPAScalingRules(stabilizationWindowSeconds: c.downWindow, policies: []))
    let (replicas, _) = controller.stabilizeRecommendationWithBehaviors(
      desired: c.desired, current: c.current, behavior: behavior, now: Self.now)
    #expect(replicas == c.expected)
    if let log = c.expectedLog {
      #expect(controller.recommendations?.map(\.replicas) == log)
    }
  }

  // MARK: - TestStoreScaleEvents

  struct StoreCase: CustomTestStringConvertible, Sendable {
    var name: String
    var previous: [(Int, Int64)]  // change, seconds ago
    var expectedEvents: [(Int, Bool)]  // change, outdated
    var rules: HPAScalingRules?
    var expectedChange: Int
    var testDescription: String { name }
  }

  static let storeCases: [StoreCase] = [
    StoreCase(
      name: "empty entries with default behavior", previous: [], expectedEvents: [], rules: nil,
      expectedChange: 0),
    StoreCase(
      name: "empty entries with two-policy-behavior", previous: [], expectedEvents: [(5, false)],
      rules: rules(10, 60, 100, 60, 0), expectedChange: 0),
    StoreCase(
      name: "one outdated entry to be kept untouched without behavior", previous: [(7, 61)],
      expectedEvents: [(7, false)], rules: nil, expectedChange: 0),
    StoreCase(
      name: "one outdated entry to be replaced with behavior", previous: [(7, 61)],
      expectedEvents: [(5, false)], rules: rules(10, 60, 100, 60, 0), expectedChange: 0),
    StoreCase(
      name: "one actual entry to be not touched with behavior", previous: [(7, 58)],
      expectedEvents: [(7, false), (5, false)], rules: rules(10, 60, 100, 60, 0), expectedChange: 7),
    StoreCase(
      name: "two entries, one of them to be replaced", previous: [(7, 61), (6, 59)],
      expectedEvents: [(5, false), (6, false)], rules: rules(10, 60, 0, 0, 0), expectedChange: 6),
    StoreCase(
      name: "replace one entry, use policies with different periods",
      previous: [(8, 29), (6, 59), (7, 61), (9, 61)],
      expectedEvents: [(8, false), (6, false), (7, true), (5, false)],
      rules: rules(10, 60, 100, 30, 0), expectedChange: 14),
    StoreCase(
      name: "two entries, both actual", previous: [(7, 58), (6, 59)],
      expectedEvents: [(7, false), (6, false), (5, false)], rules: rules(10, 120, 100, 30, 0),
      expectedChange: 13),
  ]

  @Test("TestStoreScaleEvents", arguments: storeCases)
  func storeScaleEvents(_ c: StoreCase) {
    let previous = c.previous.map {
      HPAScaleEvent(replicaChange: $0.0, time: Self.now - .seconds($0.1))
    }
    for up in [true, false] {
      var controller = HPABehaviorController()
      if up { controller.scaleUpEvents = previous } else { controller.scaleDownEvents = previous }
      let events = up ? controller.scaleUpEvents : controller.scaleDownEvents
      #expect(
        HPABehaviorController.replicasChange(inLast: 60, events: events, now: Self.now)
          == c.expectedChange)
      let behavior = c.rules.map {
        up ? HPABehavior(scaleUp: $0) : HPABehavior(scaleDown: $0)
      }
      controller.storeScaleEvent(behavior: behavior, from: 10, to: up ? 15 : 5, at: Self.now)
      let stored = up ? controller.scaleUpEvents : controller.scaleDownEvents
      #expect(stored.map(\.replicaChange) == c.expectedEvents.map(\.0), "up: \(up)")
      #expect(stored.map(\.isOutdated) == c.expectedEvents.map(\.1), "up: \(up)")
    }
  }

  @Test("the legacy scale-up cap in integers equals upstream's floating-point max(2 x current, 4)")
  func legacyScaleUpLimitMatchesFloatingPoint() {
    let large = 1 << 52
    let currents = Array(0...10_000) + [large - 1, large, large + 1, 1 << 60, -1, -7]
    for current in currents {
      #expect(
        HPABehaviorController.legacyScaleUpLimit(current: current)
          == Int(Swift.max(2.0 * Double(current), 4.0)), "current = \(current)")
    }
  }
}
