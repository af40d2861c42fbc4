import SimKernel

/// What the replica calculator reads of a workload's pods, tallied pod by pod without keeping a
/// record per pod.
///
/// The pods of one workload come from one pod template, so they share their requests; the
/// census takes those once. For each resource it counts the pods in each of the calculator's
/// groups (``HPAPodGroup``), notes whether any pod has a sample at all, and sums the ready pods'
/// usage. That is everything upstream's calculation depends on when requests are equal: each sum
/// it forms is the ready pods' usage plus a count times one fill-in value, over a count times
/// the request. So ``ReplicaCalculator/proposal(currentReplicas:metric:census:tolerances:)``
/// returns (or throws) exactly what
/// ``ReplicaCalculator/proposal(currentReplicas:metric:pods:tolerances:now:)`` does for the same
/// pods, in O(1) instead of O(*n*) with three arrays.
package struct HPAPodCensus: Sendable, Equatable {
  /// Every pod's CPU request in millicores; `nil` if the template lacks one.
  package let cpuRequestMillicores: Int64?
  /// Every pod's memory request in bytes; `nil` if the template lacks one.
  package let memoryRequestBytes: Int64?
  /// The pods added so far, in every group.
  package private(set) var podCount = 0
  /// The CPU view of the pods.
  package private(set) var cpu = HPAResourceTally()
  /// The memory view of the pods.
  package private(set) var memory = HPAResourceTally()

  /// An empty census of pods with the given requests.
  package init(cpuRequestMillicores: Int64?, memoryRequestBytes: Int64?) {
    self.cpuRequestMillicores = cpuRequestMillicores
    self.memoryRequestBytes = memoryRequestBytes
  }

  /// A census with the given counts: what adding `podCount` pods would leave, for a caller
  /// that classifies them itself.
  ///
  /// - Precondition: each tally's groups add up to `podCount`.
  package init(
    cpuRequestMillicores: Int64?, memoryRequestBytes: Int64?, podCount: Int,
    cpu: HPAResourceTally, memory: HPAResourceTally
  ) {
    precondition(
      cpu.podCount == podCount && memory.podCount == podCount,
      "a census counts every pod once per resource")
    self.cpuRequestMillicores = cpuRequestMillicores
    self.memoryRequestBytes = memoryRequestBytes
    self.podCount = podCount
    self.cpu = cpu
    self.memory = memory
  }

  /// A census of `pods`, grouped by `calculator` at `now`.
  ///
  /// - Precondition: the pods have equal requests.
  /// - Complexity: O(*n*) in the number of pods.
  package init(pods: [HPAPodMetrics], groupedBy calculator: ReplicaCalculator, at now: SimTime) {
    self.init(
      cpuRequestMillicores: pods.first?.cpuRequestMillicores,
      memoryRequestBytes: pods.first?.memoryRequestBytes)
    for pod in pods { add(pod, groupedBy: calculator, at: now) }
  }

  /// Counts one more pod.
  ///
  /// - Parameters:
  ///   - pod: the pod's status and samples.
  ///   - calculator: the calculator whose settings decide CPU readiness.
  ///   - now: the sync time.
  /// - Precondition: `pod` has the census' requests.
  /// - Complexity: O(1).
  @inline(__always)
  package mutating func add(
    _ pod: HPAPodMetrics, groupedBy calculator: ReplicaCalculator, at now: SimTime
  ) {
    precondition(
      pod.cpuRequestMillicores == cpuRequestMillicores
        && pod.memoryRequestBytes == memoryRequestBytes,
      "a census needs pods with equal requests")
    podCount += 1
    cpu.count(calculator.group(of: pod, resource: .cpu, now: now), sample: pod.cpuUsage)
    memory.count(calculator.group(of: pod, resource: .memory, now: now), sample: pod.memoryUsage)
  }

  /// Sets every ready pod's usage to `cpuMillicores` of CPU and `memoryBytes` of memory,
  /// whatever usage was counted.
  ///
  /// metrics-server reports one figure for all the pods of a workload, so a caller can count
  /// the pods once and apply each new figure here: the census becomes the one
  /// ``add(_:groupedBy:at:)`` builds when every pod's samples have those values.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package mutating func setReadyPodUsage(cpuMillicores: Int64, memoryBytes: Int64) {
    cpu.setReadyPodUsage(cpuMillicores)
    memory.setReadyPodUsage(memoryBytes)
  }

  /// The tally for `resource`.
  package func tally(of resource: HPAResourceName) -> HPAResourceTally {
    switch resource {
    case .cpu: cpu
    case .memory: memory
    }
  }

  /// Every pod's request for `resource`, or `nil` if the template lacks one.
  package func request(for resource: HPAResourceName) -> Int64? {
    switch resource {
    case .cpu: cpuRequestMillicores
    case .memory: memoryRequestBytes
    }
  }
}

/// One resource's view of a census: pods per group, and the ready pods' usage.
package struct HPAResourceTally: Sendable, Equatable {
  /// Pods whose samples count as they are.
  package private(set) var readyCount = 0
  /// Pending or (CPU) not-yet-trustworthy pods.
  package private(set) var unreadyCount = 0
  /// Pods without a sample.
  package private(set) var missingCount = 0
  /// Failed or terminating pods.
  package private(set) var ignoredCount = 0
  /// Whether any pod, in whatever group, has a sample (the metrics API returned something).
  package private(set) var hasSamples = false
  /// The ready pods' usage, summed, in the resource's unit.
  package private(set) var readyUsageTotal: Int64 = 0

  /// An empty tally.
  package init() {}

  /// A tally with the given counts and usage.
  package init(
    readyCount: Int, unreadyCount: Int, missingCount: Int, ignoredCount: Int, hasSamples: Bool,
    readyUsageTotal: Int64
  ) {
    self.readyCount = readyCount
    self.unreadyCount = unreadyCount
    self.missingCount = missingCount
    self.ignoredCount = ignoredCount
    self.hasSamples = hasSamples
    self.readyUsageTotal = readyUsageTotal
  }

  /// The pods counted, in every group.
  package var podCount: Int { readyCount + unreadyCount + missingCount + ignoredCount }

  /// Sets every ready pod's usage to `usage`, whatever usage was counted.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package mutating func setReadyPodUsage(_ usage: Int64) {
    readyUsageTotal = Int64(readyCount) * usage
  }

  /// Counts one pod in `group`, with its sample if it has one.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package mutating func count(_ group: HPAPodGroup, sample: HPAMetricSample?) {
    if sample != nil { hasSamples = true }
    switch group {
    case .ready:
      readyCount += 1
      readyUsageTotal += sample?.value ?? 0
    case .unready: unreadyCount += 1
    case .missing: missingCount += 1
    case .ignored: ignoredCount += 1
    }
  }
}
