#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A probability distribution over `Double`, with validated parameters, that samples from any
/// random number generator with a fixed, documented number of draws.
///
/// Build one with a throwing factory, which checks every parameter and throws a
/// ``DistributionError`` naming the bad one:
///
/// ```swift
/// let serviceTime = try Distribution.lognormal(mean: 0.040, p99: 0.250)
/// let think = try Distribution.exponential(mean: 5)
/// var stream = streams.stream(named: "service.checkout")
/// let seconds = serviceTime.sample(using: &stream)
/// ```
///
/// Each sample uses a fixed number of 64-bit draws (listed on ``sample(using:)``), so how
/// far a stream advances never depends on the values drawn: a stream stays aligned across
/// two variants of a scenario as long as they sample the same distributions the same number
/// of times. ``mean`` and ``variance`` are the analytic moments, for tests and for flow-level
/// models that need a distribution's moments rather than its samples.
///
/// A wrapper over an internal enum, so cases can be added without breaking callers.
///
/// The type is `public` (its members stay `package`, except `description`, which witnesses a
/// public protocol) for the same reason as ``RandomStream``: Swift 6.3 does not serialize the
/// bodies of `@inlinable` members of `package` types, so other targets could neither inline
/// nor specialize ``sample(using:)``. Measured in a release build, sampling an empirical
/// distribution costs 9 ns as `package` and 2–3 ns as `public`.
public struct Distribution: Hashable, Sendable {
  /// The distribution family and its parameters, plus constants precomputed for sampling.
  @usableFromInline
  enum Kind: Hashable, Sendable {
    /// Always `value`.
    case constant(Double)
    /// Uniform on [min, max).
    case uniform(min: Double, max: Double)
    /// Exponential with the given mean (rate 1/mean).
    case exponential(mean: Double)
    /// Normal (Gaussian).
    case normal(mean: Double, standardDeviation: Double)
    /// exp(N(mu, sigma²)).
    case lognormal(mu: Double, sigma: Double)
    /// Weibull with shape k and scale λ: P(X > x) = exp(−(x/λ)^k).
    case weibull(shape: Double, scale: Double)
    /// Pareto with index alpha truncated to [low, high]; `truncation` is (low/high)^alpha,
    /// the mass the untruncated Pareto puts above `high`.
    case boundedPareto(alpha: Double, low: Double, high: Double, truncation: Double)
    /// Each of `values` with equal probability (a value listed twice is twice as likely).
    case empirical([Double])
  }

  /// The family and parameters.
  @usableFromInline let kind: Kind

  /// Wraps an already validated `kind`.
  init(_ kind: Kind) { self.kind = kind }
}

// MARK: - Factories

extension Distribution {
  /// The 0.99 quantile of the standard normal distribution, Φ⁻¹(0.99).
  static let z99 = 2.3263478740408408

  /// The largest p99/mean ratio a lognormal distribution can have, exp(z99² / 2) ≈ 14.968.
  ///
  /// As sigma grows the mean grows faster than the 99th percentile, and p99/mean peaks at
  /// sigma = z99.
  static let maximumP99OverMean = exp(z99 * z99 / 2)

  /// The distribution that always returns `value`.
  ///
  /// - Throws: ``DistributionError`` if `value` is not finite.
  package static func constant(_ value: Double) throws(DistributionError) -> Distribution {
    try requireFinite(value, "constant", "value")
    return Distribution(.constant(value))
  }

  /// The uniform distribution on [`min`, `max`).
  ///
  /// - Throws: ``DistributionError`` unless both bounds are finite, `max > min` (use
  ///   ``constant(_:)`` for a fixed value) and `max - min` is finite.
  package static func uniform(min: Double, max: Double) throws(DistributionError) -> Distribution {
    try requireFinite(min, "uniform", "min")
    try requireFinite(max, "uniform", "max")
    guard max > min else {
      throw DistributionError(
        parameter: "max", message: "uniform max must be greater than min \(min) (got \(max))")
    }
    guard (max - min).isFinite else {
      throw DistributionError(
        parameter: "max",
        message: "uniform max - min must be finite (got max \(max), min \(min))")
    }
    return Distribution(.uniform(min: min, max: max))
  }

