import SimKernel

/// The replica calculation over an ``HPAPodCensus`` instead of per-pod records.
///
/// Each function here is the counted form of its per-pod counterpart, step for step: the same
/// checks in the same order, and the same integer sums (with equal requests, Σ request over *k*
/// pods is *k* × request, and the fill-in value for *k* missing pods is added as *k* × value).
/// Integer sums are exact, so the results are identical; `HPAPodCensusTests` checks that
/// against the per-pod functions over random pod sets.
extension ReplicaCalculator {
  /// Proposes a replica count for one resource metric from a census of the pods.
  ///
  /// - Parameters:
  ///   - currentReplicas: the target's `spec.replicas`.
  ///   - metric: the metric and its target.
  ///   - census: every pod matched by the target's selector, grouped at the sync time.
  ///   - tolerances: the allowed deviation each way.
  /// - Returns: what ``proposal(currentReplicas:metric:pods:tolerances:now:)`` returns.
  /// - Throws: what ``proposal(currentReplicas:metric:pods:tolerances:now:)`` throws.
  /// - Complexity: O(1).
  package func proposal(
    currentReplicas: Int, metric: HPAMetricSpec, census: HPAPodCensus, tolerances: HPATolerances
  ) throws(HPAMetricError) -> ReplicaProposal {
    switch metric.target {
    case .averageUtilization(let percent):
      try resourceUtilizationReplicas(
        currentReplicas: currentReplicas, targetUtilization: percent, resource: metric.resource,
        census: census, tolerances: tolerances)
    case .averageValue(let value):
      try rawResourceReplicas(
        currentReplicas: currentReplicas, targetUsage: value, resource: metric.resource,
        census: census, tolerances: tolerances)
    }
  }

  /// ``resourceUtilizationReplicas(currentReplicas:targetUtilization:resource:pods:tolerances:now:)``
  /// over a census.
  ///
  /// - Throws: ``HPAMetricError``.
  /// - Precondition: `targetUtilization > 0`.
  /// - Complexity: O(1).
  package func resourceUtilizationReplicas(
    currentReplicas: Int, targetUtilization: Int, resource: HPAResourceName, census: HPAPodCensus,
    tolerances: HPATolerances
  ) throws(HPAMetricError) -> ReplicaProposal {
    precondition(targetUtilization > 0, "target utilization must be positive")
    if let proposal = try allReadyUtilizationReplicas(
      currentReplicas: currentReplicas, targetUtilization: targetUtilization, resource: resource,
      census: census, tolerances: tolerances)
    {
      return proposal
    }
    let tally = census.tally(of: resource)
    let ready = Int64(tally.readyCount)
    guard tally.hasSamples else { throw .noMetricsReturned(resource) }
    guard ready > 0 else { throw .noMetricsForTargetedPods }
    guard let request = census.request(for: resource) else {
      throw .missingRequest(resource, podIndex: 0)
    }
    let requestsTotal = request * ready
    guard requestsTotal != 0 else { throw .noRequestsMatched }
    let utilization = Self.percent(tally.readyUsageTotal, of: requestsTotal)
    let usageRatio = Double(utilization) / Double(targetUtilization)
    let result = ReplicaProposal(
      replicas: currentReplicas, utilization: utilization,
      averageValue: tally.readyUsageTotal / ready)

    let scaleUpWithUnready = tally.unreadyCount > 0 && usageRatio > 1
    if !scaleUpWithUnready && tally.missingCount == 0 {
      if tolerances.isWithin(usageRatio) { return result }
      return result.with(replicas: Self.ceilToInt(usageRatio * Double(ready)))
    }

    // The pods counted the second time, and their usage (see the per-pod function).
    var counted = ready
    var metricsTotal = tally.readyUsageTotal
    let missing = Int64(tally.missingCount)
    if missing > 0 {
      if usageRatio < 1 {
        let fallback = Int64(Swift.max(100, targetUtilization))
        metricsTotal += request * fallback / 100 * missing
        counted += missing
      } else if usageRatio > 1 {
        counted += missing
      }
    }
    if scaleUpWithUnready { counted += Int64(tally.unreadyCount) }

    let newUtilization = Self.percent(metricsTotal, of: request * counted)
    let newUsageRatio = Double(newUtilization) / Double(targetUtilization)
    if tolerances.isWithin(newUsageRatio) || (usageRatio < 1 && newUsageRatio > 1)
      || (usageRatio > 1 && newUsageRatio < 1)
    {
      return result
    }
    let newReplicas = Self.ceilToInt(newUsageRatio * Double(counted))
    if (newUsageRatio < 1 && newReplicas > currentReplicas)
      || (newUsageRatio > 1 && newReplicas < currentReplicas)
    {
      return result
    }
    return result.with(replicas: newReplicas)
  }

