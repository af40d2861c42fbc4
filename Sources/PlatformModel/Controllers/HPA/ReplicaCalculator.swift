import SimKernel

/// Upstream's replica calculator for `Resource` metrics (`replica_calculator.go`), as pure
/// functions of the pods' status and samples.
///
/// The algorithm, for one metric:
/// 1. Group the pods (``groupPods(_:resource:now:)``): failed or deleting pods are ignored;
///    pending pods are unready; pods without a sample are missing; for CPU only, pods still
///    warming up or never ready are unready. The rest are ready.
/// 2. Over the ready pods, utilization = ⌊Σ usage × 100 / Σ request⌋ and
///    ratio = utilization / target (or ⌊Σ usage / n⌋ / target for `averageValue`).
/// 3. With no missing pods, and no unready pods on a scale-up, return the current replicas if
///    the ratio is within tolerance, else ⌈ratio × ready pods⌉.
/// 4. Otherwise fill in: missing pods at request × max(100, target) / 100 (the target for
///    `averageValue`) when scaling down, at 0 when scaling up; unready pods at 0 when scaling up.
///    Recompute the ratio; keep the current replicas if the new ratio is within tolerance or
///    points the other way, or if ⌈new ratio × counted pods⌉ would move against it; else return
///    that.
package struct ReplicaCalculator: Sendable, Equatable {
  /// The controller settings (initialization period and readiness delay are used here).
  package var settings: HPAControllerSettings

  /// A calculator with the given settings.
  package init(settings: HPAControllerSettings = HPAControllerSettings()) {
    self.settings = settings
  }

  /// Proposes a replica count for one resource metric.
  ///
  /// - Parameters:
  ///   - currentReplicas: the target's `spec.replicas`.
  ///   - metric: the metric and its target.
  ///   - pods: every pod matched by the target's selector, including failed and terminating ones.
  ///   - tolerances: the allowed deviation each way.
  ///   - now: the sync time (only CPU readiness uses it).
  /// - Returns: the proposal, with the utilization and average usage measured over ready pods.
  /// - Throws: ``HPAMetricError`` when there are no usable samples or a request is missing.
  /// - Complexity: O(*n*) in the number of pods.
  package func proposal(
    currentReplicas: Int, metric: HPAMetricSpec, pods: [HPAPodMetrics], tolerances: HPATolerances,
    now: SimTime
  ) throws(HPAMetricError) -> ReplicaProposal {
    switch metric.target {
    case .averageUtilization(let percent):
      try resourceUtilizationReplicas(
        currentReplicas: currentReplicas, targetUtilization: percent, resource: metric.resource,
        pods: pods, tolerances: tolerances, now: now)
    case .averageValue(let value):
      try rawResourceReplicas(
        currentReplicas: currentReplicas, targetUsage: value, resource: metric.resource, pods: pods,
        tolerances: tolerances, now: now)
    }
  }

  /// Upstream's `GetResourceReplicas`: a target utilization in percent of the requests.
  ///
  /// - Throws: ``HPAMetricError``.
  /// - Precondition: `targetUtilization > 0`.
  /// - Complexity: O(*n*) in the number of pods.
  package func resourceUtilizationReplicas(
    currentReplicas: Int, targetUtilization: Int, resource: HPAResourceName, pods: [HPAPodMetrics],
    tolerances: HPATolerances, now: SimTime
  ) throws(HPAMetricError) -> ReplicaProposal {
    precondition(targetUtilization > 0, "target utilization must be positive")
    let groups = groupPods(pods, resource: resource, now: now)
    if !pods.isEmpty && groups.unready.isEmpty && groups.missing.isEmpty && groups.ignored.isEmpty {
      // The common case, without the per-pod arrays: every pod counts as it is.
      var metricsTotal: Int64 = 0
      var requestsTotal: Int64 = 0
      for (i, pod) in pods.enumerated() {
        guard let request = pod.request(for: resource) else {
          throw .missingRequest(resource, podIndex: i)
        }
        metricsTotal += pod.usage(of: resource)?.value ?? 0
        requestsTotal += request
      }
      guard requestsTotal != 0 else { throw .noRequestsMatched }
      let utilization = Self.percent(metricsTotal, of: requestsTotal)
      let ratio = Double(utilization) / Double(targetUtilization)
      let replicas = tolerances.isWithin(ratio) ? currentReplicas : Self.ceilToInt(ratio * Double(groups.readyCount))
      return ReplicaProposal(
        replicas: replicas, utilization: utilization, averageValue: metricsTotal / Int64(pods.count))
    }
    var metrics = try usableSamples(resource: resource, pods: pods)
    for i in groups.ignored { metrics[i] = nil }
    for i in groups.unready { metrics[i] = nil }
    guard metrics.contains(where: { $0 != nil }) else { throw .noMetricsForTargetedPods }
    var requests = [Int64](repeating: 0, count: pods.count)
    for (i, pod) in pods.enumerated() {
      guard let request = pod.request(for: resource) else {
        throw .missingRequest(resource, podIndex: i)
      }
      requests[i] = request
    }

    let (usageRatio, utilization, rawAverage) = try Self.utilizationRatio(
      metrics: metrics, requests: requests, targetUtilization: targetUtilization)
    let result = { (replicas: Int) in
      ReplicaProposal(replicas: replicas, utilization: utilization, averageValue: rawAverage)
    }

    let scaleUpWithUnready = !groups.unready.isEmpty && usageRatio > 1
    if !scaleUpWithUnready && groups.missing.isEmpty {
      if tolerances.isWithin(usageRatio) { return result(currentReplicas) }
      return result(Self.ceilToInt(usageRatio * Double(groups.readyCount)))
    }

    if !groups.missing.isEmpty {
      if usageRatio < 1 {
        // On a scale-down, a pod without a sample is taken to use its whole request, or the
        // target if that is above 100 %, so that it never speeds the scale-down.
        let fallback = Int64(Swift.max(100, targetUtilization))
        for i in groups.missing { metrics[i] = requests[i] * fallback / 100 }
      } else if usageRatio > 1 {
        for i in groups.missing { metrics[i] = 0 }
      }
    }
    if scaleUpWithUnready {
      for i in groups.unready { metrics[i] = 0 }
    }

    let (newUsageRatio, _, _) = try Self.utilizationRatio(
      metrics: metrics, requests: requests, targetUtilization: targetUtilization)
    if tolerances.isWithin(newUsageRatio) || (usageRatio < 1 && newUsageRatio > 1)
      || (usageRatio > 1 && newUsageRatio < 1)
    {
      return result(currentReplicas)
    }
    let counted = metrics.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
    let newReplicas = Self.ceilToInt(newUsageRatio * Double(counted))
    if (newUsageRatio < 1 && newReplicas > currentReplicas)
      || (newUsageRatio > 1 && newReplicas < currentReplicas)
    {
      return result(currentReplicas)
    }
    return result(newReplicas)
  }

  /// Upstream's `GetRawResourceReplicas` (`calcPlainMetricReplicas`): a target average usage per
  /// pod in the resource's unit.
  ///
  /// - Throws: ``HPAMetricError``.
  /// - Precondition: `targetUsage > 0`.
  /// - Complexity: O(*n*) in the number of pods.
  package func rawResourceReplicas(
    currentReplicas: Int, targetUsage: Int64, resource: HPAResourceName, pods: [HPAPodMetrics],
    tolerances: HPATolerances, now: SimTime
  ) throws(HPAMetricError) -> ReplicaProposal {
    precondition(targetUsage > 0, "target usage must be positive")
    var metrics = try usableSamples(resource: resource, pods: pods)
    let groups = groupPods(pods, resource: resource, now: now)
    for i in groups.ignored { metrics[i] = nil }
    for i in groups.unready { metrics[i] = nil }
    guard metrics.contains(where: { $0 != nil }) else { throw .noMetricsForTargetedPods }

    let (usageRatio, usage) = Self.usageRatio(metrics: metrics, targetUsage: targetUsage)
    let result = { (replicas: Int) in
      ReplicaProposal(replicas: replicas, utilization: nil, averageValue: usage)
    }
    let scaleUpWithUnready = !groups.unready.isEmpty && usageRatio > 1
    if !scaleUpWithUnready && groups.missing.isEmpty {
      if tolerances.isWithin(usageRatio) { return result(currentReplicas) }
      return result(Self.ceilToInt(usageRatio * Double(groups.readyCount)))
    }
    if !groups.missing.isEmpty {
      if usageRatio < 1 {
        for i in groups.missing { metrics[i] = targetUsage }
      } else if usageRatio > 1 {
        for i in groups.missing { metrics[i] = 0 }
      }
    }
    if scaleUpWithUnready {
      for i in groups.unready { metrics[i] = 0 }
    }
    let (newUsageRatio, _) = Self.usageRatio(metrics: metrics, targetUsage: targetUsage)
    if tolerances.isWithin(newUsageRatio) || (usageRatio < 1 && newUsageRatio > 1)
      || (usageRatio > 1 && newUsageRatio < 1)
    {
      return result(currentReplicas)
    }
    let counted = metrics.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
    let newReplicas = Self.ceilToInt(newUsageRatio * Double(counted))
    if (newUsageRatio < 1 && newReplicas > currentReplicas)
      || (newUsageRatio > 1 && newReplicas < currentReplicas)
    {
      return result(currentReplicas)
    }
    return result(newReplicas)
  }

  /// Sorts pods into ready, unready, missing and ignored, as upstream's `groupPods`, by the
  /// rule ``HPAPodGrouping`` states.
  ///
  /// - Complexity: O(*n*) in the number of pods.
  package func groupPods(_ pods: [HPAPodMetrics], resource: HPAResourceName, now: SimTime)
    -> HPAPodGroups
  {
    var groups = HPAPodGroups()
    for (i, pod) in pods.enumerated() {
      switch group(of: pod, resource: resource, now: now) {
      case .ready: groups.readyCount += 1
      case .unready: groups.unready.append(i)
      case .missing: groups.missing.append(i)
      case .ignored: groups.ignored.append(i)
      }
    }
    return groups
  }

  /// The group one pod falls into for `resource` (one step of ``groupPods(_:resource:now:)``):
  /// ``HPAPodGrouping`` applied to the pod's record with these settings.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package func group(of pod: HPAPodMetrics, resource: HPAResourceName, now: SimTime)
    -> HPAPodGroup
  {
    HPAPodGrouping(settings: settings).group(
      phase: pod.phase, isDeleting: pod.isDeleting, startTime: pod.startTime,
      readyCondition: pod.readyCondition, sample: pod.usage(of: resource), resource: resource,
      now: now)
  }

  /// Upstream's `GetResourceUtilizationRatio` over the pods that have a value in `metrics`.
  ///
  /// - Returns: the usage ratio, the utilization ⌊Σ usage × 100 / Σ request⌋ in percent, and
  ///   the mean usage per counted pod (truncated).
  /// - Throws: ``HPAMetricError/noRequestsMatched`` when the counted requests sum to 0.
  /// - Complexity: O(*n*).
  package static func utilizationRatio(
    metrics: [Int64?], requests: [Int64], targetUtilization: Int
  ) throws(HPAMetricError) -> (ratio: Double, utilization: Int, rawAverage: Int64) {
    var metricsTotal: Int64 = 0
    var requestsTotal: Int64 = 0
    var entries: Int64 = 0
    for (i, value) in metrics.enumerated() {
      guard let value else { continue }
      metricsTotal += value
      requestsTotal += requests[i]
      entries += 1
    }
    guard requestsTotal != 0 else { throw .noRequestsMatched }
    let utilization = Self.percent(metricsTotal, of: requestsTotal)
    return (Double(utilization) / Double(targetUtilization), utilization, metricsTotal / entries)
  }

  /// Upstream's `GetMetricUsageRatio`: ⌊Σ usage / n⌋ / target over the pods with a value.
  ///
  /// - Precondition: at least one value is present.
  /// - Complexity: O(*n*).
  package static func usageRatio(metrics: [Int64?], targetUsage: Int64) -> (
    ratio: Double, usage: Int64
  ) {
    var total: Int64 = 0
    var count: Int64 = 0
    for value in metrics {
      guard let value else { continue }
      total += value
      count += 1
    }
    precondition(count > 0, "no values to average")
    let usage = total / count
    return (Double(usage) / Double(targetUsage), usage)
  }

  /// `Int(total * 100 / requests)`, the utilisation in whole percent as upstream computes it,
  /// saturating at `Int64.max` when `total * 100` overflows (usage thousands of times the
  /// request, summed over many pods, from extreme scenarios); the ratio then saturates in
  /// ``ceilToInt(_:)`` and the proposal is clamped to `maxReplicas`.
  @inline(__always)
  static func percent(_ total: Int64, of requests: Int64) -> Int {
    let (scaled, overflow) = total.multipliedReportingOverflow(by: 100)
    return overflow ? Int(Int64.max) : Int(scaled / requests)
  }

  /// `int32(math.Ceil(x))` for the non-negative ratios the calculator produces, saturating at
  /// ±2⁶² (NaN is 0).
  ///
  /// `Int(x.rounded(.up))` without the call to libm's `ceil`: below 2⁵², truncation is exact,
  /// and `x` has a fraction exactly when it differs from its truncation; larger values take
  /// `rounded(.up)` itself. Usage thousands of times the request on 10⁵ pods gives ratios past
  /// `Int`; the replica count is then clamped to `maxReplicas` like any other large proposal.
  @inline(__always)
  static func ceilToInt(_ x: Double) -> Int {
    guard x.magnitude < 4_503_599_627_370_496 else {
      let limit = 1 << 62
      guard x.magnitude < Double(limit) else { return x.isNaN ? 0 : x < 0 ? -limit : limit }
      return Int(x.rounded(.up))
    }
    let truncated = Int(x)
    return Double(truncated) < x ? truncated + 1 : truncated
  }

  /// Each pod's sample value of `resource`, or `nil`; throws when there are none at all, as the
  /// metrics client does for an empty `PodMetricsList`.
  private func usableSamples(resource: HPAResourceName, pods: [HPAPodMetrics])
    throws(HPAMetricError)
    -> [Int64?]
  {
    let values = pods.map { $0.usage(of: resource)?.value }
    guard values.contains(where: { $0 != nil }) else { throw .noMetricsReturned(resource) }
    return values
  }
}

