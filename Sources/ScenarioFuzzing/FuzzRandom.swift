import SimKernel

/// The fuzzer's deterministic random source: a ``SplitMix64`` with the few draws mutators need.
///
/// Input `k` of a campaign with seed `s` always draws from `FuzzRandom(seed: s, input: k)`, so
/// any single input can be rebuilt (`--start k`) without replaying the ones before it.
package struct FuzzRandom {
  var generator: SplitMix64

  /// The generator of input `input` of a campaign seeded with `seed`.
  package init(seed: UInt64, input: Int) {
    var mixer = SplitMix64(seed: seed)
    let base = mixer.next()
    generator = SplitMix64(
      seed: base ^ (UInt64(truncatingIfNeeded: input) &* 0xD6E8_FEB8_6659_FD93))
    _ = generator.next()
  }

  /// The next 64 random bits.
  package mutating func next() -> UInt64 { generator.next() }

  /// A uniform integer in `0..<bound`; `bound` must be positive.
  package mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    return Int(next() % UInt64(bound))
  }

  /// A uniform integer in `range`.
  package mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  /// True with probability `numerator / denominator`.
  package mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
    below(denominator) < numerator
  }

  /// A uniformly chosen element of a non-empty collection.
  package mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element
  where C.Index == Int {
    items[items.startIndex + below(items.count)]
  }
}
