import SimKernel

/// Flow fidelity: traffic as rates, per-pod queues from closed forms (see docs/model.md).
extension PlatformWorld {
  /// Response size assumed for load-balancer processed bytes, in KiB.
  static let responseKiB = 20.0
  /// Payload of one service-to-service, cache or database call, in KiB.
  static let callKiB = 4.0
  /// Decimal gigabytes (as AWS bills them) in one KiB.
  static let gigabytesPerKiB = 1_024.0 / 1e9
  /// Idle CPU of a running pod, in cores.
  static let idleCPUCores = 0.005

  /// Accounts for the traffic from the last integration point up to `time`.
  ///
  /// Time is cut into flow steps on a fixed grid (multiples of `flowStep` from time zero; a
  /// step where the traffic changes fast is cut again at multiples of `fineFlowStep`, see
  /// ``flowStep(containing:)``); the offered rate of a step is the rate at its midpoint. The
  /// flow of a step is computed once and reused for the rest of the step; the pod counts it
  /// rests on are recounted only when a handler changed the platform's state (``FlowCursor/isStale``):
  /// events that only observe (metrics scrapes with autoscaler syncs that change nothing,
  /// report ticks) cost no flow computation, and a new step with the same platform costs only the
  /// rate-dependent part.
  ///
  /// The accumulators are brought up to date lazily: time under one step's flow is added to
  /// them in one go, when the flow changes or ``flushFlow()`` is called (before any handler that
  /// reads or changes what they depend on), not at every observer event.
  mutating func integrate(until time: SimTime) {
    guard flowCursor.integratedUntil < time else { return }
    // The common case: still inside the current step, with the platform unchanged.
    // (`integratedUntil` never goes back, so it is at or after that step's start.)
    if !flowCursor.isStale && flowCursor.integratedUntil.microsecondsSinceStart < flowCursor.stepEnd
      && time.microsecondsSinceStart <= flowCursor.stepEnd
    {
      flowCursor.integratedUntil = time
      return
    }
    while flowCursor.integratedUntil < time {
      let (gridStart, gridEnd) = flowStep(containing: flowCursor.integratedUntil.microsecondsSinceStart)
      let stepEnd = min(time, SimTime(microsecondsSinceStart: gridEnd))
      if flowCursor.isStale || flowCursor.stepStart != gridStart {
        flushFlow()
        let middle = SimTime(microsecondsSinceStart: gridStart + (gridEnd - gridStart) / 2)
        var flow = FlowSnapshot()
        swap(&flow, &flowCursor.current)  // reuse the buffers: no allocation per step
        if flowCursor.isStale { countPods(into: &flow) }
        computeRates(
          offeredRate: traffic.rate(at: middle) * faultEffects.spikeMultiplier, at: middle, into: &flow)
        swap(&flow, &flowCursor.current)
        flowCursor.computed(stepStart: gridStart, stepEnd: gridEnd)
      }
      flowCursor.integratedUntil = stepEnd
    }
  }

  /// The flow step holding `time` (microseconds since the start): its start and end.
  ///
  /// Steps are the multiples of `flowStep`; where the traffic changes fast in one (a spike, a
  /// trace) it is cut at the multiples of the fine step instead, so a 2-minute ramp is followed
  /// as closely as before while a smooth day costs a sixth of the flow computations.
  func flowStep(containing time: Int64) -> (start: Int64, end: Int64) {
    let coarse = scenario.flowStep.microseconds
    let start = time / coarse * coarse
    let end = start + coarse
    let fine = min(scenario.fineFlowStep.microseconds, coarse)
    guard fine < coarse,
      traffic.changesFast(
        from: SimTime(microsecondsSinceStart: start), to: SimTime(microsecondsSinceStart: end))
    else { return (start, end) }
    let fineStart = time / fine * fine
    return (max(start, fineStart), min(end, fineStart + fine))
  }

  /// Adds the time integrated under the current step's flow since the last flush to every
  /// accumulator.
  mutating func flushFlow() {
    guard flowCursor.flushedUntil < flowCursor.integratedUntil else { return }
    accumulateFlow(seconds: (flowCursor.integratedUntil - flowCursor.flushedUntil).inSeconds, from: flowCursor.flushedUntil)
    flowCursor.flushedUntil = flowCursor.integratedUntil
  }

