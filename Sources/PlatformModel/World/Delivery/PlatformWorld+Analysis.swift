import SimKernel

/// Analysis runs against the simulated platform: each metric measured at its interval from
/// the flow's per-revision accumulators, assessed with the upstream rules
/// (Controllers/Rollouts/AnalysisRun), and the rollout told when a run ends.
extension PlatformWorld {
  /// Starts a run of `checks` for service `s`'s rollout and schedules its first measurement.
  mutating func startAnalysis(
    _ s: ServiceID, _ checks: [AnalysisCheck], in simulation: inout Simulation<WorldEvent>
  ) -> ActiveAnalysis {
    // Rates and quantiles need a window of requests: their first measurement comes one
    // interval after the start, covering that interval, as a PromQL `rate()` would.
    let metrics = checks.map { check -> AnalysisMetric in
      var metric = check.metric
      if check.measure != .readyRatio, let interval = metric.interval {
        metric.initialDelay = max(metric.initialDelay ?? .zero, interval)
      }
      return metric
    }
    let run = AnalysisRun(metrics: metrics, startedAt: simulation.now)
    let baselines = checks.map { analysisBaseline(s, scope: $0.scope) }
    log(simulation.now, .analysisStart, services[s].name, checks.map(\.metric.name).joined(separator: ", "))
    let first = metrics.map { $0.initialDelay ?? .zero }.min() ?? .zero
    simulation.schedule(.analysisMeasure(service: s, generation: delivery[s].generation), after: first)
    return ActiveAnalysis(run: run, checks: checks, baselines: baselines)
  }

  /// The cumulative figures of the pods a scope covers.
  func analysisBaseline(_ s: ServiceID, scope: AnalysisScope) -> AnalysisBaseline {
    let groups = scope == .canary ? [s.newRevisionGroup] : [s.stableGroup, s.newRevisionGroup]
    var baseline = AnalysisBaseline()
    for k in groups {
      baseline.requests += delivery.groupRequests[k]
      baseline.failed += delivery.groupFailed[k]
      baseline.cpuCoreSeconds += delivery.groupCPUSeconds[k]
      baseline.podSeconds += delivery.groupPodSeconds[k]
    }
    return baseline
  }

  /// Takes the measurements that are due in the service's runs, assesses them, and lets the
  /// rollout react; schedules the next measurement.
  mutating func analysisMeasure(_ s: ServiceID, in simulation: inout Simulation<WorldEvent>) {
    var next: SimTime? = nil
    var ended = false
    for slot in 0..<2 {
      guard var active = slot == 0 ? delivery[s].background : delivery[s].stepAnalysis,
        !active.run.isCompleted
      else { continue }
      let terminating = active.run.isTerminating
      for (m, check) in active.checks.enumerated() {
        guard let due = active.run.metrics[m].nextMeasurementTime(
          result: active.run.results[m], runStartedAt: active.run.startedAt, isTerminating: terminating),
          due <= simulation.now
        else { continue }
        let phase = measure(s, check, since: active.baselines[m], at: simulation.now)
        active.run.results[m].completeMeasurement(phase, at: simulation.now)
        active.baselines[m] = analysisBaseline(s, scope: check.scope)
      }
      var phase = active.run.assess()
      // A metric that just failed makes the run terminate; upstream requeues and assesses
      // again at once, which ends the run.
      if !phase.isCompleted && active.run.isTerminating { phase = active.run.assess() }
      if phase.isCompleted {
        ended = true
        log(simulation.now, .analysisEnded(phase), services[s].name, active.run.message)
      } else {
        for m in active.checks.indices {
          if let due = active.run.metrics[m].nextMeasurementTime(
            result: active.run.results[m], runStartedAt: active.run.startedAt,
            isTerminating: active.run.isTerminating)
          {
            next = min(next ?? due, due)
          }
        }
      }
      if slot == 0 { delivery[s].background = active } else { delivery[s].stepAnalysis = active }
    }
    if let next {
      simulation.schedule(
        .analysisMeasure(service: s, generation: delivery[s].generation),
        after: max(.zero, next - simulation.now))
    }
    if ended {
      if let background = delivery[s].background, background.run.phase.isCompleted,
        background.run.phase != .successful
      {
        abortRollout(s, reason: background.run.message, in: &simulation)
      } else {
        reconcileRollout(s, in: &simulation)
      }
    }
  }

