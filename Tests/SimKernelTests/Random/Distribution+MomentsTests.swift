import Testing

@testable import SimKernel

/// A distribution and its mean and variance from an independent source.
struct ReferenceMoments: Sendable, CustomTestStringConvertible {
  var call: String
  var mean: Double
  var variance: Double
  var make: @Sendable () throws(DistributionError) -> Distribution

  var testDescription: String { call }
}

@Suite struct DistributionMomentsTests {
  @Test(
    "analytic moments match independently computed values",
    arguments: [
      // Values from SciPy (weibull_min, lognorm) and from numerical integration of the bounded
      // Pareto density with scipy.integrate.quad; the closed forms need no second source.
      ReferenceMoments(
        call: "uniform(min: 2, max: 5)", mean: 3.5, variance: 0.75
      ) { () throws(DistributionError) in try .uniform(min: 2, max: 5) },
      ReferenceMoments(
        call: "exponential(mean: 0.25)", mean: 0.25, variance: 0.0625
      ) { () throws(DistributionError) in try .exponential(mean: 0.25) },
      ReferenceMoments(
        call: "normal(mean: 10, standardDeviation: 2)", mean: 10, variance: 4
      ) { () throws(DistributionError) in try .normal(mean: 10, standardDeviation: 2) },
      ReferenceMoments(
        call: "lognormal(mu: 0, sigma: 0.5)", mean: 1.1331484530668263, variance: 0.3646958540123865
      ) { () throws(DistributionError) in try .lognormal(mu: 0, sigma: 0.5) },
      ReferenceMoments(
        call: "weibull(shape: 1.5, scale: 2)", mean: 1.805490585901867, variance: 1.5027611392557279
      ) { () throws(DistributionError) in try .weibull(shape: 1.5, scale: 2) },
      ReferenceMoments(
        call: "weibull(shape: 0.7, scale: 1)", mean: 1.2658235060572836,
        variance: 3.4268355536531536
      ) { () throws(DistributionError) in try .weibull(shape: 0.7, scale: 1) },
      ReferenceMoments(
        call: "boundedPareto(alpha: 1.5, low: 1, high: 20)", mean: 2.3555150657957844,
        variance: 4.985732393097612
      ) { () throws(DistributionError) in try .boundedPareto(alpha: 1.5, low: 1, high: 20) },
      ReferenceMoments(
        call: "boundedPareto(alpha: 1, low: 1, high: 10)", mean: 2.5584278811045027,
        variance: 3.4544467771871243
      ) { () throws(DistributionError) in try .boundedPareto(alpha: 1, low: 1, high: 10) },
      ReferenceMoments(
        call: "boundedPareto(alpha: 2, low: 1, high: 10)", mean: 1.8181818181818183,
        variance: 1.345901932586698
      ) { () throws(DistributionError) in try .boundedPareto(alpha: 2, low: 1, high: 10) },
      ReferenceMoments(
        call: "empirical(values: [1, 2, 2, 7])", mean: 3, variance: 5.5
      ) { () throws(DistributionError) in try .empirical(values: [1, 2, 2, 7]) },
    ])
  func matchesReference(_ reference: ReferenceMoments) throws {
    let distribution = try reference.make()
    #expect(
      abs(distribution.mean - reference.mean) <= 1e-9 * abs(reference.mean),
      "\(reference.call): mean \(distribution.mean)")
    #expect(
      abs(distribution.variance - reference.variance) <= 1e-9 * reference.variance,
      "\(reference.call): variance \(distribution.variance)")
  }

  @Test("bounded Pareto moments are continuous where alpha crosses 1 and 2")
  func boundedParetoSpecialCasesAreContinuous() throws {
    for alpha in [1.0, 2.0] {
      let exact = try Distribution.boundedPareto(alpha: alpha, low: 1, high: 10)
      for nearby in [alpha - 1e-9, alpha + 1e-9] {
        let near = try Distribution.boundedPareto(alpha: nearby, low: 1, high: 10)
        #expect(abs(near.mean - exact.mean) <= 1e-8 * exact.mean, "alpha \(nearby)")
        #expect(abs(near.variance - exact.variance) <= 1e-8 * exact.variance, "alpha \(nearby)")
      }
    }
  }

  @Test("moments too large for a Double are +infinity, never NaN")
  func overflowingMomentsAreInfinite() throws {
    let wideLognormal = try Distribution.lognormal(mu: 0, sigma: 40)
    #expect(wideLognormal.mean == .infinity)
    #expect(wideLognormal.variance == .infinity)
    let spikyWeibull = try Distribution.weibull(shape: 0.005, scale: 1)
    #expect(spikyWeibull.mean == .infinity)
    #expect(spikyWeibull.variance == .infinity)
    let hugeUniform = try Distribution.uniform(min: -1e308, max: 7e307)
    #expect(hugeUniform.mean.isFinite)
    #expect(hugeUniform.variance == .infinity)
  }

  @Test("empirical variance divides by n, as resampling the list does")
  func empiricalUsesPopulationVariance() throws {
    let distribution = try Distribution.empirical(values: [1, 3])
    #expect(distribution.mean == 2)
    #expect(distribution.variance == 1)
  }
}
