/// Which of several events due at the same instant fires first: lower values first.
///
/// Events are ordered by (time, priority, insertion sequence). Priority lets a model say, for
/// example, that a controller's sync at 12:00:00 sees every pod change made at 12:00:00.
/// Among equal time and priority, events fire in the order they were scheduled.
@frozen
public struct EventPriority: RawRepresentable, Hashable, Comparable, Sendable, BitwiseCopyable {
  /// The priority value; 0 fires first.
  public var rawValue: UInt8

  /// Creates a priority from its raw value; 0 fires first.
  @inlinable
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Fires before `high`, `normal` and `low` events due at the same time.
  @inlinable public static var urgent: Self { EventPriority(rawValue: 0) }
  /// Fires before `normal` events due at the same time.
  @inlinable public static var high: Self { EventPriority(rawValue: 64) }
  /// The default.
  @inlinable public static var normal: Self { EventPriority(rawValue: 128) }
  /// Fires after `normal` events due at the same time (e.g. sampling what the instant produced).
  @inlinable public static var low: Self { EventPriority(rawValue: 192) }

  @inlinable
  public static func < (a: EventPriority, b: EventPriority) -> Bool { a.rawValue < b.rawValue }
}