  /// The exponential distribution with the given mean: the time between events of a Poisson
  /// process with rate 1/`mean`.
  ///
  /// - Throws: ``DistributionError`` unless `mean` is finite and greater than 0.
  package static func exponential(mean: Double) throws(DistributionError) -> Distribution {
    try requirePositive(mean, "exponential", "mean")
    return Distribution(.exponential(mean: mean))
  }

  /// The normal distribution with the given mean and standard deviation.
  ///
  /// Samples can be negative; clamp them where a quantity cannot be.
  /// - Throws: ``DistributionError`` unless `mean` is finite and `standardDeviation` is finite
  ///   and greater than 0.
  package static func normal(
    mean: Double, standardDeviation: Double
  ) throws(DistributionError) -> Distribution {
    try requireFinite(mean, "normal", "mean")
    try requirePositive(standardDeviation, "normal", "standardDeviation")
    return Distribution(.normal(mean: mean, standardDeviation: standardDeviation))
  }

  /// The lognormal distribution exp(N(`mu`, `sigma`²)).
  ///
  /// Its median is exp(`mu`) and its mean exp(`mu` + `sigma`²/2).
  /// - Throws: ``DistributionError`` unless `mu` is finite and `sigma` is finite and greater
  ///   than 0.
  package static func lognormal(mu: Double, sigma: Double) throws(DistributionError) -> Distribution
  {
    try requireFinite(mu, "lognormal", "mu")
    try requirePositive(sigma, "lognormal", "sigma")
    return Distribution(.lognormal(mu: mu, sigma: sigma))
  }

  /// The lognormal distribution with the given mean and 99th percentile, the way latencies are
  /// usually quoted.
  ///
  /// With L = ln(p99/mean) and z = Φ⁻¹(0.99), the mean exp(mu + sigma²/2) and the percentile
  /// exp(mu + z·sigma) give sigma² − 2z·sigma + 2L = 0. The smaller root,
  /// sigma = z − √(z² − 2L), is computed as 2L / (z + √(z² − 2L)) to keep its precision when
  /// p99 is close to the mean; then mu = ln(mean) − sigma²/2. The larger root (sigma > z)
  /// matches the same mean and p99 but is rejected: the top 1% of its values would carry
  /// Φ(sigma − z) > half of its mean, which is not what a quoted latency p99 describes.
  ///
  /// - Throws: ``DistributionError`` unless both are finite and greater than 0 and
  ///   mean < p99 ≤ exp(z²/2) × mean ≈ 14.968 × mean. No lognormal has a p99 further above
  ///   its mean.
  package static func lognormal(mean: Double, p99: Double) throws(DistributionError) -> Distribution
  {
    try requirePositive(mean, "lognormal", "mean")
    try requirePositive(p99, "lognormal", "p99")
    guard p99 > mean else {
      throw DistributionError(
        parameter: "p99", message: "lognormal p99 must be greater than mean \(mean) (got \(p99))")
    }
    guard p99 / mean <= maximumP99OverMean else {
      throw DistributionError(
        parameter: "p99",
        message: "lognormal p99 must be at most 14.968 times mean \(mean) (got \(p99)); "
          + "no lognormal has a 99th percentile further above its mean")
    }
    let l = log(p99 / mean)
    let sigma = 2 * l / (z99 + (z99 * z99 - 2 * l).squareRoot())
    return Distribution(.lognormal(mu: log(mean) - sigma * sigma / 2, sigma: sigma))
  }

  /// The lognormal distribution with the given median and 99th percentile.
  ///
  /// mu = ln(median) and sigma = ln(p99/median) / Φ⁻¹(0.99).
  /// - Throws: ``DistributionError`` unless both are finite and greater than 0 and
  ///   `p99 > median`.
  package static func lognormal(median: Double, p99: Double) throws(DistributionError)
    -> Distribution
  {
    try requirePositive(median, "lognormal", "median")
    try requirePositive(p99, "lognormal", "p99")
    guard p99 > median else {
      throw DistributionError(
        parameter: "p99",
        message: "lognormal p99 must be greater than median \(median) (got \(p99))")
    }
    return Distribution(.lognormal(mu: log(median), sigma: log(p99 / median) / z99))
  }

