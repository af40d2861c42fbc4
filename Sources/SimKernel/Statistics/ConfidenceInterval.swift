#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A two-sided confidence interval for a mean: `mean ± halfWidth` at confidence `level`.
///
/// Built from a ``Tally`` of independent, identically distributed observations (replications,
/// or the batch means of ``BatchMeans``) with Student's t:
/// `halfWidth = t(ν = n − 1, (1 + level)/2) · s/√n`. The interval is exact for normal data and
/// asymptotically right for any distribution with finite variance; with few, skewed observations
/// its coverage falls short of `level`.
package struct ConfidenceInterval: Equatable, Sendable {
  /// The point estimate: the sample mean.
  package var mean: Double
  /// Half the width of the interval.
  package var halfWidth: Double
  /// The confidence level, e.g. 0.95.
  package var level: Double
  /// How many independent observations (replications, batches) the interval was built from;
  /// the t critical value used `count − 1` degrees of freedom.
  package var count: Int

  /// Creates an interval from its parts.
  package init(mean: Double, halfWidth: Double, level: Double, count: Int) {
    self.mean = mean
    self.halfWidth = halfWidth
    self.level = level
    self.count = count
  }

  /// The Student-t interval for the mean of the observations in `tally`, or `nil` when it has
  /// fewer than two observations (the variance, hence the width, is undefined).
  ///
  /// - Parameters:
  ///   - tally: independent, identically distributed observations.
  ///   - level: the confidence level, in (0, 1).
  /// - Precondition: `0 < level < 1`.
  /// - Complexity: O(1) (one t quantile).
  package init?(meanOf tally: Tally, level: Double = 0.95) {
    precondition(
      level > 0 && level < 1, "ConfidenceInterval: level must be in (0, 1) (got \(level))")
    guard tally.count >= 2 else { return nil }
    let critical = StudentT.twoSidedCriticalValue(
      level: level, degreesOfFreedom: Double(tally.count - 1))
    self.init(
      mean: tally.mean, halfWidth: critical * tally.standardDeviation / sqrt(Double(tally.count)),
      level: level, count: tally.count)
  }

  /// The lower end, `mean − halfWidth`.
  package var lower: Double { mean - halfWidth }

  /// The upper end, `mean + halfWidth`.
  package var upper: Double { mean + halfWidth }

  /// `halfWidth / |mean|`, the usual stopping criterion for sequential procedures; infinity
  /// when the mean is zero.
  package var relativeHalfWidth: Double { mean == 0 ? .infinity : halfWidth / abs(mean) }

  /// Whether `value` lies in the closed interval [lower, upper].
  package func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
