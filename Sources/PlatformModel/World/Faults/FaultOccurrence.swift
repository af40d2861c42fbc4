import SimKernel

/// One configured fault's life: its random stream (time between failures, repair time, the
/// victim it picks), which occurrence is current, whether it is acting now, the incident the
/// current occurrence opened and, for a node failure, the node it failed.
///
/// A `faultEnd` event carries the occurrence it ends, so an end scheduled for an earlier
/// occurrence is recognised as stale.
struct FaultOccurrence: Sendable {
  /// The fault's own stream (`fault.<index>`), so adding a fault shifts no other draws.
  var stream: RandomStream
  /// Occurrences started so far (the current one's number).
  var occurrence = 0
  /// Whether an occurrence is acting now.
  var isActive = false
  /// The incident the current or last occurrence opened, by index.
  var incident: Int? = nil
  /// The node the current occurrence failed (node failures only).
  var failedNode: NodeID? = nil

  init(stream: RandomStream) { self.stream = stream }
}
