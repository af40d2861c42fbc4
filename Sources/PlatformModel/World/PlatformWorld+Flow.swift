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
  /// Time is cut into flow steps on a fixed grid (multiples of `flowStep` from time zero); the
  /// offered rate of a step is the rate at its midpoint. The flow of a step is computed once
  /// and reused for the rest of the step, unless a handler changed the platform's state
  /// (``flowIsStale``): events that only observe (metrics scrapes, autoscaler syncs that change
  /// nothing, report ticks) cost no flow computation.
  mutating func integrate(until time: SimTime) {
    guard integratedUntil < time else { return }
    var flow = FlowSnapshot()
    swap(&flow, &flowScratch)  // reuse the buffers: no allocation per step
    defer { swap(&flow, &flowScratch) }
    let step = scenario.flowStep.microseconds
    while integratedUntil < time {
      let gridStart = integratedUntil.microsecondsSinceStart / step * step
      let stepEnd = min(time, SimTime(microsecondsSinceStart: gridStart + step))
      if flowIsStale || flowStepStart != gridStart {
        let middle = SimTime(microsecondsSinceStart: gridStart + step / 2)
        computeFlow(offeredRate: traffic.rate(at: middle) * spikeMultiplier, into: &flow)
        flowStepStart = gridStart
        flowIsStale = false
      }
      let seconds = (stepEnd - integratedUntil).inSeconds
      interval.add(flow, seconds: seconds)
      for s in services.indices {
        cpuPerPodIntegral[s] += flow.cpuPerPod[s] * seconds
        memoryPerPodIntegral[s] += flow.memoryPerPod[s] * seconds
      }
      totals.add(flow, seconds: seconds)
      for s in services.indices where capacity.isTracked(s) {
        capacity.observe(
          service: s, cpuOfRequests: flow.cpuPerPod[s] / flowParameters[s].cpuRequestCores,
          readyPods: flow.readyPods[s], at: integratedUntil)
      }
      for incident in openIncidents { incidents[incident].failedRequests += flow.failedPerSecond * seconds }
      if !activeReleases.isEmpty {
        for release in activeReleases { releases[release].failedRequests += flow.failedPerSecond * seconds }
        for k in groupRequests.indices {
          groupRequests[k] += flow.groupArrival[k] * seconds
          groupFailed[k] += flow.groupArrival[k] * flow.groupFailure[k] * seconds
          groupCPUSeconds[k] += flow.groupCPUPerPod[k] * Double(flow.live[k]) * seconds
          groupPodSeconds[k] += Double(flow.live[k]) * seconds
        }
      }
      integratedUntil = stepEnd
    }
  }

  /// The flow at `offeredRate` in a fresh snapshot (for report ticks).
  func computeFlow(offeredRate: Double) -> FlowSnapshot {
    var snapshot = FlowSnapshot(serviceCount: services.count)
    computeFlow(offeredRate: offeredRate, into: &snapshot)
    return snapshot
  }

  /// The platform's throughput, failures, latency and utilisation at `offeredRate` requests
  /// per second in its current state.
  ///
  /// `snapshot`'s buffers are reset and reused, so a step allocates nothing.
  func computeFlow(offeredRate: Double, into snapshot: inout FlowSnapshot) {
    let count = services.count
    snapshot.reset(serviceCount: count)
    snapshot.offeredPerSecond = offeredRate
    // Pod counts per revision group: group 1 is a service's new revision while a release is in
    // progress, group 0 everything else.
    for pod in pods {
      let alive = pod.phase == .ready && pod.node >= 0 && nodes[pod.node].up
      if alive { snapshot.readyPods[pod.service] += 1 }
      if pod.inRotation {
        let k = 2 * pod.service + (pod.revision == newRevision[pod.service] ? 1 : 0)
        snapshot.inRotation[k] += 1
        if alive {
          snapshot.live[k] += 1
          if !hasEgress(zone: nodes[pod.node].zone) { snapshot.egressDown[k] += 1 }
        }
      }
    }
    // Each group's share of its service's requests: the router's canary weight when the
    // service has one and both groups have live pods, otherwise in proportion to the pods in
    // rotation (load balancers and kube-proxy spread over endpoints).
    for s in 0..<count {
      let (old, new) = (2 * s, 2 * s + 1)
      let pods = snapshot.inRotation[old] + snapshot.inRotation[new]
      if let weight = routedWeight[s], snapshot.live[old] > 0, snapshot.live[new] > 0 {
        snapshot.share[new] = weight
      } else if let weight = routedWeight[s], pods > 0, weight > 0, snapshot.live[old] == 0 {
        snapshot.share[new] = snapshot.inRotation[new] > 0 ? 1 : 0
      } else {
        snapshot.share[new] = pods > 0 ? Double(snapshot.inRotation[new]) / Double(pods) : 0
      }
      snapshot.share[old] = 1 - snapshot.share[new]
    }
    /// The share of a service's requests that reach a live pod.
    func reachingShare(_ s: Int) -> Double {
      var share = 0.0
      for k in (2 * s)...(2 * s + 1) where snapshot.inRotation[k] > 0 {
        share += snapshot.share[k] * Double(snapshot.live[k]) / Double(snapshot.inRotation[k])
      }
      return share
    }
    // Load pass, callers first: requests reaching each service per second.
    for s in callOrder.reversed() {
      snapshot.arrival[s] += offeredRate * routeShare[s]
      let reaching = snapshot.arrival[s] * reachingShare(s)
      for call in serviceCalls[s] { snapshot.arrival[call.service] += reaching * call.perRequest }
    }
    // The database's load: direct calls plus cache misses (all cache calls when it is down).
    let cacheUp = scenario.platform.cache.enabled && cache == .up
    let hit = scenario.platform.cache.hitRatio
    var databaseRate = 0.0
    var cacheRate = 0.0
    for s in 0..<count {
      let reaching = snapshot.arrival[s] * reachingShare(s)
      for call in resolvedCalls[s] {
        switch call.target {
        case .database: databaseRate += reaching * call.perRequest
        case .cache:
          cacheRate += reaching * call.perRequest
          databaseRate += reaching * call.perRequest * (cacheUp ? 1 - hit : 1)
        case .service: break
        }
      }
    }
    let databasePerf = storePerformance(
      up: database == .up, rate: databaseRate, servers: scenario.platform.database.concurrency,
      serviceTime: scenario.platform.database.queryTime.inSeconds, added: addedDatabaseLatency)
    // Performance pass, callees first.
    for s in callOrder {
      let service = flowParameters[s]
      // Downstream success and latency per request (the same for both groups).
      var capacitySuccess = 1.0
      var success = 1.0
      var downstream = 0.0
      for call in resolvedCalls[s] {
        let k = call.perRequest
        switch call.target {
        case .service(let callee):
          success *= Self.callSuccess(calls: k, failure: snapshot.failure[callee])
          capacitySuccess *= Self.callSuccess(calls: k, failure: snapshot.capacityFailure[callee])
          downstream += k * snapshot.meanLatency[callee]
        case .database:
          success *= Self.callSuccess(calls: k, failure: databasePerf.failure)
          downstream += k * databasePerf.latency
        case .cache:
          if cacheUp {
            downstream += k * (scenario.platform.cache.lookupTime.inSeconds + addedCacheLatency)
            success *= Self.callSuccess(calls: k * (1 - hit), failure: databasePerf.failure)
            downstream += k * (1 - hit) * databasePerf.latency
          } else {
            success *= Self.callSuccess(calls: k, failure: databasePerf.failure)
            downstream += k * databasePerf.latency
          }
        }
      }
      var failure = 0.0
      var capacityFailure = 0.0
      var latency = 0.0
      var livePods = 0.0
      var cpuCores = 0.0
      var memoryMiB = 0.0
      for k in (2 * s)...(2 * s + 1) {
        let share = snapshot.share[k]
        guard share > 0 else { continue }
        snapshot.groupArrival[k] = snapshot.arrival[s] * share
        guard snapshot.inRotation[k] > 0, snapshot.live[k] > 0 else {
          snapshot.groupFailure[k] = 1
          failure += share
          continue
        }
        let revision = revisionEffects[k]
        let live = Double(snapshot.live[k])
        let deadShare = Double(snapshot.inRotation[k] - snapshot.live[k]) / Double(snapshot.inRotation[k])
        let egressFailure = Double(snapshot.egressDown[k]) / live
        let groupSuccess =
          success * Self.callSuccess(calls: service.egressCallsPerRequest, failure: egressFailure)
        let pod = PodQueue(
          service: service, rate: snapshot.groupArrival[k] * (1 - deadShare) / live,
          extraSeconds: downstream + addedServiceLatency[s], effects: revision)
        let sojourn = pod.sojourn
        let groupFailure =
          1 - (1 - deadShare) * (1 - pod.ownFailure) * (1 - revision.errorRate) * groupSuccess
        snapshot.groupFailure[k] = groupFailure
        snapshot.groupSojourn[k] = sojourn
        failure += share * groupFailure
        capacityFailure += share * (1 - deadShare) * (1 - (1 - pod.ownFailure) * capacitySuccess)
        latency += share * sojourn.mean
        livePods += live
        cpuCores += live * pod.cpuCores
        // Memory: the working set plus 1 MiB per request in flight (Little's law).
        let inFlightMiB = pod.servedRate * sojourn.mean * 1.0
        memoryMiB += live * (service.memoryWorkingSetMiB + inFlightMiB)
        snapshot.cpuUsedCores += live * pod.servedRate * pod.cpuPerRequest
        snapshot.memoryUsedMiB += live * inFlightMiB
        snapshot.groupCPUPerPod[k] = pod.cpuCores
      }
      snapshot.failure[s] = min(1, failure)
      snapshot.capacityFailure[s] = min(1, capacityFailure)
      snapshot.meanLatency[s] = latency
      if livePods > 0 {
        snapshot.cpuPerPod[s] = cpuCores / livePods
        snapshot.memoryPerPod[s] = memoryMiB / livePods
      }
    }
    // Entry-level accounting and causes.
    for s in 0..<count where routeShare[s] > 0 {
      let offered = offeredRate * routeShare[s]
      snapshot.failedPerSecond += offered * snapshot.failure[s]
      var dead = 0.0
      var noTargets = 0.0
      for k in (2 * s)...(2 * s + 1) where snapshot.share[k] > 0 {
        snapshot.entryWeight[k] = offered * snapshot.share[k] * (1 - snapshot.groupFailure[k])
        if snapshot.inRotation[k] == 0 || snapshot.live[k] == 0 {
          noTargets += snapshot.share[k]
        } else {
          dead += snapshot.share[k] * Double(snapshot.inRotation[k] - snapshot.live[k])
            / Double(snapshot.inRotation[k])
        }
      }
      snapshot.failedByCause[FailureCause.noHealthyTargets.rawValue] += offered * noTargets
      snapshot.failedByCause[FailureCause.unhealthyTargetsInRotation.rawValue] += offered * dead
      snapshot.failedByCause[FailureCause.overloadOrDependency.rawValue] +=
        offered * max(0, snapshot.failure[s] - dead - noTargets)
      snapshot.unservedPerSecond += offered * snapshot.capacityFailure[s]
    }
    // Utilisation of requests and capacity.
    for (s, service) in flowParameters.enumerated() {
      let pods = Double(snapshot.readyPods[s])
      snapshot.cpuUsedCores += pods * Self.idleCPUCores
      snapshot.cpuRequestedCores += pods * service.cpuRequestCores
      snapshot.memoryUsedMiB += pods * service.memoryWorkingSetMiB
      snapshot.memoryRequestedMiB += pods * service.memoryRequestMiB
    }
    for node in nodes where node.up {
      snapshot.cpuCapacityCores += Double(node.capacityCPUMillicores) / 1_000
      snapshot.memoryCapacityMiB += Double(node.capacityMemoryMiB)
      snapshot.nodesUp += 1
    }
    // Traffic volumes for cost.
    let callRate = snapshot.arrival.enumerated().reduce(0.0) { sum, entry in
      sum + (routeShare[entry.offset] > 0 ? 0 : entry.element)
    } + databaseRate + cacheRate
    var zonesUp = 0.0
    for up in zoneUp where up { zonesUp += 1 }
    zonesUp = max(1, zonesUp)
    snapshot.interZoneGBPerSecond = callRate * (1 - 1 / zonesUp) * Self.callKiB * Self.gigabytesPerKiB
    snapshot.processedGBPerSecond = offeredRate * Self.responseKiB * Self.gigabytesPerKiB
    var egressRate = 0.0
    for (s, service) in flowParameters.enumerated() { egressRate += snapshot.arrival[s] * service.egressCallsPerRequest }
    snapshot.natGBPerSecond = egressRate * Self.callKiB * Self.gigabytesPerKiB
  }

  /// Whether pods in `zone` reach the internet through a working NAT gateway.
  func hasEgress(zone: Int) -> Bool {
    switch scenario.platform.natGateways {
    case .none: return false
    case .perZone: return natUp[zone]
    case .single:
      return singleGatewayZone.map { natUp[$0] } ?? false
    }
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

  /// The sojourn-time distribution of an M/M/c queue at `rate` (stable by construction).
  static func sojourn(rate: Double, serviceTime: Double, servers: Int) -> SojournTime {
    let mu = 1 / serviceTime
    guard rate > 0 else { return SojournTime(serviceRate: mu) }
    let queue = MMcQueue(arrivalRate: rate, serviceRate: mu, servers: servers)
    return SojournTime(
      arrivalRate: rate, serviceRate: mu, servers: servers,
      waitingProbability: queue.probabilityOfWaiting)
  }

  /// A managed store (database or cache) as an M/M/c queue: failure share and mean latency.
  func storePerformance(up: Bool, rate: Double, servers: Int, serviceTime: Double, added: Double)
    -> (failure: Double, latency: Double, utilisation: Double)
  {
    guard up else { return (1, 0, 0) }
    guard rate > 0 else { return (0, serviceTime + added, 0) }
    let capacity = Double(servers) / serviceTime
    let load = rate / capacity
    let failure = load >= 1 ? 1 - 1 / load : 0
    let sojourn = Self.sojourn(rate: min(rate, 0.99 * capacity), serviceTime: serviceTime, servers: servers)
    return (failure, sojourn.mean + added, load)
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

/// The platform's flow at one instant: rates per second and levels, plus the per-service
/// working buffers ``PlatformWorld/computeFlow(offeredRate:into:)`` reuses between steps.
struct FlowSnapshot {
  var offeredPerSecond = 0.0
  var failedPerSecond = 0.0
  var failedByCause: [Double] = []
  /// Per revision group (index `2 × service + group`): the response-time distribution and the
  /// entry-level rate of successful requests it serves.
  var groupSojourn: [SojournTime?] = []
  var entryWeight: [Double] = []
  var readyPods: [Int] = []
  var nodesUp = 0
  var cpuUsedCores = 0.0
  var cpuRequestedCores = 0.0
  var cpuCapacityCores = 0.0
  var memoryUsedMiB = 0.0
  var memoryRequestedMiB = 0.0
  var memoryCapacityMiB = 0.0
  var interZoneGBPerSecond = 0.0
  var processedGBPerSecond = 0.0
  var natGBPerSecond = 0.0
  /// Requests per second turned away or timed out because a service on their path had too
  /// few pods for its load (overload and queueing timeouts, not dependency outages).
  var unservedPerSecond = 0.0
  // Working buffers, per revision group.
  var inRotation: [Int] = []
  var live: [Int] = []
  var egressDown: [Int] = []
  /// The group's share of its service's requests, the requests per second it gets, their
  /// failure share, and the CPU cores one of its running pods uses.
  var share: [Double] = []
  var groupArrival: [Double] = []
  var groupFailure: [Double] = []
  var groupCPUPerPod: [Double] = []
  // Working buffers, per service.
  var arrival: [Double] = []
  var failure: [Double] = []
  var meanLatency: [Double] = []
  /// Per service: CPU cores and memory MiB one running pod uses.
  var cpuPerPod: [Double] = []
  var memoryPerPod: [Double] = []
  /// Per service: the share of its requests lost to too little pod capacity, its own or its
  /// callees' (requests that reached a live pod and were turned away or timed out in queue).
  var capacityFailure: [Double] = []

  init(serviceCount: Int) { reset(serviceCount: serviceCount) }

  /// An empty snapshot; allocates nothing (it only holds buffers swapped in and out).
  init() {}

  /// Zeroes every figure, sizing the per-service arrays to `serviceCount` in place.
  mutating func reset(serviceCount: Int) {
    func zero<T>(_ array: inout [T], _ value: T, perGroup: Bool = false) {
      let size = perGroup ? 2 * serviceCount : serviceCount
      if array.count != size {
        array = Array(repeating: value, count: size)
      } else {
        array.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
      }
    }
    offeredPerSecond = 0
    failedPerSecond = 0
    if failedByCause.count != FailureCause.allCases.count {
      failedByCause = Array(repeating: 0, count: FailureCause.allCases.count)
    } else {
      for i in failedByCause.indices { failedByCause[i] = 0 }
    }
    zero(&groupSojourn, nil, perGroup: true)
    zero(&entryWeight, 0, perGroup: true)
    zero(&readyPods, 0)
    zero(&inRotation, 0, perGroup: true)
    zero(&live, 0, perGroup: true)
    zero(&egressDown, 0, perGroup: true)
    zero(&share, 0, perGroup: true)
    zero(&groupArrival, 0, perGroup: true)
    zero(&groupFailure, 0, perGroup: true)
    zero(&groupCPUPerPod, 0, perGroup: true)
    zero(&arrival, 0)
    zero(&failure, 1)
    zero(&meanLatency, 0)
    zero(&cpuPerPod, 0)
    zero(&memoryPerPod, 0)
    zero(&capacityFailure, 0)
    unservedPerSecond = 0
    nodesUp = 0
    cpuUsedCores = 0
    cpuRequestedCores = 0
    cpuCapacityCores = 0
    memoryUsedMiB = 0
    memoryRequestedMiB = 0
    memoryCapacityMiB = 0
    interZoneGBPerSecond = 0
    processedGBPerSecond = 0
    natGBPerSecond = 0
  }

  /// The latency distribution of successful requests, mixing entry services by traffic.
  var latency: LatencyMixture {
    var mixture = LatencyMixture()
    for (k, time) in groupSojourn.enumerated() {
      if let time, entryWeight[k] > 0 { mixture.add(time, weight: entryWeight[k]) }
    }
    return mixture
  }
}
