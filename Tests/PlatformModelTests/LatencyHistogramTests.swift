#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif
import SimKernel
import Testing

@testable import PlatformModel

/// The histogram update against the tail evaluated with `exp` at every edge: each bucket gets
/// its mass, the quantiles land in the right bucket, and no weight is lost.
@Suite struct LatencyHistogramTests {
  /// The update with the tail at every edge from ``RandomLatency/directTail(_:_:)`` (no
  /// doubling), placing masses and quantiles as the histogram does.
  static func referenceAdd(_ mixture: LatencyMixture) -> (masses: [Double], quantiles: [Double]) {
    let probabilities = [0.5, 0.95, 0.99]
    let edges = LatencyHistogram.edges
    let count = LatencyHistogram.bucketCount
    var masses = [Double](repeating: 0, count: count)
    var quantiles = [Double](repeating: 0, count: probabilities.count)
    var next = 0
    var previousTail = 1.0
    for bucket in 0..<count {
      let endTail = bucket + 1 == count ? 0 : RandomLatency.directTail(mixture, edges[bucket + 1])
      let mass = previousTail - endTail
      masses[bucket] = mass
      while next < probabilities.count && 1 - endTail >= probabilities[next] {
        let within = mass > 0 ? (probabilities[next] - (1 - previousTail)) / mass : 0
        quantiles[next] = edges[bucket] * pow(LatencyHistogram.ratio, min(1, max(0, within)))
        next += 1
      }
      if endTail < 1e-7 && next == probabilities.count {
        masses[bucket] += endTail
        break
      }
      previousTail = endTail
    }
    return (masses, quantiles)
  }

  @Test("the edges double every eight and reach past two and a half minutes")
  func edges() {
    let edges = LatencyHistogram.edges
    #expect(edges.count == LatencyHistogram.bucketCount + 1)
    #expect(edges[0] == 1e-4)
    for i in 8..<edges.count { #expect(edges[i] == 2 * edges[i - 8]) }
    for i in 1..<edges.count {
      #expect(abs(edges[i] / edges[i - 1] - LatencyHistogram.ratio) < 1e-15)
    }
    #expect(abs(pow(LatencyHistogram.ratio, 8) - 2) < 1e-15)
    #expect(edges[LatencyHistogram.bucketCount] > 150)
  }

  @Test("each bucket gets the tail's mass between its edges", arguments: 0..<20)
  func masses(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    for round in 0..<200 {
      let mixture = RandomLatency.mixture(&stream)
      let weight = 1 + 1e4 * stream.nextUnitInterval()
      var histogram = LatencyHistogram()
      let quantiles = histogram.add(mixture, weight: weight)
      let expected = Self.referenceAdd(mixture)
      for (bucket, (mass, expectedMass)) in zip(histogram.weights, expected.masses).enumerated() {
        #expect(
          abs(mass / weight - expectedMass) <= 1e-9,
          "seed \(seed), round \(round), bucket \(bucket): \(mass / weight), not \(expectedMass)")
      }
      for (index, expectedQuantile) in expected.quantiles.enumerated() {
        #expect(
          abs(quantiles[index] - expectedQuantile) <= 1e-6 * expectedQuantile,
          "seed \(seed), round \(round): \(quantiles), not \(expected.quantiles)")
      }
    }
  }

  @Test("the quantiles are within a bucket of the bisected ones", arguments: 0..<20)
  func quantiles(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    let edges = LatencyHistogram.edges
    let ratio = LatencyHistogram.ratio
    for round in 0..<100 {
      // Up to 99 % of capacity, as the flow model loads a pod: beyond, the closed form that
      // `LatencyMixture.quantile` bisects gives 0 where e^{-μt} underflows.
      let mixture = RandomLatency.mixture(&stream, saturated: false)
      var histogram = LatencyHistogram()
      let quantiles = histogram.add(mixture, weight: 1)
      for (index, p) in [0.5, 0.95, 0.99].enumerated() {
        // Below the lowest edge the histogram says bucket 0; above the top, the last bucket.
        let bisected = min(edges[LatencyHistogram.bucketCount], max(edges[0], mixture.quantile(p)))
        let quantile = quantiles[index]
        #expect(
          quantile <= bisected * ratio * 1.0001 && quantile >= bisected / ratio / 1.0001,
          "seed \(seed), round \(round): p\(p) \(quantile) instead of \(bisected) for \(mixture)")
      }
    }
  }

  @Test("the weights add up to the weight added", arguments: 0..<10)
  func totalWeight(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    var histogram = LatencyHistogram()
    var added = 0.0
    for round in 0..<200 {
      let mixture = RandomLatency.mixture(&stream)
      let weight = stream.nextUnitInterval() < 0.1 ? 0 : 1e4 * stream.nextUnitInterval()
      let before = histogram.weights
      _ = histogram.add(mixture, weight: weight)
      added += weight
      let total = histogram.weights.reduce(0, +)
      #expect(abs(total - added) <= 1e-12 * added, "seed \(seed), round \(round)")
      if weight == 0 { #expect(histogram.weights == before) }
    }
  }

  @Test("the run's quantile is the middle of the bucket where it falls")
  func runQuantile() {
    var histogram = LatencyHistogram()
    histogram.weights[10] = 1
    histogram.weights[20] = 2
    histogram.weights[30] = 1
    let middle = { (i: Int) in LatencyHistogram.edges[i] * pow(2, 1.0 / 16) }
    #expect(histogram.quantile(0.25) == middle(10))
    #expect(histogram.quantile(0.5) == middle(20))
    #expect(histogram.quantile(0.75) == middle(20))
    #expect(histogram.quantile(0.99) == middle(30))
    #expect(abs(middle(10) / LatencyHistogram.edges[10] - pow(LatencyHistogram.ratio, 0.5)) < 1e-15)
  }

  @Test("one exponential service: known quantiles and masses")
  func exponential() {
    // P(T > t) = e^{-10 t}: the p-quantile is -ln(1 - p)/10.
    var histogram = LatencyHistogram()
    var mixture = LatencyMixture()
    mixture.add(ResponseTime(exponentialRate: 10), weight: 1)
    let quantiles = histogram.add(mixture, weight: 100)
    let ratio = LatencyHistogram.ratio
    for (index, p) in [0.5, 0.95, 0.99].enumerated() {
      let exact = -log(1 - p) / 10
      #expect(quantiles[index] < exact * ratio && quantiles[index] > exact / ratio)
    }
    let edges = LatencyHistogram.edges
    for i in 1..<60 {
      let mass = exp(-10 * edges[i]) - exp(-10 * edges[i + 1])
      #expect(abs(histogram.weights[i] - 100 * mass) < 1e-9 * 100)
    }
  }

  @Test("an empty mixture adds nothing and has zero quantiles")
  func emptyMixture() {
    var histogram = LatencyHistogram()
    #expect(histogram.add(LatencyMixture(), weight: 10) == LatencyQuantiles())
    #expect(histogram.quantile(0.5) == nil)
  }
}
