#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// `P(T > t)` of a ``MixtureTail`` at the times `first[r]·2^k` (`r` in `0..<8`, `k = 0, 1, …`),
/// eight times (one doubling) per call of ``next()``, mostly without `exp`.
///
/// A component's tail (``ResponseTail``) has three regions in `t`: 1 up to its shift `δ`, a sum
/// of exponentials in `x = t - δ` inside the wait's range (`0 < x < τ`), and another in
/// `y = x - τ` beyond it. Inside a region each exponential at `2t` follows from its value at `t`
/// by arithmetic: with `x' = 2x + δ`, `e^{-μx'} = (e^{-μx})²·e^{-μδ}`, and the convolution term
/// `D = (e^{-ax} - e^{-μx})/(μ - a)` becomes `D' = e^{-aδ}·D·(e^{-ax} + e^{-μx}) + (e^{-μx})²·D(δ)`,
/// a sum of nonnegative terms (likewise beyond the range with `δ + τ` for `δ`). So a time calls
/// `exp` only where it enters a region (at most twice per time and component), and inside the
/// wait's range of an overloaded component (`a < 0`, where the wait's density grows), which is
/// evaluated afresh each time.
///
/// The eight times of a block increase, so each region holds a run of lanes and the runs move
/// down as the times double. The terms live per component as five rows of eight lanes, all
/// moved to the next block together; lanes that entered a region are then computed afresh, and
/// lanes still before the shift cost nothing.
///
/// Numerics: squaring doubles a relative error, and the multiplication by the shift factor
/// (itself rounded) adds to it, so after `k` doublings each term is within about `2^(k+3)` ulps
/// of its value, and the tail, a sum of nonnegative terms, too (`P(V > x)` near the end of the
/// wait's range is taken from `expm1` when `e^{-aτ}` matters): for the latency histogram's 21
/// doublings about 2e-9 relative, negligible beside its 9 %-wide buckets. Terms that underflow
/// stay 0.
struct DoublingWalk {
  /// Eight values, one per time of a block.
  typealias Block = InlineArray<8, Double>
  /// The times per doubling, and the values ``next()`` returns per call.
  static var period: Int { Block.count }
  /// The doubles of state per component: five rows of eight lanes.
  static var stateCount: Int { 5 * period }

  /// One component's doubling factors, value coefficients and regions.
  struct Plan {
    /// Lanes `0 ..< before` were at or before the shift at the last block, `before ..< beyond`
    /// inside the wait's range, `beyond ..< 8` beyond it.
    var before = 0
    var beyond = 0
    /// `e^{-μ_i δ}`, `e^{-aδ}` and `D_i(δ)`, inside the wait's range.
    var decayFactor: (Double, Double) = (0, 0)
    var waitFactor = 1.0
    var convolutionFactor: (Double, Double) = (0, 0)
    /// `e^{-μ_i (δ+τ)}`, beyond it.
    var beyondFactor: (Double, Double) = (0, 0)
    /// The tail inside the wait's range as `Σ cDecay_i·M_i + cConvolution_i·D_i + cWait·e^{-ax}`,
    /// when ``isLinear``.
    var decayCoefficient: (Double, Double) = (0, 0)
    var convolutionCoefficient: (Double, Double) = (0, 0)
    var waitCoefficient = 0.0
    /// Whether the tail inside the wait's range is that linear form (`a ≥ 0`, and `P(V > x)`
    /// is `e^{-ax}` to rounding); otherwise each lane is valued by ``ResponseTail/value(of:)``.
    var isLinear = true
    /// Whether the terms inside the wait's range double (`a ≥ 0`).
    var doublesInside = true
  }

  /// The components, in mixture order.
  private let components: UnsafeBufferPointer<MixtureTail.Component>
  /// The sum of the weights, in component order.
  private let totalWeight: Double
  /// The current block's times (seconds) at `0 ..< 8`, its values at `8 ..< 16`.
  private let times: UnsafeMutableBufferPointer<Double>
  /// Each component's plan.
  private let plans: UnsafeMutableBufferPointer<Plan>
  /// Component `c`'s terms at `40c ..< 40c + 40`: `M_1`, `M_2`, `D_1`, `D_2`, `e^{-ax}`, eight
  /// lanes each (`M_i` in `y` beyond the wait's range; zeros before the shift).
  private let state: UnsafeMutableBufferPointer<Double>
  /// The number of blocks returned so far.
  private(set) var blocks = 0

