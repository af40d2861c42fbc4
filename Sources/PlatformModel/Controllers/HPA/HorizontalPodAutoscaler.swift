import SimKernel

/// One HorizontalPodAutoscaler: its spec, the controller settings and its state across syncs,
/// reconciled once per sync period: by ``sync(currentReplicas:census:now:)`` in a run, by
/// ``sync(currentReplicas:pods:now:)`` (pod by pod, as upstream) in the differential tests.
///
/// A sync follows upstream's `reconcileAutoscaler`:
/// - `currentReplicas == 0` with `minReplicas != 0`: scaling is disabled; nothing changes.
/// - `currentReplicas` above `maxReplicas` or below `minReplicas`: go straight to the bound.
/// - Otherwise every metric proposes a count (``ReplicaCalculator``), the largest wins, and
///   ``HPABehaviorController`` stabilizes, rate-limits and clamps it. If every metric failed,
///   or some failed and the rest would scale down, nothing changes.
/// An applied change is recorded as a scale event. The caller applies `desiredReplicas` to the
/// workload when `rescale` is true.
///
/// No random numbers are drawn.
package struct HorizontalPodAutoscaler: Sendable, Equatable {
  /// The autoscaler's spec.
  package var spec: HorizontalPodAutoscalerSpec
  /// The replica calculator, with the controller settings.
  package var calculator: ReplicaCalculator
  /// Recommendations and scale events so far.
  package var state: HPABehaviorController
  /// When the autoscaler last changed the replica count (`status.lastScaleTime`).
  package var lastScaleTime: SimTime?

  /// An autoscaler with no history.
  package init(
    spec: HorizontalPodAutoscalerSpec, settings: HPAControllerSettings = HPAControllerSettings()
  ) {
    self.spec = spec
    self.calculator = ReplicaCalculator(settings: settings)
    self.state = HPABehaviorController(settings: settings)
  }

  /// The controller settings.
  package var settings: HPAControllerSettings { calculator.settings }

  /// The tolerance band for this autoscaler: the behavior's per-direction tolerances where set,
  /// else the controller's.
  package var tolerances: HPATolerances {
    HPATolerances(
      scaleDown: spec.behavior?.scaleDown.tolerance ?? settings.tolerance,
      scaleUp: spec.behavior?.scaleUp.tolerance ?? settings.tolerance)
  }

  /// Reconciles once.
  ///
  /// - Parameters:
  ///   - currentReplicas: the workload's `spec.replicas`.
  ///   - pods: every pod the workload's selector matches, with its status and latest samples.
  ///   - now: the sync time.
  /// - Returns: the decision; apply `desiredReplicas` when `rescale` is true.
  /// - Precondition: `spec.metrics` is not empty; `currentReplicas >= 0`.
  /// - Complexity: O(*m*·*n* + *r* + *e*·*p*): metrics × pods, recommendations, events × policies.
  package mutating func sync(currentReplicas: Int, pods: [HPAPodMetrics], now: SimTime)
    -> HPASyncResult
  {
    reconcile(currentReplicas: currentReplicas, now: now, recordingProposals: true) {
      (calculator, metric, tolerances) throws(HPAMetricError) in
      try calculator.proposal(
        currentReplicas: currentReplicas, metric: metric, pods: pods, tolerances: tolerances,
        now: now)
    }
  }

  /// Reconciles once from a census of the pods: the same decision and the same state changes as
  /// ``sync(currentReplicas:pods:now:)`` for the pods the census counted, without the per-pod
  /// arrays or a per-metric record.
  ///
  /// The census is read, never changed. It is `inout` so that it is read where the caller keeps
  /// it: a struct this size passed by value (or `borrowing`) is copied aside first, 136 bytes
  /// on every sync, because the calculation's rare cases hand it whole to a function that is
  /// not inlined.
  ///
  /// - Parameters:
  ///   - currentReplicas: the workload's `spec.replicas`.
  ///   - census: every pod the workload's selector matches, counted at `now` by ``calculator``;
  ///     left as it is.
  ///   - now: the sync time.
  /// - Returns: the decision; apply `desiredReplicas` when `rescale` is true. What each metric
  ///   proposed is left out: ``proposals(currentReplicas:census:now:)`` recomputes it.
  /// - Precondition: `spec.metrics` is not empty; `currentReplicas >= 0`.
  /// - Complexity: O(*m* + *r* + *e*·*p*): metrics, recommendations, events × policies.
  @inline(__always)
  package mutating func sync(currentReplicas: Int, census: inout HPAPodCensus, now: SimTime)
    -> HPAScaleDecision
  {
    // `reconcile` step for step, keeping only what decides the count: no result record to
    // build and destroy on every sync.
    precondition(!spec.metrics.isEmpty, "an autoscaler needs at least one metric")
    precondition(currentReplicas >= 0, "replicas cannot be negative")
    state.recordInitialRecommendation(currentReplicas, at: now)
    let desiredReplicas: Int
    if currentReplicas == 0 && spec.minReplicas != 0 {
      return HPAScaleDecision(desiredReplicas: currentReplicas, rescale: false)
    } else if currentReplicas > spec.maxReplicas {
      desiredReplicas = spec.maxReplicas
    } else if currentReplicas < spec.minReplicas {
      desiredReplicas = spec.minReplicas
    } else {
      var proposed = 0
      var invalid = 0
      let tolerances = self.tolerances
      for metric in spec.metrics {
        do throws(HPAMetricError) {
          let replicas = try calculator.proposedReplicas(
            currentReplicas: currentReplicas, metric: metric, census: &census,
            tolerances: tolerances)
          if proposed == 0 || replicas > proposed { proposed = replicas }
        } catch {
          invalid += 1
        }
      }
      if invalid >= spec.metrics.count || (invalid > 0 && proposed < currentReplicas) {
        return HPAScaleDecision(desiredReplicas: currentReplicas, rescale: false)
      }
      // `state.normalize` step for step, keeping only the count (not its reasons).
      let desired = Swift.max(proposed, 0)
      if let behavior = spec.behavior {
        let stabilized = state.stabilizeRecommendationWithBehaviors(
          desired: desired, current: currentReplicas, behavior: behavior, now: now
        ).replicas
        desiredReplicas =
          HPABehaviorController.convertDesiredReplicasWithBehaviorRate(
            desired: stabilized, current: currentReplicas, minReplicas: spec.minReplicas,
            maxReplicas: spec.maxReplicas, behavior: behavior,
            scaleUpEvents: state.scaleUpEvents, scaleDownEvents: state.scaleDownEvents, now: now
          ).replicas
      } else {
        desiredReplicas =
          HPABehaviorController.convertDesiredReplicasWithRules(
            current: currentReplicas,
            desired: state.stabilizeRecommendation(desired: desired, now: now),
            minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas
          ).replicas
      }
    }
    guard desiredReplicas != currentReplicas else {
      return HPAScaleDecision(desiredReplicas: currentReplicas, rescale: false)
    }
    state.storeScaleEvent(
      behavior: spec.behavior, from: currentReplicas, to: desiredReplicas, at: now)
    lastScaleTime = now
    return HPAScaleDecision(desiredReplicas: desiredReplicas, rescale: true)
  }

  /// Each metric's proposal or error, in spec order, as a sync with these arguments computes
  /// them (``HPASyncResult/proposals``): empty when the replica bounds alone decide.
  ///
  /// The calculation keeps no state, so calling this after
  /// ``sync(currentReplicas:census:now:)`` with the same arguments describes that sync.
  ///
  /// - Complexity: O(*m*) in the number of metrics.
  package func proposals(currentReplicas: Int, census: HPAPodCensus, now: SimTime)
    -> [Result<ReplicaProposal, HPAMetricError>]
  {
    guard consultsMetrics(currentReplicas: currentReplicas) else { return [] }
    let tolerances = self.tolerances
    return spec.metrics.map { metric in
      Result { () throws(HPAMetricError) in
        try calculator.proposal(
          currentReplicas: currentReplicas, metric: metric, census: census, tolerances: tolerances)
      }
    }
  }

  /// Whether a sync from `currentReplicas` asks the metrics: scaling is enabled and the count is
  /// inside the replica bounds.
  private func consultsMetrics(currentReplicas: Int) -> Bool {
    !(currentReplicas == 0 && spec.minReplicas != 0) && currentReplicas <= spec.maxReplicas
      && currentReplicas >= spec.minReplicas
  }

  /// Upstream's `reconcileAutoscaler` with the metrics' proposals supplied by `propose`.
  ///
  /// - Parameters:
  ///   - currentReplicas: the workload's `spec.replicas`.
  ///   - now: the sync time.
  ///   - recordingProposals: whether to keep each metric's proposal or error in the result.
  ///   - propose: one metric's proposal, computed with the given calculator and tolerances.
  @inline(__always)
  private mutating func reconcile(
    currentReplicas: Int, now: SimTime, recordingProposals: Bool,
    propose: (ReplicaCalculator, HPAMetricSpec, HPATolerances) throws(HPAMetricError) ->
      ReplicaProposal
  ) -> HPASyncResult {
    precondition(!spec.metrics.isEmpty, "an autoscaler needs at least one metric")
    precondition(currentReplicas >= 0, "replicas cannot be negative")
    state.recordInitialRecommendation(currentReplicas, at: now)
    var result = HPASyncResult(currentReplicas: currentReplicas)

    if currentReplicas == 0 && spec.minReplicas != 0 {
      result.activity = .scalingDisabled
      return result
    } else if currentReplicas > spec.maxReplicas {
      result.reason = .aboveMaxReplicas
      result.desiredReplicas = spec.maxReplicas
    } else if currentReplicas < spec.minReplicas {
      result.reason = .belowMinReplicas
      result.desiredReplicas = spec.minReplicas
    } else {
      var proposed = 0
      var proposingMetric: HPAMetricSpec?
      var firstError: HPAMetricError?
      var invalid = 0
      let tolerances = self.tolerances
      if recordingProposals { result.proposals.reserveCapacity(spec.metrics.count) }
      for metric in spec.metrics {
        do {
          let proposal = try propose(calculator, metric, tolerances)
          if recordingProposals { result.proposals.append(.success(proposal)) }
          if proposed == 0 || proposal.replicas > proposed {
            proposed = proposal.replicas
            proposingMetric = metric
          }
        } catch {
          if recordingProposals { result.proposals.append(.failure(error)) }
          if firstError == nil { firstError = error }
          invalid += 1
        }
      }
      if invalid >= spec.metrics.count || (invalid > 0 && proposed < currentReplicas) {
        result.activity = .failed(firstError ?? .noMetricsForTargetedPods)
        return result
      }
      result.metricError = firstError
      var desired = 0
      if proposed > desired { desired = proposed }
      if desired > currentReplicas, let proposingMetric {
        result.reason = .metricAboveTarget(proposingMetric.resource)
      }
      if desired < currentReplicas { result.reason = .allMetricsBelowTarget }
      let normalization = state.normalize(
        desired: desired, current: currentReplicas, minReplicas: spec.minReplicas,
        maxReplicas: spec.maxReplicas, behavior: spec.behavior, now: now)
      result.normalization = normalization
      result.desiredReplicas = normalization.replicas
    }

    if result.desiredReplicas != currentReplicas {
      result.rescale = true
      state.storeScaleEvent(
        behavior: spec.behavior, from: currentReplicas, to: result.desiredReplicas, at: now)
      lastScaleTime = now
    } else {
      result.desiredReplicas = currentReplicas
    }
    return result
  }
}

