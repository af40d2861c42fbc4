#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// `P(T > t)` of one ``ResponseTime``, prepared for evaluation at many times `t`.
///
/// With `x = t - δ` the tail is 1 for `x ≤ 0` and, for `x > 0`, by conditioning on the wait
/// `V` (density `K·e^{-a·v}` on `(0, τ)`, `K = a/(1 - e^{-aτ})`) and on the phase `i` of `Y`
/// (weight `q_i`, rate `μ_i`, `g_i = μ_i - a`):
///
///     P(T > t) = Σ_i q_i·[(1-p)·M_i + p·K·D_i] + p·P(V > x)                for 0 < x < τ,
///     P(T > t) = Σ_i q_i·[(1-p)·e^{-μ_i τ} + p·K·D_i(τ)]·e^{-μ_i (x - τ)}     for x ≥ τ,
///
/// where `M_i = e^{-μ_i x}`, `D_i = ∫_0^x e^{-a v} e^{-μ_i (x-v)} dv = (e^{-ax} - e^{-μ_i x})/g_i`
/// and `P(V > x) = (e^{-ax} - e^{-aτ})/(1 - e^{-aτ})`. Every term is nonnegative and each is
/// computed without cancellation: `D_i` as `e^{-ax}·(1 - e^{-g_i x})/g_i` (with `expm1`) when
/// `g_i ≥ 0` and as `e^{-μ_i x}·(1 - e^{g_i x})/(-g_i)` when `g_i < 0`, so that coinciding rates
/// need no special case; with `a < 0` (overload, `τ` finite) the growing `e^{-ax}` is never
/// formed: `K·e^{-ax} = K_τ·e^{-|a|(τ-x)}` with `K_τ = K·e^{-aτ} = a/(e^{aτ} - 1)`.
///
/// The three regions (`x ≤ 0`, the wait's range, beyond it) are where ``DoublingWalk`` restarts
/// from `exp`; inside the last two every exponential at `2t` follows from its value at `t`.
struct ResponseTail: Sendable {
  /// `δ`.
  let shift: Double
  /// `δ + τ` (`.infinity` when nobody waits or `τ = ∞`): where the wait's range ends.
  let limitEnd: Double
  /// `p`.
  let waitProbability: Double
  /// `a`.
  let waitRate: Double
  /// `τ`.
  let waitLimit: Double
  /// Phase weights `q_i` and rates `μ_i` (`μ_2` unused when `q_1 = 1`).
  let weights: (Double, Double)
  let rates: (Double, Double)
  /// Whether `Y` has a second phase (`q_1 < 1`).
  let hasSecondPhase: Bool
  /// `p·K` when `a ≥ 0`, `p·K_τ` when `a < 0` (the factor of `D_i`, see ``terms(at:)``).
  let convolutionFactor: Double
  /// `1/(1 - e^{-aτ})` (1 for `τ = ∞`), when `a > 0`.
  let limitNormaliser: Double
  /// Whether `e^{-aτ}` is below `2^-56`, so that `P(V > x) = e^{-ax}` to rounding when `a > 0`.
  let limitIsFar: Bool
  /// Coefficients beyond the wait's range: `q_i·[(1-p)e^{-μ_i τ} + p·K·D_i(τ)]`.
  let beyond: (Double, Double)

  /// Prepares the tail of `time` (for times within the wait's range only, when not
  /// `beyondTheLimit`: then ``beyond`` is left 0).
  init(_ time: ResponseTime, beyondTheLimit: Bool = true) {
    shift = time.shift
    let p = time.waitProbability
    let a = time.waitRate
    let tau = time.waitLimit
    waitProbability = p
    waitRate = a
    waitLimit = tau
    weights = (time.phaseWeight, 1 - time.phaseWeight)
    rates = (time.firstPhaseRate, time.secondPhaseRate)
    hasSecondPhase = time.phaseWeight < 1
    limitEnd = p > 0 && tau.isFinite ? time.shift + tau : .infinity
    if p == 0 {
      convolutionFactor = 0
      limitNormaliser = 1
      limitIsFar = true
      beyond = (0, 0)
      return
    }
    if !tau.isFinite {
      convolutionFactor = p * a
      limitNormaliser = 1
      limitIsFar = true
      beyond = (0, 0)
      return
    }
    // K = a/(1 - e^{-aτ}), K_τ = K·e^{-aτ} = a/(e^{aτ} - 1); both 1/τ as a → 0.
    let k = a == 0 ? 1 / tau : a / -expm1(-a * tau)
    let kTau = a == 0 ? 1 / tau : a / expm1(a * tau)
    convolutionFactor = p * (a >= 0 ? k : kTau)
    limitNormaliser = a > 0 ? 1 / -expm1(-a * tau) : 1
    limitIsFar = a * tau > 39
    func beyondCoefficient(_ q: Double, _ mu: Double) -> Double {
      guard q > 0 else { return 0 }
      let g = mu - a
      let decay = exp(-mu * tau)
      // K·D(τ) = K·(e^{-aτ} - e^{-μτ})/g.
      let convolution: Double
      if g >= 0 {
        convolution = kTau * Self.spread(g, tau)
      } else {
        convolution = k * decay * Self.spread(-g, tau)
      }
      return q * ((1 - p) * decay + p * convolution)
    }
    beyond =
      beyondTheLimit
      ? (
        beyondCoefficient(weights.0, rates.0),
        hasSecondPhase ? beyondCoefficient(weights.1, rates.1) : 0
      ) : (0, 0)
  }

