import SimKernel
import Testing

@testable import Experiments

@Suite struct PairedComparisonTests {
  static let baseline: [Double] = [10, 12, 9, 11, 13]
  static let variant: [Double] = [11, 13.5, 9.5, 12, 14.5]

  @Test("paired: differences 1, 1.5, 0.5, 1, 1.5 give 1.1 ± t(0.975, 4)·√0.175/√5")
  func pairedHandComputed() throws {
    let comparison = PairedComparison(variant: Self.variant, baseline: Self.baseline)
    let paired = try #require(comparison.paired)
    #expect(abs(paired.mean - 1.1) <= 1e-15)
    #expect(abs(comparison.differences.standardDeviation - 0.175.squareRoot()) <= 1e-15)
    // 2.7764451051977934 × 0.4183300 / √5 = 0.5194253
    #expect(abs(paired.halfWidth - 0.5194253168417838) <= 1e-12, "\(paired)")
  }

  @Test("unpaired: Welch's interval matches SciPy's ttest_ind(equal_var=False)")
  func welchHandComputed() throws {
    let comparison = PairedComparison(variant: Self.variant, baseline: Self.baseline)
    let welch = try #require(comparison.unpaired)
    #expect(abs(welch.difference - 1.1) <= 1e-14)
    #expect(abs(welch.degreesOfFreedom - 7.624924240237813) <= 1e-12)
    #expect(abs(welch.standardError - 1.1335784048754634) <= 1e-14)
    #expect(abs(welch.lower - -1.5365887472428925) <= 1e-10, "\(welch)")
    #expect(abs(welch.upper - 3.736588747242892) <= 1e-10, "\(welch)")
  }

  @Test("with common random numbers the paired interval is narrower than Welch's")
  func pairedIsNarrowerOnCorrelatedData() throws {
    var random = SplitMix64(seed: 11)
    // Shared noise (the traffic both variants see) dominates; the variant adds 3 ± 0.5.
    let shared = (0..<30).map { _ in Double.random(in: 50...150, using: &random) }
    let baseline = shared
    let variant = shared.map { $0 + 3 + Double.random(in: -0.5...0.5, using: &random) }
    let comparison = PairedComparison(variant: variant, baseline: baseline)
    let paired = try #require(comparison.paired)
    let welch = try #require(comparison.unpaired)
    #expect(paired.halfWidth * 10 < welch.halfWidth, "paired \(paired), welch \(welch)")
    #expect(!paired.contains(0) && welch.lower < 0)  // only pairing resolves the difference
  }

  @Test("identical variants differ by exactly 0 with a zero-width paired interval")
  func identicalVariants() throws {
    var random = SplitMix64(seed: 3)
    let values = (0..<20).map { _ in Double.random(in: 0...1, using: &random) }
    let comparison = PairedComparison(variant: values, baseline: values)
    let paired = try #require(comparison.paired)
    #expect(paired.mean == 0 && paired.halfWidth == 0 && paired.lower == 0 && paired.upper == 0)
    let welch = try #require(comparison.unpaired)
    #expect(welch.difference == 0 && welch.halfWidth > 0)
  }

  @Test("constant values on both sides give zero-width intervals, paired and unpaired")
  func constantValues() throws {
    let comparison = PairedComparison(variant: [3, 3, 3], baseline: [1, 1, 1])
    #expect(try #require(comparison.paired).halfWidth == 0)
    let welch = try #require(comparison.unpaired)
    #expect(welch.difference == 2 && welch.halfWidth == 0 && welch.degreesOfFreedom == 4)
  }

  @Test("values keyed by replication pair by index, whatever the insertion order")
  func keyed() {
    let variant: [Int: Double] = [4: 14.5, 0: 11, 2: 9.5, 1: 13.5, 3: 12]
    let baseline: [Int: Double] = [0: 10, 1: 12, 2: 9, 3: 11, 4: 13]
    #expect(
      PairedComparison(variant: variant, baseline: baseline)
        == PairedComparison(variant: Self.variant, baseline: Self.baseline))
  }

  @Test("one replication gives no intervals")
  func single() {
    let comparison = PairedComparison(variant: [2], baseline: [1])
    #expect(comparison.paired == nil && comparison.unpaired == nil)
    #expect(comparison.differences.mean == 1)
  }
}
