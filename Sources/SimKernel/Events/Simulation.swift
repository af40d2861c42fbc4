/// The simulated clock, its pending events, and the loop that fires them in order.
///
/// A `Simulation` is generic over the model's closed `Event` enum; the model is any type that
/// conforms to ``SimulationModel``. The run loop pops the next event, advances ``now`` to its
/// time and hands it to the model, which may schedule, cancel, or ``stop()``. The loop itself
/// allocates nothing per event and is specialised for each model through `@inlinable`.
/// Like its ``EventQueue``, a simulation is noncopyable: it is one run's state, passed `inout`.
///
/// ```swift
/// var simulation = Simulation<MyEvent>()
/// simulation.schedule(.arrival, after: .seconds(1))
/// let outcome = simulation.run(&model, until: SimTime(sinceStart: .days(30)))
/// ```
@frozen
public struct Simulation<Event>: ~Copyable {
  /// The current simulated time: the time of the event being handled, or where the last run
  /// left the clock.
  @inlinable package var now: SimTime { _now }
  @usableFromInline var _now: SimTime
  /// The number of events handed to the model so far.
  @inlinable package var eventsFired: UInt64 { _eventsFired }
  @usableFromInline var _eventsFired: UInt64
  @usableFromInline var queue: EventQueue<Event>
  @usableFromInline var stopRequested: Bool

  /// Creates a simulation at time zero with no pending events.
  ///
  /// - Parameter expectedPendingEvents: room to reserve up front, so the queue need not grow.
  package init(expectedPendingEvents: Int = 64) {
    _now = .zero
    _eventsFired = 0
    queue = EventQueue(capacity: expectedPendingEvents)
    stopRequested = false
  }

  /// The number of pending events.
  @inlinable
  package var pendingEventCount: Int { queue.count }

  /// Schedules `event` to fire `delay` after the current time.
  ///
  /// Events with equal time and priority fire in the order they were scheduled.
  /// - Precondition: `delay >= .zero`.
  /// - Complexity: O(log *n*), where *n* is the number of pending events.
  @inlinable
  @discardableResult
  package mutating func schedule(
    _ event: Event, after delay: SimDuration, priority: EventPriority = .normal
  ) -> EventHandle {
    precondition(delay.microseconds >= 0, "cannot schedule an event \(delay) in the past")
    return queue.insert(event, at: now + delay, priority: priority)
  }

  /// Schedules `event` to fire at `time`.
  ///
  /// - Precondition: `time >= now`.
  /// - Complexity: O(log *n*), where *n* is the number of pending events.
  @inlinable
  @discardableResult
  package mutating func schedule(
    _ event: Event, at time: SimTime, priority: EventPriority = .normal
  ) -> EventHandle {
    precondition(time >= now, "cannot schedule an event at \(time), before now (\(now))")
    return queue.insert(event, at: time, priority: priority)
  }

  /// Cancels a pending event; does nothing if it already fired or was cancelled.
  ///
  /// - Returns: whether the event was pending.
  /// - Complexity: O(1) amortised.
  @inlinable
  @discardableResult
  package mutating func cancel(_ handle: EventHandle) -> Bool { queue.cancel(handle) }

  /// Whether the event behind `handle` is still pending.
  @inlinable
  package func isPending(_ handle: EventHandle) -> Bool { queue.isPending(handle) }

  /// Asks the running loop to return after the current event's handler finishes.
  package mutating func stop() { stopRequested = true }

  /// Fires events in order until none is left, the next is after `horizon`, or a handler
  /// calls ``stop()``.
  ///
  /// Events due exactly at `horizon` fire. When the run reaches a finite horizon the clock is
  /// left at `horizon`, so a following run continues from there. A stopped run can be resumed
  /// by calling `run` again.
  ///
  /// - Parameters:
  ///   - model: receives each event, with this simulation to schedule follow-ups on.
  ///   - horizon: the last instant to simulate; ``SimTime/distantFuture`` runs until no event
  ///     is left.
  /// - Returns: why the loop returned.
  /// - Complexity: O(log *n*) per event fired.
  @inlinable
  package mutating func run<Model: SimulationModel>(
    _ model: inout Model, until horizon: SimTime = .distantFuture
  ) -> RunOutcome where Model.Event == Event {
    stopRequested = false
    while let (time, event) = queue.popNext(notAfter: horizon) {
      _now = time
      _eventsFired &+= 1
      model.handle(event, in: &self)
      if stopRequested { return .stopped }
    }
    if horizon == .distantFuture { return .drained }
    if _now < horizon { _now = horizon }
    return .reachedHorizon
  }
}

/// Why ``Simulation/run(_:until:)`` returned.
public enum RunOutcome: Hashable, Sendable {
  /// No event was left to fire (only when running without a horizon).
  case drained
  /// Every event up to and including the horizon fired; the clock is at the horizon.
  case reachedHorizon
  /// A handler called ``Simulation/stop()``; the clock is at the time of that event.
  case stopped
}

/// A model driven by a ``Simulation``: it reacts to each event by changing its own state and
/// scheduling or cancelling further events.
public protocol SimulationModel<Event> {
  /// The closed set of things that can happen, usually an enum of IDs and scalars.
  associatedtype Event

  /// Handles `event` at `simulation.now`.
  mutating func handle(_ event: Event, in simulation: inout Simulation<Event>)
}
extension Simulation: Sendable where Event: Sendable {}