  /// Adds `seconds` of the current step's flow (``FlowCursor/current``), starting at `start`, to every
  /// accumulator.
  private mutating func accumulateFlow(seconds: Double, from start: SimTime) {
    recorder.addFlow(flowCursor.current, seconds: seconds)
    for s in services.indices {
      let service = flowCursor.current.services[s]
      workloads.metricsServer.accumulate(
        service: s, cpuPerPod: service.cpuPerPod, memoryPerPod: service.memoryPerPod,
        seconds: seconds)
      if recorder.capacity.isTracked(s.index) {
        recorder.capacity.observe(
          service: s.index, cpuOfRequests: service.cpuPerPod / resolved.flowParameters[s].cpuRequestCores,
          readyPods: flowCursor.current.readyPods[s], at: start)
      }
    }
    let failed = flowCursor.current.failedPerSecond * seconds
    recorder.chargeOpenIncidents(failed: failed)
    if !delivery.activeReleases.isEmpty {
      delivery.addFlow(flowCursor.current.groups, failed: failed, seconds: seconds)
    }
  }

  /// The platform's throughput, failures, latency and utilisation at `offeredRate` requests
  /// per second in its current state.
  ///
  /// `snapshot`'s buffers are reset and reused, so a step allocates nothing.
  mutating func computeFlow(offeredRate: Double, at time: SimTime, into snapshot: inout FlowSnapshot) {
    countPods(into: &snapshot)
    computeRates(offeredRate: offeredRate, at: time, into: &snapshot)
  }

  /// The part of the flow that depends only on the platform's state, not on the offered rate:
  /// pods per revision group (ready, in rotation, live, without egress), each group's share of
  /// its service's requests, and node capacity. Resets `snapshot` entirely.
  func countPods(into snapshot: inout FlowSnapshot) {
    snapshot.reset(serviceCount: services.count)
    // Pod counts per revision group: group 1 is a service's new revision while a release is in
    // progress, group 0 everything else.
    // Fields are read in place: copying a pod or a node (whose instance type is a String)
    // per pod was most of the count.
    let pods = cluster.pods
    let nodes = cluster.nodes
    for p in pods.indices {
      let service = pods[p].service
      let node = pods[p].node?.index
      let alive = pods[p].phase == .ready && node.map { nodes[$0].up } == true
      if alive { snapshot.readyPods[service] += 1 }
      if pods[p].inRotation {
        let k = service.revisionGroup(isNewRevision: pods[p].revision == delivery[service].newRevision)
        snapshot.groups[k].inRotation += 1
        if alive, let node {
          snapshot.groups[k].live += 1
          if !network.hasEgress(zone: nodes[node].zone) { snapshot.groups[k].egressDown += 1 }
        }
      }
    }
    // Each group's share of its service's requests: the router's canary weight when the
    // service has one and both groups have live pods, otherwise in proportion to the pods in
    // rotation (load balancers and kube-proxy spread over endpoints).
    for s in services.indices {
      var old = snapshot.groups[s.stableGroup]
      var new = snapshot.groups[s.newRevisionGroup]
      let pods = old.inRotation + new.inRotation
      if let weight = delivery.routedWeight[s], old.live > 0, new.live > 0 {
        new.share = weight
      } else if let weight = delivery.routedWeight[s], pods > 0, weight > 0, old.live == 0 {
        new.share = new.inRotation > 0 ? 1 : 0
      } else {
        new.share = pods > 0 ? Double(new.inRotation) / Double(pods) : 0
      }
      old.share = 1 - new.share
      // The share of the service's requests that reach a live pod.
      var reaching = 0.0
      if old.inRotation > 0 { reaching += old.share * Double(old.live) / Double(old.inRotation) }
      if new.inRotation > 0 { reaching += new.share * Double(new.live) / Double(new.inRotation) }
      snapshot.groups[s.stableGroup] = old
      snapshot.groups[s.newRevisionGroup] = new
      snapshot.services[s].reachingShare = reaching
    }
    for node in cluster.activeNodes where cluster[node].up {
      snapshot.cpuCapacityCores += Double(cluster[node].capacityCPUMillicores) / 1_000
      snapshot.memoryCapacityMiB += Double(cluster[node].capacityMemoryMiB)
      snapshot.nodesUp += 1
    }
  }

  /// The highest request rate, per second, the flow passes on: offered traffic, each service's
  /// arrivals and the stores' are clamped to 10^15. Only absurd scenarios come near it (a base
  /// rate near 1.8e308, multipliers and calls per request compounding down a call chain); they
  /// used to reach infinity and trap in the cost ledger and the load-balancer usage.
  static let highestRate = 1e15

