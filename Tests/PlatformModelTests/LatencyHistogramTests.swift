#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif
import SimKernel
import Testing

@testable import PlatformModel

/// The prepared tails and the histogram update against the straightforward implementation they
/// replaced, bit for bit: a report tick must add exactly what it always added.
@Suite struct LatencyHistogramTests {
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

  /// The mixture's tail with the total weight summed at every call, as before ``MixtureTail``.
  static func referenceTail(_ mixture: LatencyMixture, _ t: Double) -> Double {
    var total = 0.0
    var weighted = 0.0
    for component in mixture.components {
      total += component.weight
      weighted += component.weight * referenceTail(component.time, t)
    }
    return total > 0 ? weighted / total : 0
  }

  /// The histogram update as it was: bisection over all edges, every tail evaluated in turn.
  static func referenceAdd(
    _ mixture: LatencyMixture, weight: Double, to weights: inout [Double]
  ) -> [Double] {
    let probabilities = [0.5, 0.95, 0.99]
    var quantiles = [Double](repeating: 0, count: probabilities.count)
    guard !mixture.components.isEmpty else { return quantiles }
    let edges = LatencyHistogram.edges
    let count = LatencyHistogram.bucketCount
    var low = 0
    var high = count
    while high - low > 1 {
      let middle = (low + high) / 2
      if referenceTail(mixture, edges[middle]) > 1 - 1e-9 { low = middle } else { high = middle }
    }
    var next = 0
    func place(_ bucket: Int, from upperTail: Double, to lowerTail: Double) {
      let mass = upperTail - lowerTail
      if weight > 0 { weights[bucket] += mass * weight }
      while next < probabilities.count && 1 - lowerTail >= probabilities[next] {
        let within = mass > 0 ? (probabilities[next] - (1 - upperTail)) / mass : 0
        quantiles[next] = edges[bucket] * pow(LatencyHistogram.ratio, min(1, max(0, within)))
        next += 1
      }
    }
    var previousTail = 1.0
    var i = low
    while i < count {
      let end = min(i + 2, count)
      let endTail = end == count ? 0 : referenceTail(mixture, edges[end])
      if end - i == 2 {
        let holdsQuantile = next < probabilities.count && 1 - endTail >= probabilities[next]
        let middleTail =
          holdsQuantile ? referenceTail(mixture, edges[i + 1]) : (previousTail + endTail) / 2
        place(i, from: previousTail, to: middleTail)
        place(i + 1, from: middleTail, to: endTail)
      } else {
        place(i, from: previousTail, to: endTail)
      }
      previousTail = endTail
      i = end
      if endTail < 1e-7 && next == probabilities.count {
        if weight > 0 { weights[end - 1] += endTail * weight }
        break
      }
    }
    return quantiles
  }

  /// A random M/M/c response time: any load from idle to saturated, critical queues
  /// (`(c-1)μ = λ`), Erlang C from exact to tiny, and service rates from a millionth per second
  /// (whose bulk lies beyond the first edges) to thousands.
  static func randomSojourn(_ stream: inout RandomStream) -> SojournTime {
    let servers = 1 + Int(stream.nextUnitInterval() * 32)
    let serviceRate = pow(10, -6 + 9.5 * stream.nextUnitInterval())
    let capacity = Double(servers) * serviceRate
    let rate: Double
    switch stream.nextUnitInterval() {
    case ..<0.1: return SojournTime(serviceRate: serviceRate)
    case ..<0.2 where servers > 1: rate = Double(servers - 1) * serviceRate
    case ..<0.4: rate = capacity * 0.05 * stream.nextUnitInterval()
    default: rate = capacity * 0.99 * stream.nextUnitInterval()
    }
    var waiting =
      rate > 0
      ? MMcQueue(arrivalRate: rate, serviceRate: serviceRate, servers: servers).probabilityOfWaiting
      : 0
    if stream.nextUnitInterval() < 0.2 {
      waiting = [0, 1e-30, 1e-17, 2e-16, 1e-15, 0.5, 1][Int(stream.nextUnitInterval() * 7)]
    }
    return SojournTime(
      arrivalRate: rate, serviceRate: serviceRate, servers: servers, waitingProbability: waiting)
  }

  /// A mixture of one to four random components with weights over six orders of magnitude.
  static func randomMixture(_ stream: inout RandomStream) -> LatencyMixture {
    var mixture = LatencyMixture()
    for _ in 0...Int(stream.nextUnitInterval() * 4) {
      mixture.add(randomSojourn(&stream), weight: pow(10, -3 + 6 * stream.nextUnitInterval()))
    }
    return mixture
  }

  @Test("a prepared sojourn tail equals the closed form bit for bit", arguments: 0..<20)
  func sojournTail(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    for _ in 0..<200 {
      let time = Self.randomSojourn(&stream)
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

  @Test("a batch of tails equals the tails one by one bit for bit", arguments: 0..<10)
  func batchedMixtureTail(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    for _ in 0..<100 {
      let mixture = Self.randomMixture(&stream)
      let times = (0..<40).map { _ in pow(10, -6 + 9 * stream.nextUnitInterval()) }
      var values = [Double](repeating: -1, count: times.count)
      mixture.withTail { tail in
        times.withUnsafeBufferPointer { times in
          values.withUnsafeMutableBufferPointer { tail.evaluate(at: times, into: $0) }
        }
        for (t, value) in zip(times, values) {
          let expected = Self.referenceTail(mixture, t)
          #expect(value.bitPattern == expected.bitPattern, "seed \(seed) at \(t)")
          #expect(tail(t).bitPattern == expected.bitPattern, "seed \(seed) at \(t)")
        }
      }
    }
  }

  @Test("adding a mixture matches the straightforward walk bit for bit", arguments: 0..<20)
  func histogramAdd(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    var histogram = LatencyHistogram()
    var expectedWeights = histogram.weights
    for round in 0..<200 {
      let mixture = Self.randomMixture(&stream)
      let weight = stream.nextUnitInterval() < 0.1 ? 0 : 1e4 * stream.nextUnitInterval()
      let expected = Self.referenceAdd(mixture, weight: weight, to: &expectedWeights)
      let quantiles = histogram.add(mixture, weight: weight)
      #expect(
        [quantiles.p50, quantiles.p95, quantiles.p99].map(\.bitPattern)
          == expected.map(\.bitPattern),
        "seed \(seed), round \(round): \(quantiles) instead of \(expected) for \(mixture)")
      #expect(
        histogram.weights.map(\.bitPattern) == expectedWeights.map(\.bitPattern),
        "seed \(seed), round \(round): weights differ for \(mixture)")
    }
  }

  @Test("an empty mixture adds nothing and has zero quantiles")
  func emptyMixture() {
    var histogram = LatencyHistogram()
    #expect(histogram.add(LatencyMixture(), weight: 10) == LatencyQuantiles())
    #expect(histogram.quantile(0.5) == nil)
  }
}