  /// A walk over the components of `tail` from the times `first`, keeping its state in the
  /// buffers given, which must stay valid while the walk is used.
  ///
  /// - Precondition: `state` holds ``stateCount`` per component, `plans` one per component,
  ///   `times` sixteen.
  init(
    _ tail: MixtureTail, from first: Block, state: UnsafeMutableBufferPointer<Double>,
    plans: UnsafeMutableBufferPointer<Plan>, times: UnsafeMutableBufferPointer<Double>
  ) {
    let count = tail.components.count
    precondition(
      state.count >= Self.stateCount * count && plans.count >= count
        && times.count >= 2 * Self.period, "room for the walk's state")
    components = tail.components
    totalWeight = tail.totalWeight
    self.state = state
    self.plans = plans
    self.times = times
    for r in 0..<Self.period { times[r] = first[r] }
    for c in 0..<count {
      plans.initializeElement(at: c, to: Self.plan(of: components[c].tail))
    }
    if count > 0 {
      _ = state.initialize(repeating: 0)
    }
  }

  /// The plan of `tail`.
  private static func plan(of tail: ResponseTail) -> Plan {
    let delta = tail.shift
    let a = tail.waitRate
    let p = tail.waitProbability
    var plan = Plan()
    plan.decayFactor = (exp(-tail.rates.0 * delta), exp(-tail.rates.1 * delta))
    plan.doublesInside = a >= 0 || p == 0
    plan.isLinear = plan.doublesInside && (p == 0 || tail.limitIsFar)
    if p > 0 && a >= 0 {
      let wait = exp(-a * delta)
      plan.waitFactor = wait
      plan.convolutionFactor = (
        ResponseTail.convolution(tail.rates.0 - a, decay: plan.decayFactor.0, wait: wait, delta),
        ResponseTail.convolution(tail.rates.1 - a, decay: plan.decayFactor.1, wait: wait, delta)
      )
    }
    if tail.limitEnd.isFinite {
      plan.beyondFactor = (exp(-tail.rates.0 * tail.limitEnd), exp(-tail.rates.1 * tail.limitEnd))
    }
    let (q0, q1) = tail.hasSecondPhase ? tail.weights : (tail.weights.0, 0)
    plan.decayCoefficient = (q0 * (1 - p), q1 * (1 - p))
    plan.convolutionCoefficient = (q0 * tail.convolutionFactor, q1 * tail.convolutionFactor)
    plan.waitCoefficient = p
    return plan
  }

