/// Uniform `Double`s from any generator, with exactly one 64-bit draw each.
///
/// These live on `RandomNumberGenerator` rather than on ``RandomStream`` alone so that
/// ``Distribution/sample(using:)`` and tests can use them with any generator, and so that the
/// draw count is fixed and documented (the standard library's `Double.random(in:using:)`
/// makes no promise about how many values it draws).
extension RandomNumberGenerator {
  /// Returns a uniform value in [0, 1): the top 53 bits of one draw, scaled by 2^−53.
  ///
  /// Every result is a multiple of 2^−53, from 0 up to 1 − 2^−53, each equally likely; 53 bits
  /// is all a `Double` in [0.5, 1) can hold. Draws one value.
  /// - Complexity: O(1).
  @inlinable
  package mutating func nextUnitInterval() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Returns a uniform value in (0, 1), never exactly 0 or 1, for use under `log`.
  ///
  /// The result is (*k* + ½) × 2^−52 for *k* the top 52 bits of one draw: the midpoints of
  /// 2^52 equal cells, from 2^−53 up to 1 − 2^−53, each exact in a `Double`. Draws one value.
  /// - Complexity: O(1).
  @inlinable
  package mutating func nextOpenUnitInterval() -> Double {
    (Double(next() >> 12) + 0.5) * 0x1.0p-52
  }
}
