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
/// `exp` only where it enters a region (at most three times per time and component), and where
/// the wait's density grows (`a < 0`, overload), which is evaluated afresh each time.
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

  /// Where a time stands for one component.
  enum Region: UInt8 {
    /// `t ≤ δ`: the tail is 1.
    case before
    /// Inside the wait's range.
    case waiting
    /// Beyond it (`t ≥ δ + τ`).
    case beyond
  }

  /// One component's state at one time of the block.
  struct Lane {
    var region = Region.before
    /// Whether ``terms`` hold this time's values (set once computed with `exp`).
    var isValid = false
    var terms = ResponseTail.Terms(decay: (0, 0), convolution: (0, 0), wait: 0, x: 0)
  }

  /// The factors that move one component's terms to twice the time.
  struct Factors {
    /// `e^{-μ_i δ}`, `e^{-aδ}` and `D_i(δ)` (inside the wait's range).
    var decay: (Double, Double)
    var wait: Double
    var convolution: (Double, Double)
    /// `e^{-μ_i (δ+τ)}` (beyond it).
    var beyondDecay: (Double, Double)
  }

  /// The components, in mixture order.
  private let components: UnsafeBufferPointer<MixtureTail.Component>
  /// The sum of the weights, in component order.
  private let totalWeight: Double
  /// The current block's times (seconds) at `0 ..< 8`, its values at `8 ..< 16`.
  private let times: UnsafeMutableBufferPointer<Double>
  /// Each component's doubling factors.
  private let factors: UnsafeMutableBufferPointer<Factors>
  /// Component `c`'s lanes at `8c ..< 8c + 8`.
  private let lanes: UnsafeMutableBufferPointer<Lane>
  /// The number of blocks returned so far.
  private(set) var blocks = 0

  /// The lanes ``init(_:from:lanes:factors:times:)`` needs for `components` components.
  static func laneCount(components: Int) -> Int { period * components }

  /// A walk over the components of `tail` from the times `first`, keeping its state in the
  /// buffers given, which must stay valid while the walk is used.
  ///
  /// - Precondition: `lanes` holds ``laneCount(components:)``, `factors` one per component,
  ///   `times` sixteen.
  init(
    _ tail: MixtureTail, from first: Block, lanes: UnsafeMutableBufferPointer<Lane>,
    factors: UnsafeMutableBufferPointer<Factors>, times: UnsafeMutableBufferPointer<Double>
  ) {
    let count = tail.components.count
    precondition(
      lanes.count >= Self.laneCount(components: count) && factors.count >= count
        && times.count >= 2 * Self.period, "room for the walk's state")
    components = tail.components
    totalWeight = tail.totalWeight
    self.lanes = lanes
    self.factors = factors
    self.times = times
    for r in 0..<Self.period { times[r] = first[r] }
    for c in 0..<count {
      factors.initializeElement(at: c, to: Self.factors(of: components[c].tail))
      for r in 0..<Self.period { lanes.initializeElement(at: Self.period * c + r, to: Lane()) }
    }
  }

  /// The doubling factors of `tail`.
  private static func factors(of tail: ResponseTail) -> Factors {
    let delta = tail.shift
    let a = tail.waitRate
    let decay = (exp(-tail.rates.0 * delta), exp(-tail.rates.1 * delta))
    var factors = Factors(
      decay: decay, wait: 1, convolution: (0, 0), beyondDecay: (0, 0))
    if tail.waitProbability > 0 && a >= 0 {
      let wait = exp(-a * delta)
      factors.wait = wait
      func convolution(_ mu: Double, _ decay: Double) -> Double {
        let g = mu - a
        return g >= 0
          ? wait * ResponseTail.spread(g, delta) : decay * ResponseTail.spread(-g, delta)
      }
      factors.convolution = (convolution(tail.rates.0, decay.0), convolution(tail.rates.1, decay.1))
    }
    if tail.limitEnd.isFinite {
      factors.beyondDecay = (exp(-tail.rates.0 * tail.limitEnd), exp(-tail.rates.1 * tail.limitEnd))
    }
    return factors
  }

  /// The tail at the next eight times: `first[r]·2^k` for the `k`-th call (from 0), clamped to
  /// [0, 1] (0 for all when the weights sum to zero).
  ///
  /// - Returns: the eight values, valid until the next call.
  /// - Complexity: O(*n*) for *n* components; `exp` only where a time enters a region, or
  ///   inside the wait's range of an overloaded component.
  mutating func next() -> UnsafeBufferPointer<Double> {
    let period = Self.period
    if blocks > 0 {
      for r in 0..<period { times[r] *= 2 }
    }
    var sums = Block(repeating: 0)
    for c in components.indices {
      let (weight, tail) = (components[c].weight, components[c].tail)
      let factors = self.factors[c]
      for r in 0..<period {
        let t = times[r]
        let index = period * c + r
        var lane = lanes[index]
        let value = Self.advance(&lane, to: t, tail, factors, fresh: blocks == 0)
        lanes[index] = lane
        sums[r] += weight * value
      }
    }
    blocks += 1
    let scale = totalWeight > 0 ? 1 / totalWeight : 0
    for r in 0..<period { times[period + r] = min(1, max(0, sums[r] * scale)) }
    return UnsafeBufferPointer(rebasing: times[period..<(2 * period)])
  }

  /// Moves `lane` from half of `t` to `t` and returns the tail there.
  @inline(__always)
  private static func advance(
    _ lane: inout Lane, to t: Double, _ tail: ResponseTail, _ factors: Factors, fresh: Bool
  ) -> Double {
    let region: Region = t <= tail.shift ? .before : t >= tail.limitEnd ? .beyond : .waiting
    let continues = !fresh && lane.isValid && lane.region == region
    lane.region = region
    switch region {
    case .before:
      lane.isValid = false
      return 1
    case .beyond:
      if continues {
        lane.terms.decay.0 *= lane.terms.decay.0 * factors.beyondDecay.0
        lane.terms.decay.1 *= lane.terms.decay.1 * factors.beyondDecay.1
      } else {
        let y = t - tail.limitEnd
        lane.terms.decay = (
          exp(-tail.rates.0 * y), tail.hasSecondPhase ? exp(-tail.rates.1 * y) : 0
        )
        lane.isValid = true
      }
      return min(
        1, max(0, tail.beyond.0 * lane.terms.decay.0 + tail.beyond.1 * lane.terms.decay.1))
    case .waiting:
      let x = t - tail.shift
      if continues && tail.waitRate >= 0 {
        let (m0, m1, w) = (lane.terms.decay.0, lane.terms.decay.1, lane.terms.wait)
        lane.terms.decay = (m0 * m0 * factors.decay.0, m1 * m1 * factors.decay.1)
        lane.terms.wait = w * w * factors.wait
        lane.terms.convolution = (
          factors.wait * lane.terms.convolution.0 * (w + m0) + m0 * m0 * factors.convolution.0,
          factors.wait * lane.terms.convolution.1 * (w + m1) + m1 * m1 * factors.convolution.1
        )
        lane.terms.x = x
      } else {
        lane.terms = tail.terms(at: x)
        lane.isValid = true
      }
      return tail.value(of: lane.terms)
    }
  }
}
