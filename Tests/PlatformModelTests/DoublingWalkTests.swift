import SimKernel
import Testing

@testable import PlatformModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The tail at doubling times by squaring, against `exp` at every time.
@Suite struct DoublingWalkTests {
  @Test("each block is the tail at twice the last block's times", arguments: 0..<20)
  func walk(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    for _ in 0..<100 {
      let mixture = RandomLatency.mixture(&stream)
      // Eight increasing times within one doubling, from 10 ns to 10 ms.
      let start = pow(10, -8 + 6 * stream.nextUnitInterval())
      let first = DoublingWalk.Block { start * pow(2, Double($0) / 8) }
      mixture.withTail { tail in
        tail.withDoublingWalk(from: first) { walk in
          for k in 0..<24 {
            #expect(walk.blocks == k)
            let block = walk.next()
            for r in 0..<DoublingWalk.period {
              let t = first[r] * pow(2, Double(k))
              let expected = RandomLatency.directTail(mixture, t)
              // After k doublings about 2^(k+3) ulps at most (each doubling squares and
              // multiplies by a shift factor, itself rounded): 1e-9 up to 19 doublings, 7.5e-9
              // at 23 (the histogram walks at most 21).
              let bound = max(1e-9, Double(1 << (k + 3)) * 0x1p-53)
              #expect(
                abs(block[r] - expected) <= bound * expected + 1e-290,
                "seed \(seed), block \(k), time \(t): \(block[r]) instead of \(expected)")
            }
          }
        }
      }
    }
  }

  @Test("a mixture whose weights sum to zero has a zero tail")
  func zeroWeights() {
    let time = ResponseTime(exponentialRate: 10)
    MixtureTail.withTail(of: [(time: time, weight: 0.0)], count: 1) { tail in
      tail.withDoublingWalk(from: DoublingWalk.Block(repeating: 1e-3)) { walk in
        for _ in 0..<2 {
          let block = walk.next()
          for r in 0..<DoublingWalk.period { #expect(block[r] == 0) }
        }
      }
    }
  }
}