  /// The rate-dependent part of the flow at `offeredRate` requests per second, over the pod
  /// counts ``countPods(into:)`` put in `snapshot`: throughput, failures, latency, utilisation
  /// and traffic volumes. Resets the rate-dependent figures only.
  ///
  /// `mutating` although it changes nothing of the world: its callers hold the world `inout`,
  /// and a non-mutating method called from them is passed a copy of the whole world (about
  /// 3 KB) on every flow step.
  mutating func computeRates(offeredRate: Double, at time: SimTime, into snapshot: inout FlowSnapshot) {
    let offeredRate = Swift.min(offeredRate, Self.highestRate)
    snapshot.resetRates()
    snapshot.offeredPerSecond = offeredRate
    // Worked on as locals (moved out, not copied) and put back at the end.
    var groups: [RevisionGroupFlow] = []
    var flows = PerService<ServiceFlow>([])
    swap(&groups, &snapshot.groups)
    swap(&flows, &snapshot.services)
    defer {
      swap(&groups, &snapshot.groups)
      swap(&flows, &snapshot.services)
    }
    // Load pass, callers first: requests reaching each service per second.
    for s in resolved.callOrder.reversed() {
      let arrival = flows[s].arrival + offeredRate * resolved.routeShare[s]
      flows[s].arrival = arrival
      let reaching = arrival * flows[s].reachingShare
      for call in resolved.serviceCalls[s] {
        flows[call.service].arrival = Swift.min(
          flows[call.service].arrival + reaching * call.perRequest, Self.highestRate)
      }
    }
    // The cache's load, and how it copes: an M/M/c queue of `concurrency` lookups at
    // `lookupTime`, like the database. A lookup it turns away (overload) is a miss for the
    // caller, which reads the database instead (cache-aside with fallback).
    let stores = resolved.storeParameters
    let cacheUp = stores.cacheEnabled && cache.state == .up
    var cacheRate = 0.0
    for s in services.indices {
      let reaching = flows[s].arrival * flows[s].reachingShare
      for call in resolved.resolvedCalls[s] where call.target == .cache {
        cacheRate += reaching * call.perRequest
      }
    }
    cacheRate = Swift.min(cacheRate, Self.highestRate)
    let cachePerf = storePerformance(
      up: cacheUp, rate: cacheRate, servers: stores.cacheConcurrency,
      serviceTime: stores.cacheLookupSeconds, added: faultEffects.addedCacheLatency)
    // A cache that came back empty refills: its hit ratio ramps up over its warm-up time.
    let hit =
      stores.cacheHitRatio * cache.warmth(at: time, warmUp: stores.cacheWarmUp)
      * (1 - cachePerf.failure)
    // The database's load: direct calls plus cache misses (all cache calls when it is down).
    var databaseRate = 0.0
    for s in services.indices {
      let reaching = flows[s].arrival * flows[s].reachingShare
      for call in resolved.resolvedCalls[s] {
        switch call.target {
        case .database: databaseRate += reaching * call.perRequest
        case .cache: databaseRate += reaching * call.perRequest * (cacheUp ? 1 - hit : 1)
        case .service: break
        }
      }
    }
    databaseRate = Swift.min(databaseRate, Self.highestRate)
    let databasePerf = storePerformance(
      up: database.state == .up, rate: databaseRate, servers: stores.databaseConcurrency,
      serviceTime: stores.databaseQuerySeconds, added: faultEffects.addedDatabaseLatency,
      downLatency: stores.databaseConnectTimeoutSeconds)
    // Performance pass, callees first.
    // A lookup: the cache's queue and service (its mean), at least its service time.
    let cacheLookup = cachePerf.latency
    let cacheLeast = stores.cacheLookupSeconds + faultEffects.addedCacheLatency
    let databaseCall = LatencyMoments(constant: databasePerf.latency)
    // One cache call: the lookup, then the database for a miss.
    let cacheCall = LatencyMoments.mixture(
      LatencyMoments(constant: cacheLookup), weight: hit,
      LatencyMoments(constant: cacheLookup + databasePerf.latency), weight: 1 - hit)
    for s in resolved.callOrder {
      let service = resolved.flowParameters[s]
      // Downstream success and the time a request holds a worker without CPU (the same for
      // both groups): its base latency, injected latency and calls, whose spread it keeps,
      // and the part of it every request spends (`floor`: whole calls' least times).
      var capacitySuccess = 1.0
      var success = 1.0
      let own = service.baseLatencySeconds + faultEffects.addedServiceLatency[s]
      var nonCPU = LatencyMoments(constant: own)
      var floor = own
      for call in resolved.resolvedCalls[s] {
        let k = call.perRequest
        let whole = k.rounded(.down)
        switch call.target {
        case .service(let callee):
          let calleeFlow = flows[callee]
          success *= Self.callSuccess(calls: k, failure: calleeFlow.failure)
          capacitySuccess *= Self.callSuccess(calls: k, failure: calleeFlow.capacityFailure)
          nonCPU = nonCPU + calleeFlow.latency.calls(k)
          floor += whole * calleeFlow.latencyFloor
        case .database:
          success *= Self.callSuccess(calls: k, failure: databasePerf.failure)
          nonCPU = nonCPU + databaseCall.calls(k)
          floor += whole * databasePerf.latency
        case .cache:
          if cacheUp {
            nonCPU = nonCPU + cacheCall.calls(k)
            floor += whole * cacheLeast
            success *= Self.callSuccess(calls: k * (1 - hit), failure: databasePerf.failure)
          } else {
            success *= Self.callSuccess(calls: k, failure: databasePerf.failure)
            nonCPU = nonCPU + databaseCall.calls(k)
            floor += whole * databasePerf.latency
          }
        }
      }
      var failure = 0.0
      var capacityFailure = 0.0
      var latency = LatencyMoments.Mixture()
      var latencyFloor = Double.infinity
      var livePods = 0.0
      var cpuCores = 0.0
      var memoryMiB = 0.0
      for k in s.stableGroup...s.newRevisionGroup {
        var group = groups[k]
        let share = group.share
        guard share > 0 else { continue }
        group.arrival = flows[s].arrival * share
        guard group.inRotation > 0, group.live > 0 else {
          group.failure = 1
          groups[k] = group
          failure += share
          continue
        }
        let revision = delivery.revisionEffects[k]
        let live = Double(group.live)
        let deadShare = Double(group.inRotation - group.live) / Double(group.inRotation)
        let egressFailure = Double(group.egressDown) / live
        let groupSuccess =
          success * Self.callSuccess(calls: service.egressCallsPerRequest, failure: egressFailure)
        let pod = PodQueue(
          service: service, rate: group.arrival * (1 - deadShare) / live, nonCPU: nonCPU,
          nonCPUFloor: floor, effects: revision)
        let response = pod.response
        let moments = response.moments
        group.failure =
          1 - (1 - deadShare) * (1 - pod.ownFailure) * (1 - revision.errorRate) * groupSuccess
        group.response = response
        failure += share * group.failure
        capacityFailure += share * (1 - deadShare) * (1 - (1 - pod.ownFailure) * capacitySuccess)
        latency.add(moments, weight: share)
        latencyFloor = min(latencyFloor, response.shift)
        livePods += live
        let podCPU = pod.cpuCores(limit: service.cpuLimitCores)
        cpuCores += live * podCPU
        // Memory: the working set plus 1 MiB per request holding a worker (Little's law over
        // the holding time); requests waiting for a worker are not counted.
        let inFlightMiB = pod.busyWorkers * 1.0
        memoryMiB += live * (service.memoryWorkingSetMiB + inFlightMiB)
        snapshot.cpuUsedCores += live * pod.servedRate * pod.cpuPerRequest
        snapshot.memoryUsedMiB += live * inFlightMiB
        group.cpuPerPod = podCPU
        groups[k] = group
      }
      var flow = flows[s]
      flow.failure = min(1, failure)
      flow.capacityFailure = min(1, capacityFailure)
      flow.latency = latency.moments
      flow.latencyFloor = latencyFloor.isFinite ? latencyFloor : 0
      if livePods > 0 {
        flow.cpuPerPod = cpuCores / livePods
        flow.memoryPerPod = memoryMiB / livePods
      }
      flows[s] = flow
    }
    // Entry-level accounting and causes.
    var failedByCause = (noHealthyTargets: 0.0, unhealthyTargetsInRotation: 0.0, overloadOrDependency: 0.0)
    for s in services.indices where resolved.routeShare[s] > 0 {
      let offered = offeredRate * resolved.routeShare[s]
      let serviceFlow = flows[s]
      snapshot.failedPerSecond += offered * serviceFlow.failure
      var dead = 0.0
      var noTargets = 0.0
      for k in s.stableGroup...s.newRevisionGroup where groups[k].share > 0 {
        let group = groups[k]
        groups[k].entryWeight = offered * group.share * (1 - group.failure)
        if group.inRotation == 0 || group.live == 0 {
          noTargets += group.share
        } else {
          dead += group.share * Double(group.inRotation - group.live) / Double(group.inRotation)
        }
      }
      failedByCause.noHealthyTargets += offered * noTargets
      failedByCause.unhealthyTargetsInRotation += offered * dead
      failedByCause.overloadOrDependency += offered * max(0, serviceFlow.failure - dead - noTargets)
      snapshot.unservedPerSecond += offered * serviceFlow.capacityFailure
    }
    snapshot.failedByCause[FailureCause.noHealthyTargets.rawValue] = failedByCause.noHealthyTargets
    snapshot.failedByCause[FailureCause.unhealthyTargetsInRotation.rawValue] =
      failedByCause.unhealthyTargetsInRotation
    snapshot.failedByCause[FailureCause.overloadOrDependency.rawValue] =
      failedByCause.overloadOrDependency
    // Utilisation of requests and capacity.
    for (s, service) in zip(resolved.flowParameters.indices, resolved.flowParameters) {
      let pods = Double(snapshot.readyPods[s])
      snapshot.cpuUsedCores += pods * Self.idleCPUCores
      snapshot.cpuRequestedCores += pods * service.cpuRequestCores
      snapshot.memoryUsedMiB += pods * service.memoryWorkingSetMiB
      snapshot.memoryRequestedMiB += pods * service.memoryRequestMiB
    }
    // Traffic volumes for cost.
    var callRate = 0.0
    var egressRate = 0.0
    for (s, service) in zip(resolved.flowParameters.indices, resolved.flowParameters) {
      callRate += resolved.routeShare[s] > 0 ? 0 : flows[s].arrival
      egressRate += flows[s].arrival * service.egressCallsPerRequest
    }
    callRate += databaseRate
    callRate += cacheRate
    let zonesUp = Double(max(1, network.zonesUp))
    snapshot.interZoneGBPerSecond = callRate * (1 - 1 / zonesUp) * Self.callKiB * Self.gigabytesPerKiB
    snapshot.processedGBPerSecond = offeredRate * Self.responseKiB * Self.gigabytesPerKiB
    snapshot.natGBPerSecond = egressRate * Self.callKiB * Self.gigabytesPerKiB
  }

