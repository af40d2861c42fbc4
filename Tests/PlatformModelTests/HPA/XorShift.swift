/// A small deterministic generator (xorshift64*) for the HPA differential tests, so a failure
/// repeats from its seed.
struct XorShift: RandomNumberGenerator {
  var state: UInt64

  /// A generator started from `seed` (any value; it is mixed so that 0 works too).
  init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

  mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 2_685_821_657_736_338_717
  }
}
