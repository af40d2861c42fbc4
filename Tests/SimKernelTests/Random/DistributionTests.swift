import Testing

@testable import SimKernel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A factory call with bad parameters and the exact error it must throw.
struct InvalidDistributionCase: Sendable, CustomTestStringConvertible {
  var call: String
  var parameter: String
  var message: String
  var make: @Sendable () throws(DistributionError) -> Distribution

  var testDescription: String { call }
}

@Suite struct DistributionTests {
  static let invalidCases: [InvalidDistributionCase] = [
    .init(
      call: "constant(nan)", parameter: "value",
      message: "constant value must be finite (got nan)"
    ) { () throws(DistributionError) in try .constant(.nan) },
    .init(
      call: "constant(inf)", parameter: "value",
      message: "constant value must be finite (got inf)"
    ) { () throws(DistributionError) in try .constant(.infinity) },
    .init(
      call: "uniform(min: nan, max: 1)", parameter: "min",
      message: "uniform min must be finite (got nan)"
    ) { () throws(DistributionError) in try .uniform(min: .nan, max: 1) },
    .init(
      call: "uniform(min: 0, max: inf)", parameter: "max",
      message: "uniform max must be finite (got inf)"
    ) { () throws(DistributionError) in try .uniform(min: 0, max: .infinity) },
    .init(
      call: "uniform(min: 2, max: 1)", parameter: "max",
      message: "uniform max must be greater than min 2.0 (got 1.0)"
    ) { () throws(DistributionError) in try .uniform(min: 2, max: 1) },
    .init(
      call: "uniform(min: 1, max: 1)", parameter: "max",
      message: "uniform max must be greater than min 1.0 (got 1.0)"
    ) { () throws(DistributionError) in try .uniform(min: 1, max: 1) },
    .init(
      call: "uniform(min: -1e308, max: 1e308)", parameter: "max",
      message: "uniform max - min must be finite (got max 1e+308, min -1e+308)"
    ) { () throws(DistributionError) in try .uniform(min: -1e308, max: 1e308) },
    .init(
      call: "exponential(mean: -1)", parameter: "mean",
      message: "exponential mean must be greater than 0 (got -1.0)"
    ) { () throws(DistributionError) in try .exponential(mean: -1) },
    .init(
      call: "exponential(mean: 0)", parameter: "mean",
      message: "exponential mean must be greater than 0 (got 0.0)"
    ) { () throws(DistributionError) in try .exponential(mean: 0) },
    .init(
      call: "exponential(mean: inf)", parameter: "mean",
      message: "exponential mean must be finite (got inf)"
    ) { () throws(DistributionError) in try .exponential(mean: .infinity) },
    .init(
      call: "exponential(mean: nan)", parameter: "mean",
      message: "exponential mean must be finite (got nan)"
    ) { () throws(DistributionError) in try .exponential(mean: .nan) },
    .init(
      call: "normal(mean: nan, standardDeviation: 1)", parameter: "mean",
      message: "normal mean must be finite (got nan)"
    ) { () throws(DistributionError) in try .normal(mean: .nan, standardDeviation: 1) },
    .init(
      call: "normal(mean: 0, standardDeviation: 0)", parameter: "standardDeviation",
      message: "normal standardDeviation must be greater than 0 (got 0.0)"
    ) { () throws(DistributionError) in try .normal(mean: 0, standardDeviation: 0) },
    .init(
      call: "normal(mean: 0, standardDeviation: -2)", parameter: "standardDeviation",
      message: "normal standardDeviation must be greater than 0 (got -2.0)"
    ) { () throws(DistributionError) in try .normal(mean: 0, standardDeviation: -2) },
    .init(
      call: "lognormal(mu: inf, sigma: 1)", parameter: "mu",
      message: "lognormal mu must be finite (got inf)"
    ) { () throws(DistributionError) in try .lognormal(mu: .infinity, sigma: 1) },
    .init(
      call: "lognormal(mu: 0, sigma: -0.5)", parameter: "sigma",
      message: "lognormal sigma must be greater than 0 (got -0.5)"
    ) { () throws(DistributionError) in try .lognormal(mu: 0, sigma: -0.5) },
    .init(
      call: "lognormal(mean: 0, p99: 1)", parameter: "mean",
      message: "lognormal mean must be greater than 0 (got 0.0)"
    ) { () throws(DistributionError) in try .lognormal(mean: 0, p99: 1) },
    .init(
      call: "lognormal(mean: 1, p99: nan)", parameter: "p99",
      message: "lognormal p99 must be finite (got nan)"
    ) { () throws(DistributionError) in try .lognormal(mean: 1, p99: .nan) },
    .init(
      call: "lognormal(mean: 2, p99: 1)", parameter: "p99",
      message: "lognormal p99 must be greater than mean 2.0 (got 1.0)"
    ) { () throws(DistributionError) in try .lognormal(mean: 2, p99: 1) },
    .init(
      call: "lognormal(mean: 2, p99: 2)", parameter: "p99",
      message: "lognormal p99 must be greater than mean 2.0 (got 2.0)"
    ) { () throws(DistributionError) in try .lognormal(mean: 2, p99: 2) },
    .init(
      call: "lognormal(mean: 1, p99: 20)", parameter: "p99",
      message: "lognormal p99 must be at most 14.968 times mean 1.0 (got 20.0); "
        + "no lognormal has a 99th percentile further above its mean"
    ) { () throws(DistributionError) in try .lognormal(mean: 1, p99: 20) },
    .init(
      call: "lognormal(mean: 1, p99: 14.9685)", parameter: "p99",
      message: "lognormal p99 must be at most 14.968 times mean 1.0 (got 14.9685); "
        + "no lognormal has a 99th percentile further above its mean"
    ) { () throws(DistributionError) in try .lognormal(mean: 1, p99: 14.9685) },
    .init(
      call: "lognormal(median: -1, p99: 1)", parameter: "median",
      message: "lognormal median must be greater than 0 (got -1.0)"
    ) { () throws(DistributionError) in try .lognormal(median: -1, p99: 1) },
    .init(
      call: "lognormal(median: 3, p99: 3)", parameter: "p99",
      message: "lognormal p99 must be greater than median 3.0 (got 3.0)"
    ) { () throws(DistributionError) in try .lognormal(median: 3, p99: 3) },
    .init(
      call: "weibull(shape: 0, scale: 1)", parameter: "shape",
      message: "weibull shape must be greater than 0 (got 0.0)"
    ) { () throws(DistributionError) in try .weibull(shape: 0, scale: 1) },
    .init(
      call: "weibull(shape: 1, scale: inf)", parameter: "scale",
      message: "weibull scale must be finite (got inf)"
    ) { () throws(DistributionError) in try .weibull(shape: 1, scale: .infinity) },
    .init(
      call: "boundedPareto(alpha: -1, low: 1, high: 2)", parameter: "alpha",
      message: "boundedPareto alpha must be greater than 0 (got -1.0)"
    ) { () throws(DistributionError) in try .boundedPareto(alpha: -1, low: 1, high: 2) },
    .init(
      call: "boundedPareto(alpha: 1, low: 0, high: 2)", parameter: "low",
      message: "boundedPareto low must be greater than 0 (got 0.0)"
    ) { () throws(DistributionError) in try .boundedPareto(alpha: 1, low: 0, high: 2) },
    .init(
      call: "boundedPareto(alpha: 1, low: 1, high: inf)", parameter: "high",
      message: "boundedPareto high must be finite (got inf)"
    ) { () throws(DistributionError) in try .boundedPareto(alpha: 1, low: 1, high: .infinity) },
    .init(
      call: "boundedPareto(alpha: 1, low: 5, high: 5)", parameter: "high",
      message: "boundedPareto high must be greater than low 5.0 (got 5.0)"
    ) { () throws(DistributionError) in try .boundedPareto(alpha: 1, low: 5, high: 5) },
    .init(
      call: "empirical(values: [])", parameter: "values",
      message: "empirical values must not be empty"
    ) { () throws(DistributionError) in try .empirical(values: []) },
    .init(
      call: "empirical(values: [1, 2, nan])", parameter: "values",
      message: "empirical values must be finite (got nan at index 2)"
    ) { () throws(DistributionError) in try .empirical(values: [1, 2, .nan]) },
    .init(
      call: "empirical(values: [-inf])", parameter: "values",
      message: "empirical values must be finite (got -inf at index 0)"
    ) { () throws(DistributionError) in try .empirical(values: [-.infinity]) },
  ]

