/// The time average of a level that holds its value between changes, such as a queue length,
/// the number of ready pods or the nodes being paid for.
///
/// The level is a step function: it takes the value of the last ``update(to:at:)`` until the
/// next one. The tracker keeps the area under it since ``startTime`` and the extremes it
/// reached, in constant memory; ``mean(at:)`` divides the area by the elapsed time.
///
/// **Precision.** Each step adds `Δt × value`, where `Δt` is an exact integer number of
/// microseconds (exact as a `Double` for spans under 2⁵³ µs, about 285 years), so each product
/// is rounded once, to within 2⁻⁵³ of itself. The products are added with a compensated sum
/// (see ``CompensatedSum``), so the summation error stays near one rounding of the total instead
/// of growing with the number of changes. Over a simulated year with changes every
/// millisecond (3·10¹⁰ steps) the area of a non-negative level is still accurate to a few parts
/// in 10¹⁶.
@frozen
public struct TimeWeightedAverage: Equatable, Sendable {
  /// Start of the averaging window, in microseconds since the start of the run.
  @usableFromInline var _start: Int64
  /// Time of the last change, in microseconds since the start of the run.
  @usableFromInline var _lastUpdate: Int64
  /// The level since the last change.
  @usableFromInline var _value: Double
  /// ∫ level dt from `_start` to `_lastUpdate`, in value × microseconds.
  @usableFromInline var _area: CompensatedSum
  @usableFromInline var _minimum: Double
  @usableFromInline var _maximum: Double

  /// Starts tracking a level that is `value` from `time` on.
  ///
  /// - Precondition: `value` is finite.
  package init(startingAt time: SimTime, value: Double) {
    precondition(value.isFinite, "TimeWeightedAverage: level must be finite (got \(value))")
    _start = time.microsecondsSinceStart
    _lastUpdate = _start
    _value = value
    _area = CompensatedSum()
    _minimum = value
    _maximum = value
  }

  /// Records that the level changes to `value` at `time`.
  ///
  /// Several updates at the same instant are allowed; only the last holds for any time, but
  /// every value set counts towards ``minimum`` and ``maximum``.
  ///
  /// - Precondition: `time` is not earlier than the last update (or the start), and `value`
  ///   is finite.
  /// - Complexity: O(1), no allocation.
  @inlinable
  package mutating func update(to value: Double, at time: SimTime) {
    let now = time.microsecondsSinceStart
    precondition(
      now >= _lastUpdate,
      "TimeWeightedAverage.update: time \(time) is before the last update "
        + "\(SimTime(microsecondsSinceStart: _lastUpdate))")
    precondition(value.isFinite, "TimeWeightedAverage.update: level must be finite (got \(value))")
    if now != _lastUpdate {
      _area.add(Double(now &- _lastUpdate) * _value)
      _lastUpdate = now
    }
    _value = value
    if value < _minimum { _minimum = value }
    if value > _maximum { _maximum = value }
  }

  /// Discards the history before `time`, keeping the current level, as at the end of a warm-up
  /// period: the window restarts at `time` and the extremes restart at the current level.
  ///
  /// - Precondition: `time` is not earlier than the last update.
  /// - Complexity: O(1).
  package mutating func reset(at time: SimTime) {
    let now = time.microsecondsSinceStart
    precondition(now >= _lastUpdate, "TimeWeightedAverage.reset: time \(time) is in the past")
    _start = now
    _lastUpdate = now
    _area = CompensatedSum()
    _minimum = _value
    _maximum = _value
  }

  /// The area under the level from ``startTime`` to `time`, in value × seconds (for example
  /// pod-seconds when the level counts pods).
  ///
  /// - Precondition: `time` is not earlier than the last update.
  /// - Complexity: O(1).
  package func integral(at time: SimTime) -> Double {
    areaInValueMicroseconds(at: time) / 1_000_000
  }

  /// The time-weighted mean of the level from ``startTime`` to `time`.
  ///
  /// For an empty window (`time == startTime`) this is the current level, the limit of the
  /// mean over a shrinking window.
  ///
  /// - Precondition: `time` is not earlier than the last update.
  /// - Complexity: O(1).
  package func mean(at time: SimTime) -> Double {
    let elapsed = time.microsecondsSinceStart - _start
    guard elapsed > 0 else { return _value }
    return areaInValueMicroseconds(at: time) / Double(elapsed)
  }

  /// ∫ level dt from the start to `time`, in value × microseconds.
  private func areaInValueMicroseconds(at time: SimTime) -> Double {
    let now = time.microsecondsSinceStart
    precondition(now >= _lastUpdate, "TimeWeightedAverage: time \(time) is before the last update")
    var area = _area
    area.add(Double(now - _lastUpdate) * _value)
    return area.value
  }

  /// Where the averaging window starts: the initial time or the last ``reset(at:)``.
  package var startTime: SimTime { SimTime(microsecondsSinceStart: _start) }

  /// When the level last changed (or the window started).
  package var lastUpdateTime: SimTime { SimTime(microsecondsSinceStart: _lastUpdate) }

  /// The level now.
  @inlinable
  package var currentValue: Double { _value }

  /// The lowest level set since the window started, including the initial one.
  package var minimum: Double { _minimum }

  /// The highest level set since the window started, including the initial one.
  package var maximum: Double { _maximum }
}
