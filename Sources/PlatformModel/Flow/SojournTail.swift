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
/// In a lightly loaded pod (many workers, Erlang C tiny) the wait term is skipped at every `t`.
///
/// For walks over times that double, the tail also comes as two terms,
/// `P(T > t) = s + K·w` (see ``terms(at:)``), each of which gives its value at `2t` from its
/// value at `t` by arithmetic alone (see ``DoublingWalk``). The closed form stays what
/// ``SojournTime/tail(_:)`` and the timeouts use, unchanged bit for bit.
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
  /// `-(μ + a) = λ - cμ`, the decay rate of the wait term when `a < 0`, negated.
  private let negativeDecayRate: Double
  /// `K` of ``terms(at:)``: `C·μ/a`, `C·μ` when `a ≈ 0`, and 0 when the wait term rounds away
  /// or nobody waits.
  let waitFactor: Double
  /// 1, or 0 when `a ≈ 0`: how much of `w` the doubling of `w` takes off (`w(2t) =
  /// w(t)·(2s(t) - overlap·w(t))`).
  let waitOverlap: Double

  /// Arguments of `exp` below this give exactly +0.
  private static let underflowArgument = -750.0
  /// Arguments of `exp` below this give a value whose difference from 1 rounds to exactly 1.
  private static let negligibleArgument = -40.0
  /// Wait ratios below this leave `1 + K·x` at exactly 1 for every `x` in [0, 1].
  private static let negligibleWaitRatio = 0x1p-53
  /// Arguments of `exp` above this give at least `e^{-700}`, whose product with any finite
  /// `1 - e^{-a·t}` with `|a| < μ` is finite.
  private static let safeServiceArgument = -700.0

  /// Prepares the tail of `time`.
  init(_ time: SojournTime) {
    negativeServiceRate = -time.serviceRate
    negativeGap = -time.gap
    waitingRate = time.waitingProbability * time.serviceRate
    waitRatio = waitingRate / time.gap
    isCritical = abs(time.gap) < 1e-9 * time.serviceRate
    hasPositiveGap = time.gap > 0
    waitRoundsAway = hasPositiveGap && waitRatio >= 0 && waitRatio < Self.negligibleWaitRatio
    negativeDecayRate = -(time.serviceRate + time.gap)
    if time.waitingProbability == 0 || (waitRoundsAway && !isCritical) {
      waitFactor = 0
    } else {
      waitFactor = isCritical ? waitingRate : waitRatio
    }
    waitOverlap = isCritical ? 0 : 1
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

  /// The two terms of `P(T > t)` at `t` (seconds): `P(T > t) = service + K·wait`, `K` being
  /// ``waitFactor``.
  ///
  /// `service = e^{-μt}`; `wait = e^{-μt}·(1 - e^{-a·t}) = e^{-μt} - e^{-(μ+a)t}`, which has the
  /// sign of `a` (as `K` has), so that `K·wait ≥ 0` and the sum has no cancellation; when
  /// `a ≈ 0`, `K = C·μ` and `wait = t·e^{-μt}`. Unlike the closed form, this stays accurate to
  /// a few ulps where it loses digits: `1 - e^{-a·t}` comes from `expm1` (near-critical queues,
  /// `|a·t|` small), and with `a < 0` and `e^{-μt}` below about `e^{-700}` (where
  /// `e^{-a·t}` would overflow) `wait` is taken as `e^{-(μ+a)t}·(e^{a·t} - 1)`, which stays
  /// finite: the closed form gives 0 there although the tail is `≈ K·e^{-(μ+a)t}`.
  ///
  /// At `2t` the terms are `service(2t) = service(t)²` and
  /// `wait(2t) = wait(t)·(2·service(t) - wait(t))` (`2·wait(t)·service(t)` when `a ≈ 0`, as
  /// ``waitOverlap`` says).
  ///
  /// - Complexity: O(1): one or two calls to `exp` or `expm1` (three when `a < 0` and `μt > 700`).
  func terms(at t: Double) -> (service: Double, wait: Double) {
    guard t > 0 else { return (1, 0) }
    let serviceArgument = negativeServiceRate * t
    let service = serviceTerm(at: t)
    if waitFactor == 0 { return (service, 0) }
    if isCritical { return (service, t * service) }
    let gapArgument = negativeGap * t
    if gapArgument < Self.negligibleArgument { return (service, service) }
    if hasPositiveGap || serviceArgument > Self.safeServiceArgument {
      return (service, service * -expm1(gapArgument))
    }
    // a < 0 and e^{-a·t} possibly beyond the largest Double: e^{-μt} - e^{-(μ+a)t} factored
    // the other way.
    let decayArgument = negativeDecayRate * t
    let decay = decayArgument < Self.underflowArgument ? 0 : exp(decayArgument)
    return (service, decay * expm1(-gapArgument))
  }

  /// ``terms(at:)``'s `service` term alone: `e^{-μt}` (1 when `t ≤ 0`).
  ///
  /// - Complexity: O(1): at most one call to `exp`.
  func serviceTerm(at t: Double) -> Double {
    guard t > 0 else { return 1 }
    let serviceArgument = negativeServiceRate * t
    return serviceArgument < Self.underflowArgument ? 0 : exp(serviceArgument)
  }

  /// `P(T > t)` from ``terms(at:)``'s terms at `t`, clamped to [0, 1].
  func value(service: Double, wait: Double) -> Double {
    min(1, max(0, service + waitFactor * wait))
  }
}
