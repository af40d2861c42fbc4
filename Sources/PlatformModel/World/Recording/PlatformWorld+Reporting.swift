import SimKernel

/// Closing reporting intervals: the time-series row (to the run's ``TimeSeriesRecorder``), alert
/// evaluation, and incident tracking.
extension PlatformWorld {
  /// Records the interval ending at `time`, evaluates alerts, and advances open incidents.
  ///
  /// `interval` holds the closing interval's sums until they are cleared at the end (nothing
  /// integrates flow during a tick), so that clearing reuses their storage.
  mutating func closeInterval(at time: SimTime, in simulation: inout Simulation<WorldEvent>) {
    // The pods and nodes now: the current step's counts, unless a handler changed the platform
    // since they were taken; then they are counted afresh. Platforms without autoscalers have
    // their memory limits checked here, on the flow at the interval's mean rate.
    let recount = flowCursor.isStale || workloads.autoscalers.isEmpty
    if recount {
      var flow = flowCursor.borrowSpare()
      if workloads.autoscalers.isEmpty {
        let meanRate =
          recorder.interval.seconds > 0
          ? recorder.interval.requests / recorder.interval.seconds : traffic.rate(at: time) * faultEffects.spikeMultiplier
        computeFlow(offeredRate: meanRate, at: time, into: &flow)
      } else {
        countPods(into: &flow)
      }
      flowCursor.returnSpare(flow)
    }
    let readyPods = recount ? flowCursor.spare.readyPods : flowCursor.current.readyPods
    let nodesUp = recount ? flowCursor.spare.nodesUp : flowCursor.current.nodesUp
    if workloads.autoscalers.isEmpty {
      for s in services.indices {
        let memoryPerPod = flowCursor.spare.services[s].memoryPerPod
        enforceMemoryLimit(of: s, memoryMiBPerPod: memoryPerPod, in: &simulation)
      }
    }
    for release in delivery.activeReleases {
      let s = delivery.releaseService[release.index]
      guard delivery[s].release == release else { continue }
      let extra = max(0, cluster.replicaCount(of: s) - workloads.replicaTarget[s])
      delivery.recordExtraPods(release, extra: extra, intervalSeconds: scenario.reportingInterval.inSeconds)
    }
    let (requests, failed) = (recorder.interval.requests, recorder.interval.failed)
    let successful = requests - failed
    // The interval's latency: the mixture of its stretches' distributions (moved out and back
    // so that its buffer is reused).
    var latency = LatencyMixture()
    swap(&latency, &recorder.intervalLatency)
    let quantiles = recorder.latencyHistogram.add(latency, weight: successful)
    latency.components.removeAll(keepingCapacity: true)
    swap(&latency, &recorder.intervalLatency)
    let p95 = quantiles.p95

    let objectives = scenario.objectives
    let errorRatio = requests > 0 ? failed / requests : 0
    let bad = errorRatio > 1 - objectives.availability || p95 > objectives.latencyP95.inSeconds
    recorder.totals.intervals += 1
    if !bad { recorder.totals.goodIntervals += 1 }

    recorder.alerting.evaluate(
      AlertState.Sample(
        requests: requests, failed: failed, latencyP95: p95,
        fewestReadyPods: readyPods.min() ?? 0),
      availabilityObjective: objectives.availability)
    if recorder.alerting.anyChanged {
      for (r, rule) in scenario.alerting.rules.enumerated() where recorder.alerting.changed[r] {
        log(time, recorder.alerting.firing[r] ? .alertFiring : .alertResolved, rule.name, "SEV\(rule.severity)")
        if recorder.alerting.firing[r] { alertFired(rule, at: time, in: &simulation) }
      }
    }

    let requestRate = Self.ratio(recorder.interval.requests, recorder.interval.seconds)
    recorder.timeSeries.addLoad(requestsPerSecond: requestRate, over: scenario.reportingInterval)
    if recorder.timeSeries.recordsRows {
      recorder.timeSeries.record(
        intervalRow(
          at: time, requestRate: requestRate, latency: quantiles, readyPods: readyPods,
          nodesUp: nodesUp))
    }

    // Incidents: mitigation is the end of the last bad interval; recovery is the first
    // interval end after the fault ended at which the platform is whole again.
    if bad { recorder.badIntervalEnded(at: time) }
    if !recorder.awaitingRecovery.isEmpty && platformIsWhole() { recorder.recoverAwaiting(at: time) }
    recorder.interval.clear()
  }

