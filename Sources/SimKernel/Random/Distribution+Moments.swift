#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Distribution {
  /// The analytic mean, or +infinity where it does not exist or overflows a `Double`.
  ///
  /// | case | mean |
  /// |---|---|
  /// | constant | value |
  /// | uniform | (min + max) / 2 |
  /// | exponential | mean |
  /// | normal | mean |
  /// | lognormal | exp(mu + sigma²/2) |
  /// | weibull | scale · Γ(1 + 1/shape) |
  /// | boundedPareto | E[X¹], see ``variance`` |
  /// | empirical | the arithmetic mean of the values |
  ///
  /// - Complexity: O(1), except O(*n*) for an empirical distribution of *n* values.
  package var mean: Double {
    switch kind {
    case .constant(let value):
      return value
    case .uniform(let min, let max):
      return min / 2 + max / 2
    case .exponential(let mean):
      return mean
    case .normal(let mean, _):
      return mean
    case .lognormal(let mu, let sigma):
      return Distribution.finiteOrInfinity(exp(mu + sigma * sigma / 2))
    case .weibull(let shape, let scale):
      return Distribution.finiteOrInfinity(scale * tgamma(1 + 1 / shape))
    case .boundedPareto(let alpha, let low, let high, _):
      return Distribution.finiteOrInfinity(
        Distribution.boundedParetoMoment(1, alpha: alpha, low: low, high: high))
    case .empirical(let values):
      return Distribution.arithmeticMean(values)
    }
  }

  /// The analytic variance, or +infinity where it does not exist or overflows a `Double`.
  ///
  /// | case | variance |
  /// |---|---|
  /// | constant | 0 |
  /// | uniform | (max − min)² / 12 |
  /// | exponential | mean² |
  /// | normal | standardDeviation² |
  /// | lognormal | (exp(sigma²) − 1) · exp(2 mu + sigma²) |
  /// | weibull | scale² · (Γ(1 + 2/shape) − Γ(1 + 1/shape)²) |
  /// | boundedPareto | E[X²] − E[X]² (below) |
  /// | empirical | the population variance of the values (divided by *n*) |
  ///
  /// For the bounded Pareto, E[X^k] = alpha · low^k · g(k − alpha) / (1 − (low/high)^alpha),
  /// where g(d) = ((high/low)^d − 1)/d and g(0) = ln(high/low). The empirical variance divides
  /// by *n* because resampling draws from exactly the listed values.
  ///
  /// - Complexity: O(1), except O(*n*) for an empirical distribution of *n* values.
  package var variance: Double {
    switch kind {
    case .constant:
      return 0
    case .uniform(let min, let max):
      let width = max - min
      return width * width / 12
    case .exponential(let mean):
      return mean * mean
    case .normal(_, let standardDeviation):
      return standardDeviation * standardDeviation
    case .lognormal(let mu, let sigma):
      let s2 = sigma * sigma
      return Distribution.finiteOrInfinity(expm1(s2) * exp(2 * mu + s2))
    case .weibull(let shape, let scale):
      let g1 = tgamma(1 + 1 / shape)
      let g2 = tgamma(1 + 2 / shape)
      return Distribution.finiteOrInfinity(scale * scale * (g2 - g1 * g1))
    case .boundedPareto(let alpha, let low, let high, _):
      let m1 = Distribution.boundedParetoMoment(1, alpha: alpha, low: low, high: high)
      let m2 = Distribution.boundedParetoMoment(2, alpha: alpha, low: low, high: high)
      return Distribution.finiteOrInfinity(Swift.max(m2 - m1 * m1, 0))
    case .empirical(let values):
      let mean = Distribution.arithmeticMean(values)
      var sum = 0.0
      for value in values {
        let d = value - mean
        sum += d * d
      }
      return sum / Double(values.count)
    }
  }

  /// E[X^k] of the Pareto distribution with index `alpha` truncated to [`low`, `high`].
  ///
  /// The ratio ((high/low)^d − 1)/d is computed as expm1(d · ln(high/low))/d, which stays
  /// accurate as d = k − alpha approaches 0 and equals ln(high/low) at 0.
  private static func boundedParetoMoment(
    _ k: Double, alpha: Double, low: Double, high: Double
  ) -> Double {
    let logRatio = log(high / low)
    let d = k - alpha
    let g = d == 0 ? logRatio : expm1(d * logRatio) / d
    let normaliser = -expm1(-alpha * logRatio)
    return alpha * pow(low, k) * g / normaliser
  }

  /// The mean of `values`, by a running update that cannot overflow for finite values.
  private static func arithmeticMean(_ values: [Double]) -> Double {
    var mean = 0.0
    for (i, value) in values.enumerated() {
      mean += (value - mean) / Double(i + 1)
    }
    return mean
  }

  /// `x`, or +infinity if `x` is infinite or NaN (an overflowed moment).
  private static func finiteOrInfinity(_ x: Double) -> Double {
    x.isFinite ? x : .infinity
  }
}
