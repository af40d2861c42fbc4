import SimKernel
import Testing

@testable import Experiments

@Suite struct ReplicationSummaryTests {
  /// Every figure of `summary` as bits, so that comparisons are to the bit (and tell -0 from 0).
  static func bits(_ summary: ReplicationSummary) -> [UInt64] {
    [
      summary.mean, summary.standardDeviation, summary.confidenceInterval?.halfWidth ?? .nan,
      summary.minimum, summary.maximum, summary.p5, summary.p50, summary.p95,
    ].map(\.bitPattern) + [UInt64(summary.count)]
  }

  @Test("2, 4, 4, 4, 5, 5, 7, 9 gives mean 5, s = √(32/7) and half-width t(0.975, 7)·s/√8")
  func handComputedSample() throws {
    let summary = ReplicationSummary([2, 4, 4, 4, 5, 5, 7, 9])
    #expect(summary.count == 8)
    #expect(summary.mean == 5)
    let s = (32.0 / 7).squareRoot()
    #expect(abs(summary.standardDeviation - s) <= 1e-15)
    let interval = try #require(summary.confidenceInterval)
    // t(0.975, 7) = 2.364624251592784 (tables: 2.365); 2.364624… × 2.138090/√8 = 1.787488.
    #expect(abs(interval.halfWidth - 1.7874879182362098) <= 1e-12, "\(interval)")
    #expect(interval.mean == 5 && interval.level == 0.95 && interval.count == 8)
    #expect(summary.minimum == 2 && summary.maximum == 9)
    // Type 7: p5 at h = 0.35 → 2 + 0.35·2; p50 at h = 3.5 → 4.5; p95 at h = 6.65 → 7 + 0.65·2.
    #expect(abs(summary.p5 - 2.7) <= 1e-14)
    #expect(summary.p50 == 4.5)
    #expect(abs(summary.p95 - 8.3) <= 1e-14)
  }

  @Test("percentiles follow Hyndman–Fan type 7, as NumPy's default")
  func typeSevenPercentiles() {
    // numpy.percentile([3, 1, 4, 1, 5, 9, 2, 6], [5, 50, 95]) == [1.0, 3.5, 7.95]
    let summary = ReplicationSummary([3, 1, 4, 1, 5, 9, 2, 6])
    #expect(summary.p5 == 1)
    #expect(summary.p50 == 3.5)
    #expect(abs(summary.p95 - 7.95) <= 1e-14)
    let sorted: [Double] = [10, 20, 30, 40, 50]
    #expect(ReplicationSummary.quantile(0, ofSorted: sorted) == 10)
    #expect(ReplicationSummary.quantile(1, ofSorted: sorted) == 50)
    #expect(ReplicationSummary.quantile(0.25, ofSorted: sorted) == 20)
    #expect(ReplicationSummary.quantile(0.3, ofSorted: sorted) == 22)
  }

  @Test("one replication: every percentile is the value, s = 0, no interval")
  func singleReplication() {
    let summary = ReplicationSummary([42.5])
    #expect(summary.count == 1 && summary.mean == 42.5 && summary.standardDeviation == 0)
    #expect(summary.p5 == 42.5 && summary.p50 == 42.5 && summary.p95 == 42.5)
    #expect(summary.confidenceInterval == nil && summary.relativeHalfWidth == nil)
  }

  @Test("the sum is exact: 1e16, 1, −1e16, 1 has mean 0.5 in every order")
  func exactSum() {
    let values: [Double] = [1e16, 1, -1e16, 1]
    #expect(values.reduce(0, +) != 2)  // naive left-to-right summation loses a 1
    for permutation in Self.permutations(values) {
      #expect(ReplicationSummary(permutation).mean == 0.5, "\(permutation)")
    }
  }

  @Test("every figure is bit-identical whatever order the replications come in")
  func orderIndependence() {
    var random = SplitMix64(seed: 2024)
    let values = (0..<257).map { _ in
      Double.random(in: -1e6...1e6, using: &random) * Double.random(in: 0...1e-3, using: &random)
    }
    let reference = Self.bits(ReplicationSummary(values))
    for _ in 0..<50 {
      #expect(Self.bits(ReplicationSummary(values.shuffled(using: &random))) == reference)
    }
  }

  @Test("merging shards' values in either order equals the unsharded summary, to the bit")
  func shardMerge() {
    var random = SplitMix64(seed: 7)
    let values = (0..<100).map { _ in Double.random(in: 0.1...1000, using: &random) }
    let shardA = values.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
    let shardB = values.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
    let whole = Self.bits(ReplicationSummary(values))
    #expect(Self.bits(ReplicationSummary(shardA + shardB)) == whole)
    #expect(Self.bits(ReplicationSummary(shardB + shardA)) == whole)
  }

  @Test("−0 and 0 give the same bits in either order")
  func signedZeros() {
    let a = ReplicationSummary([-0.0, 0.0, -0.0])
    let b = ReplicationSummary([0.0, -0.0, -0.0])
    #expect(Self.bits(a) == Self.bits(b))
    #expect(a.minimum.sign == .plus && a.p50.sign == .plus)
  }

  @Test("values keyed by replication index summarise as the same values in an array")
  func keyedByReplication() {
    let keyed: [Int: Double] = [3: 4, 0: 1, 2: 9, 1: 16]
    #expect(
      Self.bits(ReplicationSummary(byReplication: keyed))
        == Self.bits(ReplicationSummary([1, 16, 9, 4])))
  }

  @Test("the standard deviation stays exact when the mean dwarfs the spread")
  func largeOffset() {
    let summary = ReplicationSummary([1e9 + 1, 1e9 + 2, 1e9 + 3])
    #expect(summary.mean == 1e9 + 2)
    #expect(summary.standardDeviation == 1)
  }

  @Test("equal values give a zero-width interval and relative half-width 0, even at 0")
  func equalValues() throws {
    let summary = ReplicationSummary([0, 0, 0, 0])
    #expect(try #require(summary.confidenceInterval).halfWidth == 0)
    #expect(summary.relativeHalfWidth == 0)
    #expect(ReplicationSummary([-1, 1]).relativeHalfWidth == .infinity)
  }

  /// Every ordering of `values`.
  static func permutations(_ values: [Double]) -> [[Double]] {
    guard values.count > 1 else { return [values] }
    return values.indices.flatMap { i in
      var rest = values
      let first = rest.remove(at: i)
      return permutations(rest).map { [first] + $0 }
    }
  }
}
