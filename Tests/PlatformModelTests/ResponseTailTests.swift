import SimKernel
import Testing

@testable import PlatformModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The prepared tail of one response time against the convolution written out in extended
/// precision, its moments against integrals of the tail, and the fit of a time's moments.
@Suite struct ResponseTailTests {
  /// `P(T > t)` in extended precision (64-bit significand), from the convolution as it comes:
  /// `Σ_i q_i[(1-p)e^{-μ_i x} + p·K·e^{-μ_i x}(e^{g_i u} - 1)/g_i] + p·P(V > x)`, `u = min(x, τ)`
  /// (with `g_i > 0` the two exponentials taken as one, `e^{-μ_i x + g_i u}`, which stays in
  /// range).
  static func preciseTail(_ time: ResponseTime, _ t: Double) -> Float80 {
    let x = Float80(t) - Float80(time.shift)
    guard x > 0 else { return 1 }
    let p = Float80(time.waitProbability)
    let a = Float80(time.waitRate)
    let tau = Float80(time.waitLimit)
    let k: Float80 = !time.waitLimit.isFinite ? a : a == 0 ? 1 / tau : a / -expm1(-a * tau)
    let u = min(x, tau)
    var sum: Float80 = 0
    for (q, mu) in [
      (Float80(time.phaseWeight), Float80(time.firstPhaseRate)),
      (1 - Float80(time.phaseWeight), Float80(time.secondPhaseRate)),
    ] where q > 0 {
      let g = mu - a
      let convolution =
        g == 0
        ? exp(-mu * x) * u
        : g > 0 ? exp(-mu * x + g * u) * -expm1(-g * u) / g : exp(-mu * x) * expm1(g * u) / g
      sum += q * ((1 - p) * exp(-mu * x) + p * k * convolution)
    }
    if p > 0 && x < tau {
      let beyond: Float80
      if !time.waitLimit.isFinite {
        beyond = exp(-a * x)
      } else if a == 0 {
        beyond = (tau - x) / tau
      } else {
        beyond = (exp(-a * x) - exp(-a * tau)) / -expm1(-a * tau)
      }
      sum += p * beyond
    }
    return min(1, max(0, sum))
  }

