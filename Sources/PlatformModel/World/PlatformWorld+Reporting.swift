import SimKernel

/// Closing reporting intervals: the time-series row, alert evaluation, and incident tracking.
extension PlatformWorld {
  /// Records the interval ending at `time`, evaluates alerts, and advances open incidents.
  mutating func closeInterval(at time: SimTime, in simulation: inout Simulation<WorldEvent>) {
    let acc = interval
    let meanRate = acc.seconds > 0 ? acc.requests / acc.seconds : traffic.rate(at: time) * spikeMultiplier
    var flow = FlowSnapshot()
    swap(&flow, &reportScratch)  // reuse the buffers
    defer { swap(&flow, &reportScratch) }
    computeFlow(offeredRate: meanRate, into: &flow)
    if autoscalers.allSatisfy({ $0 == nil }) {
      for s in services.indices {
        enforceMemoryLimit(of: s, memoryMiBPerPod: flow.services[s].memoryPerPod, in: &simulation)
      }
    }
    interval = RunTotals()
    for release in activeReleases {
      let s = releaseService[release]
      guard delivery[s].release == release else { continue }
      let extra = max(0, replicaPods(of: s).count - replicaTarget[s])
      releases[release].peakExtraPods = max(releases[release].peakExtraPods, extra)
      releases[release].extraPodHours += Double(extra) * scenario.reportingInterval.inSeconds / 3_600
    }
    let quantiles = latencyHistogram.add(
      flow.latency, weight: acc.requests - acc.failed, probabilities: [0.5, 0.95, 0.99])
    let (p50, p95, p99) = (quantiles[0], quantiles[1], quantiles[2])

    let objectives = scenario.objectives
    let errorRatio = acc.requests > 0 ? acc.failed / acc.requests : 0
    let bad = errorRatio > 1 - objectives.availability || p95 > objectives.latencyP95.inSeconds
    totals.intervals += 1
    if !bad { totals.goodIntervals += 1 }

    let before = alerting.firing
    alerting.evaluate(
      AlertState.Sample(
        requests: acc.requests, failed: acc.failed, latencyP95: p95,
        fewestReadyPods: flow.readyPods.min() ?? 0),
      interval: scenario.reportingInterval, availabilityObjective: objectives.availability)
    for (r, rule) in scenario.alerting.rules.enumerated() where alerting.firing[r] != before[r] {
      log(time, alerting.firing[r] ? "alert-firing" : "alert-resolved", rule.name, "SEV\(rule.severity)")
      if alerting.firing[r] { alertFired(rule, at: time, in: &simulation) }
    }

    func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }
    intervals.append(
      IntervalRecord(
        end: time, requestsPerSecond: ratio(acc.requests, acc.seconds), requests: acc.requests,
        failedRequests: acc.failed, latencyP50: p50, latencyP95: p95, latencyP99: p99,
        readyPods: flow.readyPods, desiredReplicas: replicaTarget,
        pendingPods: pods.reduce(0) { $0 + ($1.phase == .pending ? 1 : 0) }, nodesUp: flow.nodesUp,
        nodesPerGroup: nodeCountsPerGroup(),
        cpuOfRequests: ratio(acc.cpuUsedCoreSeconds, acc.cpuRequestedCoreSeconds),
        cpuOfCapacity: ratio(acc.cpuUsedCoreSeconds, acc.cpuCapacityCoreSeconds),
        memoryOfRequests: ratio(acc.memoryUsedMiBSeconds, acc.memoryRequestedMiBSeconds),
        memoryOfCapacity: ratio(acc.memoryUsedMiBSeconds, acc.memoryCapacityMiBSeconds),
        database: database.rawValue, cache: cache.rawValue,
        natGatewaysUp: natGatewayCount(), alertsFiring: alerting.firing.filter { $0 }.count))

    // Incidents: mitigation is the end of the last bad interval; recovery is the first
    // interval end after the fault ended at which the platform is whole again.
    for incident in openIncidents {
      if bad { incidents[incident].mitigated = time }
      if incidentFaultEnded[incident] && platformIsWhole() {
        incidents[incident].recovered = time
      }
    }
    openIncidents.removeAll { incidents[$0].recovered != nil }
  }

  /// Marks open incidents detected, and sends the operator after the response time.
  mutating func alertFired(_ rule: AlertRule, at time: SimTime, in simulation: inout Simulation<WorldEvent>) {
    operatorRollback(alertSeverity: rule.severity, in: &simulation)
    for incident in openIncidents {
      if incidents[incident].detected == nil {
        incidents[incident].detected = time
        incidents[incident].detectedBy = rule.name
        incidents[incident].severity = rule.severity
        let responses = scenario.alerting.responseTimes
        let response = responses[min(max(rule.severity, 1), responses.count) - 1]
        incidents[incident].acknowledged = time + response
        simulation.schedule(
          .operatorMitigates(incident: incident), after: response + scenario.alerting.mitigationTime)
      } else if let severity = incidents[incident].severity, rule.severity < severity {
        // A more severe alert: the operator comes sooner if that response is faster.
        incidents[incident].severity = rule.severity
        let responses = scenario.alerting.responseTimes
        let response = responses[min(max(rule.severity, 1), responses.count) - 1]
        if let acknowledged = incidents[incident].acknowledged, time + response < acknowledged {
          incidents[incident].acknowledged = time + response
          simulation.schedule(
            .operatorMitigates(incident: incident), after: response + scenario.alerting.mitigationTime)
        }
      }
    }
  }

  /// Whether every component is back: all nodes up, every service at its replica count and in
  /// rotation, data stores and NAT gateways up.
  func platformIsWhole() -> Bool {
    guard !nodes.contains(where: \.isFailed), database == .up,
      cache == .up || !scenario.platform.cache.enabled, !natUp.contains(false)
    else { return false }
    var serving = [Int](repeating: 0, count: services.count)
    for pod in pods where pod.phase == .ready && pod.inRotation { serving[pod.service] += 1 }
    return services.indices.allSatisfy { serving[$0] >= services[$0].replicas }
  }

  /// NAT gateways up.
  func natGatewayCount() -> Int {
    switch scenario.platform.natGateways {
    case .none: return 0
    case .perZone: return natUp.filter { $0 }.count
    case .single(let name): return natUp[zoneIndex[name] ?? 0] ? 1 : 0
    }
  }
}