  /// The chance a request's `calls` calls to a dependency failing with `failure` all succeed:
  /// `1 - calls·failure` for at most one call on average, `(1 - failure)^calls` beyond.
  static func callSuccess(calls: Double, failure: Double) -> Double {
    guard calls > 0, failure > 0 else { return 1 }
    if calls <= 1 { return max(0, 1 - calls * failure) }
    var success = 1.0
    var remaining = calls
    while remaining >= 1 {
      success *= 1 - failure
      remaining -= 1
    }
    return success * (1 - remaining * failure)
  }

  /// A managed store (database or cache) as an M/M/c queue: failure share and mean latency.
  ///
  /// Load beyond the store's capacity fails in proportion; latency is the M/M/c mean response
  /// at the load served, at most 99 % of capacity (issue 14's store model replaces this). A
  /// store that is down fails every call after `downLatency`: the client's connect timeout,
  /// which the calling worker waits out.
  func storePerformance(
    up: Bool, rate: Double, servers: Int, serviceTime: Double, added: Double,
    downLatency: Double = 0
  ) -> (failure: Double, latency: Double, utilisation: Double) {
    guard up else { return (1, downLatency, 0) }
    guard rate > 0 else { return (0, serviceTime + added, 0) }
    let capacity = Double(servers) / serviceTime
    let load = rate / capacity
    let failure = load >= 1 ? 1 - 1 / load : 0
    let queue = MMcQueue(
      arrivalRate: min(rate, 0.99 * capacity), serviceRate: 1 / serviceTime, servers: servers)
    return (failure, queue.meanResponseTime + added, load)
  }
}

/// Why requests failed, as reported in summary.json.
package enum FailureCause: Int, CaseIterable, Sendable {
  /// Sent to a target that was down but not yet out of rotation.
  case unhealthyTargetsInRotation
  /// No ready target at all.
  case noHealthyTargets
  /// The service itself was overloaded or timed out, or a dependency failed.
  case overloadOrDependency

  /// The name used in reports.
  package var name: String {
    switch self {
    case .unhealthyTargetsInRotation: "unhealthyTargetsInRotation"
    case .noHealthyTargets: "noHealthyTargets"
    case .overloadOrDependency: "overloadOrDependency"
    }
  }
}

