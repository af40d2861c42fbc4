import Testing

@testable import SimKernel

@Suite struct ConfidenceIntervalTests {
  @Test("the interval for 1, 2, 3, 4, 5 is 3 ± t(0.975, 4)·√2.5/√5")
  func knownSample() throws {
    let interval = try #require(ConfidenceInterval(meanOf: Tally([1, 2, 3, 4, 5])))
    #expect(interval.mean == 3)
    #expect(abs(interval.halfWidth - 2.776445105 * (0.5).squareRoot()) <= 1e-8, "\(interval)")
    #expect(interval.lower == 3 - interval.halfWidth && interval.upper == 3 + interval.halfWidth)
    #expect(interval.level == 0.95 && interval.count == 5)
    #expect(interval.contains(3) && !interval.contains(5.1))
    let wider = try #require(ConfidenceInterval(meanOf: Tally([1, 2, 3, 4, 5]), level: 0.99))
    #expect(wider.halfWidth > interval.halfWidth)
  }

  @Test("fewer than two observations give no interval")
  func tooFew() {
    #expect(ConfidenceInterval(meanOf: Tally()) == nil)
    #expect(ConfidenceInterval(meanOf: Tally([4.2])) == nil)
  }

  @Test("95 % intervals from five normal observations cover the true mean about 95 % of the time")
  func coverage() {
    // 4,000 replications: the number covering is Binomial(4000, 0.95) if the interval is right,
    // with standard deviation √(4000·0.95·0.05) ≈ 13.8, i.e. 0.34 percentage points. Accept
    // ±4 standard deviations: [0.936, 0.964]. Using the normal 1.96 instead of t(0.975, 4) =
    // 2.776 would cover only about 88 % and fail.
    let replications = 4_000
    let trueMean = 10.0
    var random = StatisticsTestRandom(seed: 95)
    var covered = 0
    for _ in 0..<replications {
      var tally = Tally()
      for _ in 0..<5 { tally.record(trueMean + 2 * random.normal()) }
      if let interval = ConfidenceInterval(meanOf: tally), interval.contains(trueMean) {
        covered += 1
      }
    }
    let coverage = Double(covered) / Double(replications)
    let tolerance = 4 * (0.95 * 0.05 / Double(replications)).squareRoot()
    #expect(
      abs(coverage - 0.95) <= tolerance,
      "coverage \(coverage) over \(replications), tolerance ±\(tolerance)")
  }
}
