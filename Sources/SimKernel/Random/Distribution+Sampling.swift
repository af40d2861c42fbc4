#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Distribution {
  /// Draws one value from the distribution, advancing `generator` by a fixed number of draws.
  ///
  /// Draws per case, and the method (U is one uniform from a single 64-bit draw):
  ///
  /// - constant: 0 draws; the value.
  /// - uniform: 1 draw; min + (max − min)·U, U in [0, 1).
  /// - exponential: 1 draw; −mean · ln U, U in (0, 1).
  /// - normal: 2 draws; Box–Muller, mean + sd · √(−2 ln U₁) · cos(2π U₂) with U₁ in (0, 1)
  ///   and U₂ in [0, 1). The sine partner is discarded.
  /// - lognormal: 2 draws; exp(mu + sigma · Z), Z by Box–Muller as for normal.
  /// - weibull: 1 draw; scale · (−ln U)^(1/shape), U in (0, 1).
  /// - boundedPareto: 1 draw; the inverse CDF, low · (1 − U·(1 − (low/high)^alpha))^(−1/alpha)
  ///   with U in [0, 1), clamped to [low, high] against rounding.
  /// - empirical: 1 draw; values[⌊U·n⌋], the index taken as the high word of a 64×64-bit
  ///   multiply (bias at most n/2^64, far below anything measurable).
  ///
  /// The counts never depend on the values drawn (no rejection sampling, no cached second
  /// normal), so a stream's position after *k* samples is known in advance.
  ///
  /// - Parameter generator: the stream to draw from, typically a ``RandomStream``.
  /// - Returns: one sample.
  /// - Complexity: O(1).
  @inlinable
  package func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
    switch kind {
    case .constant(let value):
      return value
    case .uniform(let min, let max):
      return min + (max - min) * generator.nextUnitInterval()
    case .exponential(let mean):
      return -mean * log(generator.nextOpenUnitInterval())
    case .normal(let mean, let standardDeviation):
      return mean + standardDeviation * Distribution.standardNormal(using: &generator)
    case .lognormal(let mu, let sigma):
      return exp(mu + sigma * Distribution.standardNormal(using: &generator))
    case .weibull(let shape, let scale):
      return scale * pow(-log(generator.nextOpenUnitInterval()), 1 / shape)
    case .boundedPareto(let alpha, let low, let high, let truncation):
      let u = generator.nextUnitInterval()
      let x = low * pow(1 - u * (1 - truncation), -1 / alpha)
      return Swift.min(Swift.max(x, low), high)
    case .empirical(let values):
      let index = generator.next().multipliedFullWidth(by: UInt64(values.count)).high
      return values[Int(index)]
    }
  }

  /// A standard normal value by the Box–Muller transform: √(−2 ln U₁) · cos(2π U₂).
  ///
  /// Draws exactly two values, U₁ in (0, 1) and U₂ in [0, 1). The transform yields a second,
  /// independent normal, √(−2 ln U₁) · sin(2π U₂); it is discarded rather than cached, so
  /// that every normal costs the same two draws and a ``Distribution`` stays a stateless
  /// value.
  /// - Complexity: O(1).
  @inlinable
  static func standardNormal<G: RandomNumberGenerator>(using generator: inout G) -> Double {
    let radius = (-2 * log(generator.nextOpenUnitInterval())).squareRoot()
    let angle = 2 * Double.pi * generator.nextUnitInterval()
    return radius * cos(angle)
  }
}
