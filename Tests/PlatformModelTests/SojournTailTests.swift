#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif
import SimKernel
import Testing

@testable import PlatformModel

/// The prepared tail of one M/M/c response time: its closed form, which timeouts and canary
/// analysis use, is bit for bit the straightforward one; its two-term form is accurate.
@Suite struct SojournTailTests {
  /// The closed form evaluated term by term, as `SojournTime.tail` did before ``SojournTail``.
  static func referenceTail(_ time: SojournTime, _ t: Double) -> Double {
    guard t > 0 else { return 1 }
    let base = exp(-time.serviceRate * t)
    if abs(time.gap) < 1e-9 * time.serviceRate {
      return min(1, base * (1 + time.waitingProbability * time.serviceRate * t))
    }
    let extra = time.waitingProbability * time.serviceRate / time.gap * (1 - exp(-time.gap * t))
    return min(1, max(0, base * (1 + extra)))
  }

  /// The tail in extended precision (64-bit significand): the closed form with `expm1`, and
  /// `e^{-(μ+a)t}·(e^{a·t} - 1)` for `e^{-μt}·(1 - e^{-a·t})` when `a < 0`, so that nothing
  /// overflows or cancels.
  static func preciseTail(_ time: SojournTime, _ t: Double) -> Float80 {
    guard t > 0 else { return 1 }
    let (mu, c, a, t) =
      (Float80(time.serviceRate), Float80(time.waitingProbability), Float80(time.gap), Float80(t))
    let service = exp(-mu * t)
    if abs(time.gap) < 1e-9 * time.serviceRate { return service * (1 + c * mu * t) }
    let wait = a > 0 ? service * -expm1(-a * t) : exp(-(mu + a) * t) * expm1(a * t)
    return service + c * mu / a * wait
  }

  @Test("the closed form equals the straightforward one bit for bit", arguments: 0..<20)
  func closedForm(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    for _ in 0..<200 {
      let time = RandomLatency.sojourn(&stream, saturated: false)
      let tail = SojournTail(time)
      for _ in 0..<50 {
        let t = pow(10, -8 + 14 * stream.nextUnitInterval())
        let expected = Self.referenceTail(time, t)
        #expect(
          tail(t).bitPattern == expected.bitPattern,
          "seed \(seed): \(time) at \(t): \(tail(t)) instead of \(expected)")
        #expect(time.tail(t).bitPattern == expected.bitPattern)
      }
      #expect(tail(0) == 1 && tail(-1) == 1)
    }
  }

  @Test("the two terms give the tail to a few ulps", arguments: 0..<20)
  func terms(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    for _ in 0..<200 {
      let time = RandomLatency.sojourn(&stream)
      let tail = SojournTail(time)
      for _ in 0..<50 {
        let t = pow(10, -8 + 14 * stream.nextUnitInterval())
        let (service, wait) = tail.terms(at: t)
        let value = service + tail.waitFactor * wait
        let expected = Self.preciseTail(time, t)
        // A few ulps, plus the rounding of the arguments `-μ·t` and `-a·t` (which `e^x` turns
        // into a relative error of `|x|` ulps).
        let ulps = 16 + 2 * (time.serviceRate + abs(time.gap)) * t
        #expect(
          abs(Float80(value) - expected) <= Float80(ulps * Double.ulpOfOne) * expected + 1e-300,
          "seed \(seed): \(time) at \(t): \(value) instead of \(expected)")
        #expect(tail.waitFactor * wait >= 0, "seed \(seed): \(time) at \(t): negative wait term")
        #expect(tail.value(service: service, wait: wait) == min(1, max(0, value)))
      }
      #expect(tail.terms(at: 0) == (1, 0))
    }
  }

  @Test("the two terms agree with the closed form where it keeps its digits", arguments: 0..<10)
  func termsAgreeWithClosedForm(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    for _ in 0..<200 {
      let time = RandomLatency.sojourn(&stream, saturated: false)
      let tail = SojournTail(time)
      // The closed form cancels in 1 - e^{-a·t}: about C·μ/|a| ulps of absolute error (none
      // when a ≈ 0, where it has a form of its own).
      let isCritical = abs(time.gap) < 1e-9 * time.serviceRate
      let cancellation =
        isCritical ? 0 : time.waitingProbability * time.serviceRate / abs(time.gap) * 0x1p-50
      for _ in 0..<50 {
        let t = pow(10, -8 + 14 * stream.nextUnitInterval())
        guard time.serviceRate * t < 700 else { continue }
        let (service, wait) = tail.terms(at: t)
        #expect(
          abs(tail.value(service: service, wait: wait) - tail(t)) <= 1e-14 + cancellation,
          "seed \(seed): \(time) at \(t)")
      }
    }
  }

  @Test("a saturated queue keeps its tail where e^{-μt} underflows")
  func saturatedTail() {
    // M/M/1 at 99.9 % load: P(T > t) = e^{-(μ-λ)t} = e^{-1} at t = 10 s, where e^{-μt} = 0.
    let time = SojournTime(
      arrivalRate: 99.9, serviceRate: 100, servers: 1, waitingProbability: 0.999)
    let tail = SojournTail(time)
    let (service, wait) = tail.terms(at: 10)
    #expect(service == 0)
    let value = tail.value(service: service, wait: wait)
    #expect(abs(value - exp(-1)) < 1e-12)
  }
}