  @Test("the tail is the convolution of its parts", arguments: 0..<20)
  func convolution(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    for _ in 0..<200 {
      let time = RandomLatency.response(&stream)
      let tail = ResponseTail(time)
      var times = (0..<40).map { _ in pow(10, -6 + 9 * stream.nextUnitInterval()) }
      // Around the region boundaries too.
      times += [time.shift, time.shift * (1 + 1e-12), time.shift + 1e-9]
      if time.waitLimit.isFinite {
        let end = time.shift + time.waitLimit
        times += [end * (1 - 1e-9), end, end * (1 + 1e-9)]
      }
      for t in times {
        let expected = Self.preciseTail(time, t)
        let value = Float80(tail(t))
        #expect(
          abs(value - expected) <= 1e-12 + 1e-9 * expected,
          "seed \(seed): \(time) at \(t): \(value) instead of \(expected)")
      }
      #expect(tail(0) == 1 || time.shift > 0)
      #expect(tail(time.shift) == 1)
    }
  }

  /// `∫_0^∞ n·t^{n-1}·P(T > t) dt` by Gauss-Legendre over log-spaced pieces, in extended
  /// precision.
  static func integratedMoment(_ n: Int, _ time: ResponseTime) -> Double {
    let nodes: [(Float80, Float80)] = [
      (-0.960289856497536231684, 0.101228536290376259153),
      (-0.796666477413626739592, 0.222381034453374470544),
      (-0.525532409916328985818, 0.313706645877887287338),
      (-0.183434642495649804939, 0.362683783378361982965),
      (0.183434642495649804939, 0.362683783378361982965),
      (0.525532409916328985818, 0.313706645877887287338),
      (0.796666477413626739592, 0.222381034453374470544),
      (0.960289856497536231684, 0.101228536290376259153),
    ]
    // Pieces log-spaced from 0, from the shift and from the end of the wait's range.
    var breaks: [Float80] = [0]
    let rates = [time.firstPhaseRate, time.secondPhaseRate, abs(time.waitRate)]
    let scale = Float80(1 / rates.max()!)
    var origins = [Float80(0), Float80(time.shift)]
    if time.waitLimit.isFinite { origins.append(Float80(time.shift + time.waitLimit)) }
    for origin in origins {
      breaks.append(origin)
      var t: Float80 = scale * 1e-4
      while t < 1e6 {
        breaks.append(origin + t)
        t *= 1.2
      }
    }
    breaks.sort()
    var total: Float80 = 0
    for (low, high) in zip(breaks, breaks.dropFirst()) where high > low {
      let (middle, half) = ((low + high) / 2, (high - low) / 2)
      for (node, weight) in nodes {
        let t = middle + half * node
        var power: Float80 = 1
        for _ in 1..<n { power *= t }
        total += half * weight * Float80(n) * power * preciseTail(time, Double(t))
      }
    }
    return Double(total)
  }

  @Test("the moments are the integrals of the tail", arguments: 0..<5)
  func moments(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    var checked = 0
    while checked < 20 {
      let time = RandomLatency.response(&stream)
      // Keep to times whose bulk the integration grid covers (well under 1e6 s).
      guard time.mean < 1e3, 1 / time.firstPhaseRate < 1e2, 1 / time.secondPhaseRate < 1e2,
        time.waitProbability == 0 || time.waitLimit < 1e3 || time.waitRate > 1e-2
      else { continue }
      checked += 1
      let moments = time.moments
      let raw = [moments.mean, moments.secondRawMoment, moments.thirdRawMoment]
      for n in 1...3 {
        let integral = Self.integratedMoment(n, time)
        #expect(
          abs(raw[n - 1] / integral - 1) < 1e-6,
          "seed \(seed): \(time): E[T^\(n)] \(raw[n - 1]) against \(integral)")
      }
    }
  }

  @Test("the fit keeps three moments when two exponentials can, else two")
  func fitting() {
    // A mixture of two exponentials: found again exactly.
    let (q, m1, m2) = (0.3, 2.0, 0.25)
    let mixture = LatencyMoments(
      rawMoments: q * m1 + (1 - q) * m2, 2 * (q * m1 * m1 + (1 - q) * m2 * m2),
      6 * (q * m1 * m1 * m1 + (1 - q) * m2 * m2 * m2))
    let fitted = ResponseTime.fitting(
      mixture, shift: 0.5, waitProbability: 0, waitRate: 1, waitLimit: .infinity)
    #expect(abs(fitted.phaseWeight - q) < 1e-12)
    #expect(abs(1 / fitted.firstPhaseRate - m1) < 1e-12)
    #expect(abs(1 / fitted.secondPhaseRate - m2) < 1e-12)
    #expect(fitted.shift == 0.5)
    // Less variable than an exponential: a shifted exponential, mean and variance kept.
    let narrow = LatencyMoments(mean: 1, variance: 0.25, thirdCentralMoment: 0)
    let shifted = ResponseTime.fitting(
      narrow, shift: 0, waitProbability: 0, waitRate: 1, waitLimit: .infinity)
    #expect(abs(shifted.shift - 0.5) < 1e-12 && abs(1 / shifted.firstPhaseRate - 0.5) < 1e-12)
    // More variable, but no two exponentials have this third moment: balanced means.
    let odd = LatencyMoments(mean: 1, variance: 3, thirdCentralMoment: 0)
    let balanced = ResponseTime.fitting(
      odd, shift: 0, waitProbability: 0, waitRate: 1, waitLimit: .infinity)
    let residence = balanced.residenceMoments
    #expect(abs(residence.mean - 1) < 1e-12 && abs(residence.variance - 3) < 1e-12)
    #expect(abs(balanced.phaseWeight / balanced.firstPhaseRate - 0.5) < 1e-12)
    // Random times: the moments are kept.
    var stream = RandomStream(seed: 7)
    for _ in 0..<1_000 {
      let mean = pow(10, -4 + 4 * stream.nextUnitInterval())
      let scv = pow(10, -2 + 3 * stream.nextUnitInterval())
      let skew = 10 * (stream.nextUnitInterval() - 0.2)
      let variance = scv * mean * mean
      let moments = LatencyMoments(
        mean: mean, variance: variance, thirdCentralMoment: skew * pow(variance, 1.5))
      let time = ResponseTime.fitting(
        moments, shift: 0, waitProbability: 0, waitRate: 1, waitLimit: .infinity)
      let kept = time.moments
      #expect(abs(kept.mean / mean - 1) < 1e-9, "\(moments)")
      #expect(abs(kept.variance / variance - 1) < 1e-8, "\(moments)")
    }
  }

  @Test("an M/M/c sojourn's tail is Gross and Harris's closed form")
  func mmc() {
    let queue = MMcQueue(arrivalRate: 25, serviceRate: 10, servers: 4)
    let time = ResponseTime(mmc: queue)
    let (mu, c, a) = (10.0, queue.probabilityOfWaiting, 30.0 - 25)
    for t in [0.01, 0.1, 0.5, 2] {
      let expected = exp(-mu * t) * (1 + c * mu / a * (1 - exp(-a * t)))
      #expect(abs(time.tail(t) - expected) < 1e-13)
    }
    #expect(abs(time.mean - queue.meanResponseTime) < 1e-13)
  }
}
