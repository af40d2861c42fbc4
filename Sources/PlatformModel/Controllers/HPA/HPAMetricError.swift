/// Why a metric could not produce a replica proposal; the messages are upstream's.
package enum HPAMetricError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The metrics API returned no sample for any pod of the target.
  case noMetricsReturned(HPAResourceName)
  /// Every sample belonged to an ignored or unready pod.
  case noMetricsForTargetedPods
  /// The pod at `podIndex` has no request for the resource, so utilization is undefined.
  case missingRequest(HPAResourceName, podIndex: Int)
  /// The counted pods request none of the resource (the sum of requests is 0).
  case noRequestsMatched

  /// The upstream error text.
  package var description: String {
    switch self {
    case .noMetricsReturned(let resource):
      "unable to get metrics for resource \(resource.rawValue): no metrics returned from resource metrics API"
    case .noMetricsForTargetedPods:
      "did not receive metrics for targeted pods (pods might be unready)"
    case .missingRequest(let resource, let podIndex):
      "missing request for \(resource.rawValue) in pod \(podIndex)"
    case .noRequestsMatched:
      "no metrics returned matched known pods"
    }
  }
}
