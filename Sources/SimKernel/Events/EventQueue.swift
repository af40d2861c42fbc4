/// The pending events of a simulation, ordered by (time, priority, insertion sequence).
///
/// A binary min-heap over a `ContiguousArray`, sifted with a moving hole inside unsafe buffer
/// pointers. The ordering key packs priority and a 56-bit insertion counter into one `UInt64`,
/// so two events compare with at most two integer comparisons and ties never fall to chance.
///
/// **Cancellation is lazy and O(1).** Every event owns a slot in a side table holding its
/// ordering key while it is pending. Cancelling clears the slot; the heap entry stays where it
/// is and is dropped when it reaches the top. Slots are recycled through a free list, so the
/// steady state allocates nothing. When cancelled entries outnumber live ones the heap is
/// rebuilt without them, so re-armed timers (health checks, request timeouts, stabilization
/// windows) cannot make it grow without bound.
///
/// The queue never looks at the clock: ``Simulation`` owns time and rejects the past.
@frozen
public struct EventQueue<Payload> {
  /// One heap entry: when, in which order, which cancellation slot, and what.
  @frozen
  @usableFromInline
  struct Entry {
    @usableFromInline var time: Int64
    @usableFromInline var order: UInt64
    @usableFromInline var slot: UInt32
    @usableFromInline var payload: Payload

    @inlinable
    init(time: Int64, order: UInt64, slot: UInt32, payload: Payload) {
      self.time = time
      self.order = order
      self.slot = slot
      self.payload = payload
    }

    /// Whether `self` fires before `other`.
    @inlinable @inline(__always)
    func precedes(_ other: Entry) -> Bool {
      time < other.time || (time == other.time && order < other.order)
    }
  }

  /// The heap, including cancelled entries not yet dropped.
  @usableFromInline var heap: ContiguousArray<Entry>
  /// Per slot, the ordering key of the pending event that owns it, or 0 when free.
  @usableFromInline var slotOwner: ContiguousArray<UInt64>
  /// Slots not owned by a pending event.
  @usableFromInline var freeSlots: ContiguousArray<UInt32>
  /// Insertion counter; the low 56 bits of the next ordering key. Starts at 1 so 0 means free.
  @usableFromInline var nextSequence: UInt64
  /// Heap entries whose event was cancelled.
  @usableFromInline var cancelledInHeap: Int

  /// Creates an empty queue with room for `capacity` pending events before it grows.
  package init(capacity: Int = 64) {
    heap = []
    heap.reserveCapacity(capacity)
    slotOwner = []
    slotOwner.reserveCapacity(capacity)
    freeSlots = []
    freeSlots.reserveCapacity(capacity)
    nextSequence = 1
    cancelledInHeap = 0
  }

  /// The number of pending (scheduled, not fired, not cancelled) events.
  /// - Complexity: O(1).
  @inlinable
  package var count: Int { heap.count - cancelledInHeap }

  /// Whether no event is pending.
  /// - Complexity: O(1).
  @inlinable
  package var isEmpty: Bool { count == 0 }

  /// Adds `payload` to fire at `time` with `priority`, and returns a handle to cancel it.
  ///
  /// - Precondition: fewer than 2^56 events have been scheduled on this queue.
  /// - Complexity: O(log *n*), where *n* is the number of heap entries; amortised O(1)
  ///   allocation, none once the queue has reached its working size.
  @inlinable
  @discardableResult
  package mutating func insert(
    _ payload: Payload, at time: SimTime, priority: EventPriority = .normal
  ) -> EventHandle {
    let sequence = nextSequence
    precondition(sequence < 1 << 56, "event sequence counter exhausted")
    nextSequence = sequence &+ 1
    let order = UInt64(priority.rawValue) << 56 | sequence
    let slot: UInt32
    if let free = freeSlots.popLast() {
      slot = free
      slotOwner[Int(free)] = order
    } else {
      slot = UInt32(slotOwner.count)
      slotOwner.append(order)
    }
    heap.append(Entry(time: time.microsecondsSinceStart, order: order, slot: slot, payload: payload))
    siftUp(from: heap.count - 1)
    return EventHandle(slot: slot, order: order)
  }

  /// Cancels the event behind `handle` if it is still pending.
  ///
  /// - Returns: `true` if the event was pending and will now never fire; `false` if it had
  ///   already fired or been cancelled.
  /// - Complexity: O(1) amortised; an occasional O(*n*) rebuild drops cancelled entries once
  ///   they outnumber live ones.
  @inlinable
  @discardableResult
  package mutating func cancel(_ handle: EventHandle) -> Bool {
    let slot = Int(handle.slot)
    guard slot < slotOwner.count, slotOwner[slot] == handle.order else { return false }
    releaseSlot(handle.slot)
    cancelledInHeap += 1
    if cancelledInHeap > 32 && cancelledInHeap * 2 > heap.count { dropCancelledEntries() }
    return true
  }

