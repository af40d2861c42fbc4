/// The flow integrated over a stretch of time: a whole run's totals, or one reporting
/// interval's sums.
package struct RunTotals: Sendable {
  /// Seconds integrated.
  package var seconds = 0.0
  /// Requests offered.
  package var requests = 0.0
  /// Requests failed.
  package var failed = 0.0
  /// Of the failed requests, those lost to too little pod capacity (unserved demand).
  package var unserved = 0.0
  /// Failed requests by ``FailureCause``.
  package var failedByCause = [Double](repeating: 0, count: FailureCause.allCases.count)
  /// Core-seconds used, requested and available.
  package var cpuUsedCoreSeconds = 0.0
  package var cpuRequestedCoreSeconds = 0.0
  package var cpuCapacityCoreSeconds = 0.0
  /// MiB-seconds used, requested and available.
  package var memoryUsedMiBSeconds = 0.0
  package var memoryRequestedMiBSeconds = 0.0
  package var memoryCapacityMiBSeconds = 0.0
  /// Gigabytes through the load balancer, the NAT gateways and between zones.
  package var processedGB = 0.0
  package var natGB = 0.0
  package var interZoneGB = 0.0
  /// Reporting intervals, and those that met the objectives.
  package var intervals = 0
  package var goodIntervals = 0

  /// Adds `seconds` of `flow`.
  mutating func add(_ flow: FlowSnapshot, seconds: Double) {
    self.seconds += seconds
    requests += flow.offeredPerSecond * seconds
    failed += flow.failedPerSecond * seconds
    unserved += flow.unservedPerSecond * seconds
    for cause in failedByCause.indices { failedByCause[cause] += flow.failedByCause[cause] * seconds }
    cpuUsedCoreSeconds += flow.cpuUsedCores * seconds
    cpuRequestedCoreSeconds += flow.cpuRequestedCores * seconds
    cpuCapacityCoreSeconds += flow.cpuCapacityCores * seconds
    memoryUsedMiBSeconds += flow.memoryUsedMiB * seconds
    memoryRequestedMiBSeconds += flow.memoryRequestedMiB * seconds
    memoryCapacityMiBSeconds += flow.memoryCapacityMiB * seconds
    processedGB += flow.processedGBPerSecond * seconds
    natGB += flow.natGBPerSecond * seconds
    interZoneGB += flow.interZoneGBPerSecond * seconds
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Request-weighted latency of the whole run, in log-spaced buckets (10 % wide) from 0.1 ms to
/// about 2.5 minutes; each reporting interval adds its latency distribution weighted by its
/// successful requests. Quantiles inside a bucket are interpolated log-linearly, so their
/// error is well under the bucket width; 10 % (not 5 %) halves the cost of the per-interval
/// tail evaluations, which dominate a flow run.
package struct LatencyHistogram: Sendable {
  static let lowest = 1e-4
  static let ratio = 1.1
  static let bucketCount = 150
  /// Bucket edges: edge i is lowest·ratio^i.
  static let edges: [Double] = (0...bucketCount).map { lowest * pow(ratio, Double($0)) }
  /// Weight per bucket; bucket i covers [edge i, edge i+1).
  var weights = [Double](repeating: 0, count: bucketCount)

  /// Adds `mixture`'s distribution with total weight `weight`, and returns its quantiles at
  /// `probabilities` (ascending; interpolated log-linearly inside the bucket where each falls).
  ///
  /// The tail is evaluated from the first edge where it drops below 1 - 1e-9 (found by
  /// bisection; the mass below goes to that bucket) to the first where it drops below 1e-7, at
  /// every second edge: a pair of buckets that holds one of the requested quantiles also gets
  /// its middle edge evaluated, so the quantiles are as exact as with every edge; any other pair
  /// splits its mass evenly, which is what log-linear interpolation gives for buckets of equal
  /// log width. That halves the tail evaluations, the main cost of a flow run.
  mutating func add(_ mixture: LatencyMixture, weight: Double, probabilities: [Double]) -> [Double] {
    var quantiles = [Double](repeating: 0, count: probabilities.count)
    guard !mixture.components.isEmpty else { return quantiles }
    let edges = Self.edges
    var low = 0
    var high = Self.bucketCount
    while high - low > 1 {
      let middle = (low + high) / 2
      if mixture.tail(edges[middle]) > 1 - 1e-9 { low = middle } else { high = middle }
    }
    var next = 0  // the next quantile to place
    /// Puts the mass between two tails into bucket `bucket` and places the quantiles it holds.
    func place(_ bucket: Int, from upperTail: Double, to lowerTail: Double) {
      let mass = upperTail - lowerTail
      if weight > 0 { weights[bucket] += mass * weight }
      while next < probabilities.count && 1 - lowerTail >= probabilities[next] {
        let within = mass > 0 ? (probabilities[next] - (1 - upperTail)) / mass : 0
        quantiles[next] = edges[bucket] * pow(Self.ratio, min(1, max(0, within)))
        next += 1
      }
    }
    var previousTail = 1.0
    var i = low
    while i < Self.bucketCount {
      let end = min(i + 2, Self.bucketCount)
      let endTail = end == Self.bucketCount ? 0 : mixture.tail(edges[end])
      if end - i == 2 {
        let holdsQuantile = next < probabilities.count && 1 - endTail >= probabilities[next]
        let middleTail = holdsQuantile ? mixture.tail(edges[i + 1]) : (previousTail + endTail) / 2
        place(i, from: previousTail, to: middleTail)
        place(i + 1, from: middleTail, to: endTail)
      } else {
        place(i, from: previousTail, to: endTail)
      }
      previousTail = endTail
      i = end
      if endTail < 1e-7 && next == probabilities.count {
        if weight > 0 { weights[end - 1] += endTail * weight }
        break
      }
    }
    return quantiles
  }

  /// The `p`-quantile in seconds (geometric middle of the bucket), or nil when empty.
  package func quantile(_ p: Double) -> Double? {
    let total = weights.reduce(0, +)
    guard total > 0 else { return nil }
    var cumulative = 0.0
    for (i, w) in weights.enumerated() {
      cumulative += w
      if cumulative >= p * total { return Self.edges[i] * Self.ratio.squareRoot() }
    }
    return Self.edges[Self.bucketCount - 1]
  }
}
