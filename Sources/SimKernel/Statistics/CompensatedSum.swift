/// A running sum of `Double`s that carries the rounding error of every addition in a second word.
///
/// This is Neumaier's improvement of Kahan summation, written with Knuth's branch-free TwoSum:
/// each addition computes the exact rounding error of `high + x` and adds it to `low`. The
/// result is accurate to about one rounding of the final value, however many terms were added,
/// where plain summation can lose `n` roundings. The statistics use it where a long run adds
/// millions of terms (a tally's sum, the area under a level over a simulated year).
///
/// The sum is deterministic but not associative: adding the same terms in another order can
/// change the last bit. Where order must not matter at all, use ``ExactSum``.
@usableFromInline
struct CompensatedSum: Equatable, Sendable {
  /// The running sum, rounded.
  @usableFromInline var high: Double
  /// The accumulated rounding error of `high`.
  @usableFromInline var low: Double

  /// The empty sum.
  @inlinable
  init() {
    high = 0
    low = 0
  }

  /// Adds `x`, keeping its rounding error.
  ///
  /// - Precondition: `x` and the running sum are finite (not checked here).
  /// - Complexity: O(1): six floating-point additions.
  @inlinable @inline(__always)
  mutating func add(_ x: Double) {
    let sum = high + x
    let xPart = sum - high
    let error = (high - (sum - xPart)) + (x - xPart)
    high = sum
    low += error
  }

  /// Adds another compensated sum.
  /// - Complexity: O(1).
  @inlinable
  mutating func add(_ other: CompensatedSum) {
    add(other.high)
    low += other.low
  }

  /// The sum, rounded once.
  @inlinable
  var value: Double { high + low }
}
