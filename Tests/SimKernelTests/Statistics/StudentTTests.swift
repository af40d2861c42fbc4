import Testing

@testable import SimKernel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

@Suite struct StudentTTests {
  /// (degrees of freedom, p, tabulated quantile to six decimals); ∞ is the normal row.
  static let tabulated: [(Double, Double, Double)] = [
    (1, 0.975, 12.706205), (2, 0.975, 4.302653), (5, 0.975, 2.570582), (10, 0.975, 2.228139),
    (30, 0.975, 2.042272), (100, 0.975, 1.983972), (.infinity, 0.975, 1.959964),
    (1, 0.95, 6.313752), (2, 0.95, 2.919986), (5, 0.95, 2.015048), (10, 0.95, 1.812461),
    (30, 0.95, 1.697261), (100, 0.95, 1.660234), (.infinity, 0.95, 1.644854),
    (1, 0.995, 63.656741), (2, 0.995, 9.924843), (5, 0.995, 4.032143), (10, 0.995, 3.169273),
    (30, 0.995, 2.749996), (100, 0.995, 2.625891), (.infinity, 0.995, 2.575829),
  ]

  @Test("quantiles match the printed tables to six decimals", arguments: tabulated)
  func matchesTables(degreesOfFreedom: Double, probability: Double, expected: Double) {
    let t = StudentT.quantile(probability: probability, degreesOfFreedom: degreesOfFreedom)
    #expect(
      abs(t - expected) <= 1e-6,
      "t(\(probability), ν = \(degreesOfFreedom)) = \(t), table \(expected)")
    let lower = StudentT.quantile(probability: 1 - probability, degreesOfFreedom: degreesOfFreedom)
    #expect(abs(lower + expected) <= 1e-6, "lower tail: \(lower)")
  }

  @Test("one and two degrees of freedom agree with the closed forms")
  func closedForms() {
    for p in [1e-12, 1e-6, 0.001, 0.01, 0.1, 0.3, 0.49, 0.51, 0.75, 0.9, 0.975, 0.999, 1 - 1e-9] {
      // tan(π(p − ½)) written as ∓cot(π·tail), which stays accurate in the far tails.
      let cauchy = p < 0.5 ? -1 / tan(Double.pi * p) : 1 / tan(Double.pi * (1 - p))
      let t1 = StudentT.quantile(probability: p, degreesOfFreedom: 1)
      #expect(relativeDifference(t1, cauchy) <= 1e-11, "ν = 1, p = \(p): \(t1) vs \(cauchy)")
      let closed2 = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
      let t2 = StudentT.quantile(probability: p, degreesOfFreedom: 2)
      #expect(relativeDifference(t2, closed2) <= 1e-11, "ν = 2, p = \(p): \(t2) vs \(closed2)")
    }
  }

  @Test(
    "the distribution function inverts the quantile",
    arguments: [0.5, 1, 1.5, 3, 7, 29, 250, 5_000, 99_999])
  func roundTrips(degreesOfFreedom: Double) {
    for p in [1e-10, 1e-4, 0.025, 0.2, 0.5, 0.6, 0.95, 0.999] {
      let t = StudentT.quantile(probability: p, degreesOfFreedom: degreesOfFreedom)
      let back = StudentT.cdf(t, degreesOfFreedom: degreesOfFreedom)
      #expect(
        relativeDifference(back, p) <= 1e-9,
        "ν = \(degreesOfFreedom), p = \(p): t = \(t), cdf = \(back)")
    }
  }

  @Test("the large-ν expansion joins the exact inversion smoothly at ν = 10⁵")
  func largeDegreesOfFreedom() {
    for p in [1e-8, 0.001, 0.025, 0.3, 0.975, 0.9999] {
      let below = StudentT.quantile(probability: p, degreesOfFreedom: 99_999.999)
      let above = StudentT.quantile(probability: p, degreesOfFreedom: 100_000)
      #expect(relativeDifference(below, above) <= 1e-9, "p = \(p): \(below) vs \(above)")
      let normal = StudentT.quantile(probability: p, degreesOfFreedom: .infinity)
      #expect(abs(above) > abs(normal), "t quantiles lie outside the normal ones")
    }
    // Cornish–Fisher against exact inversion where both are computed: ν = 200.
    for p in [0.001, 0.025, 0.975] {
      let z = -SpecialFunctions.standardNormalQuantile(1 - p)
      let expansion = StudentT.cornishFisher(z: z, degreesOfFreedom: 200)
      let exact = StudentT.quantile(probability: p, degreesOfFreedom: 200)
      #expect(relativeDifference(expansion, exact) <= 1e-8, "p = \(p): \(expansion) vs \(exact)")
    }
  }

  @Test("two-sided critical values are the (1 + level)/2 quantiles")
  func twoSided() {
    #expect(
      abs(StudentT.twoSidedCriticalValue(level: 0.95, degreesOfFreedom: 4) - 2.776445) <= 1e-6)
    #expect(
      abs(StudentT.twoSidedCriticalValue(level: 0.99, degreesOfFreedom: 9) - 3.249836) <= 1e-6)
    #expect(
      abs(StudentT.twoSidedCriticalValue(level: 0.90, degreesOfFreedom: 20) - 1.724718) <= 1e-6)
    #expect(StudentT.quantile(probability: 0.5, degreesOfFreedom: 3) == 0)
    #expect(
      StudentT.quantile(probability: 0.975, degreesOfFreedom: 5)
        == StudentT.quantile(probability: 0.975, degreesOfFreedom: 5.0))
  }

  @Test(
    "normal quantiles match known values",
    arguments: [
      (0.5, 0.0), (0.975, 1.959963984540054), (0.95, 1.6448536269514722),
      (0.9, 1.2815515655446004), (0.99, 2.3263478740408408), (0.001, -3.090232306167813),
      (0.8413447460685429, 1.0), (0.02275013194817921, -2.0),
    ])
  func normalQuantiles(probability: Double, expected: Double) {
    let z = SpecialFunctions.standardNormalQuantile(probability)
    #expect(
      abs(z - expected) <= 1e-14 * max(1, abs(expected)),
      "Φ⁻¹(\(probability)) = \(z), expected \(expected)")
  }

  @Test("the normal quantile inverts the normal distribution function far into the tails")
  func normalRoundTrip() {
    var p = 1e-300
    while p < 0.5 {
      let z = SpecialFunctions.standardNormalQuantile(p)
      let back = SpecialFunctions.standardNormalCDF(z)
      #expect(
        relativeDifference(back, p) <= 1e-13 * max(1, abs(z)), "p = \(p): z = \(z), Φ(z) = \(back)")
      p *= 7.3
    }
  }

  @Test("log-gamma matches factorials and Γ(½) = √π")
  func logGamma() {
    var factorial = 1.0
    for n in 1...30 {
      if n > 1 { factorial *= Double(n - 1) }
      let value = SpecialFunctions.logGamma(Double(n))
      #expect(
        abs(value - log(factorial)) <= 1e-13 * max(1, log(factorial)), "ln Γ(\(n)) = \(value)")
    }
    #expect(abs(SpecialFunctions.logGamma(0.5) - 0.5 * log(Double.pi)) <= 1e-14)
    #expect(abs(SpecialFunctions.logGamma(0.1) - 2.252712651734206) <= 1e-13)
  }
}
