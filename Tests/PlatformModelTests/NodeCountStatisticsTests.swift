import SimKernel
import Testing

@testable import PlatformModel

@Suite struct NodeCountStatisticsTests {
  @Test("mean, minimum and maximum kept as counts arrive equal those of the stored counts, bit for bit", arguments: 0..<20)
  func matchesStoredCounts(seed: UInt64) {
    var random = RandomStream(seed: seed)
    let counts = (0..<Int.random(in: 1...5_000, using: &random)).map { _ in
      Int.random(in: 0...300, using: &random)
    }
    var statistics = NodeCountStatistics()
    for count in counts { statistics.record(count) }
    let mean = Double(counts.reduce(0, +)) / Double(counts.count)
    #expect(statistics.mean.bitPattern == mean.bitPattern, "seed \(seed)")
    #expect(statistics.minimum == counts.min(), "seed \(seed)")
    #expect(statistics.maximum == counts.max(), "seed \(seed)")
    #expect(statistics.intervals == counts.count)
  }

  @Test("before any interval the mean is 0 and there are no extremes")
  func empty() {
    let statistics = NodeCountStatistics()
    #expect(statistics.mean == 0)
    #expect(statistics.minimum == nil && statistics.maximum == nil)
  }
}
