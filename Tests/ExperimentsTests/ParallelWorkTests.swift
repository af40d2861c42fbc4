import Testing

@testable import Experiments

@Suite struct ParallelWorkTests {
  @Test("results come back in item order whatever the number of threads", arguments: [1, 2, 7, 64])
  func itemOrder(jobs: Int) {
    // Items of very different lengths finish out of order.
    let results = ParallelWork.map(count: 50, jobs: jobs) { i -> Int in
      var x = UInt64(i)
      for _ in 0..<((50 - i) * 2_000) { x = x &* 6_364_136_223_846_793_005 &+ 1 }
      return i * 10 + Int(x & 0)
    }
    #expect(results == (0..<50).map { $0 * 10 })
  }

  @Test("no items, no calls")
  func empty() {
    #expect(ParallelWork.map(count: 0, jobs: 4) { $0 }.isEmpty)
  }
}