  /// Whether the event behind `handle` is still pending.
  /// - Complexity: O(1).
  @inlinable
  package func isPending(_ handle: EventHandle) -> Bool {
    let slot = Int(handle.slot)
    return slot < slotOwner.count && slotOwner[slot] == handle.order
  }

  /// The time of the next event to fire, or `nil` when none is pending.
  ///
  /// Mutating because it drops cancelled entries that have reached the top of the heap.
  /// - Complexity: O(log *n*) per cancelled entry dropped, otherwise O(1).
  @inlinable
  package mutating func nextTime() -> SimTime? {
    dropCancelledTop()
    guard let top = heap.first else { return nil }
    return SimTime(microsecondsSinceStart: top.time)
  }

  /// Removes and returns the next event to fire, or `nil` when none is pending.
  ///
  /// - Complexity: O(log *n*), plus O(log *n*) per cancelled entry dropped on the way.
  @inlinable
  package mutating func popNext() -> (time: SimTime, payload: Payload)? {
    dropCancelledTop()
    guard !heap.isEmpty else { return nil }
    let top = removeTop()
    releaseSlot(top.slot)
    return (SimTime(microsecondsSinceStart: top.time), top.payload)
  }

  /// Removes and returns the next event if it fires at or before `limit`.
  ///
  /// - Complexity: as ``popNext()``.
  @inlinable
  package mutating func popNext(notAfter limit: SimTime) -> (time: SimTime, payload: Payload)? {
    dropCancelledTop()
    guard let first = heap.first, first.time <= limit.microsecondsSinceStart else { return nil }
    let top = removeTop()
    releaseSlot(top.slot)
    return (SimTime(microsecondsSinceStart: top.time), top.payload)
  }

  /// Removes every pending event.
  /// - Complexity: O(*n*).
  package mutating func removeAll() {
    heap.removeAll(keepingCapacity: true)
    freeSlots.removeAll(keepingCapacity: true)
    for slot in slotOwner.indices.reversed() {
      slotOwner[slot] = 0
      freeSlots.append(UInt32(slot))
    }
    cancelledInHeap = 0
  }

  // MARK: - Heap internals

  @inlinable @inline(__always)
  mutating func releaseSlot(_ slot: UInt32) {
    slotOwner[Int(slot)] = 0
    freeSlots.append(slot)
  }

  /// Pops cancelled entries off the top until a live one (or nothing) is there.
  @inlinable @inline(__always)
  mutating func dropCancelledTop() {
    while cancelledInHeap > 0, let top = heap.first, slotOwner[Int(top.slot)] != top.order {
      _ = removeTop()
      cancelledInHeap -= 1
    }
  }

  /// Removes the root of the non-empty heap and restores the heap property.
  @inlinable
  mutating func removeTop() -> Entry {
    let last = heap.removeLast()
    guard !heap.isEmpty else { return last }
    return heap.withUnsafeMutableBufferPointer { buffer in
      let top = buffer[0]
      let count = buffer.count
      var hole = 0
      while true {
        var child = 2 &* hole &+ 1
        if child >= count { break }
        let right = child &+ 1
        if right < count && buffer[right].precedes(buffer[child]) { child = right }
        if !buffer[child].precedes(last) { break }
        buffer[hole] = buffer[child]
        hole = child
      }
      buffer[hole] = last
      return top
    }
  }

  /// Moves the entry at `index` up until its parent precedes it.
  @inlinable
  mutating func siftUp(from index: Int) {
    heap.withUnsafeMutableBufferPointer { buffer in
      let moving = buffer[index]
      var hole = index
      while hole > 0 {
        let parent = (hole &- 1) >> 1
        if !moving.precedes(buffer[parent]) { break }
        buffer[hole] = buffer[parent]
        hole = parent
      }
      buffer[hole] = moving
    }
  }

  /// Rebuilds the heap from its live entries only.
  @usableFromInline
  mutating func dropCancelledEntries() {
    let owners = slotOwner
    heap.removeAll { owners[Int($0.slot)] != $0.order }
    cancelledInHeap = 0
    heap.withUnsafeMutableBufferPointer { buffer in
      guard buffer.count > 1 else { return }
      for start in stride(from: buffer.count / 2 - 1, through: 0, by: -1) {
        Self.siftDown(buffer, from: start)
      }
    }
  }

  /// Moves the entry at `index` down until it precedes its children.
  @usableFromInline
  static func siftDown(_ buffer: UnsafeMutableBufferPointer<Entry>, from index: Int) {
    let moving = buffer[index]
    var hole = index
    while true {
      var child = 2 * hole + 1
      if child >= buffer.count { break }
      if child + 1 < buffer.count && buffer[child + 1].precedes(buffer[child]) { child += 1 }
      if !buffer[child].precedes(moving) { break }
      buffer[hole] = buffer[child]
      hole = child
    }
    buffer[hole] = moving
  }
}

extension EventQueue: Sendable where Payload: Sendable {}
extension EventQueue.Entry: Sendable where Payload: Sendable {}
