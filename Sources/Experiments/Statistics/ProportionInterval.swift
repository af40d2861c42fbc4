import SimKernel

/// The probability of an event (a replication meeting its SLO) estimated from *k* successes
/// in *n* trials, with a Wilson score confidence interval.
///
/// With p̂ = k/n and z the standard normal (1 + level)/2 quantile (1.959964 at 95 %), the
/// interval is
///
///     (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n).
///
/// Unlike the textbook Wald interval p̂ ± z·√(p̂(1 − p̂)/n), it never has zero width and never
/// leaves [0, 1], and it keeps close to its nominal coverage with few trials or p near 0 or 1:
/// 0 successes in 10 give [0, 0.2775], 10 in 10 give [0.7225, 1]. The ends are clamped to
/// [0, 1], and with 0 (or *n*) successes the lower (upper) end is exactly 0 (1).
package struct ProportionInterval: Equatable, Sendable {
  /// *k*, the number of successes.
  package let successes: Int
  /// *n*, the number of trials.
  package let trials: Int
  /// The confidence level, e.g. 0.95.
  package let level: Double
  /// The lower end of the interval.
  package let lower: Double
  /// The upper end of the interval.
  package let upper: Double

  /// The Wilson interval for `successes` out of `trials`.
  ///
  /// - Precondition: `trials >= 1`, `0 <= successes <= trials`, `0 < level < 1`.
  /// - Complexity: O(1).
  package init(successes: Int, trials: Int, level: Double = 0.95) {
    precondition(trials >= 1, "ProportionInterval: trials must be at least 1 (got \(trials))")
    precondition(
      successes >= 0 && successes <= trials,
      "ProportionInterval: successes must be in 0...\(trials) (got \(successes))")
    precondition(
      level > 0 && level < 1, "ProportionInterval: level must be in (0, 1) (got \(level))")
    let n = Double(trials)
    let estimate = Double(successes) / n
    let z = StudentT.twoSidedCriticalValue(level: level, degreesOfFreedom: .infinity)
    let z2 = z * z
    let denominator = 1 + z2 / n
    let center = (estimate + z2 / (2 * n)) / denominator
    let halfWidth =
      z * (estimate * (1 - estimate) / n + z2 / (4 * n * n)).squareRoot() / denominator
    self.successes = successes
    self.trials = trials
    self.level = level
    lower = successes == 0 ? 0 : max(0, center - halfWidth)
    upper = successes == trials ? 1 : min(1, center + halfWidth)
  }

  /// The Wilson interval for the proportion of `true` among `outcomes`.
  ///
  /// - Precondition: `outcomes` is not empty, `0 < level < 1`.
  /// - Complexity: O(*n*).
  package init(outcomes: some Sequence<Bool>, level: Double = 0.95) {
    var trials = 0
    var successes = 0
    for outcome in outcomes {
      trials += 1
      if outcome { successes += 1 }
    }
    self.init(successes: successes, trials: trials, level: level)
  }

  /// The point estimate, *k*/*n*.
  package var estimate: Double { Double(successes) / Double(trials) }

  /// Whether `p` lies in the closed interval [lower, upper].
  package func contains(_ p: Double) -> Bool { lower <= p && p <= upper }
}
