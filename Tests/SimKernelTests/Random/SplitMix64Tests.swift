import Testing

@testable import SimKernel

@Suite struct SplitMix64Tests {
  @Test("seeded with 1234567 it gives the reference implementation's first outputs")
  func matchesReferenceOutputs() {
    // From Vigna's splitmix64.c, seeded with 1234567.
    var generator = SplitMix64(seed: 1_234_567)
    let expected: [UInt64] = [
      6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
    ]
    let actual = (0..<3).map { _ in generator.next() }
    #expect(actual == expected, "seed 1234567")
  }

  @Test("splitMix64(x) is the first output of a generator seeded with x")
  func mixIsFirstOutput() {
    for seed: UInt64 in [0, 1, 42, 1_234_567, .max, 0x8000_0000_0000_0000] {
      var generator = SplitMix64(seed: seed)
      #expect(splitMix64(seed) == generator.next(), "seed \(seed)")
    }
  }

  @Test("neighbouring inputs give outputs that differ in about half their bits")
  func avalanches() {
    // Over 1,000 neighbouring pairs the mean Hamming distance of a good mixer is 32 ± 0.13
    // (one standard error is sqrt(64 / 4 / 1000) = 0.126); 31..33 is over 7 standard errors.
    var totalDistance = 0
    for x: UInt64 in 0..<1_000 {
      totalDistance += (splitMix64(x) ^ splitMix64(x + 1)).nonzeroBitCount
    }
    let meanDistance = Double(totalDistance) / 1_000
    #expect(meanDistance > 31 && meanDistance < 33, "mean Hamming distance \(meanDistance)")
  }
}
