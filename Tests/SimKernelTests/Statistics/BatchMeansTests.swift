import Testing

@testable import SimKernel

@Suite struct BatchMeansTests {
  /// An AR(1) series x(k) = μ + φ·(x(k−1) − μ) + ε(k), started in steady state.
  private struct AutoregressiveSeries {
    var random: StatisticsTestRandom
    let mean: Double
    let phi: Double
    var deviation: Double

    init(seed: UInt64, mean: Double, phi: Double) {
      random = StatisticsTestRandom(seed: seed)
      self.mean = mean
      self.phi = phi
      deviation = random.normal() / (1 - phi * phi).squareRoot()  // stationary start
    }

    mutating func next() -> Double {
      deviation = phi * deviation + random.normal()
      return mean + deviation
    }
  }

  @Test("with independent data the batch-means interval is like the iid interval", arguments: 0..<5)
  func independentData(seed: UInt64) throws {
    var random = StatisticsTestRandom(seed: 300 + seed)
    var batches = BatchMeans()
    var naive = Tally()
    for _ in 0..<(1 << 15) {
      let x = 7 + random.normal()
      batches.record(x)
      naive.record(x)
    }
    let batched = try #require(batches.confidenceInterval())
    let iid = try #require(ConfidenceInterval(meanOf: naive))
    // 2^15 observations in batches that double from 1 at 32: 16 batches of 2,048, none partial.
    #expect(batches.batchCount == 16 && batches.batchSize == 2_048)
    #expect(relativeDifference(batched.mean, iid.mean) <= 1e-12, "\(batched.mean) vs \(iid.mean)")
    // With 15 df the half-width's own spread is about 18 %; t(15) / z adds 9 %.
    let ratio = batched.halfWidth / iid.halfWidth
    #expect(
      ratio > 0.6 && ratio < 1.7, "seed \(seed): batch \(batched.halfWidth) vs iid \(iid.halfWidth)"
    )
    #expect(batched.count == 16)
  }

  @Test(
    "with positively autocorrelated data the interval is wider than the naive one", arguments: 0..<5
  )
  func autocorrelatedData(seed: UInt64) throws {
    // φ = 0.9: Var(mean) is (1 + φ)/(1 − φ) = 19 times the iid value, so a correct interval
    // is about √19 ≈ 4.4 times wider than the naive one.
    var series = AutoregressiveSeries(seed: 400 + seed, mean: 50, phi: 0.9)
    var batches = BatchMeans()
    var naive = Tally()
    for _ in 0..<(1 << 15) {
      let x = series.next()
      batches.record(x)
      naive.record(x)
    }
    let batched = try #require(batches.confidenceInterval())
    let iid = try #require(ConfidenceInterval(meanOf: naive))
    let ratio = batched.halfWidth / iid.halfWidth
    #expect(ratio > 2.5, "seed \(seed): batch \(batched.halfWidth) vs naive \(iid.halfWidth)")
    let lag1 = try #require(batches.lag1Autocorrelation)
    #expect(lag1 < 0.5, "seed \(seed): batch means should be nearly uncorrelated (lag 1: \(lag1))")
  }

  @Test("batch means cover the mean of an AR(1) series; the naive interval does not")
  func autocorrelatedCoverage() {
    // 200 replications of 16,384 observations. A valid 95 % interval covers Binomial(200,
    // 0.95) times, standard deviation 1.5 points; accept [0.88, 1]. The naive interval, too
    // narrow by √19, covers about 35 %.
    let replications = 200
    var batchCovered = 0
    var naiveCovered = 0
    for replication in 0..<replications {
      var series = AutoregressiveSeries(seed: 10_000 + UInt64(replication), mean: 50, phi: 0.9)
      var batches = BatchMeans()
      var naive = Tally()
      for _ in 0..<(1 << 14) {
        let x = series.next()
        batches.record(x)
        naive.record(x)
      }
      if batches.confidenceInterval()?.contains(50) == true { batchCovered += 1 }
      if ConfidenceInterval(meanOf: naive)?.contains(50) == true { naiveCovered += 1 }
    }
    let batchCoverage = Double(batchCovered) / Double(replications)
    let naiveCoverage = Double(naiveCovered) / Double(replications)
    #expect(batchCoverage >= 0.88, "batch-means coverage \(batchCoverage)")
    #expect(naiveCoverage <= 0.6, "naive coverage \(naiveCoverage)")
  }

  @Test("warm-up observations are discarded")
  func warmUp() throws {
    var batches = BatchMeans(warmUpObservations: 100, maximumBatchCount: 8)
    for _ in 0..<100 { batches.record(1e9) }
    #expect(batches.observations.isEmpty && batches.discardedCount == 100)
    for k in 0..<1_000 { batches.record(Double(k % 10)) }
    #expect(batches.observations.count == 1_000 && abs(batches.observations.mean - 4.5) <= 1e-12)
    let interval = try #require(batches.confidenceInterval())
    #expect(abs(interval.mean - 4.5) < 0.5, "\(interval)")
  }

  @Test("the number of batches stays bounded and the batches account for every observation")
  func boundedBatches() {
    var batches = BatchMeans(maximumBatchCount: 6, initialBatchSize: 3)
    var random = StatisticsTestRandom(seed: 5)
    for n in 1...5_000 {
      batches.record(random.uniform())
      #expect(batches.batchCount < 6)
      if n >= 18 { #expect(batches.batchCount >= 3, "after \(n)") }
      #expect(
        batches.batchCount * batches.batchSize + batches.observations.count % batches.batchSize
          == batches.observations.count, "after \(n)")
      #expect(batches.batchSize % 3 == 0 && (batches.batchSize / 3).nonzeroBitCount == 1)
    }
    #expect(batches.batchMeans.count == batches.batchCount)
  }

  @Test("fewer than two complete batches give no interval")
  func tooFewBatches() {
    var batches = BatchMeans(initialBatchSize: 10)
    for _ in 0..<19 { batches.record(1) }
    #expect(batches.confidenceInterval() == nil)
    batches.record(1)
    #expect(batches.confidenceInterval()?.halfWidth == 0)
  }
}
