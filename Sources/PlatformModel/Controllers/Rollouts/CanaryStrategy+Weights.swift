extension CanaryStrategy {
  /// The step at `index`, or `nil` when there are no steps or all are done.
  ///
  /// Mirrors `GetCurrentCanaryStep` (argoproj/argo-rollouts utils/replicaset/canary.go).
  package func step(at index: Int) -> CanaryStep? {
    steps.indices.contains(index) ? steps[index] : nil
  }

  /// The weight the steps ask for at `stepIndex`.
  ///
  /// Mirrors `GetCurrentSetWeight` (argoproj/argo-rollouts utils/replicaset/canary.go): 0 once
  /// aborted; 100 when there are no steps or all are done; otherwise the last `setWeight` at or
  /// before the step, or 0 if none comes that early.
  package func currentSetWeight(stepIndex: Int, isAborted: Bool) -> Int {
    if isAborted { return 0 }
    guard step(at: stepIndex) != nil else { return 100 }
    return steps[...stepIndex].last { $0.setWeight != nil }?.setWeight ?? 0
  }

  /// The `setCanaryScale` step in force, if one should be honoured.
  ///
  /// Mirrors `UseSetCanaryScale` (argoproj/argo-rollouts utils/replicaset/canary.go): never
  /// without a traffic router; not after an abort unless the canary is kept up
  /// (``abortScaleDown`` is `never`); not once all steps are done; otherwise the last such step
  /// at or before the current one, unless that step says `matchTrafficWeight`.
  package func canaryScaleInForce(status: CanaryStatus) -> SetCanaryScale? {
    guard usesTrafficRouting else { return nil }
    if status.isAborted, abortScaleDown != .never { return nil }
    guard step(at: status.currentStepIndex) != nil else { return nil }
    guard
      let scale = steps[...status.currentStepIndex].last(where: { $0.canaryScale != nil })?
        .canaryScale, !scale.matchTrafficWeight
    else { return nil }
    return scale
  }

  /// What the canary should be sized to now.
  ///
  /// Mirrors `GetCanaryReplicasOrWeight` (argoproj/argo-rollouts utils/replicaset/canary.go):
  /// weight 100 when promoting fully or without a separate stable revision; else the
  /// `setCanaryScale` in force (its replicas, else its weight); else the steps' weight,
  /// ``currentSetWeight(stepIndex:isAborted:)``.
  package func scaleTarget(status: CanaryStatus) -> CanaryScaleTarget {
    if status.isPromotingFully || !status.hasSeparateStable {
      return CanaryScaleTarget(weight: 100)
    }
    if let scale = canaryScaleInForce(status: status) {
      if let replicas = scale.replicas { return CanaryScaleTarget(replicas: replicas, weight: 0) }
      if let weight = scale.weight { return CanaryScaleTarget(weight: weight) }
    }
    return CanaryScaleTarget(
      weight: currentSetWeight(stepIndex: status.currentStepIndex, isAborted: status.isAborted))
  }

  /// Whether the background analysis has yet to start because the rollout is before its
  /// starting step.
  ///
  /// Mirrors `BeforeStartingStep` (argoproj/argo-rollouts utils/replicaset/canary.go): false
  /// without a background analysis, without a starting step, or without steps.
  package func isBeforeBackgroundAnalysisStart(stepIndex: Int) -> Bool {
    guard let start = backgroundAnalysis?.startingStep, !steps.isEmpty else { return false }
    return stepIndex < start
  }
}
