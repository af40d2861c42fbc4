import Testing

@testable import SimKernel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A generator that counts how many values are drawn from it.
private struct DrawCountingGenerator: RandomNumberGenerator {
  var base: RandomStream
  var draws = 0

  mutating func next() -> UInt64 {
    draws += 1
    return base.next()
  }
}

/// A distribution to sample, what its samples must agree with, and its documented draw count.
struct SamplingCase: Sendable, CustomTestStringConvertible {
  var call: String
  var make: @Sendable () throws(DistributionError) -> Distribution
  /// Allowed |sample mean − mean| / |mean|: about five standard errors at 200,000 samples.
  var meanTolerance: Double
  /// Allowed |sample variance − variance| / variance: about five standard errors at 200,000
  /// samples, from the distribution's fourth central moment.
  var varianceTolerance: Double
  /// The number of 64-bit draws `sample(using:)` documents for this case.
  var drawsPerSample: Int
  /// The cumulative distribution function, for the Kolmogorov–Smirnov test; nil for
  /// discrete distributions.
  var cdf: (@Sendable (Double) -> Double)?

  var testDescription: String { call }
}

/// A distribution and the interval its samples must fall in.
struct SupportCase: Sendable, CustomTestStringConvertible {
  var call: String
  var low: Double
  var high: Double
  /// Whether `low` itself is allowed.
  var includesLow: Bool
  /// Whether `high` itself is allowed.
  var includesHigh: Bool
  var make: @Sendable () throws(DistributionError) -> Distribution

  var testDescription: String { call }
}

/// Streaming sample mean and variance (Welford), exact enough for 200,000 values.
private struct Moments {
  var count = 0
  var mean = 0.0
  var sumOfSquares = 0.0

  mutating func add(_ x: Double) {
    count += 1
    let delta = x - mean
    mean += delta / Double(count)
    sumOfSquares += delta * (x - mean)
  }

  /// The unbiased sample variance.
  var variance: Double { sumOfSquares / Double(count - 1) }
}

/// The standard normal CDF.
private func standardNormalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

@Suite struct DistributionSamplingTests {
  static let sampleCount = 200_000

  /// Tolerances are five standard errors, computed from each distribution's analytic
  /// second and fourth moments for n = 200,000 and rounded up.
  static let cases: [SamplingCase] = [
    SamplingCase(
      call: "uniform(min: 2, max: 5)",
      make: { () throws(DistributionError) in try .uniform(min: 2, max: 5) },
      meanTolerance: 0.003, varianceTolerance: 0.01, drawsPerSample: 1,
      cdf: { x in Swift.min(Swift.max((x - 2) / 3, 0), 1) }),
    SamplingCase(
      call: "exponential(mean: 0.25)",
      make: { () throws(DistributionError) in try .exponential(mean: 0.25) },
      meanTolerance: 0.012, varianceTolerance: 0.032, drawsPerSample: 1,
      cdf: { x in x <= 0 ? 0 : -expm1(-x / 0.25) }),
    SamplingCase(
      call: "normal(mean: 10, standardDeviation: 2)",
      make: { () throws(DistributionError) in try .normal(mean: 10, standardDeviation: 2) },
      meanTolerance: 0.0025, varianceTolerance: 0.016, drawsPerSample: 2,
      cdf: { x in standardNormalCDF((x - 10) / 2) }),
    SamplingCase(
      call: "lognormal(mu: 0, sigma: 0.5)",
      make: { () throws(DistributionError) in try .lognormal(mu: 0, sigma: 0.5) },
      meanTolerance: 0.006, varianceTolerance: 0.032, drawsPerSample: 2,
      cdf: { x in x <= 0 ? 0 : standardNormalCDF(log(x) / 0.5) }),
    SamplingCase(
      call: "lognormal(mean: 0.1, p99: 0.5)",
      make: { () throws(DistributionError) in try .lognormal(mean: 0.1, p99: 0.5) },
      meanTolerance: 0.012, varianceTolerance: 0.075, drawsPerSample: 2, cdf: nil),
    SamplingCase(
      call: "lognormal(median: 1, p99: 4)",
      make: { () throws(DistributionError) in try .lognormal(median: 1, p99: 4) },
      meanTolerance: 0.0075, varianceTolerance: 0.04, drawsPerSample: 2,
      cdf: { x in x <= 0 ? 0 : standardNormalCDF(log(x) / (log(4) / Distribution.z99)) }),
    SamplingCase(
      call: "weibull(shape: 1.5, scale: 2)",
      make: { () throws(DistributionError) in try .weibull(shape: 1.5, scale: 2) },
      meanTolerance: 0.008, varianceTolerance: 0.021, drawsPerSample: 1,
      cdf: { x in x <= 0 ? 0 : -expm1(-pow(x / 2, 1.5)) }),
    SamplingCase(
      call: "weibull(shape: 0.7, scale: 1)",
      make: { () throws(DistributionError) in try .weibull(shape: 0.7, scale: 1) },
      meanTolerance: 0.017, varianceTolerance: 0.053, drawsPerSample: 1,
      cdf: { x in x <= 0 ? 0 : -expm1(-pow(x, 0.7)) }),
    SamplingCase(
      call: "boundedPareto(alpha: 1.5, low: 1, high: 20)",
      make: { () throws(DistributionError) in try .boundedPareto(alpha: 1.5, low: 1, high: 20) },
      meanTolerance: 0.011, varianceTolerance: 0.05, drawsPerSample: 1,
      cdf: { x in
        x <= 1 ? 0 : x >= 20 ? 1 : (1 - pow(1 / x, 1.5)) / (1 - pow(1.0 / 20, 1.5))
      }),
    SamplingCase(
      call: "boundedPareto(alpha: 1, low: 1, high: 10)",
      make: { () throws(DistributionError) in try .boundedPareto(alpha: 1, low: 1, high: 10) },
      meanTolerance: 0.0085, varianceTolerance: 0.025, drawsPerSample: 1,
      cdf: { x in x <= 1 ? 0 : x >= 10 ? 1 : (1 - 1 / x) / (1 - 1.0 / 10) }),
    SamplingCase(
      call: "boundedPareto(alpha: 2, low: 1, high: 10)",
      make: { () throws(DistributionError) in try .boundedPareto(alpha: 2, low: 1, high: 10) },
      meanTolerance: 0.0075, varianceTolerance: 0.042, drawsPerSample: 1,
      cdf: { x in x <= 1 ? 0 : x >= 10 ? 1 : (1 - 1 / (x * x)) / (1 - 1.0 / 100) }),
    SamplingCase(
      call: "empirical(values: [1, 2, 2, 7])",
      make: { () throws(DistributionError) in try .empirical(values: [1, 2, 2, 7]) },
      meanTolerance: 0.009, varianceTolerance: 0.013, drawsPerSample: 1, cdf: nil),
  ]