  /// The per-pod function's common case: every pod is ready.
  ///
  /// - Returns: what
  ///   ``resourceUtilizationReplicas(currentReplicas:targetUtilization:resource:census:tolerances:)``
  ///   returns when every pod counted is ready for `resource`; `nil` when some pod is not, or
  ///   there is none.
  /// - Throws: what that function throws then.
  @inline(__always)
  private func allReadyUtilizationReplicas(
    currentReplicas: Int, targetUtilization: Int, resource: HPAResourceName, census: HPAPodCensus,
    tolerances: HPATolerances
  ) throws(HPAMetricError) -> ReplicaProposal? {
    let tally = census.tally(of: resource)
    guard
      census.podCount > 0 && tally.unreadyCount == 0 && tally.missingCount == 0
        && tally.ignoredCount == 0
    else { return nil }
    guard let request = census.request(for: resource) else {
      throw .missingRequest(resource, podIndex: 0)
    }
    let ready = Int64(tally.readyCount)
    let metricsTotal = tally.readyUsageTotal
    let requestsTotal = request * ready
    guard requestsTotal != 0 else { throw .noRequestsMatched }
    let utilization = Self.percent(metricsTotal, of: requestsTotal)
    let ratio = Double(utilization) / Double(targetUtilization)
    let replicas =
      tolerances.isWithin(ratio) ? currentReplicas : Self.ceilToInt(ratio * Double(ready))
    return ReplicaProposal(
      replicas: replicas, utilization: utilization,
      averageValue: metricsTotal / Int64(census.podCount))
  }

  /// The replicas ``proposal(currentReplicas:metric:census:tolerances:)`` proposes, or the
  /// error it throws.
  ///
  /// The commonest case, a utilization target with every pod ready, is worked out in the
  /// caller; the others call that function (as does a target that is not positive, for its
  /// precondition to stop it).
  ///
  /// The census is read, never changed; it is `inout` so that the caller's is read in place
  /// (see ``HorizontalPodAutoscaler/sync(currentReplicas:census:now:)``), and only those other
  /// cases copy it.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package func proposedReplicas(
    currentReplicas: Int, metric: HPAMetricSpec, census: inout HPAPodCensus,
    tolerances: HPATolerances
  ) throws(HPAMetricError) -> Int {
    if case .averageUtilization(let percent) = metric.target, percent > 0 {
      // One call per resource, each reading its tally at fixed places: with the resource
      // unknown, the tally was picked field by field on every call.
      let proposal =
        switch metric.resource {
        case .cpu:
          try allReadyUtilizationReplicas(
            currentReplicas: currentReplicas, targetUtilization: percent, resource: .cpu,
            census: census, tolerances: tolerances)
        case .memory:
          try allReadyUtilizationReplicas(
            currentReplicas: currentReplicas, targetUtilization: percent, resource: .memory,
            census: census, tolerances: tolerances)
        }
      if let proposal { return proposal.replicas }
    }
    return try proposal(
      currentReplicas: currentReplicas, metric: metric, census: census, tolerances: tolerances
    ).replicas
  }

  /// ``rawResourceReplicas(currentReplicas:targetUsage:resource:pods:tolerances:now:)`` over a
  /// census.
  ///
  /// - Throws: ``HPAMetricError``.
  /// - Precondition: `targetUsage > 0`.
  /// - Complexity: O(1).
  package func rawResourceReplicas(
    currentReplicas: Int, targetUsage: Int64, resource: HPAResourceName, census: HPAPodCensus,
    tolerances: HPATolerances
  ) throws(HPAMetricError) -> ReplicaProposal {
    precondition(targetUsage > 0, "target usage must be positive")
    let tally = census.tally(of: resource)
    guard tally.hasSamples else { throw .noMetricsReturned(resource) }
    let ready = Int64(tally.readyCount)
    guard ready > 0 else { throw .noMetricsForTargetedPods }

    let usage = tally.readyUsageTotal / ready
    let usageRatio = Double(usage) / Double(targetUsage)
    let result = ReplicaProposal(replicas: currentReplicas, utilization: nil, averageValue: usage)
    let scaleUpWithUnready = tally.unreadyCount > 0 && usageRatio > 1
    if !scaleUpWithUnready && tally.missingCount == 0 {
      if tolerances.isWithin(usageRatio) { return result }
      return result.with(replicas: Self.ceilToInt(usageRatio * Double(ready)))
    }

    var counted = ready
    var total = tally.readyUsageTotal
    let missing = Int64(tally.missingCount)
    if missing > 0 {
      if usageRatio < 1 {
        total += targetUsage * missing
        counted += missing
      } else if usageRatio > 1 {
        counted += missing
      }
    }
    if scaleUpWithUnready { counted += Int64(tally.unreadyCount) }
    let newUsageRatio = Double(total / counted) / Double(targetUsage)
    if tolerances.isWithin(newUsageRatio) || (usageRatio < 1 && newUsageRatio > 1)
      || (usageRatio > 1 && newUsageRatio < 1)
    {
      return result
    }
    let newReplicas = Self.ceilToInt(newUsageRatio * Double(counted))
    if (newUsageRatio < 1 && newReplicas > currentReplicas)
      || (newUsageRatio > 1 && newReplicas < currentReplicas)
    {
      return result
    }
    return result.with(replicas: newReplicas)
  }
}

extension ReplicaProposal {
  /// This proposal with another replica count.
  fileprivate func with(replicas: Int) -> ReplicaProposal {
    var copy = self
    copy.replicas = replicas
    return copy
  }
}
