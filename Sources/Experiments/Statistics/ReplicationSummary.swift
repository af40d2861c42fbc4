import SimKernel

/// The spread of one metric across replications: mean, Student-t confidence interval,
/// standard deviation, extremes and the 5th, 50th and 95th percentiles.
///
/// **A function of the multiset of values.** Every figure depends only on which values were
/// observed, never on the order replications finished or shards were merged, and is identical
/// to the bit whichever order they are passed in:
/// - the mean is the exact sum (`SimKernel.ExactSum`) rounded once, divided by *n*;
/// - the variance is the exact sum of the squared deviations from that mean, each rounded
///   once, divided by *n* − 1 (a two-pass formula, accurate when the mean is large compared
///   with the spread);
/// - percentiles are read from the values sorted ascending.
/// `-0.0` is treated as `0.0` throughout, so not even the sign of a zero depends on order.
///
/// **Percentiles** follow Hyndman and Fan's definition 7 (the default of R, NumPy and
/// spreadsheet `PERCENTILE`): with the values sorted, x₀ ≤ … ≤ xₙ₋₁, and h = (*n* − 1)·p,
/// Q(p) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). Q(0) is the minimum, Q(1) the maximum, and with
/// one value every percentile is that value.
///
/// **Confidence interval.** `mean ± t(ν = n − 1, (1 + level)/2) · s/√n`, as
/// `ConfidenceInterval(meanOf:)` but from the order-independent mean and deviation above;
/// `nil` with a single replication.
package struct ReplicationSummary: Equatable, Sendable {
  /// The number of replications.
  package let count: Int
  /// The arithmetic mean.
  package let mean: Double
  /// The sample standard deviation (divisor *n* − 1); 0 with one replication.
  package let standardDeviation: Double
  /// The Student-t interval for the mean at ``level``; `nil` with one replication.
  package let confidenceInterval: ConfidenceInterval?
  /// The confidence level of ``confidenceInterval``.
  package let level: Double
  /// The smallest value.
  package let minimum: Double
  /// The largest value.
  package let maximum: Double
  /// The 5th percentile (Hyndman–Fan type 7).
  package let p5: Double
  /// The median (Hyndman–Fan type 7).
  package let p50: Double
  /// The 95th percentile (Hyndman–Fan type 7).
  package let p95: Double

  /// The summary of `values`, one per replication, in any order.
  ///
  /// - Parameters:
  ///   - values: one value per replication; the order does not matter (see the type's
  ///     discussion).
  ///   - level: the confidence level of the interval.
  /// - Precondition: `values` is not empty, every value is finite, `0 < level < 1`.
  /// - Complexity: O(*n* log *n*) for *n* values (sorting for the percentiles).
  package init(_ values: some Collection<Double>, level: Double = 0.95) {
    precondition(!values.isEmpty, "ReplicationSummary: no values")
    precondition(
      level > 0 && level < 1, "ReplicationSummary: level must be in (0, 1) (got \(level))")
    // + 0 turns -0.0 into 0.0.
    let sorted = values.map { value in
      precondition(value.isFinite, "ReplicationSummary: values must be finite (got \(value))")
      return value + 0
    }.sorted()
    let n = sorted.count
    let mean = Self.exactSum(sorted) / Double(n)
    let squaredDeviations = sorted.map { ($0 - mean) * ($0 - mean) }
    let variance = n < 2 ? 0 : Self.exactSum(squaredDeviations) / Double(n - 1)
    let standardDeviation = variance.squareRoot()
    self.count = n
    self.mean = mean
    self.standardDeviation = standardDeviation
    self.level = level
    if n >= 2 {
      let critical = StudentT.twoSidedCriticalValue(level: level, degreesOfFreedom: Double(n - 1))
      confidenceInterval = ConfidenceInterval(
        mean: mean, halfWidth: critical * standardDeviation / Double(n).squareRoot(),
        level: level, count: n)
    } else {
      confidenceInterval = nil
    }
    minimum = sorted[0]
    maximum = sorted[n - 1]
    p5 = Self.quantile(0.05, ofSorted: sorted)
    p50 = Self.quantile(0.5, ofSorted: sorted)
    p95 = Self.quantile(0.95, ofSorted: sorted)
  }

  /// The summary of the values of replications keyed by replication index.
  ///
  /// Equal to ``init(_:level:)`` on the values; the keys only document where each value
  /// came from.
  ///
  /// - Precondition: as ``init(_:level:)``.
  /// - Complexity: O(*n* log *n*).
  package init(byReplication values: [Int: Double], level: Double = 0.95) {
    self.init(values.sorted { $0.key < $1.key }.map(\.value), level: level)
  }

  /// The `p`-quantile of `sorted` by Hyndman and Fan's definition 7 (linear interpolation
  /// between the order statistics at ⌊(*n* − 1)·p⌋ and the next).
  ///
  /// - Parameters:
  ///   - p: the probability, in [0, 1].
  ///   - sorted: values in ascending order.
  /// - Precondition: `sorted` is not empty and `0 <= p <= 1`.
  /// - Complexity: O(1).
  package static func quantile(_ p: Double, ofSorted sorted: [Double]) -> Double {
    precondition(!sorted.isEmpty, "ReplicationSummary.quantile: no values")
    precondition(p >= 0 && p <= 1, "ReplicationSummary.quantile: p must be in [0, 1] (got \(p))")
    let h = Double(sorted.count - 1) * p
    let j = Int(h.rounded(.down))
    let fraction = h - Double(j)
    guard j + 1 < sorted.count, fraction > 0 else { return sorted[j] }
    let low = sorted[j]
    let high = sorted[j + 1]
    return low == high ? low : low + fraction * (high - low)
  }

  /// The relative half-width of the confidence interval, `halfWidth / |mean|`: 0 when the
  /// half-width is 0 (every value equal, even all zero), infinity when the mean is 0 but the
  /// values differ, `nil` with one replication.
  package var relativeHalfWidth: Double? {
    guard let interval = confidenceInterval else { return nil }
    return interval.halfWidth == 0 ? 0 : interval.relativeHalfWidth
  }

  /// The exact sum of `values`, rounded once to the nearest double.
  /// - Complexity: O(*n*).
  static func exactSum(_ values: [Double]) -> Double {
    var sum = ExactSum()
    for value in values { sum.add(value) }
    return sum.value
  }
}
