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
  /// The tail above which a time counts as below the distribution's bulk: the first bucket
  /// evaluated is the one whose upper edge is the first with a tail at or below this.
  static var headTail: Double { 1 - 1e-9 }
  /// The tail below which the rest of the distribution goes to the last bucket evaluated.
  static var negligibleTail: Double { 1e-7 }
  /// Weight per bucket; bucket i covers [edge i, edge i+1).
  var weights = [Double](repeating: 0, count: bucketCount)

  /// Adds the distribution whose tail is `tail` with total weight `weight`, and returns its
  /// median, 95th and 99th percentile (interpolated log-linearly inside the bucket where each
  /// falls).
  ///
  /// The tail is evaluated from the last edge where it is still above 1 - 1e-9 (the mass
  /// below goes to the bucket that edge opens) to the first where it drops below 1e-7, at
  /// every second edge: a pair of buckets that holds one of the quantiles also gets its middle
  /// edge evaluated, so the quantiles are as exact as with every edge; any other pair splits
  /// its mass evenly, which is what log-linear interpolation gives for buckets of equal log
  /// width. That halves the tail evaluations, the main cost of a flow run.
  ///
  /// The first edge is found by testing edge 1 (enough whenever the distribution's bulk lies
  /// above 0.11 ms, as in every realistic platform) and bisecting above it otherwise. As the
  /// tail falls with `t`, that finds the edge a bisection over all edges finds, with one
  /// evaluation instead of eight, and the value at edge 1 serves again if the first pair of
  /// buckets holds a quantile.
  ///
  /// - Complexity: O(*n*·*e*) for *n* components and *e* edges evaluated (at most
  ///   ``bucketCount`` + 3 + log₂ ``bucketCount``).
  mutating func add(_ tail: MixtureTail, weight: Double) -> LatencyQuantiles {
    guard !tail.isEmpty else { return LatencyQuantiles() }
    // Two buffers of at most one value per step, each small enough for the stack.
    let steps = Self.bucketCount / 2 + 1
    return Self.edges.withUnsafeBufferPointer { edges in
      weights.withUnsafeMutableBufferPointer { weights in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: steps) { times in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: steps) { endTails in
            var walk = Walk(edges: edges, weights: weights, weight: weight)
            walk.run(tail, times: times, endTails: endTails)
            return walk.quantiles
          }
        }
      }
    }
  }

  /// Adds `mixture`'s distribution with total weight `weight`, and returns its median, 95th
  /// and 99th percentile, as ``add(_:weight:)-(MixtureTail,_)``.
  mutating func add(_ mixture: LatencyMixture, weight: Double) -> LatencyQuantiles {
    mixture.withTail { add($0, weight: weight) }
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

extension LatencyHistogram {
  /// One distribution's pass over the edges: evaluates the tail where
  /// ``LatencyHistogram/add(_:weight:)-(MixtureTail,_)`` says, puts the mass between
  /// consecutive tails into the buckets and places the quantiles.
  fileprivate struct Walk {
    /// The bucket edges.
    let edges: UnsafeBufferPointer<Double>
    /// The histogram's weights.
    let weights: UnsafeMutableBufferPointer<Double>
    /// The distribution's total weight.
    let weight: Double
    /// The quantiles placed so far.
    var quantiles = LatencyQuantiles()
    /// The next quantile to place (``LatencyQuantiles/count`` when all are placed).
    var next = 0
    /// The probability of the next quantile (of the last when all are placed).
    var nextProbability = LatencyQuantiles.probability(0)

    /// A walk that adds to `weights`.
    init(
      edges: UnsafeBufferPointer<Double>, weights: UnsafeMutableBufferPointer<Double>,
      weight: Double
    ) {
      self.edges = edges
      self.weights = weights
      self.weight = weight
    }

    /// Walks `tail`'s edges.
    ///
    /// The end tails of the steps the walk certainly takes (those whose edge has a lower bound
    /// of the tail still at least twice the level that ends the walk) are evaluated first, all
    /// together; the rest one by one as the walk reaches them.
    ///
    /// - Parameters:
    ///   - times, endTails: room for one value per step (``bucketCount`` / 2 + 1).
    mutating func run(
      _ tail: MixtureTail, times: UnsafeMutableBufferPointer<Double>,
      endTails: UnsafeMutableBufferPointer<Double>
    ) {
      let count = LatencyHistogram.bucketCount
      // The first bucket: its lower edge is the last one with a tail above `headTail`.
      var low = 0
      var tailAfterLow: Double? = nil  // the tail at edge low + 1, if evaluated already
      let tailAtOne = tail(edges[1])
      if tailAtOne > LatencyHistogram.headTail {
        low = 1
        var high = count
        while high - low > 1 {
          let middle = (low + high) / 2
          let value = tail(edges[middle])
          if value > LatencyHistogram.headTail {
            low = middle
          } else {
            high = middle
            tailAfterLow = value
          }
        }
      } else {
        tailAfterLow = tailAtOne
      }

      // Step k covers buckets low + 2k and low + 2k + 1 and ends at edge low + 2(k + 1).
      let certain = tail.latestTime(certainlyAtLeast: 2 * LatencyHistogram.negligibleTail)
      var known = 0
      while known < times.count, low + 2 * (known + 1) < count {
        let edge = edges[low + 2 * (known + 1)]
        guard edge <= certain else { break }
        times[known] = edge
        known += 1
      }
      let evaluated = UnsafeMutableBufferPointer(rebasing: endTails[..<known])
      tail.evaluate(at: UnsafeBufferPointer(rebasing: times[..<known]), into: evaluated)

      var previousTail = 1.0
      var i = low
      var step = 0
      while i < count {
        let end = min(i + 2, count)
        let endTail = end == count ? 0 : step < known ? evaluated[step] : tail(edges[end])
        if end - i == 2 && previousTail >= endTail && !reaches(endTail) {
          // The common case, `place` inlined: a pair of buckets without a quantile splits its
          // mass evenly, and as the middle tail is not below the end tail, no quantile is
          // reached at the middle either.
          let middleTail = (previousTail + endTail) / 2
          if weight > 0 {
            weights[i] += (previousTail - middleTail) * weight
            weights[i + 1] += (middleTail - endTail) * weight
          }
        } else if end - i == 2 {
          let middleTail: Double
          if !reaches(endTail) {
            middleTail = (previousTail + endTail) / 2
          } else if i == low, let tailAfterLow {
            middleTail = tailAfterLow
          } else {
            middleTail = tail(edges[i + 1])
          }
          place(i, from: previousTail, to: middleTail)
          place(i + 1, from: middleTail, to: endTail)
        } else {
          place(i, from: previousTail, to: endTail)
        }
        previousTail = endTail
        i = end
        step += 1
        if endTail < LatencyHistogram.negligibleTail && next == LatencyQuantiles.count {
          // The rest of the distribution goes to the last bucket.
          if weight > 0 { weights[end - 1] += endTail * weight }
          break
        }
      }
    }

    /// Whether the next quantile lies at or above the time whose tail is `lowerTail`.
    private func reaches(_ lowerTail: Double) -> Bool {
      next < LatencyQuantiles.count && 1 - lowerTail >= nextProbability
    }

    /// Puts the mass between two tails into bucket `bucket` and places the quantiles it holds.
    private mutating func place(_ bucket: Int, from upperTail: Double, to lowerTail: Double) {
      let mass = upperTail - lowerTail
      if weight > 0 { weights[bucket] += mass * weight }
      while reaches(lowerTail) {
        let within = mass > 0 ? (nextProbability - (1 - upperTail)) / mass : 0
        quantiles[next] = edges[bucket] * pow(LatencyHistogram.ratio, min(1, max(0, within)))
        next += 1
        nextProbability = LatencyQuantiles.probability(min(next, LatencyQuantiles.count - 1))
      }
    }
  }
}