  /// The standard normal distribution, for measurement noise.
  static let standardNormalDistribution: Distribution? = try? Distribution.normal(mean: 0, standardDeviation: 1)

  /// One measurement of `check`: its value over the window since `baseline` (or now), judged
  /// by its success condition; `error` when there is nothing to measure (no requests, no pods).
  /// Error rates and percentiles carry the sampling noise of the window's request count, so a
  /// canary at a small weight is measured on few requests, as in life.
  mutating func measure(
    _ s: ServiceID, _ check: AnalysisCheck, since baseline: AnalysisBaseline, at time: SimTime
  ) -> AnalysisPhase {
    let now = analysisBaseline(s, scope: check.scope)
    guard let standardNormal = Self.standardNormalDistribution else { return .error }
    let value: Double
    switch check.measure {
    case .errorRate:
      // The share of failures among the window's requests, with the binomial sampling noise
      // of counting them (normal approximation).
      let requests = (now.requests - baseline.requests).rounded()
      guard requests >= 1 else { return .error }
      let p = min(1, max(0, (now.failed - baseline.failed) / (now.requests - baseline.requests)))
      let z = standardNormal.sample(using: &delivery.analysisStream)
      let failures = min(requests, max(0, (requests * p + (requests * p * (1 - p)).squareRoot() * z).rounded()))
      value = failures / requests
    case .cpuCores:
      let podSeconds = now.podSeconds - baseline.podSeconds
      guard podSeconds > 0 else { return .error }
      value = (now.cpuCoreSeconds - baseline.cpuCoreSeconds) / podSeconds
    case .readyRatio:
      let revision = delivery[s].newRevision
      // Pods still coming up for the first time (Pending, or starting with no restart) are
      // left out: a scale-up is not a failure; a crash-looping pod counts as not ready.
      let members = (check.scope == .canary
        ? cluster.replicaPods(of: s, revision: revision) : cluster.replicaPods(of: s)).filter {
          !(cluster[$0].phase == .pending || (cluster[$0].phase == .starting && cluster[$0].restarts == 0))
        }
      guard !members.isEmpty else { return .error }
      let ready = members.reduce(0) { $0 + (cluster[$1].phase == .ready ? 1 : 0) }
      value = Double(ready) / Double(members.count)
    case .latencyP95:
      // The 95th percentile of the window's requests: the order statistic of that many draws
      // (drawn exactly up to 200 requests, by the normal approximation of its Beta law above)
      // mapped through the response-time distribution at the measurement.
      let requests = (now.requests - baseline.requests).rounded()
      guard requests >= 1 else { return .error }
      var flow = flowCursor.borrowSpare()
      defer { flowCursor.returnSpare(flow) }
      computeFlow(
        offeredRate: traffic.rate(at: time) * faultEffects.spikeMultiplier, at: time, into: &flow)
      var mixture = LatencyMixture()
      let groups = check.scope == .canary ? [s.newRevisionGroup] : [s.stableGroup, s.newRevisionGroup]
      for k in groups {
        let group = flow.groups[k]
        if let response = group.response, group.arrival > 0 {
          mixture.add(response, weight: group.arrival * (1 - group.failure))
        }
      }
      guard !mixture.components.isEmpty else { return .error }
      let rank = (0.95 * requests).rounded(.up)
      let level: Double
      if requests <= 200 {
        // Few requests: the exact order statistic of that many uniform draws.
        var draws = (0..<Int(requests)).map { _ in delivery.analysisStream.nextUnitInterval() }
        draws.sort()
        level = draws[Int(rank) - 1]
      } else {
        let mean = rank / (requests + 1)
        let spread = (rank * (requests + 1 - rank) / ((requests + 1) * (requests + 1) * (requests + 2))).squareRoot()
        level = mean + spread * standardNormal.sample(using: &delivery.analysisStream)
      }
      value = mixture.quantile(min(1 - 1e-9, max(1e-9, level)))
    }
    return check.condition.isMet(by: value) ? .successful : .failed
  }
}