  /// The tail at the next eight times: `first[r]·2^k` for the `k`-th call (from 0), clamped to
  /// [0, 1] (0 for all when the weights sum to zero).
  ///
  /// - Returns: the eight values, valid until the next call.
  /// - Complexity: O(*n*) for *n* components; `exp` only where a time enters a region, or
  ///   inside the wait's range of an overloaded component.
  mutating func next() -> UnsafeBufferPointer<Double> {
    let period = Self.period
    let t = times.baseAddress!
    let sums = t + period
    if blocks > 0 {
      for r in 0..<period { t[r] += t[r] }
    }
    for r in 0..<period { sums[r] = 0 }
    for c in components.indices {
      // The tail's and the plan's figures as locals: the stores below go through `Double`
      // pointers, which could alias them, so fields would be loaded again at every lane.
      let component = components.baseAddress! + c
      let weight = component.pointee.weight
      let shift = component.pointee.tail.shift
      let limitEnd = component.pointee.tail.limitEnd
      let plan = plans.baseAddress! + c
      let (wasBefore, wasBeyond) = (plan.pointee.before, plan.pointee.beyond)
      // The new runs: the times increase along the lanes.
      var before = 0
      while before < period && t[before] <= shift { before &+= 1 }
      var beyond = before
      while beyond < period && t[beyond] < limitEnd { beyond &+= 1 }
      plan.pointee.before = before
      plan.pointee.beyond = beyond
      // Lanes before the shift hold zeros and are worth 1.
      for r in 0..<before { sums[r] += weight }
      guard before < period else { continue }
      let decay0 = state.baseAddress! + c * Self.stateCount
      let decay1 = decay0 + period
      let convolution0 = decay1 + period
      let convolution1 = convolution0 + period
      let wait = convolution1 + period
      let hasWait = component.pointee.tail.waitProbability > 0
      let hasSecondPhase = component.pointee.tail.hasSecondPhase
      if blocks > 0 {
        // Every lane moves to twice its time; the lanes that entered a region are redone
        // below. The convolutions first, as they need the decays at the old time.
        if hasWait {
          let waitFactor = plan.pointee.waitFactor
          let (convolutionFactor0, convolutionFactor1) = plan.pointee.convolutionFactor
          for r in before..<beyond {
            let (w, m0, m1) = (wait[r], decay0[r], decay1[r])
            wait[r] = w * w * waitFactor
            convolution0[r] = waitFactor * convolution0[r] * (w + m0) + m0 * m0 * convolutionFactor0
            convolution1[r] = waitFactor * convolution1[r] * (w + m1) + m1 * m1 * convolutionFactor1
          }
        }
        let (inside0, inside1) = plan.pointee.decayFactor
        let (beyond0, beyond1) = plan.pointee.beyondFactor
        for r in before..<beyond { decay0[r] *= decay0[r] * inside0 }
        for r in beyond..<period { decay0[r] *= decay0[r] * beyond0 }
        if hasSecondPhase {
          for r in before..<beyond { decay1[r] *= decay1[r] * inside1 }
          for r in beyond..<period { decay1[r] *= decay1[r] * beyond1 }
        }
      }
      // Lanes computed afresh: those that entered a region, and every one inside the wait's
      // range when its terms do not double there.
      let (keptFrom, keptTo) =
        blocks > 0 && plan.pointee.doublesInside ? (wasBefore, wasBeyond) : (0, 0)
      for r in before..<beyond where r < keptFrom || r >= keptTo {
        let terms = component.pointee.tail.terms(at: t[r] - shift)
        decay0[r] = terms.decay.0
        decay1[r] = terms.decay.1
        convolution0[r] = terms.convolution.0
        convolution1[r] = terms.convolution.1
        wait[r] = terms.wait
      }
      let freshBeyond = blocks == 0 ? period : min(period, wasBeyond)
      if beyond < freshBeyond {
        let (rate0, rate1) = component.pointee.tail.rates
        for r in beyond..<freshBeyond {
          let y = t[r] - limitEnd
          decay0[r] = exp(-rate0 * y)
          decay1[r] = hasSecondPhase ? exp(-rate1 * y) : 0
        }
      }
      // The values.
      if plan.pointee.isLinear {
        let (decayCoefficient0, decayCoefficient1) = plan.pointee.decayCoefficient
        if hasWait {
          let (convolutionCoefficient0, convolutionCoefficient1) =
            plan.pointee.convolutionCoefficient
          let waitCoefficient = plan.pointee.waitCoefficient
          for r in before..<beyond {
            let value =
              decayCoefficient0 * decay0[r] + decayCoefficient1 * decay1[r]
              + convolutionCoefficient0 * convolution0[r]
              + convolutionCoefficient1 * convolution1[r] + waitCoefficient * wait[r]
            sums[r] += weight * min(1, max(0, value))
          }
        } else {
          for r in before..<beyond {
            let value = decayCoefficient0 * decay0[r] + decayCoefficient1 * decay1[r]
            sums[r] += weight * min(1, max(0, value))
          }
        }
      } else {
        for r in before..<beyond {
          let value = component.pointee.tail.value(
            of: ResponseTail.Terms(
              decay: (decay0[r], decay1[r]), convolution: (convolution0[r], convolution1[r]),
              wait: wait[r], x: t[r] - shift))
          sums[r] += weight * value
        }
      }
      if beyond < period {
        let (beyond0, beyond1) = component.pointee.tail.beyond
        for r in beyond..<period {
          sums[r] += weight * min(1, max(0, beyond0 * decay0[r] + beyond1 * decay1[r]))
        }
      }
    }
    blocks += 1
    let scale = totalWeight > 0 ? 1 / totalWeight : 0
    for r in 0..<period { sums[r] = min(1, max(0, sums[r] * scale)) }
    return UnsafeBufferPointer(start: sums, count: period)
  }
}
