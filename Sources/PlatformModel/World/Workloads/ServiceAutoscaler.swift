import SimKernel

/// One autoscaled service's HorizontalPodAutoscaler, with the census of the service's pods it
/// last counted.
///
/// Kept together, in one array, so that a sync reaches both through one access.
struct ServiceAutoscaler: Sendable {
  /// The service's index.
  let service: ServiceID
  /// The autoscaler, with its state across syncs.
  var autoscaler: HorizontalPodAutoscaler
  /// The census of the service's pods the autoscaler last counted, and the inputs it holds for.
  var podCensus = HPAPodCensusMemo.empty

  /// An autoscaler for `service` with no history and no census yet.
  init(service: ServiceID, autoscaler: HorizontalPodAutoscaler) {
    self.service = service
    self.autoscaler = autoscaler
  }

  /// Syncs the autoscaler from the kept census, with `sample`'s figures applied.
  ///
  /// - Parameters:
  ///   - currentReplicas: the workload's `spec.replicas`.
  ///   - sample: the service's latest metrics-server figures.
  ///   - now: the sync time.
  /// - Returns: the decision; apply `desiredReplicas` when `rescale` is true.
  /// - Precondition: the census holds for `sample` at `now`
  ///   (``HPAPodCensusMemo/holds(version:metrics:at:)``).
  @inline(__always)
  mutating func sync(currentReplicas: Int, metrics sample: ServiceMetrics, at now: SimTime)
    -> HPAScaleDecision
  {
    podCensus.apply(sample)
    // Passed in place (the sync only reads it): by value, it was copied on every sync.
    return autoscaler.sync(currentReplicas: currentReplicas, census: &podCensus.census, now: now)
  }
}
