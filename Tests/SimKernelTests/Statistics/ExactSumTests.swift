import Testing

@testable import SimKernel

@Suite struct ExactSumTests {
  private func sum(_ values: [Double]) -> ExactSum {
    var total = ExactSum()
    for value in values { total.add(value) }
    return total
  }

  @Test("cancellation that floating-point addition loses is kept exactly")
  func keepsCancelledTerms() {
    #expect(sum([1e100, 1, -1e100]).value == 1)
    #expect(sum([1, 1e100, 1, -1e100]).value == 2)
    #expect(sum([0x1p-1074, 0x1p-1074, 0x1p-1074]).value == 3 * 0x1p-1074)
    #expect(
      sum([.greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0x1p-1074]).value == 0x1p-1074)
    #expect(sum([-3.5, 1.25]).value == -2.25)
    #expect(sum([]).value == 0)
    #expect(sum([0, -0.0]).value == 0)
  }

  @Test("the result is rounded once, to nearest with ties to even")
  func roundsOnce() {
    #expect(sum([0x1p53, 1]).value == 0x1p53)  // tie: to even
    #expect(sum([0x1p53, 1, 0x1p-30]).value == 0x1p53 + 2)  // just above the tie
    #expect(sum([0x1p53, 3]).value == 0x1p53 + 4)  // tie: to even, upward
    #expect(sum([.greatestFiniteMagnitude, .greatestFiniteMagnitude]).value == .infinity)
    #expect(sum([-.greatestFiniteMagnitude, -.greatestFiniteMagnitude]).value == -.infinity)
    let big = sum([.greatestFiniteMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude])
    #expect(big.value == .greatestFiniteMagnitude)
  }

  @Test("the sum does not depend on the order of the terms", arguments: 0..<20)
  func orderIndependent(seed: UInt64) {
    var random = StatisticsTestRandom(seed: seed)
    let values = (0..<500).map { _ -> Double in
      let magnitude = Double(
        sign: .plus, exponent: random.below(600) - 300, significand: 1 + random.uniform())
      return random.below(2) == 0 ? magnitude : -magnitude
    }
    let forward = sum(values)
    let shuffled = sum(random.shuffled(values))
    var merged = sum(Array(values[..<123]))
    merged.add(sum(Array(values[123...])))
    #expect(forward == shuffled, "seed \(seed)")
    #expect(forward == merged, "seed \(seed)")
    #expect(forward.value == shuffled.value)
    // Every term and its negation: exactly zero.
    #expect(sum(values + random.shuffled(values.map { -$0 })).value == 0, "seed \(seed)")
    #expect(sum(values + values.map { -$0 }) == ExactSum())
  }

  @Test("sums of integers agree with integer arithmetic")
  func integers() {
    var random = StatisticsTestRandom(seed: 7)
    var exact: Int64 = 0
    var total = ExactSum()
    for _ in 0..<10_000 {
      let term = Int64(random.below(1 << 40)) - (1 << 39)
      exact += term
      total.add(Double(term))
    }
    #expect(total.value == Double(exact))
  }
}