/// The result of one metric's calculation.
package struct ReplicaProposal: Sendable, Equatable {
  /// The replica count this metric asks for.
  package var replicas: Int
  /// The measured utilization in percent of requests (utilization targets only).
  package var utilization: Int?
  /// The measured mean usage per pod, in the resource's unit (truncated).
  package var averageValue: Int64

  /// Creates a proposal.
  package init(replicas: Int, utilization: Int?, averageValue: Int64) {
    self.replicas = replicas
    self.utilization = utilization
    self.averageValue = averageValue
  }
}

/// Pod indices by how the calculator treats them (upstream's four sets).
package struct HPAPodGroups: Sendable, Equatable {
  /// Pods whose samples count as they are.
  package var readyCount: Int = 0
  /// Pending or (CPU) not-yet-trustworthy pods: dropped, or counted at 0 on a scale-up.
  package var unready: [Int] = []
  /// Pods without a sample: filled in pessimistically.
  package var missing: [Int] = []
  /// Failed or terminating pods: left out entirely.
  package var ignored: [Int] = []

  /// Empty groups.
  package init() {}

  /// Groups with the given members.
  package init(readyCount: Int, unready: [Int], missing: [Int], ignored: [Int]) {
    self.readyCount = readyCount
    self.unready = unready
    self.missing = missing
    self.ignored = ignored
  }
}

/// The band around a usage ratio of 1 inside which nothing changes (upstream's `Tolerances`).
package struct HPATolerances: Sendable, Equatable {
  /// How far below 1 the ratio may fall without scaling down.
  package var scaleDown: Double
  /// How far above 1 the ratio may rise without scaling up.
  package var scaleUp: Double

  /// Tolerances of `scaleDown` and `scaleUp`.
  package init(scaleDown: Double, scaleUp: Double) {
    self.scaleDown = scaleDown
    self.scaleUp = scaleUp
  }

  /// The same tolerance both ways.
  package init(_ both: Double) { self.init(scaleDown: both, scaleUp: both) }

  /// Whether `ratio` lies in [1 - scaleDown, 1 + scaleUp] (`isWithin`).
  package func isWithin(_ ratio: Double) -> Bool {
    (1 - scaleDown) <= ratio && ratio <= (1 + scaleUp)
  }
}