/// What a sync decided, without the detail of ``HPASyncResult``.
package struct HPAScaleDecision: Sendable, Equatable {
  /// The replicas to apply; equals the current replicas when nothing changes.
  package var desiredReplicas: Int
  /// Whether the workload must be scaled to `desiredReplicas`.
  package var rescale: Bool

  /// Creates a decision.
  package init(desiredReplicas: Int, rescale: Bool) {
    self.desiredReplicas = desiredReplicas
    self.rescale = rescale
  }
}

/// What one sync decided.
package struct HPASyncResult: Sendable, Equatable {
  /// The replicas the sync started from.
  package var currentReplicas: Int
  /// The replicas to apply; equals `currentReplicas` when nothing changes.
  package var desiredReplicas: Int
  /// Whether the workload must be scaled to `desiredReplicas`.
  package var rescale: Bool = false
  /// Why, when there was a reason to move (the `SuccessfulRescale` event's reason).
  package var reason: HPARescaleReason?
  /// Each metric's proposal or error, in spec order (empty when metrics were not consulted).
  package var proposals: [Result<ReplicaProposal, HPAMetricError>] = []
  /// Stabilization and limits, when the metrics were used.
  package var normalization: HPANormalization?
  /// Whether the autoscaler could compute a count (the `ScalingActive` condition).
  package var activity: HPAScalingActivity = .active
  /// The first failed metric's error when the others still drove a scale-up.
  package var metricError: HPAMetricError?

  /// A result that keeps `currentReplicas`.
  package init(currentReplicas: Int) {
    self.currentReplicas = currentReplicas
    self.desiredReplicas = currentReplicas
  }
}

/// Why an autoscaler wanted to move (upstream's `rescaleReason`).
package enum HPARescaleReason: Sendable, Equatable {
  /// "Current number of replicas above Spec.MaxReplicas".
  case aboveMaxReplicas
  /// "Current number of replicas below Spec.MinReplicas".
  case belowMinReplicas
  /// "<metric> above target": the metric that asked for the most replicas.
  case metricAboveTarget(HPAResourceName)
  /// "All metrics below target".
  case allMetricsBelowTarget
}

/// The `ScalingActive` condition.
package enum HPAScalingActivity: Sendable, Equatable {
  /// A valid metric produced a count (`ValidMetricFound`), or the bounds alone decided.
  case active
  /// The workload has 0 replicas and `minReplicas` is not 0 (`ScalingDisabled`).
  case scalingDisabled
  /// No usable count: every metric failed, or some failed and the rest would scale down.
  case failed(HPAMetricError)
}