  /// The stream each test samples from; fixed so that failures reproduce.
  static let seed: UInt64 = 20_240_601

  @Test("sample mean and variance agree with the analytic mean and variance", arguments: cases)
  func momentsAgree(_ testCase: SamplingCase) throws {
    let distribution = try testCase.make()
    var stream = RandomStream(seed: Self.seed)
    var moments = Moments()
    for _ in 0..<Self.sampleCount { moments.add(distribution.sample(using: &stream)) }
    let label = "\(testCase.call), seed \(Self.seed), n \(Self.sampleCount)"
    let meanError = abs(moments.mean - distribution.mean) / abs(distribution.mean)
    let varianceError = abs(moments.variance - distribution.variance) / distribution.variance
    #expect(
      meanError <= testCase.meanTolerance,
      "\(label): sample mean \(moments.mean), analytic \(distribution.mean)")
    #expect(
      varianceError <= testCase.varianceTolerance,
      "\(label): sample variance \(moments.variance), analytic \(distribution.variance)")
  }

  @Test(
    "samples follow the cumulative distribution function (Kolmogorov-Smirnov)",
    arguments: cases.filter { $0.cdf != nil })
  func followsTheCDF(_ testCase: SamplingCase) throws {
    // D·√n exceeds 1.9495 with probability 0.001 when the samples do follow the CDF
    // (the asymptotic Kolmogorov distribution, √(ln(2/0.001)/2)).
    let n = 20_000
    let distribution = try testCase.make()
    guard let cdf = testCase.cdf else { return }
    var stream = RandomStream(seed: Self.seed &+ 1)
    let sorted = (0..<n).map { _ in distribution.sample(using: &stream) }.sorted()
    var d = 0.0
    for (i, x) in sorted.enumerated() {
      let f = cdf(x)
      d = Swift.max(d, Double(i + 1) / Double(n) - f, f - Double(i) / Double(n))
    }
    let statistic = d * Double(n).squareRoot()
    #expect(statistic < 1.9495, "\(testCase.call), seed \(Self.seed &+ 1): D√n = \(statistic)")
  }

  @Test("each sample takes the documented number of draws", arguments: cases)
  func drawsTheDocumentedNumber(_ testCase: SamplingCase) throws {
    let distribution = try testCase.make()
    var generator = DrawCountingGenerator(base: RandomStream(seed: Self.seed))
    for i in 1...1_000 {
      _ = distribution.sample(using: &generator)
      #expect(generator.draws == i * testCase.drawsPerSample, "\(testCase.call), sample \(i)")
      if generator.draws != i * testCase.drawsPerSample { break }
    }
  }

  @Test("constant returns its value and draws nothing")
  func constantDrawsNothing() throws {
    let distribution = try Distribution.constant(3.5)
    var generator = DrawCountingGenerator(base: RandomStream(seed: Self.seed))
    for _ in 0..<100 { #expect(distribution.sample(using: &generator) == 3.5) }
    #expect(generator.draws == 0)
    #expect(distribution.mean == 3.5)
    #expect(distribution.variance == 0)
  }

  @Test(
    "samples stay within the support",
    arguments: [
      SupportCase(
        call: "uniform(min: -1, max: 1)", low: -1, high: 1, includesLow: true, includesHigh: false
      ) { () throws(DistributionError) in try .uniform(min: -1, max: 1) },
      SupportCase(
        call: "exponential(mean: 1e-6)", low: 0, high: .infinity, includesLow: false,
        includesHigh: false
      ) { () throws(DistributionError) in try .exponential(mean: 1e-6) },
      SupportCase(
        call: "weibull(shape: 0.3, scale: 1)", low: 0, high: .infinity, includesLow: false,
        includesHigh: false
      ) { () throws(DistributionError) in try .weibull(shape: 0.3, scale: 1) },
      SupportCase(
        call: "lognormal(mu: 0, sigma: 3)", low: 0, high: .infinity, includesLow: false,
        includesHigh: false
      ) { () throws(DistributionError) in try .lognormal(mu: 0, sigma: 3) },
      SupportCase(
        call: "boundedPareto(alpha: 0.5, low: 2, high: 3)", low: 2, high: 3, includesLow: true,
        includesHigh: true
      ) { () throws(DistributionError) in try .boundedPareto(alpha: 0.5, low: 2, high: 3) },
      SupportCase(
        call: "boundedPareto(alpha: 40, low: 1, high: 1e9)", low: 1, high: 1e9,
        includesLow: true, includesHigh: true
      ) { () throws(DistributionError) in try .boundedPareto(alpha: 40, low: 1, high: 1e9) },
    ])
  func staysInSupport(_ support: SupportCase) throws {
    let distribution = try support.make()
    var stream = RandomStream(seed: Self.seed)
    for i in 0..<20_000 {
      let x = distribution.sample(using: &stream)
      let aboveLow = support.includesLow ? x >= support.low : x > support.low
      let belowHigh = support.includesHigh ? x <= support.high : x < support.high
      let inside = aboveLow && belowHigh
      #expect(inside, "\(support.call), seed \(Self.seed), sample \(i): \(x)")
      if !inside { break }
    }
  }

  @Test("empirical draws every value, and only the values, at their listed frequencies")
  func empiricalFrequencies() throws {
    // Each count is binomial(40,000, p); five standard deviations is at most 500.
    let distribution = try Distribution.empirical(values: [5, -1, 5, 0.5])
    var stream = RandomStream(seed: Self.seed)
    var counts: [Double: Int] = [:]
    for _ in 0..<40_000 { counts[distribution.sample(using: &stream), default: 0] += 1 }
    #expect(counts.keys.sorted() == [-1, 0.5, 5])
    #expect(abs((counts[5] ?? 0) - 20_000) < 500, "seed \(Self.seed): \(counts)")
    #expect(abs((counts[-1] ?? 0) - 10_000) < 500, "seed \(Self.seed): \(counts)")
    #expect(abs((counts[0.5] ?? 0) - 10_000) < 500, "seed \(Self.seed): \(counts)")
  }

  @Test("lognormal(mean:p99:) samples have the requested mean and 99th percentile")
  func lognormalMeanAndP99FromSamples() throws {
    // With sigma ≈ 0.845 and n = 200,000 the standard error of the sample mean is 0.23% and
    // of the sample 99th percentile 0.71%; the tolerances are about five of each.
    let distribution = try Distribution.lognormal(mean: 0.1, p99: 0.5)
    var stream = RandomStream(seed: Self.seed)
    let samples = (0..<Self.sampleCount).map { _ in distribution.sample(using: &stream) }.sorted()
    let mean = samples.reduce(0, +) / Double(samples.count)
    let p99 = samples[samples.count * 99 / 100 - 1]
    #expect(abs(mean - 0.1) / 0.1 < 0.012, "seed \(Self.seed): sample mean \(mean)")
    #expect(abs(p99 - 0.5) / 0.5 < 0.035, "seed \(Self.seed): sample p99 \(p99)")
  }

  @Test("lognormal(median:p99:) samples have the requested median and 99th percentile")
  func lognormalMedianAndP99FromSamples() throws {
    // With sigma ≈ 0.596 and n = 200,000 the standard errors are 0.17% for the median and
    // 0.50% for the 99th percentile; the tolerances are about five of each.
    let distribution = try Distribution.lognormal(median: 1, p99: 4)
    var stream = RandomStream(seed: Self.seed)
    let samples = (0..<Self.sampleCount).map { _ in distribution.sample(using: &stream) }.sorted()
    let median = samples[samples.count / 2]
    let p99 = samples[samples.count * 99 / 100 - 1]
    #expect(abs(median - 1) < 0.009, "seed \(Self.seed): sample median \(median)")
    #expect(abs(p99 - 4) / 4 < 0.025, "seed \(Self.seed): sample p99 \(p99)")
  }
}
