#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Count, mean, variance, extremes and sum of a stream of observations, in constant memory.
///
/// A tally is the statistic for quantities observed one at a time: a request's latency, a pod's
/// start-up time, the cost of one incident. It keeps six numbers, never the observations.
///
/// The mean and the sum of squared deviations follow Welford's update, which stays accurate
/// when the mean is large compared with the spread (the textbook `Σx² − n·mean²` does not).
/// Two tallies combine with Chan, Golub and LeVeque's pairwise formula, so replications and
/// shards can be tallied separately and merged; the merged mean and variance agree with a
/// single pass to within a few roundings, though not bit for bit (floating-point addition is
/// not associative). The sum is compensated (see ``CompensatedSum``).
///
/// Conventions for too few observations: ``mean`` and ``sum`` are 0 when empty, ``variance``
/// and ``standardDeviation`` are 0 below two observations, ``minimum`` and ``maximum`` are
/// `nil` when empty.
@frozen
public struct Tally: Equatable, Sendable {
  @usableFromInline var _count: Int
  @usableFromInline var _mean: Double
  /// Σ (x − mean)², Welford's M₂.
  @usableFromInline var _sumOfSquaredDeviations: Double
  /// +infinity while empty.
  @usableFromInline var _minimum: Double
  /// −infinity while empty.
  @usableFromInline var _maximum: Double
  @usableFromInline var _sum: CompensatedSum

  /// Creates an empty tally.
  @inlinable
  package init() {
    _count = 0
    _mean = 0
    _sumOfSquaredDeviations = 0
    _minimum = .infinity
    _maximum = -.infinity
    _sum = CompensatedSum()
  }

  /// Creates a tally of `values`, recorded in order.
  /// - Complexity: O(*n*) for *n* values.
  package init(_ values: some Sequence<Double>) {
    self.init()
    for value in values { record(value) }
  }

  /// Adds one observation.
  ///
  /// - Precondition: `x` is finite.
  /// - Complexity: O(1), no allocation.
  @inlinable
  package mutating func record(_ x: Double) {
    precondition(x.isFinite, "Tally.record: observation must be finite (got \(x))")
    _count += 1
    let delta = x - _mean
    _mean += delta / Double(_count)
    _sumOfSquaredDeviations += delta * (x - _mean)
    if x < _minimum { _minimum = x }
    if x > _maximum { _maximum = x }
    _sum.add(x)
  }

  /// Adds every observation of `other`, as if they had been recorded here.
  ///
  /// Uses Chan et al.'s pairwise update: with `δ = mean_b − mean_a`,
  /// `mean = mean_a + δ·n_b/n` and `M₂ = M₂_a + M₂_b + δ²·n_a·n_b/n`.
  ///
  /// - Complexity: O(1).
  package mutating func merge(_ other: Tally) {
    guard other._count > 0 else { return }
    guard _count > 0 else {
      self = other
      return
    }
    let countA = Double(_count)
    let countB = Double(other._count)
    let total = countA + countB
    let delta = other._mean - _mean
    _count += other._count
    _mean += delta * (countB / total)
    _sumOfSquaredDeviations +=
      other._sumOfSquaredDeviations + delta * delta * (countA * countB / total)
    _minimum = Swift.min(_minimum, other._minimum)
    _maximum = Swift.max(_maximum, other._maximum)
    _sum.add(other._sum)
  }

  /// The tally of the observations of both `self` and `other`.
  /// - Complexity: O(1).
  package func merging(_ other: Tally) -> Tally {
    var merged = self
    merged.merge(other)
    return merged
  }

  /// The number of observations.
  /// - Complexity: O(1).
  @inlinable
  package var count: Int { _count }

  /// Whether nothing has been recorded.
  /// - Complexity: O(1).
  @inlinable
  package var isEmpty: Bool { _count == 0 }

  /// The arithmetic mean; 0 when empty.
  /// - Complexity: O(1).
  @inlinable
  package var mean: Double { _mean }

  /// The unbiased sample variance, Σ(x − mean)² / (n − 1); 0 with fewer than two observations.
  /// - Complexity: O(1).
  @inlinable
  package var variance: Double {
    _count < 2 ? 0 : Swift.max(0, _sumOfSquaredDeviations) / Double(_count - 1)
  }

  /// The sample standard deviation, √``variance``.
  /// - Complexity: O(1).
  @inlinable
  package var standardDeviation: Double { sqrt(variance) }

  /// The estimated standard error of the mean, ``standardDeviation`` / √n; 0 below two
  /// observations.
  ///
  /// Valid for independent observations only; for a correlated series use ``BatchMeans``.
  /// - Complexity: O(1).
  @inlinable
  package var standardError: Double {
    _count < 2 ? 0 : standardDeviation / sqrt(Double(_count))
  }

  /// The smallest observation, or `nil` when empty.
  /// - Complexity: O(1).
  @inlinable
  package var minimum: Double? { _count == 0 ? nil : _minimum }

  /// The largest observation, or `nil` when empty.
  /// - Complexity: O(1).
  @inlinable
  package var maximum: Double? { _count == 0 ? nil : _maximum }

  /// The sum of the observations (compensated, so accurate to about one rounding); 0 when empty.
  /// - Complexity: O(1).
  @inlinable
  package var sum: Double { _sum.value }
}