  @Test(
    "every invalid parameter throws a message naming it and quoting the bad value",
    arguments: invalidCases)
  func rejectsInvalidParameters(_ invalid: InvalidDistributionCase) {
    let error = #expect(throws: DistributionError.self, "\(invalid.call)") {
      try invalid.make()
    }
    #expect(error?.message == invalid.message, "\(invalid.call)")
    #expect(error?.description == invalid.message, "\(invalid.call)")
    #expect(error?.parameter == invalid.parameter, "\(invalid.call)")
  }

  @Test(
    "lognormal(mean:p99:) hits the requested mean and 99th percentile exactly",
    arguments: [(0.1, 0.5), (1.0, 1.000001), (0.040, 0.250), (1.0, 14.968)])
  func lognormalFromMeanAndP99(mean: Double, p99: Double) throws {
    let distribution = try Distribution.lognormal(mean: mean, p99: p99)
    guard case .lognormal(let mu, let sigma) = distribution.kind else {
      Issue.record("not a lognormal: \(distribution)")
      return
    }
    #expect(sigma > 0 && sigma <= Distribution.z99, "mean \(mean), p99 \(p99): sigma \(sigma)")
    let impliedP99 = exp(mu + Distribution.z99 * sigma)
    #expect(abs(distribution.mean - mean) <= 1e-12 * mean, "mean \(mean), p99 \(p99)")
    #expect(abs(impliedP99 - p99) <= 1e-9 * p99, "mean \(mean), p99 \(p99): got \(impliedP99)")
  }

  @Test("lognormal(mean:p99:) accepts p99 right at the largest possible ratio")
  func lognormalAtTheLimit() throws {
    let distribution = try Distribution.lognormal(mean: 1, p99: Distribution.maximumP99OverMean)
    guard case .lognormal(_, let sigma) = distribution.kind else {
      Issue.record("not a lognormal: \(distribution)")
      return
    }
    #expect(abs(sigma - Distribution.z99) < 1e-6, "sigma \(sigma)")
    #expect(abs(Distribution.maximumP99OverMean - 14.968488362247689) < 1e-12)
  }

  @Test("lognormal(median:p99:) hits the requested median and 99th percentile exactly")
  func lognormalFromMedianAndP99() throws {
    let distribution = try Distribution.lognormal(median: 2, p99: 9)
    guard case .lognormal(let mu, let sigma) = distribution.kind else {
      Issue.record("not a lognormal: \(distribution)")
      return
    }
    #expect(abs(exp(mu) - 2) <= 1e-12 * 2)
    #expect(abs(exp(mu + Distribution.z99 * sigma) - 9) <= 1e-12 * 9)
  }

  @Test(
    "describes itself by family and parameters",
    arguments: [
      (try? Distribution.exponential(mean: 0.25), "exponential(mean: 0.25)"),
      (try? Distribution.uniform(min: 1, max: 2), "uniform(min: 1.0, max: 2.0)"),
      (
        try? Distribution.boundedPareto(alpha: 1.5, low: 1, high: 20),
        "boundedPareto(alpha: 1.5, low: 1.0, high: 20.0)"
      ),
      (try? Distribution.empirical(values: [1, 2, 3]), "empirical(3 values)"),
      (try? Distribution.constant(4), "constant(4.0)"),
    ])
  func describesItself(distribution: Distribution?, text: String) {
    #expect(distribution?.description == text)
  }

  @Test("equal parameters make equal distributions")
  func equality() throws {
    #expect(try Distribution.exponential(mean: 2) == Distribution.exponential(mean: 2))
    #expect(try Distribution.exponential(mean: 2) != Distribution.exponential(mean: 3))
    #expect(
      try Distribution.normal(mean: 2, standardDeviation: 1) != Distribution.exponential(mean: 2))
    #expect(try Set([Distribution.constant(1), Distribution.constant(1)]).count == 1)
  }
}
