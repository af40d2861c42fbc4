import SimKernel

/// The platform's flow at one instant: rates per second and levels, plus the per-service and
/// per-revision-group working state ``PlatformWorld/countPods(into:)`` and
/// ``PlatformWorld/computeRates(offeredRate:at:into:)`` reuse between steps.
///
/// The per-group and per-service figures are arrays of plain structs, two buffers in all, so
/// that a step touches few arrays (each array access in Swift carries a uniqueness and a bounds
/// check).
struct FlowSnapshot {
  var offeredPerSecond = 0.0
  var failedPerSecond = 0.0
  var failedByCause: [Double] = []
  /// Per service: ready pods on nodes that are up (whether in rotation or not).
  var readyPods = PerService<Int>([])
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
  /// Per revision group, index `2 × service + group`.
  var groups: [RevisionGroupFlow] = []
  /// Per service.
  var services = PerService<ServiceFlow>([])

  /// An empty snapshot; allocates nothing (it only holds buffers swapped in and out).
  init() {}

  /// Zeroes every figure, sizing the per-service arrays to `serviceCount` in place.
  mutating func reset(serviceCount: Int) {
    readyPods.fill(0, count: serviceCount)
    Self.fill(&groups, RevisionGroupFlow(), count: 2 * serviceCount)
    services.fill(ServiceFlow(), count: serviceCount)
    Self.fill(&failedByCause, 0, count: FailureCause.allCases.count)
    nodesUp = 0
    cpuCapacityCores = 0
    memoryCapacityMiB = 0
    resetRates()
  }

  /// Zeroes the figures that depend on the offered rate, keeping the pod counts, shares and
  /// capacity (see ``PlatformWorld/countPods(into:)``). The arrays must already be sized.
  mutating func resetRates() {
    offeredPerSecond = 0
    failedPerSecond = 0
    Self.fill(&failedByCause, 0)
    for k in groups.indices { groups[k].resetRates() }
    for s in services.indices { services[s].resetRates() }
    unservedPerSecond = 0
    cpuUsedCores = 0
    cpuRequestedCores = 0
    memoryUsedMiB = 0
    memoryRequestedMiB = 0
    interZoneGBPerSecond = 0
    processedGBPerSecond = 0
    natGBPerSecond = 0
  }

  /// Sets every element of `array` to `value`, resizing it to `count` first when given.
  private static func fill<T>(_ array: inout [T], _ value: T, count: Int? = nil) {
    if let count, array.count != count {
      array = Array(repeating: value, count: count)
    } else {
      array.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }
  }
}

/// One revision group's part of a flow step: a service's pods of one revision (see
/// ``Delivery/revisionEffects``).
struct RevisionGroupFlow {
  /// Pods in rotation; of those, the live ones (ready, on a node that is up); of those, the
  /// ones in a zone without egress.
  var inRotation = 0
  var live = 0
  var egressDown = 0
  /// Its share of its service's requests.
  var share = 0.0
  /// Requests per second it gets and the share of them that fail.
  var arrival = 0.0
  var failure = 0.0
  /// CPU cores one of its running pods uses.
  var cpuPerPod = 0.0
  /// Entry-level rate of successful requests it serves (weight in the latency mixture).
  var entryWeight = 0.0
  /// Its response-time distribution, when it has live pods.
  var response: ResponseTime? = nil

  /// Zeroes the figures that depend on the offered rate.
  mutating func resetRates() {
    arrival = 0
    failure = 0
    cpuPerPod = 0
    entryWeight = 0
    response = nil
  }
}

/// One service's part of a flow step.
struct ServiceFlow {
  /// The share of its requests that reach a live pod (from the pod counts).
  var reachingShare = 0.0
  /// Requests per second reaching it and the share that fail.
  var arrival = 0.0
  var failure = 1.0
  /// The moments of its served requests' response time (over its revision groups), and the
  /// least time every one of them takes.
  var latency = LatencyMoments.zero
  var latencyFloor = 0.0
  /// CPU cores and memory MiB one running pod uses.
  var cpuPerPod = 0.0
  var memoryPerPod = 0.0
  /// The share of its requests lost to too little pod capacity, its own or its callees'
  /// (requests that reached a live pod and were turned away or timed out in queue).
  var capacityFailure = 0.0

  /// Zeroes the figures that depend on the offered rate.
  mutating func resetRates() {
    arrival = 0
    failure = 1
    latency = .zero
    latencyFloor = 0
    cpuPerPod = 0
    memoryPerPod = 0
    capacityFailure = 0
  }
}
