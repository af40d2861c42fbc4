/// Names one scheduled event so that it can be cancelled.
///
/// A handle stays valid, and harmless, after its event fired or was cancelled: cancelling it
/// again does nothing. Handles are plain values; keep them in model state (a pod's probe timer,
/// a request's timeout) and cancel through the ``Simulation`` or ``EventQueue`` that made them.
@frozen
public struct EventHandle: Hashable, Sendable, BitwiseCopyable {
  /// The queue's cancellation slot for the event.
  @usableFromInline let slot: UInt32
  /// The event's ordering key, unique in its queue; identifies the event within its slot.
  @usableFromInline let order: UInt64

  @inlinable
  init(slot: UInt32, order: UInt64) {
    self.slot = slot
    self.order = order
  }
}
