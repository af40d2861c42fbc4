import SimKernel

/// Where the flow integration stands: how far traffic has been integrated and added to the
/// accumulators, the flow step in use, and whether the platform changed under it.
///
/// Traffic is integrated lazily (``PlatformWorld/integrate(until:)``): a step's flow is
/// computed once, on a fixed grid, and reused until the step ends or a handler changes the
/// platform. A handler that changes anything the flow rests on calls ``invalidate()``; every
/// event other than the pure observers (report ticks, metrics scrapes, node autoscaler scans)
/// does so in `handle(_:in:)` before it runs, and the observers do when they act.
struct FlowCursor: Sendable {
  /// The current step's flow; its buffers are reused from step to step.
  var current = FlowSnapshot()
  /// Buffers for flows computed off the step (a report tick's, an analysis measurement's).
  var spare = FlowSnapshot()
  /// The grid start and end of the step `current` holds, in microseconds (-1: none).
  var stepStart: Int64 = -1
  var stepEnd: Int64 = -1
  /// Whether a handler changed the platform since `current` was computed.
  private(set) var isStale = true
  /// How far traffic has been integrated.
  var integratedUntil: SimTime = .zero
  /// How far the accumulators include the flow (see ``PlatformWorld/flushFlow()``).
  var flushedUntil: SimTime = .zero

  /// Lends the spare buffers to compute a flow off the step into; hand them back with
  /// ``returnSpare(_:)`` (they hold that flow until the next loan).
  mutating func borrowSpare() -> FlowSnapshot {
    var buffers = FlowSnapshot()
    swap(&buffers, &spare)
    return buffers
  }

  /// Takes the spare buffers back, holding the flow computed into them.
  mutating func returnSpare(_ buffers: consuming FlowSnapshot) { spare = buffers }

  /// The platform changed: the next integration recounts the pods.
  mutating func invalidate() { isStale = true }

  /// `current` now holds the flow of the step `start..<end` over the platform as it is.
  mutating func computed(stepStart start: Int64, stepEnd end: Int64) {
    stepStart = start
    stepEnd = end
    isStale = false
  }
}