  /// `a / b`, or 0 when `b` is not positive.
  private static func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }

  /// The time-series row of the interval ending at `time`, whose sums `interval` still holds,
  /// with the tick's ready pods per service and nodes up.
  private func intervalRow(
    at time: SimTime, requestRate: Double, latency: LatencyQuantiles, readyPods: PerService<Int>,
    nodesUp: Int
  ) -> IntervalRecord {
    let ratio = Self.ratio
    return IntervalRecord(
      end: time, requestsPerSecond: requestRate,
      requests: recorder.interval.requests, failedRequests: recorder.interval.failed, latencyP50: latency.p50,
      latencyP95: latency.p95, latencyP99: latency.p99,
      readyPods: readyPods.values, desiredReplicas: workloads.replicaTarget.values,
      pendingPods: cluster.pendingPods.count, nodesUp: nodesUp,
      nodesPerGroup: nodeCountsPerGroup(),
      cpuOfRequests: ratio(recorder.interval.cpuUsedCoreSeconds, recorder.interval.cpuRequestedCoreSeconds),
      cpuOfCapacity: ratio(recorder.interval.cpuUsedCoreSeconds, recorder.interval.cpuCapacityCoreSeconds),
      memoryOfRequests: ratio(recorder.interval.memoryUsedMiBSeconds, recorder.interval.memoryRequestedMiBSeconds),
      memoryOfCapacity: ratio(recorder.interval.memoryUsedMiBSeconds, recorder.interval.memoryCapacityMiBSeconds),
      database: database.state.rawValue, cache: cache.state.rawValue,
      natGatewaysUp: network.gatewaysUp, alertsFiring: recorder.alerting.firingCount)
  }

  /// Marks open incidents detected, and sends the operator after the response time.
  mutating func alertFired(_ rule: AlertRule, at time: SimTime, in simulation: inout Simulation<WorldEvent>) {
    operatorRollback(alertSeverity: rule.severity, in: &simulation)
    for incident in recorder.openIncidents {
      if recorder.incidents[incident].detected == nil {
        recorder.incidents[incident].detected = time
        recorder.incidents[incident].detectedBy = rule.name
        recorder.incidents[incident].severity = rule.severity
        let responses = scenario.alerting.responseTimes
        let response = responses[min(max(rule.severity, 1), responses.count) - 1]
        recorder.incidents[incident].acknowledged = time + response
        simulation.schedule(
          .operatorMitigates(incident: incident), after: response + scenario.alerting.mitigationTime)
      } else if let severity = recorder.incidents[incident].severity, rule.severity < severity {
        // A more severe alert: the operator comes sooner if that response is faster.
        recorder.incidents[incident].severity = rule.severity
        let responses = scenario.alerting.responseTimes
        let response = responses[min(max(rule.severity, 1), responses.count) - 1]
        if let acknowledged = recorder.incidents[incident].acknowledged, time + response < acknowledged {
          recorder.incidents[incident].acknowledged = time + response
          simulation.schedule(
            .operatorMitigates(incident: incident), after: response + scenario.alerting.mitigationTime)
        }
      }
    }
  }

  /// Whether every component is back: all nodes up, every service at its replica count and in
  /// rotation, data stores and NAT gateways up.
  func platformIsWhole() -> Bool {
    guard !cluster.activeNodes.contains(where: { cluster[$0].isFailed }), database.state == .up,
      cache.state == .up || !scenario.platform.cache.enabled, network.noGatewayDown
    else { return false }
    var serving = PerService<Int>(repeating: 0, count: services.count)
    for pod in cluster.pods where pod.phase == .ready && pod.inRotation { serving[pod.service] += 1 }
    return services.indices.allSatisfy { serving[$0] >= services[$0].replicas }
  }
}
