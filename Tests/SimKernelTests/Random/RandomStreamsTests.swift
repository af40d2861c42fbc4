import Testing

@testable import SimKernel

@Suite struct RandomStreamsTests {
  /// Stream names like the ones the platform model uses.
  static let names = [
    "arrivals", "service.checkout", "service.search", "failures", "autoscaler", "lb", "",
    "service.checkout ", "Arrivals",
  ]

  /// The first `count` values of `stream`.
  private func prefix(_ stream: RandomStream, _ count: Int = 16) -> [UInt64] {
    var stream = stream
    return (0..<count).map { _ in stream.next() }
  }

  @Test("the seed formula gives its known answers")
  func knownSeeds() {
    // seed = splitMix64(splitMix64(splitMix64(masterSeed) ^ replication) ^ fnv1a64(name)),
    // computed independently in Python. Changing the formula changes every simulation result.
    #expect(RandomStreams(masterSeed: 42).seed(forStream: "arrivals") == 17_744_290_600_912_075_657)
    #expect(
      RandomStreams(masterSeed: 42, replication: 3).seed(forStream: "service.checkout")
        == 14_445_578_221_436_563_582)
    var arrivals = RandomStreams(masterSeed: 42).stream(named: "arrivals")
    #expect(arrivals.next() == 10_760_364_275_147_907_418)
  }

  @Test("the same seed, replication and name give the same sequence")
  func sameIdentitySameSequence() {
    for masterSeed: UInt64 in [0, 1, 42, .max] {
      for replication: UInt64 in [0, 1, 17] {
        for name in Self.names {
          let a = RandomStreams(masterSeed: masterSeed, replication: replication)
          let b = RandomStreams(masterSeed: masterSeed, replication: replication)
          #expect(
            prefix(a.stream(named: name), 1_000) == prefix(b.stream(named: name), 1_000),
            "seed \(masterSeed), replication \(replication), name \"\(name)\"")
        }
      }
    }
  }

  @Test("different names, replications or master seeds give different sequences")
  func differentIdentityDifferentSequence() {
    var firstSeen: [[UInt64]: String] = [:]
    for masterSeed: UInt64 in [0, 1, 2, 42] {
      for replication: UInt64 in 0..<16 {
        let streams = RandomStreams(masterSeed: masterSeed, replication: replication)
        for name in Self.names {
          let identity = "seed \(masterSeed), replication \(replication), name \"\(name)\""
          let values = prefix(streams.stream(named: name), 4)
          if let earlier = firstSeen[values] {
            Issue.record("\(identity) repeats the sequence of \(earlier)")
          }
          firstSeen[values] = identity
        }
      }
    }
    #expect(firstSeen.count == 4 * 16 * Self.names.count)
  }

  @Test("streams of one replication are uncorrelated")
  func streamsAreUncorrelated() {
    // For independent uniform sequences of length n the sample correlation is about
    // N(0, 1/n); with n = 10,000, |r| < 0.05 is five standard errors.
    let streams = RandomStreams(masterSeed: 2_024, replication: 5)
    var a = streams.stream(named: "service.a")
    var b = streams.stream(named: "service.b")
    let n = 10_000
    var sumA = 0.0, sumB = 0.0, sumAB = 0.0, sumAA = 0.0, sumBB = 0.0
    for _ in 0..<n {
      let x = a.nextUnitInterval()
      let y = b.nextUnitInterval()
      sumA += x
      sumB += y
      sumAB += x * y
      sumAA += x * x
      sumBB += y * y
    }
    let count = Double(n)
    let covariance = sumAB / count - (sumA / count) * (sumB / count)
    let varianceA = sumAA / count - (sumA / count) * (sumA / count)
    let varianceB = sumBB / count - (sumB / count) * (sumB / count)
    let r = covariance / (varianceA * varianceB).squareRoot()
    #expect(abs(r) < 0.05, "correlation \(r) between service.a and service.b")
  }

  @Test("creating and drawing from other streams never changes a stream")
  func otherStreamsDoNotInterfere() {
    let streams = RandomStreams(masterSeed: 7, replication: 2)
    let alone = prefix(streams.stream(named: "arrivals"), 200)

    // Interleave arrivals with draws from streams created before, between and after.
    var failures = streams.stream(named: "failures")
    var arrivals = streams.stream(named: "arrivals")
    var interleaved: [UInt64] = []
    for i in 0..<200 {
      for _ in 0..<(i % 7) { _ = failures.next() }
      var extra = streams.stream(named: "service.\(i)")
      _ = extra.next()
      interleaved.append(arrivals.next())
    }
    #expect(interleaved == alone, "seed 7, replication 2, stream \"arrivals\"")

    // A second RandomStreams for the same replication hands out the same stream.
    let again = RandomStreams(masterSeed: 7, replication: 2)
    #expect(prefix(again.stream(named: "arrivals"), 200) == alone)
  }
}
