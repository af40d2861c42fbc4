#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// `P(T > t)` of one ``SojournTime``, prepared for evaluation at many times `t`.
///
/// The value at every `t` is bit for bit the one the closed form
/// `e^{-μt} · (1 + C·μ/a · (1 - e^{-a·t}))` gives when evaluated term by term: the constants
/// are computed once with the same operations in the same order, and a call to `exp` is left
/// out only where its result cannot change the outcome:
/// - `e^{-μt}` is 0 when `-μt < -750` (`exp` underflows to +0 below about -745.13);
/// - `1 - e^{-a·t}` is exactly 1 when `-a·t < -40` (`e^{-40} < 2^-54`, half an ulp below 1);
/// - the wait term is skipped when `a > 0` and `K = C·μ/a < 2^-53`: then
///   `0 ≤ K·(1 - e^{-a·t}) ≤ K`, and `1 + K·(…)` rounds to exactly 1;
/// - with `a > 0` and `e^{-μt} = 0` the product is +0 whatever the wait term.
///
/// In a lightly loaded pod (many workers, Erlang C tiny) the wait term is skipped at every `t`,
/// which halves the `exp` calls of a latency histogram update.
struct SojournTail: Sendable {
  /// `-μ`.
  private let negativeServiceRate: Double
  /// `-a`, with `a = (c-1)μ - λ`.
  private let negativeGap: Double
  /// `C·μ`.
  private let waitingRate: Double
  /// `C·μ / a`.
  private let waitRatio: Double
  /// Whether `a ≈ 0` (`|a| < 1e-9 μ`), where the closed form is `e^{-μt}·(1 + C·μ·t)`.
  private let isCritical: Bool
  /// Whether `a > 0`, so that `1 + K·(1 - e^{-a·t})` is finite and positive.
  private let hasPositiveGap: Bool
  /// Whether the wait term rounds away at every `t` (`a > 0` and `K < 2^-53`).
  private let waitRoundsAway: Bool

  /// Arguments of `exp` below this give exactly +0.
  private static let underflowArgument = -750.0
  /// Arguments of `exp` below this give a value whose difference from 1 rounds to exactly 1.
  private static let negligibleArgument = -40.0
  /// Wait ratios below this leave `1 + K·x` at exactly 1 for every `x` in [0, 1].
  private static let negligibleWaitRatio = 0x1p-53

  /// Prepares the tail of `time`.
  init(_ time: SojournTime) {
    negativeServiceRate = -time.serviceRate
    negativeGap = -time.gap
    waitingRate = time.waitingProbability * time.serviceRate
    waitRatio = waitingRate / time.gap
    isCritical = abs(time.gap) < 1e-9 * time.serviceRate
    hasPositiveGap = time.gap > 0
    waitRoundsAway = hasPositiveGap && waitRatio >= 0 && waitRatio < Self.negligibleWaitRatio
  }

  /// The latest time at which `e^{-μt}`, a lower bound of `P(T > t)`, is still at least
  /// `level`, in seconds (negative when `level > 1`, NaN for NaN parameters).
  func latestTime(atLeast level: Double) -> Double { log(level) / negativeServiceRate }

  /// Adds `weight × P(T > times[j])` to `sums[j]` for every `j`: the same values as calling
  /// the tail at each time, with the choice of formula made once for all times.
  ///
  /// - Precondition: `sums.count >= times.count`.
  /// - Complexity: O(*n*) for *n* times, at most two calls to `exp` each.
  func accumulate(
    weight: Double, at times: UnsafeBufferPointer<Double>,
    into sums: UnsafeMutableBufferPointer<Double>
  ) {
    precondition(sums.count >= times.count, "fewer sums than times")
    if waitRoundsAway && !isCritical {
      for j in times.indices { sums[j] += weight * serviceTail(times[j]) }
    } else {
      for j in times.indices { sums[j] += weight * self(times[j]) }
    }
  }

  /// `P(T > t)` when the wait term rounds away: `e^{-μt}`, clamped as the closed form is.
  private func serviceTail(_ t: Double) -> Double {
    guard t > 0 else { return 1 }
    let serviceArgument = negativeServiceRate * t
    let base = serviceArgument < Self.underflowArgument ? 0 : exp(serviceArgument)
    return min(1, max(0, base))
  }

  /// `P(T > t)`, t in seconds.
  ///
  /// - Complexity: O(1): at most two calls to `exp`.
  func callAsFunction(_ t: Double) -> Double {
    guard t > 0 else { return 1 }
    let serviceArgument = negativeServiceRate * t
    let base = serviceArgument < Self.underflowArgument ? 0 : exp(serviceArgument)
    if isCritical {
      return min(1, base * (1 + waitingRate * t))
    }
    if waitRoundsAway || (base == 0 && hasPositiveGap) {
      // `base · 1`, or `+0 · (a finite positive number)`.
      return min(1, max(0, base))
    }
    let gapArgument = negativeGap * t
    let open = gapArgument < Self.negligibleArgument ? 1 : 1 - exp(gapArgument)
    let extra = waitRatio * open
    return min(1, max(0, base * (1 + extra)))
  }
}
