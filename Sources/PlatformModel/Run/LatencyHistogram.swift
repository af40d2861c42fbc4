#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Request-weighted latency of the whole run, in log-spaced buckets from 0.1 ms to about
/// 3.5 minutes, eight per doubling (each 2^(1/8) ≈ 1.0905 times as wide as the last, so about
/// 9 % wide); each reporting interval adds its latency distribution weighted by its successful
/// requests. Quantiles inside a bucket are interpolated log-linearly, so their error is well
/// under the bucket width.
///
/// The ratio is an exact root of 2 so that edge `i + 8` is exactly twice edge `i`: the tail at
/// every edge then follows from the tail at the first eight by squaring its exponentials (see
/// ``DoublingWalk``), and an update costs a few multiplications per edge and component instead
/// of two calls to `exp`.
package struct LatencyHistogram: Sendable {
  /// The lowest edge, in seconds.
  static let lowest = 1e-4
  /// The edges per doubling.
  static let edgesPerDoubling = DoublingWalk.period
  /// The ratio of consecutive edges: `2^(1/8)`.
  static let ratio = pow(2, 1 / Double(edgesPerDoubling))
  /// 21 doublings: the top edge is 0.1 ms · 2^21 ≈ 210 s.
  static let bucketCount = 21 * edgesPerDoubling
  /// Bucket edges: edge i is lowest·2^(i/8), and edge i + 8 exactly twice edge i.
  static let edges: [Double] = {
    var edges = (0..<edgesPerDoubling).map {
      lowest * pow(2, Double($0) / Double(edgesPerDoubling))
    }
    for i in edgesPerDoubling...bucketCount { edges.append(2 * edges[i - edgesPerDoubling]) }
    return edges
  }()
  /// The first block of edges a walk evaluates: edges 1 to 8.
  static let firstWalkEdges = DoublingWalk.Block { edges[1 + $0] }
  /// The tail below which the rest of the distribution goes to the last bucket evaluated.
  static var negligibleTail: Double { 1e-7 }
  /// Weight per bucket; bucket i covers [edge i, edge i+1), bucket 0 also everything below.
  var weights = [Double](repeating: 0, count: bucketCount)

  /// Adds the distribution whose tail is `tail` with total weight `weight`, and returns its
  /// median, 95th and 99th percentile (interpolated log-linearly inside the bucket where each
  /// falls).
  ///
  /// The tail is evaluated at every edge from edge 1 (the mass below goes to bucket 0) to the
  /// first where it drops below 1e-7 once all three quantiles are placed (the rest goes to the
  /// bucket that edge closes), eight edges at a time: the first eight with `exp`, every later
  /// one by squaring (``DoublingWalk``), at most seven edges past the last needed. So each
  /// bucket gets exactly its mass, up to the walk's rounding (well under 1e-9 of `weight`).
  ///
  /// - Complexity: O(*n*·*e*) for *n* components and *e* edges evaluated (at most
  ///   ``bucketCount``), and eight or sixteen calls to `exp` or `expm1` per component.
  mutating func add(_ tail: MixtureTail, weight: Double) -> LatencyQuantiles {
    guard !tail.isEmpty else { return LatencyQuantiles() }
    return Self.edges.withUnsafeBufferPointer { edges in
      weights.withUnsafeMutableBufferPointer { weights in
        tail.withDoublingWalk(from: Self.firstWalkEdges) { tails in
          var walk = Walk(edges: edges, weights: weights, weight: weight)
          walk.run(&tails)
          return walk.quantiles
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
  /// One distribution's pass over the edges: puts the mass between consecutive tails into the
  /// buckets and places the quantiles, as ``LatencyHistogram/add(_:weight:)-(MixtureTail,_)``
  /// says.
  fileprivate struct Walk {
    /// The bucket edges.
    let edges: UnsafeBufferPointer<Double>
    /// The histogram's weights.
    let weights: UnsafeMutableBufferPointer<Double>
    /// The distribution's total weight, or 0 when not positive (nothing is added then).
    let weight: Double
    /// The quantiles placed so far.
    var quantiles = LatencyQuantiles()
    /// The next quantile to place (``LatencyQuantiles/count`` when all are placed).
    var next = 0
    /// The probability of the next quantile (+∞ when all are placed).
    var nextProbability = LatencyQuantiles.probability(0)
    /// The tail below which the walk ends: -∞ until all quantiles are placed.
    var stopBelow = -Double.infinity

    /// A walk that adds to `weights`.
    init(
      edges: UnsafeBufferPointer<Double>, weights: UnsafeMutableBufferPointer<Double>,
      weight: Double
    ) {
      self.edges = edges
      self.weights = weights
      // `0 · mass` adds ±0, which leaves every weight as it is.
      self.weight = weight > 0 ? weight : 0
    }

    /// Walks the edges with `tails`, a fresh walk from edge 1.
    mutating func run(_ tails: inout DoublingWalk) {
      let last = LatencyHistogram.bucketCount - 1
      let period = DoublingWalk.period
      let (weights, weight) = (self.weights, self.weight)
      var (nextProbability, stopBelow) = (self.nextProbability, self.stopBelow)
      var previousTail = 1.0
      var bucket = 0  // the bucket that ends at the next edge evaluated
      while true {
        let block = tails.next()
        // Buckets `bucket ..< bucket + edges` end at an edge of the block.
        let edges = min(period, last - bucket)
        if edges == period {
          // The common case: no quantile and no end in the block (as `1 - x` does not fall
          // when `x` does, the lowest tail tells). Otherwise the quantiles are placed lane by
          // lane and the end found first, then the masses added: placing reads no weight, so
          // each weight gets the same additions in the same order as lane by lane.
          var lowest = block[0]
          for r in 1..<period { lowest = min(lowest, block[r]) }
          var end = period  // the lane where the walk ends, `period` if it goes on
          if 1 - lowest >= nextProbability || lowest < stopBelow {
            var upperTail = previousTail
            for r in 0..<period {
              let tail = block[r]
              if 1 - tail >= nextProbability {
                place(bucket + r, from: upperTail, to: tail)
                (nextProbability, stopBelow) = (self.nextProbability, self.stopBelow)
              }
              if tail < stopBelow {
                end = r
                break
              }
              upperTail = tail
            }
          }
          if end == period {
            Self.addMasses(
              of: block, after: previousTail, weight: weight, to: weights.baseAddress! + bucket)
            previousTail = block[period - 1]
            bucket += period
            continue
          }
          for r in 0...end {
            weights[bucket + r] += (previousTail - block[r]) * weight
            previousTail = block[r]
          }
          // The rest of the distribution goes to the bucket where the walk ends.
          weights[bucket + end] += block[end] * weight
          return
        }
        for r in 0..<edges {
          let tail = block[r]
          weights[bucket] += (previousTail - tail) * weight
          if 1 - tail >= nextProbability {
            place(bucket, from: previousTail, to: tail)
            (nextProbability, stopBelow) = (self.nextProbability, self.stopBelow)
          }
          if tail < stopBelow {
            // The rest of the distribution goes to this bucket.
            weights[bucket] += tail * weight
            return
          }
          previousTail = tail
          bucket += 1
        }
        if bucket == last {
          // The last bucket holds everything above its lower edge.
          weights[bucket] += previousTail * weight
          place(bucket, from: previousTail, to: 0)
          return
        }
      }
    }

    /// Adds the masses between consecutive tails, `previousTail` then `block`'s eight, times
    /// `weight`, to the eight weights from `bucket`, as `weights[r] += (upper - lower) * weight`
    /// for each, but in the lanes of one vector.
    @inline(__always)
    private static func addMasses(
      of block: UnsafeBufferPointer<Double>, after previousTail: Double, weight: Double,
      to bucket: UnsafeMutablePointer<Double>
    ) {
      typealias Lanes = SIMD8<Double>
      let lower = UnsafeRawPointer(block.baseAddress!).loadUnaligned(as: Lanes.self)
      // The upper tails are the lower ones shifted by a lane, with `previousTail` first: a row
      // of two vectors with `previousTail` in the first's last lane and the lower tails in the
      // second, read from the first's last lane on.
      var row = (Lanes(), lower)
      let upper = withUnsafeMutableBytes(of: &row) { row in
        let previousOffset = MemoryLayout<Lanes>.stride - MemoryLayout<Double>.stride
        row.storeBytes(of: previousTail, toByteOffset: previousOffset, as: Double.self)
        return row.loadUnaligned(fromByteOffset: previousOffset, as: Lanes.self)
      }
      let weights = UnsafeMutableRawPointer(bucket)
      let sums = weights.loadUnaligned(as: Lanes.self) + (upper - lower) * weight
      weights.storeBytes(of: sums, as: Lanes.self)
    }

    /// Places the quantiles that bucket `bucket`, between the tails `upperTail` and
    /// `lowerTail`, holds.
    private mutating func place(_ bucket: Int, from upperTail: Double, to lowerTail: Double) {
      let mass = upperTail - lowerTail
      while 1 - lowerTail >= nextProbability {
        let within = mass > 0 ? (nextProbability - (1 - upperTail)) / mass : 0
        // ratio^within, as 2^(within/8).
        let scale = exp2(min(1, max(0, within)) / Double(LatencyHistogram.edgesPerDoubling))
        quantiles[next] = edges[bucket] * scale
        next += 1
        if next < LatencyQuantiles.count {
          nextProbability = LatencyQuantiles.probability(next)
        } else {
          nextProbability = .infinity
          stopBelow = LatencyHistogram.negligibleTail
        }
      }
    }
  }
}
