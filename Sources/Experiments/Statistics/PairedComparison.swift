import SimKernel

/// How a variant differs from a baseline on one metric, replication by replication.
///
/// **Paired (the headline).** Replication *i* of the variant and of the baseline use the same
/// seed, hence the same traffic and failures (common random numbers), so the differences
/// dᵢ = variantᵢ − baselineᵢ cancel the noise both share. The interval is the Student-t
/// interval of the dᵢ (``ReplicationSummary``), with *n* − 1 degrees of freedom. Each dᵢ is
/// rounded once, so identical variants give dᵢ = 0 exactly: a mean difference of exactly 0 and
/// an interval of width 0.
///
/// **Unpaired (for comparison).** Welch's interval treats the two samples as independent:
/// `(mean_v − mean_b) ± t(ν)·√(s_v²/n + s_b²/n)` with Welch–Satterthwaite's ν. With positively
/// correlated pairs, as common random numbers give, it is wider than the paired interval; the
/// ratio of the two widths shows what the pairing bought.
package struct PairedComparison: Equatable, Sendable {
  /// Welch's interval for the difference of two means from independent samples.
  package struct WelchInterval: Equatable, Sendable {
    /// `mean(variant) − mean(baseline)`.
    package let difference: Double
    /// Half the width: `t(ν, (1 + level)/2) · standardError`.
    package let halfWidth: Double
    /// √(s_v²/n_v + s_b²/n_b).
    package let standardError: Double
    /// Welch–Satterthwaite's ν = (a + b)² / (a²/(n_v − 1) + b²/(n_b − 1)) with a = s_v²/n_v,
    /// b = s_b²/n_b; n_v + n_b − 2 when both variances are 0.
    package let degreesOfFreedom: Double
    /// The confidence level.
    package let level: Double

    /// The lower end, `difference − halfWidth`.
    package var lower: Double { difference - halfWidth }
    /// The upper end, `difference + halfWidth`.
    package var upper: Double { difference + halfWidth }
  }

  /// The variant's summary.
  package let variant: ReplicationSummary
  /// The baseline's summary.
  package let baseline: ReplicationSummary
  /// The summary of the per-replication differences, variant − baseline.
  package let differences: ReplicationSummary
  /// Welch's unpaired interval for the difference of the means; `nil` with one replication.
  package let unpaired: WelchInterval?

  /// Compares `variant` with `baseline`, both keyed by replication index.
  ///
  /// - Precondition: both have the same replication indices, at least one; values are
  ///   finite; `0 < level < 1`.
  /// - Complexity: O(*n* log *n*).
  package init(variant: [Int: Double], baseline: [Int: Double], level: Double = 0.95) {
    let indices = variant.keys.sorted()
    precondition(
      indices == baseline.keys.sorted(),
      "PairedComparison: variant and baseline must have the same replication indices")
    self.init(
      variant: indices.map { variant[$0] ?? .nan }, baseline: indices.map { baseline[$0] ?? .nan },
      level: level)
  }

  /// Compares `variant` with `baseline`, element *i* of each from replication *i*.
  ///
  /// - Precondition: same non-zero count; values are finite; `0 < level < 1`.
  /// - Complexity: O(*n* log *n*).
  package init(variant: [Double], baseline: [Double], level: Double = 0.95) {
    precondition(
      variant.count == baseline.count,
      "PairedComparison: \(variant.count) variant values but \(baseline.count) baseline values")
    self.variant = ReplicationSummary(variant, level: level)
    self.baseline = ReplicationSummary(baseline, level: level)
    differences = ReplicationSummary(zip(variant, baseline).map { $0 - $1 }, level: level)
    unpaired = Self.welch(self.variant, self.baseline, level: level)
  }

  /// The paired interval for the mean difference; `nil` with one replication.
  package var paired: ConfidenceInterval? { differences.confidenceInterval }

  /// Welch's interval for `mean(a) − mean(b)`, or `nil` if either has one value.
  static func welch(_ a: ReplicationSummary, _ b: ReplicationSummary, level: Double)
    -> WelchInterval?
  {
    guard a.count >= 2 && b.count >= 2 else { return nil }
    let termA = a.standardDeviation * a.standardDeviation / Double(a.count)
    let termB = b.standardDeviation * b.standardDeviation / Double(b.count)
    let standardError = (termA + termB).squareRoot()
    let nu: Double
    if termA + termB == 0 {
      nu = Double(a.count + b.count - 2)
    } else {
      nu =
        (termA + termB) * (termA + termB)
        / (termA * termA / Double(a.count - 1) + termB * termB / Double(b.count - 1))
    }
    let critical = StudentT.twoSidedCriticalValue(level: level, degreesOfFreedom: nu)
    return WelchInterval(
      difference: a.mean - b.mean, halfWidth: critical * standardError,
      standardError: standardError, degreesOfFreedom: nu, level: level)
  }
}
