import SimKernel
import Testing

@testable import PlatformModel

/// Cumulants of sums, mixtures and calls against the raw moments worked out directly.
@Suite struct LatencyMomentsTests {
  @Test("a mixture's moments are the weighted raw moments")
  func mixture() {
    let first = LatencyMoments(mean: 1, variance: 0.5, thirdCentralMoment: 0.3)
    let second = LatencyMoments(mean: 4, variance: 2, thirdCentralMoment: -1)
    let (w1, w2) = (3.0, 1.0)
    let mixed = LatencyMoments.mixture(first, weight: w1, second, weight: w2)
    let (p, q) = (w1 / (w1 + w2), w2 / (w1 + w2))
    let expected = LatencyMoments(
      rawMoments: p * first.mean + q * second.mean,
      p * first.secondRawMoment + q * second.secondRawMoment,
      p * first.thirdRawMoment + q * second.thirdRawMoment)
    #expect(abs(mixed.mean - expected.mean) < 1e-12)
    #expect(abs(mixed.variance - expected.variance) < 1e-12)
    #expect(abs(mixed.thirdCentralMoment - expected.thirdCentralMoment) < 1e-12)
  }

  @Test("half a call is a call for half the requests; two and a half calls, two or three")
  func calls() {
    let call = LatencyMoments(mean: 0.02, variance: 1e-4, thirdCentralMoment: 2e-6)
    let half = call.calls(0.5)
    let expected = LatencyMoments.mixture(.zero, weight: 0.5, call, weight: 0.5)
    #expect(half == expected)
    let some = call.calls(2.5)
    #expect(abs(some.mean - 2.5 * 0.02) < 1e-15)
    // Var = E[N]·σ² + Var(N)·m² with N two or three, equally likely.
    #expect(abs(some.variance - (2.5 * 1e-4 + 0.25 * 0.02 * 0.02)) < 1e-15)
    #expect(call.calls(3) == call + call + call)
    #expect(call.calls(0) == .zero)
  }

  @Test("a sum adds cumulants and a shift moves the mean only")
  func sums() {
    let a = LatencyMoments(mean: 1, variance: 2, thirdCentralMoment: 3)
    let b = LatencyMoments(mean: 0.5, variance: 0.25, thirdCentralMoment: 0.1)
    #expect(a + b == LatencyMoments(mean: 1.5, variance: 2.25, thirdCentralMoment: 3.1))
    #expect(a.shifted(by: 2) == LatencyMoments(mean: 3, variance: 2, thirdCentralMoment: 3))
    let raw = LatencyMoments(rawMoments: a.mean, a.secondRawMoment, a.thirdRawMoment)
    #expect(abs(raw.variance - 2) < 1e-12 && abs(raw.thirdCentralMoment - 3) < 1e-12)
  }
}