  /// `(1 - e^{-g·x})/g` for `g ≥ 0` (`x` at `g = 0`).
  @inline(__always)
  static func spread(_ g: Double, _ x: Double) -> Double {
    g == 0 ? x : -expm1(-g * x) / g
  }

  /// `P(T > t)`, t in seconds.
  ///
  /// - Complexity: O(1): at most five calls to `exp` or `expm1`.
  func callAsFunction(_ t: Double) -> Double {
    let x = t - shift
    guard x > 0 else { return 1 }
    if t >= limitEnd {
      let y = t - limitEnd
      var value = beyond.0 * exp(-rates.0 * y)
      if hasSecondPhase { value += beyond.1 * exp(-rates.1 * y) }
      return min(1, max(0, value))
    }
    return value(of: terms(at: x))
  }

  /// The exponentials of the tail inside the wait's range at `x = t - δ > 0`.
  struct Terms {
    /// `M_i = e^{-μ_i x}`.
    var decay: (Double, Double)
    /// `D_i` (when `a ≥ 0`), or `e^{aτ}·D_i` (when `a < 0`).
    var convolution: (Double, Double)
    /// `e^{-ax}` (when `a ≥ 0`), or `e^{-|a|(τ-x)}` (when `a < 0`).
    var wait: Double
    /// `x`.
    var x: Double
  }

  /// The terms at `x` (`0 < x < τ`).
  ///
  /// - Complexity: O(1): up to five calls to `exp` or `expm1`.
  func terms(at x: Double) -> Terms {
    let a = waitRate
    var terms = Terms(decay: (exp(-rates.0 * x), 0), convolution: (0, 0), wait: 0, x: x)
    if hasSecondPhase { terms.decay.1 = exp(-rates.1 * x) }
    guard waitProbability > 0 else { return terms }
    if a >= 0 {
      let wait = exp(-a * x)
      terms.wait = wait
      terms.convolution.0 = Self.convolution(
        rates.0 - a, decay: terms.decay.0, wait: wait, x)
      if hasSecondPhase {
        terms.convolution.1 = Self.convolution(rates.1 - a, decay: terms.decay.1, wait: wait, x)
      }
    } else {
      // e^{-|a|(τ-x)}, and e^{aτ}·D_i = e^{-|a|(τ-x)}·(1 - e^{-g_i x})/g_i (g_i > μ_i > 0).
      let wait = exp(a * (waitLimit - x))
      terms.wait = wait
      terms.convolution.0 = wait * Self.spread(rates.0 - a, x)
      if hasSecondPhase { terms.convolution.1 = wait * Self.spread(rates.1 - a, x) }
    }
    return terms
  }

  /// `D = (e^{-ax} - e^{-μx})/(μ - a)` from `e^{-μx}` and `e^{-ax}`, for `a ≥ 0`.
  ///
  /// Where `|μ - a|·x ≥ 1` the difference loses at most a bit (the smaller exponential is at
  /// most `e^{-1}` of the larger), so it is taken as it is; nearer, with `expm1`.
  @inline(__always)
  static func convolution(_ g: Double, decay: Double, wait: Double, _ x: Double) -> Double {
    if abs(g) * x >= 1 { return (wait - decay) / g }
    return g >= 0 ? wait * spread(g, x) : decay * spread(-g, x)
  }

  /// The tail inside the wait's range from its terms at `x`, clamped to [0, 1].
  func value(of terms: Terms) -> Double {
    let p = waitProbability
    var sum = weights.0 * ((1 - p) * terms.decay.0 + convolutionFactor * terms.convolution.0)
    if hasSecondPhase {
      sum += weights.1 * ((1 - p) * terms.decay.1 + convolutionFactor * terms.convolution.1)
    }
    if p > 0 { sum += p * waitBeyond(terms.wait, terms.x) }
    return min(1, max(0, sum))
  }

  /// `P(V > x)` from ``Terms/wait`` at `x`.
  @inline(__always)
  private func waitBeyond(_ wait: Double, _ x: Double) -> Double {
    let a = waitRate
    if limitIsFar { return wait }  // e^{-ax}: the limit's term is below rounding (a > 0)
    let remaining = max(0, waitLimit - x)
    if a > 0 {
      // (e^{-ax} - e^{-aτ})/(1 - e^{-aτ}) = e^{-ax}·(1 - e^{-a(τ-x)})/(1 - e^{-aτ}).
      return wait * -expm1(-a * remaining) * limitNormaliser
    }
    if a == 0 { return remaining / waitLimit }
    // a < 0: (e^{|a|x} - e^{|a|τ})/(1 - e^{|a|τ}) = (1 - e^{-|a|(τ-x)})/(1 - e^{-|a|τ}).
    return -expm1(a * remaining) / -expm1(a * waitLimit)
  }
}
