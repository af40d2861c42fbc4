/// Sebastiano Vigna's SplitMix64 generator, used to expand and mix seeds.
///
/// The state advances by the odd constant 0x9E3779B97F4A7C15 (2^64 divided by the golden
/// ratio) and each output is the state passed through a bijective finaliser (two xor-shift-
/// multiply rounds and a final xor-shift). Every 64-bit seed is valid, including 0, and the
/// period is 2^64.
///
/// It is not the simulation's generator (that is ``RandomStream``); it turns one 64-bit seed
/// into the 256-bit state of a ``RandomStream`` and, through ``splitMix64(_:)``, mixes the
/// parts of a stream's identity into that seed. It conforms to `RandomNumberGenerator` so that
/// tests can drive any API with it.
@frozen
package struct SplitMix64: RandomNumberGenerator, Hashable, Sendable, BitwiseCopyable {
  /// The state: the seed plus the golden-ratio increment times the number of draws so far.
  @usableFromInline var state: UInt64

  /// Creates a generator whose first output is `splitMix64(seed)`.
  @inlinable
  package init(seed: UInt64) { state = seed }

  /// Returns the next 64 bits and advances the state.
  ///
  /// Draws one value.
  /// - Complexity: O(1).
  @inlinable
  package mutating func next() -> UInt64 {
    state &+= SplitMix64.increment
    return SplitMix64.finalise(state)
  }

  /// The state increment: 2^64 divided by the golden ratio, rounded to an odd integer.
  @usableFromInline static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// SplitMix64's output function: a bijection of `UInt64` with good avalanche (each input
  /// bit flips about half of the output bits).
  ///
  /// These are David Stafford's "Mix13" constants for MurmurHash3's 64-bit finaliser, as
  /// chosen for SplitMix64 by Steele, Lea and Flood.
  /// - Complexity: O(1).
  @inlinable @inline(__always)
  static func finalise(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Mixes `x` into a well-distributed 64-bit value: the first output of a ``SplitMix64``
/// generator seeded with `x`.
///
/// A bijection, so distinct inputs never collide; nearby inputs (0, 1, 2, …) give unrelated
/// outputs. Used to combine a master seed, a replication index and a stream name into a
/// stream seed (see ``RandomStreams``).
/// - Complexity: O(1).
func splitMix64(_ x: UInt64) -> UInt64 {
  SplitMix64.finalise(x &+ SplitMix64.increment)
}
