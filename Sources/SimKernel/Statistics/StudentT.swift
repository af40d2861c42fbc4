#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Student's t distribution: its distribution function and quantiles, for confidence intervals.
///
/// **Method.** For ν degrees of freedom and t ≥ 0 the upper tail is
/// P(T > t) = ½·I_x(ν/2, ½) with x = ν/(ν + t²), evaluated with the regularized incomplete beta
/// function (``SpecialFunctions/regularizedIncompleteBeta(a:b:x:y:logX:logY:)``). Quantiles
/// invert that tail by Newton's method on the density, safeguarded by a bracket that bisection
/// falls back on, to a relative tolerance of 10⁻¹⁵; in practice they match tables to all
/// printed digits (for example t₀.₉₇₅ with 1 df is 12.706204736…). For ν ≥ 10⁵ the
/// Cornish–Fisher expansion to order ν⁻⁴ around the normal quantile is used instead (there its
/// truncation error is far below 10⁻¹² for any probability above 10⁻²⁰, while the incomplete
/// beta would start losing digits to ln Γ of large arguments), and ν = ∞ gives the normal
/// quantile itself (Wichura's AS 241).
///
/// Nothing here draws random numbers or keeps state; every function is pure.
package enum StudentT {
  /// The `probability`-quantile of Student's t with `degreesOfFreedom` degrees of freedom: the
  /// t with P(T ≤ t) = `probability`.
  ///
  /// - Parameters:
  ///   - probability: p, in (0, 1).
  ///   - degreesOfFreedom: ν > 0, possibly fractional; `.infinity` gives the standard normal.
  /// - Returns: the quantile; ±infinity only when it exceeds 10³⁰⁰ (tiny p with ν < 1).
  /// - Precondition: `0 < probability < 1` and `degreesOfFreedom > 0`.
  /// - Complexity: O(1): a few dozen incomplete-beta evaluations at most.
  package static func quantile(probability: Double, degreesOfFreedom: Double) -> Double {
    precondition(
      probability > 0 && probability < 1,
      "StudentT.quantile: probability must be in (0, 1) (got \(probability))")
    precondition(
      degreesOfFreedom > 0,
      "StudentT.quantile: degrees of freedom must be positive (got \(degreesOfFreedom))")
    if probability == 0.5 { return 0 }
    let isUpper = probability > 0.5
    let tail = isUpper ? 1 - probability : probability  // 1 − p is exact for p > ½
    let t = upperQuantile(tail: tail, degreesOfFreedom: degreesOfFreedom)
    return isUpper ? t : -t
  }

  /// The `probability`-quantile with a whole number of degrees of freedom; see
  /// ``quantile(probability:degreesOfFreedom:)-(Double,Double)``.
  /// - Precondition: `0 < probability < 1` and `degreesOfFreedom >= 1`.
  package static func quantile(probability: Double, degreesOfFreedom: Int) -> Double {
    quantile(probability: probability, degreesOfFreedom: Double(degreesOfFreedom))
  }

  /// The critical value t* of a two-sided interval at confidence `level`: P(|T| ≤ t*) = level,
  /// i.e. the (1 + level)/2 quantile.
  ///
  /// - Precondition: `0 < level < 1` and `degreesOfFreedom > 0`.
  /// - Complexity: as ``quantile(probability:degreesOfFreedom:)-(Double,Double)``.
  package static func twoSidedCriticalValue(level: Double, degreesOfFreedom: Double) -> Double {
    precondition(level > 0 && level < 1, "StudentT: level must be in (0, 1) (got \(level))")
    precondition(
      degreesOfFreedom > 0,
      "StudentT: degrees of freedom must be positive (got \(degreesOfFreedom))")
    return upperQuantile(tail: (1 - level) / 2, degreesOfFreedom: degreesOfFreedom)
  }

  /// The distribution function P(T ≤ t).
  ///
  /// - Precondition: `t` is not NaN and `degreesOfFreedom > 0`.
  /// - Complexity: O(√ν) continued-fraction terms, at most a few hundred.
  package static func cdf(_ t: Double, degreesOfFreedom: Double) -> Double {
    precondition(!t.isNaN, "StudentT.cdf: t is NaN")
    precondition(
      degreesOfFreedom > 0,
      "StudentT.cdf: degrees of freedom must be positive (got \(degreesOfFreedom))")
    return t >= 0
      ? 1 - upperTail(t, degreesOfFreedom: degreesOfFreedom)
      : upperTail(-t, degreesOfFreedom: degreesOfFreedom)
  }

  /// P(T > t) for t ≥ 0, accurate relative to itself far into the tail.
  static func upperTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    if t == 0 { return 0.5 }
    if nu == .infinity { return 0.5 * erfc(t * 0.707_106_781_186_547_524_40) }
    if t == .infinity { return 0 }
    // x = ν/(ν + t²) = 1/(1 + r²), y = 1 − x = r²/(1 + r²), with r = t/√ν.
    let r = t / sqrt(nu)
    let x: Double
    let y: Double
    let logX: Double
    let logY: Double
    if r < 1e100 {
      let r2 = r * r
      x = 1 / (1 + r2)
      y = r2 / (1 + r2)
      logX = -log1p(r2)
      logY = log(y)
    } else {
      logX = -2 * log(r)  // 1/(1 + r²) = r⁻² to within 10⁻²⁰⁰
      x = exp(logX)
      y = 1
      logY = -x
    }
    return 0.5
      * SpecialFunctions.regularizedIncompleteBeta(
        a: nu / 2, b: 0.5, x: x, y: y, logX: logX, logY: logY)
  }

  /// The density of T at t.
  static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    let logNormalizer =
      SpecialFunctions.logGamma((nu + 1) / 2) - SpecialFunctions.logGamma(nu / 2)
      - 0.5 * log(nu * Double.pi)
    return exp(logNormalizer - (nu + 1) / 2 * log1p(t * t / nu))
  }

  /// The t > 0 with P(T > t) = `tail`, for 0 < tail < ½.
  static func upperQuantile(tail: Double, degreesOfFreedom nu: Double) -> Double {
    let z = -SpecialFunctions.standardNormalQuantile(tail)
    if nu == .infinity { return z }
    if nu >= 1e5 { return cornishFisher(z: z, degreesOfFreedom: nu) }
    // A start from the first-order expansion; the bracket makes any start safe.
    let guess = z + (z * z + 1) * z / (4 * nu)
    var low = 0.0  // upperTail(low) > tail
    var high = Swift.max(guess, 1)  // upperTail(high) <= tail once bracketed
    while upperTail(high, degreesOfFreedom: nu) > tail {
      low = high
      high *= 2
      if high > 1e300 { return .infinity }
    }
    var t = guess > low && guess <= high ? guess : low + (high - low) / 2
    for _ in 0..<400 {
      let excess = upperTail(t, degreesOfFreedom: nu) - tail  // decreasing in t
      if excess == 0 { return t }
      if excess > 0 { low = t } else { high = t }
      // Newton: d/dt P(T > t) = −density(t).
      var next = t + excess / density(t, degreesOfFreedom: nu)
      if !(next > low && next < high) { next = low + (high - low) / 2 }
      if abs(next - t) <= 1e-15 * next || high - low <= 4 * high.ulp { return next }
      t = next
    }
    return t
  }

  /// The Cornish–Fisher expansion of the t quantile around the normal quantile `z`
  /// (Abramowitz and Stegun 26.7.5), through the ν⁻⁴ term.
  static func cornishFisher(z: Double, degreesOfFreedom nu: Double) -> Double {
    let z2 = z * z
    let g1 = (z2 + 1) * z / 4
    let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
    let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
    let g4 = ((((79 * z2 + 776) * z2 + 1_482) * z2 - 1_920) * z2 - 945) * z / 92_160
    return z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
  }
}
