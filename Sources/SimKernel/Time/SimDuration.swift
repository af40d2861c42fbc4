/// A span of simulated time, in whole microseconds.
///
/// Durations are integers so that equal times compare exactly, no rounding drifts across a long
/// run, and every machine computes the same answer. One microsecond resolves the shortest
/// latencies the platform model cares about while Int64 still spans about 292,000 years.
///
/// `SimDuration` parses and prints the human forms used by scenario files and Kubernetes:
/// `"250ms"`, `"30s"`, `"5m"`, `"2h"`, `"7d"`, compounds such as `"1h30m"` and decimals such as
/// `"1.5s"`; see ``init(parsing:)`` and ``description``.
@frozen
public struct SimDuration: Hashable, Comparable, Sendable, BitwiseCopyable {
  /// The duration in microseconds; may be negative.
  @usableFromInline package var microseconds: Int64

  /// Creates a duration of `microseconds` microseconds.
  @inlinable
  package init(microseconds: Int64) { self.microseconds = microseconds }

  /// The empty duration.
  @inlinable public static var zero: Self { SimDuration(microseconds: 0) }

  /// The longest representable duration, used as "never" by callers that need a sentinel.
  @inlinable public static var max: Self { SimDuration(microseconds: .max) }

  /// A duration of `n` microseconds.
  @inlinable
  package static func microseconds(_ n: Int64) -> SimDuration { SimDuration(microseconds: n) }

  /// A duration of `n` milliseconds.
  /// - Precondition: the result fits in Int64 microseconds.
  @inlinable
  package static func milliseconds(_ n: Int64) -> SimDuration {
    SimDuration(microseconds: n * 1_000)
  }

  /// A duration of `n` seconds.
  /// - Precondition: the result fits in Int64 microseconds.
  @inlinable
  package static func seconds(_ n: Int64) -> SimDuration { SimDuration(microseconds: n * 1_000_000) }

  /// A duration of `n` minutes.
  /// - Precondition: the result fits in Int64 microseconds.
  @inlinable
  package static func minutes(_ n: Int64) -> SimDuration { .seconds(n * 60) }

  /// A duration of `n` hours.
  /// - Precondition: the result fits in Int64 microseconds.
  @inlinable
  package static func hours(_ n: Int64) -> SimDuration { .seconds(n * 3_600) }

  /// A duration of `n` days of 24 hours.
  /// - Precondition: the result fits in Int64 microseconds.
  @inlinable
  package static func days(_ n: Int64) -> SimDuration { .seconds(n * 86_400) }

  /// The duration nearest to `seconds`, rounding half away from zero to a whole microsecond,
  /// saturating at ±``saturation`` (about 73,000 years).
  ///
  /// This is how sampled durations (service times, repair times, times between failures) and
  /// durations computed from rates enter the integer clock. A heavy-tailed sample, a rate near
  /// zero or an infinite quotient means "not within any horizon": it becomes ``saturation``,
  /// which a simulated time of up to 2^62 µs can still be added to without overflow, instead of
  /// trapping in the conversion to Int64.
  /// - Precondition: `seconds` is not NaN.
  @inlinable @inline(__always)
  package init(seconds: Double) {
    let us = seconds * 1_000_000
    precondition(!us.isNaN, "duration in seconds is not a number")
    let limit = Double(SimDuration.saturation.microseconds)
    // Truncating conversion of |x| + 0.5 rounds half away from zero without a libm call.
    let magnitude = abs(us) < limit ? Int64(abs(us) + 0.5) : SimDuration.saturation.microseconds
    self.microseconds = us < 0 ? -magnitude : magnitude
  }

  /// The longest duration ``init(seconds:)`` produces: 2^61 µs, about 73,000 years.
  @inlinable package static var saturation: SimDuration { SimDuration(microseconds: 1 << 61) }

  /// The duration in seconds, as a floating-point number (for statistics and reports).
  @inlinable
  package var inSeconds: Double { Double(microseconds) / 1_000_000 }

  @inlinable
  public static func < (a: SimDuration, b: SimDuration) -> Bool {
    a.microseconds < b.microseconds
  }

  @inlinable
  package static func + (a: SimDuration, b: SimDuration) -> SimDuration {
    SimDuration(microseconds: a.microseconds + b.microseconds)
  }

  @inlinable
  package static func - (a: SimDuration, b: SimDuration) -> SimDuration {
    SimDuration(microseconds: a.microseconds - b.microseconds)
  }

  @inlinable
  package static func += (a: inout SimDuration, b: SimDuration) { a.microseconds += b.microseconds }

  @inlinable
  package static func -= (a: inout SimDuration, b: SimDuration) { a.microseconds -= b.microseconds }

  @inlinable
  package static func * (a: SimDuration, n: Int64) -> SimDuration {
    SimDuration(microseconds: a.microseconds * n)
  }

  @inlinable
  package static func * (n: Int64, a: SimDuration) -> SimDuration {
    SimDuration(microseconds: a.microseconds * n)
  }

  @inlinable
  package static prefix func - (a: SimDuration) -> SimDuration {
    SimDuration(microseconds: -a.microseconds)
  }

  /// How many whole times `b` fits in `a`, truncating toward zero.
  /// - Precondition: `b` is not zero.
  @inlinable
  package static func / (a: SimDuration, b: SimDuration) -> Int64 {
    a.microseconds / b.microseconds
  }
}
