import Testing

@testable import SimKernel

@Suite struct TallyTests {
  /// Data with a large mean and a small spread, which breaks the naive Σx² formula.
  private func data(seed: UInt64, count: Int) -> [Double] {
    var random = StatisticsTestRandom(seed: seed)
    return (0..<count).map { _ in 1e4 + 3 * random.normal() }
  }

  @Test("mean and variance match a two-pass computation", arguments: 0..<20)
  func matchesTwoPass(seed: UInt64) {
    let values = data(seed: seed, count: 1_000 + Int(seed) * 37)
    let tally = Tally(values)
    let mean = values.reduce(0, +) / Double(values.count)
    let variance =
      values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    #expect(tally.count == values.count)
    #expect(relativeDifference(tally.mean, mean) <= 1e-14, "seed \(seed): \(tally.mean) vs \(mean)")
    #expect(
      relativeDifference(tally.variance, variance) <= 1e-10,
      "seed \(seed): \(tally.variance) vs \(variance)")
    #expect(relativeDifference(tally.standardDeviation, variance.squareRoot()) <= 1e-10)
    #expect(tally.minimum == values.min())
    #expect(tally.maximum == values.max())
    #expect(relativeDifference(tally.sum, mean * Double(values.count)) <= 1e-14)
  }

  @Test("merging the tallies of two halves gives the tally of the whole", arguments: 0..<10)
  func mergeOfHalvesEqualsWhole(seed: UInt64) {
    let values = data(seed: 100 + seed, count: 2_001)
    let whole = Tally(values)
    var random = StatisticsTestRandom(seed: seed)
    for split in [0, 1, 1_000, random.below(values.count), values.count - 1, values.count] {
      let merged = Tally(values[..<split]).merging(Tally(values[split...]))
      let reversed = Tally(values[split...]).merging(Tally(values[..<split]))
      for candidate in [merged, reversed] {
        #expect(candidate.count == whole.count, "seed \(seed) split \(split)")
        #expect(candidate.minimum == whole.minimum && candidate.maximum == whole.maximum)
        #expect(
          relativeDifference(candidate.mean, whole.mean) <= 1e-12,
          "seed \(seed) split \(split): mean \(candidate.mean) vs \(whole.mean)")
        #expect(
          relativeDifference(candidate.variance, whole.variance) <= 1e-12,
          "seed \(seed) split \(split): variance \(candidate.variance) vs \(whole.variance)")
        #expect(relativeDifference(candidate.sum, whole.sum) <= 1e-12)
      }
    }
  }

  @Test("an empty tally reports zeros and no extremes; merging it changes nothing")
  func emptyTally() {
    let empty = Tally()
    #expect(empty.isEmpty && empty.count == 0)
    #expect(empty.mean == 0 && empty.variance == 0 && empty.sum == 0)
    #expect(empty.minimum == nil && empty.maximum == nil)
    let some = Tally([3, 1, 2])
    #expect(some.merging(empty) == some)
    #expect(empty.merging(some) == some)
  }

  @Test("a single observation has zero variance and is its own mean, minimum and maximum")
  func singleObservation() {
    let tally = Tally([-2.5])
    #expect(tally.count == 1 && tally.mean == -2.5 && tally.variance == 0)
    #expect(tally.standardError == 0)
    #expect(tally.minimum == -2.5 && tally.maximum == -2.5 && tally.sum == -2.5)
  }

  @Test("known small sample: 2, 4, 4, 4, 5, 5, 7, 9")
  func knownSample() {
    let tally = Tally([2, 4, 4, 4, 5, 5, 7, 9])
    #expect(tally.mean == 5)
    #expect(abs(tally.variance - 32.0 / 7.0) <= 1e-15)
    #expect(abs(tally.standardError - (32.0 / 7.0 / 8.0).squareRoot()) <= 1e-15)
  }
}