  /// The Weibull distribution with P(X > x) = exp(−(x/`scale`)^`shape`).
  ///
  /// `shape` < 1 gives a decreasing failure rate (infant mortality), 1 is exponential and
  /// > 1 an increasing one (wear-out).
  /// - Throws: ``DistributionError`` unless both are finite and greater than 0.
  package static func weibull(shape: Double, scale: Double) throws(DistributionError)
    -> Distribution
  {
    try requirePositive(shape, "weibull", "shape")
    try requirePositive(scale, "weibull", "scale")
    return Distribution(.weibull(shape: shape, scale: scale))
  }

  /// The Pareto distribution with tail index `alpha`, truncated to [`low`, `high`].
  ///
  /// Density proportional to x^−(alpha+1) on [low, high]: heavy-tailed sizes (objects,
  /// batch jobs, flows) with a hard maximum, so every moment is finite.
  /// - Throws: ``DistributionError`` unless all three are finite, `alpha` and `low` are
  ///   greater than 0 and `high > low`.
  package static func boundedPareto(
    alpha: Double, low: Double, high: Double
  ) throws(DistributionError) -> Distribution {
    try requirePositive(alpha, "boundedPareto", "alpha")
    try requirePositive(low, "boundedPareto", "low")
    try requireFinite(high, "boundedPareto", "high")
    guard high > low else {
      throw DistributionError(
        parameter: "high",
        message: "boundedPareto high must be greater than low \(low) (got \(high))")
    }
    let truncation = pow(low / high, alpha)
    return Distribution(.boundedPareto(alpha: alpha, low: low, high: high, truncation: truncation))
  }

  /// The distribution that picks one of `values` uniformly at random: resampling observed
  /// data.
  ///
  /// Each element is equally likely, so a value listed twice is twice as likely.
  /// - Throws: ``DistributionError`` if `values` is empty or holds a value that is not finite.
  /// - Complexity: O(*n*) to validate, where *n* is the number of values.
  package static func empirical(values: [Double]) throws(DistributionError) -> Distribution {
    guard !values.isEmpty else {
      throw DistributionError(parameter: "values", message: "empirical values must not be empty")
    }
    if let index = values.firstIndex(where: { !$0.isFinite }) {
      throw DistributionError(
        parameter: "values",
        message: "empirical values must be finite (got \(values[index]) at index \(index))")
    }
    return Distribution(.empirical(values))
  }

  /// Throws unless `value` is finite.
  private static func requireFinite(
    _ value: Double, _ distribution: String, _ parameter: String
  ) throws(DistributionError) {
    guard value.isFinite else {
      throw DistributionError(
        parameter: parameter, message: "\(distribution) \(parameter) must be finite (got \(value))")
    }
  }

  /// Throws unless `value` is finite and greater than 0.
  private static func requirePositive(
    _ value: Double, _ distribution: String, _ parameter: String
  ) throws(DistributionError) {
    try requireFinite(value, distribution, parameter)
    guard value > 0 else {
      throw DistributionError(
        parameter: parameter,
        message: "\(distribution) \(parameter) must be greater than 0 (got \(value))")
    }
  }
}

// MARK: - Description

extension Distribution: CustomStringConvertible {
  /// The family and its parameters, e.g. `exponential(mean: 0.25)`; lognormals built from a
  /// mean or median and p99 print their mu and sigma, empirical ones their size.
  public var description: String {
    switch kind {
    case .constant(let value): "constant(\(value))"
    case .uniform(let min, let max): "uniform(min: \(min), max: \(max))"
    case .exponential(let mean): "exponential(mean: \(mean))"
    case .normal(let mean, let sd): "normal(mean: \(mean), standardDeviation: \(sd))"
    case .lognormal(let mu, let sigma): "lognormal(mu: \(mu), sigma: \(sigma))"
    case .weibull(let shape, let scale): "weibull(shape: \(shape), scale: \(scale))"
    case .boundedPareto(let alpha, let low, let high, _):
      "boundedPareto(alpha: \(alpha), low: \(low), high: \(high))"
    case .empirical(let values): "empirical(\(values.count) values)"
    }
  }
}
