/// An instant of simulated time: microseconds since the start of a run.
///
/// Instants and durations are different types so that adding two instants, or passing an
/// instant where a delay is meant, does not compile. `SimTime.zero` is the start of every run.
@frozen
public struct SimTime: Hashable, Comparable, Sendable, BitwiseCopyable, CustomStringConvertible {
  /// Microseconds since the start of the run.
  @usableFromInline package var microsecondsSinceStart: Int64

  /// Creates the instant `microsecondsSinceStart` microseconds after the start of the run.
  @inlinable
  package init(microsecondsSinceStart: Int64) {
    self.microsecondsSinceStart = microsecondsSinceStart
  }

  /// The start of the run.
  @inlinable public static var zero: Self { SimTime(microsecondsSinceStart: 0) }

  /// An instant later than any event a run can schedule; "never".
  @inlinable public static var distantFuture: Self { SimTime(microsecondsSinceStart: .max) }

  /// The instant `duration` after the start of the run.
  @inlinable
  package init(sinceStart duration: SimDuration) {
    self.microsecondsSinceStart = duration.microseconds
  }

  /// The time elapsed since the start of the run.
  @inlinable
  package var sinceStart: SimDuration { SimDuration(microseconds: microsecondsSinceStart) }

  /// Seconds since the start of the run, as a floating-point number (for reports).
  @inlinable
  package var secondsSinceStart: Double { Double(microsecondsSinceStart) / 1_000_000 }

  /// The instant as a duration since the start, e.g. `"1d2h"`; `"never"` for ``distantFuture``.
  public var description: String {
    self == .distantFuture ? "never" : sinceStart.description
  }

  @inlinable
  public static func < (a: SimTime, b: SimTime) -> Bool {
    a.microsecondsSinceStart < b.microsecondsSinceStart
  }

  @inlinable
  package static func + (t: SimTime, d: SimDuration) -> SimTime {
    SimTime(microsecondsSinceStart: t.microsecondsSinceStart + d.microseconds)
  }

  @inlinable
  package static func - (t: SimTime, d: SimDuration) -> SimTime {
    SimTime(microsecondsSinceStart: t.microsecondsSinceStart - d.microseconds)
  }

  @inlinable
  package static func += (t: inout SimTime, d: SimDuration) {
    t.microsecondsSinceStart += d.microseconds
  }

  /// The duration from `b` to `a`.
  @inlinable
  package static func - (a: SimTime, b: SimTime) -> SimDuration {
    SimDuration(microseconds: a.microsecondsSinceStart - b.microsecondsSinceStart)
  }
}
