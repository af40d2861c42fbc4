import SimKernel
import Testing

@testable import PlatformModel

extension RolloutsTests {
  @Suite("Canary strategy defaults (upstream utils/defaults)")
  struct CanaryStrategyTests {
    /// Source: argoproj/argo-rollouts utils/defaults/defaults.go constants (`DefaultMaxSurge`,
    /// `DefaultMaxUnavailable` "25", `DefaultProgressDeadlineSeconds` 600,
    /// `DefaultScaleDownDelaySeconds` 30, `DefaultAbortScaleDownDelaySeconds` 30,
    /// `DefaultConsecutiveErrorLimit` 4) and analysis/analysis.go `DefaultErrorRetryInterval` 10 s.
    @Test("the defaults are upstream's")
    func defaults() {
      let strategy = CanaryStrategy(steps: [])
      #expect(strategy.maxSurge == .percent(25) && strategy.maxUnavailable == .percent(25))
      #expect(RolloutDefaults.progressDeadline == .seconds(600))
      #expect(RolloutDefaults.scaleDownDelay == .seconds(30))
      #expect(RolloutDefaults.abortScaleDownDelay == .seconds(30))
      #expect(RolloutDefaults.consecutiveErrorLimit == 4)
      #expect(RolloutDefaults.errorRetryInterval == .seconds(10))
      #expect(AnalysisMetric(name: "m").consecutiveErrorLimit == 4)
    }

    /// Source: `TestGetAbortScaleDownDelaySecondsOrDefault`, argoproj/argo-rollouts
    /// utils/defaults/defaults_test.go, its canary blocks.
    @Test("after an abort a routed canary waits 30 s or as set, 0 keeps it, a basic one goes now")
    func abortScaleDownDelay() {
      var routed = CanaryStrategy(steps: [], usesTrafficRouting: true)
      #expect(routed.abortScaleDown == .after(.seconds(30)))
      routed.abortScaleDownDelay = .seconds(60)
      #expect(routed.abortScaleDown == .after(.seconds(60)))
      routed.abortScaleDownDelay = .zero
      #expect(routed.abortScaleDown == .never)
      #expect(CanaryStrategy(steps: []).abortScaleDown == .after(.zero))
      #expect(
        CanaryStrategy(steps: [], abortScaleDownDelay: .seconds(60)).abortScaleDown
          == .after(.zero))
    }

    /// Source: `TestGetScaleDownDelaySecondsOrDefault`, argoproj/argo-rollouts
    /// utils/defaults/defaults_test.go, its canary blocks.
    @Test("the old stable lingers 30 s or as set behind a router and not at all without one")
    func scaleDownDelay() {
      #expect(
        CanaryStrategy(steps: [], usesTrafficRouting: true).resolvedScaleDownDelay == .seconds(30))
      #expect(
        CanaryStrategy(steps: [], usesTrafficRouting: true, scaleDownDelay: .seconds(60))
          .resolvedScaleDownDelay == .seconds(60))
      #expect(
        CanaryStrategy(steps: [], scaleDownDelay: .seconds(60)).resolvedScaleDownDelay == .zero)
    }

    /// `MaxSurge` and `MaxUnavailable` (argoproj/argo-rollouts utils/replicaset/replicaset.go):
    /// 25 % of 10 is 3 surge (up) and 2 unavailable (down); unavailability is 0 without replicas
    /// and at most the replicas; both zero makes one unavailable.
    @Test("the canary's fenceposts round surge up, unavailability down, and clamp it")
    func fenceposts() {
      #expect(
        CanaryStrategy(steps: []).fenceposts(replicas: 10) == .init(maxSurge: 3, maxUnavailable: 2))
      #expect(
        CanaryStrategy(steps: []).fenceposts(replicas: 0) == .init(maxSurge: 0, maxUnavailable: 0))
      #expect(
        CanaryStrategy(steps: [], maxSurge: .count(0), maxUnavailable: .count(7))
          .fenceposts(replicas: 5) == .init(maxSurge: 0, maxUnavailable: 5))
      #expect(
        CanaryStrategy(steps: [], maxSurge: .percent(0), maxUnavailable: .percent(0))
          .fenceposts(replicas: 10) == .init(maxSurge: 0, maxUnavailable: 1))
    }
  }
}
