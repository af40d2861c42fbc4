#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Test-only source of reproducible data for the statistics tests: splitmix64 (Steele, Lea and
/// Flood 2014), so these tests do not depend on the kernel's own random streams.
struct StatisticsTestRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform on [0, 1), 53 bits.
  mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform on (0, 1], 53 bits; safe to take the logarithm of.
  mutating func uniformPositive() -> Double { Double((next() >> 11) + 1) * 0x1p-53 }

  /// Exponential with the given mean.
  mutating func exponential(mean: Double) -> Double { -mean * log(uniformPositive()) }

  /// Standard normal, by the Box–Muller transform (one of the pair).
  mutating func normal() -> Double {
    sqrt(-2 * log(uniformPositive())) * cos(2 * Double.pi * uniform())
  }

  /// A whole number in 0..<bound.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// `values` in a random order (Fisher–Yates).
  mutating func shuffled(_ values: [Double]) -> [Double] {
    var result = values
    for i in stride(from: result.count - 1, to: 0, by: -1) {
      result.swapAt(i, below(i + 1))
    }
    return result
  }
}

/// |a − b| / max(|a|, |b|), or 0 when both are zero.
func relativeDifference(_ a: Double, _ b: Double) -> Double {
  let scale = max(abs(a), abs(b))
  return scale == 0 ? 0 : abs(a - b) / scale
}
