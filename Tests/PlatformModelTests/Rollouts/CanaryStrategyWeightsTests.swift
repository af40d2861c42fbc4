import SimKernel
import Testing

@testable import PlatformModel

extension RolloutsTests {
  @Suite("Canary weights and steps (upstream utils/replicaset/canary_test.go)")
  struct CanaryStrategyWeightsTests {
    /// Source: `TestGetCurrentSetWeight`, argoproj/argo-rollouts utils/replicaset/canary_test.go
    /// (one `setWeight: 10` step).
    @Test("the set weight is the step's until past the last step, then 100, and 0 once aborted")
    func currentSetWeight() {
      let strategy = CanaryStrategy(steps: [.setWeight(10)])
      #expect(strategy.currentSetWeight(stepIndex: 1, isAborted: false) == 100)
      #expect(strategy.currentSetWeight(stepIndex: 0, isAborted: false) == 10)
      #expect(strategy.currentSetWeight(stepIndex: 0, isAborted: true) == 0)
    }

    /// `GetCurrentSetWeight` (argoproj/argo-rollouts utils/replicaset/canary.go) scans back from
    /// the current step for the last `setWeight`, and finds 0 if none comes that early; without
    /// steps the rollout goes straight to 100.
    @Test("the last setWeight at or before the step counts; none yet is 0; no steps is 100")
    func setWeightScansBackward() {
      let strategy = CanaryStrategy(steps: [
        .pause(duration: .minutes(1)), .setWeight(20), .pause(duration: nil),
        .analysis(RolloutAnalysis(templateNames: ["success-rate"])), .setWeight(60),
        .pause(duration: .seconds(30)),
      ])
      let weights = (0...6).map { strategy.currentSetWeight(stepIndex: $0, isAborted: false) }
      #expect(weights == [0, 20, 20, 20, 60, 60, 100])
      #expect(CanaryStrategy(steps: []).currentSetWeight(stepIndex: 0, isAborted: false) == 100)
    }

    /// Source: `TestGetCurrentCanaryStep`, argoproj/argo-rollouts utils/replicaset/canary_test.go.
    @Test("the current step is nil without steps or past the last")
    func currentCanaryStep() {
      #expect(CanaryStrategy(steps: []).step(at: 0) == nil)
      let strategy = CanaryStrategy(steps: [.pause(duration: nil)])
      #expect(strategy.step(at: 0) == .pause(duration: nil))
      #expect(strategy.step(at: 1) == nil)
    }

    /// Source: `TestGetCanaryReplicasOrWeight`, argoproj/argo-rollouts
    /// utils/replicaset/canary_test.go, its four rows.
    @Test("the scale target is 100 when promoting fully or without a stable, else the scale step's")
    func canaryReplicasOrWeight() {
      // Full promotion.
      #expect(
        CanaryStrategy(steps: []).scaleTarget(status: CanaryStatus(isPromotingFully: true))
          == CanaryScaleTarget(weight: 100))
      // A setCanaryScale weight after a setWeight, with a traffic router.
      let byWeight = CanaryStrategy(
        steps: [.setWeight(10), .setCanaryScale(SetCanaryScale(weight: 20))],
        usesTrafficRouting: true)
      #expect(
        byWeight.scaleTarget(status: CanaryStatus(currentStepIndex: 1))
          == CanaryScaleTarget(weight: 20))
      // A setCanaryScale replica count: weight 0.
      let byReplicas = CanaryStrategy(
        steps: [.setWeight(10), .setCanaryScale(SetCanaryScale(replicas: 5))],
        usesTrafficRouting: true)
      #expect(
        byReplicas.scaleTarget(status: CanaryStatus(currentStepIndex: 1))
          == CanaryScaleTarget(replicas: 5, weight: 0))
      // No stable revision (upstream's blue/green row, aborted with an empty stableRS).
      #expect(
        CanaryStrategy(steps: []).scaleTarget(
          status: CanaryStatus(isAborted: true, hasSeparateStable: false))
          == CanaryScaleTarget(weight: 100))
    }

    /// `UseSetCanaryScale` (argoproj/argo-rollouts utils/replicaset/canary.go): a later
    /// `matchTrafficWeight` step cancels an earlier scale, and an abort cancels it unless the
    /// canary is kept up.
    @Test("matchTrafficWeight and aborts cancel a setCanaryScale step")
    func canaryScaleCancellation() {
      let strategy = CanaryStrategy(
        steps: [
          .setCanaryScale(SetCanaryScale(replicas: 3)), .setWeight(40),
          .setCanaryScale(SetCanaryScale(matchTrafficWeight: true)),
        ], usesTrafficRouting: true)
      #expect(strategy.canaryScaleInForce(status: CanaryStatus(currentStepIndex: 1))?.replicas == 3)
      #expect(strategy.canaryScaleInForce(status: CanaryStatus(currentStepIndex: 2)) == nil)
      #expect(strategy.canaryScaleInForce(status: CanaryStatus(currentStepIndex: 3)) == nil)
      #expect(
        strategy.canaryScaleInForce(status: CanaryStatus(currentStepIndex: 1, isAborted: true))
          == nil)
      var keepsCanary = strategy
      keepsCanary.abortScaleDownDelay = .zero
      #expect(
        keepsCanary.canaryScaleInForce(status: CanaryStatus(currentStepIndex: 1, isAborted: true))?
          .replicas == 3)
    }

    /// Source: `TestBeforeStartingStep`, argoproj/argo-rollouts utils/replicaset/canary_test.go.
    @Test("background analysis waits for its starting step, if it has one and there are steps")
    func beforeStartingStep() {
      var strategy = CanaryStrategy(
        steps: [], backgroundAnalysis: CanaryBackgroundAnalysis(RolloutAnalysis()))
      #expect(!strategy.isBeforeBackgroundAnalysisStart(stepIndex: 0))
      strategy.backgroundAnalysis?.startingStep = 1
      #expect(!strategy.isBeforeBackgroundAnalysisStart(stepIndex: 0))
      strategy.steps = [.setWeight(1), .pause(duration: nil)]
      #expect(strategy.isBeforeBackgroundAnalysisStart(stepIndex: 0))
      #expect(!strategy.isBeforeBackgroundAnalysisStart(stepIndex: 1))
    }
  }
}
