import Testing

@testable import SimKernel

@Suite struct RingBufferTests {
  @Test("elements come out in the order they went in, across wrap-around and growth")
  func isFIFOAcrossGrowth() {
    var ring = RingBuffer<Int>(capacity: 2)
    var expected: [Int] = []
    var next = 0
    var state: UInt64 = 42
    for _ in 0..<10_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1
      if state >> 62 != 0 {
        ring.append(next)
        expected.append(next)
        next += 1
      } else {
        let popped = ring.popFirst()
        #expect(popped == (expected.isEmpty ? nil : expected.removeFirst()))
      }
      #expect(ring.count == expected.count)
      #expect(ring.first == expected.first)
    }
  }

  @Test("an empty ring pops nothing")
  func emptyPopsNil() {
    var ring = RingBuffer<String>()
    #expect(ring.isEmpty)
    let popped = ring.popFirst()
    #expect(popped == nil)
  }
}
