/// The pending events of a simulation, ordered by (time, priority, insertion sequence).
///
/// A binary min-heap sifted with a moving hole. The ordering key packs priority and a 56-bit
/// insertion counter into one `UInt64`, so two events compare with at most two integer
/// comparisons and ties never fall to chance.
///
/// **Cancellation is lazy and O(1).** Every event owns a slot in a side table holding its
/// insertion sequence while it is pending. Cancelling frees the slot; the heap entry stays where
/// it is and is dropped when it reaches the top. Free slots form a list threaded through the
/// table itself, so the steady state allocates nothing. When cancelled entries outnumber live
/// ones the heap is rebuilt without them, so re-armed timers (health checks, request timeouts,
/// stabilization windows) cannot make it grow without bound.
///
/// **Storage is owned, not shared.** The queue is noncopyable and keeps its heap and slot table
/// in buffers it allocates and frees itself, so no operation pays for copy-on-write checks; this
/// is the innermost loop of every run. A queue is moved, never copied: a simulation owns one.
///
/// The queue never looks at the clock: ``Simulation`` owns time and rejects the past.
@frozen
public struct EventQueue<Payload>: ~Copyable {
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
  }

  /// The low 56 bits of an ordering key: the insertion sequence.
  @usableFromInline static var sequenceMask: UInt64 { (1 << 56) - 1 }
  /// Marks a slot-table word as a free-list link rather than an owner's sequence.
  @usableFromInline static var freeLink: UInt64 { 1 << 63 }
  /// The end of the free list.
  @usableFromInline static var noSlot: UInt32 { .max }

  /// The heap, including cancelled entries not yet dropped; `heapCount` are initialised.
  @usableFromInline var heap: UnsafeMutablePointer<Entry>
  @usableFromInline var heapCount: Int
  @usableFromInline var heapCapacity: Int
  /// Per slot: the sequence of the pending event that owns it, or `freeLink | next free slot`.
  @usableFromInline var slots: UnsafeMutablePointer<UInt64>
  @usableFromInline var slotCount: Int
  @usableFromInline var slotCapacity: Int
  /// The first free slot, or `noSlot`.
  @usableFromInline var freeSlot: UInt32
  /// Insertion counter; the low 56 bits of the next ordering key. Starts at 1.
  @usableFromInline var nextSequence: UInt64
  /// Heap entries whose event was cancelled.
  @usableFromInline var cancelledInHeap: Int

  /// Creates an empty queue with room for `capacity` pending events before it grows.
  public init(capacity: Int = 64) {
    let capacity = Swift.max(capacity, 4)
    heap = .allocate(capacity: capacity)
    heapCount = 0
    heapCapacity = capacity
    slots = .allocate(capacity: capacity)
    slotCount = 0
    slotCapacity = capacity
    freeSlot = Self.noSlot
    nextSequence = 1
    cancelledInHeap = 0
  }

  deinit {
    heap.deinitialize(count: heapCount)
    heap.deallocate()
    slots.deallocate()
  }

  /// The number of pending (scheduled, not fired, not cancelled) events.
  /// - Complexity: O(1).
  @inlinable
  package var count: Int { heapCount - cancelledInHeap }

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
    precondition(sequence <= Self.sequenceMask, "event sequence counter exhausted")
    nextSequence = sequence &+ 1
    let order = UInt64(priority.rawValue) &<< 56 | sequence
    let slot = claimSlot(for: sequence)
    if heapCount == heapCapacity { growHeap() }
    (heap + heapCount).initialize(
      to: Entry(time: time.microsecondsSinceStart, order: order, slot: slot, payload: payload))
    heapCount &+= 1
    siftUp(from: heapCount &- 1)
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
    guard isPending(handle) else { return false }
    releaseSlot(handle.slot)
    cancelledInHeap &+= 1
    if cancelledInHeap > 32 && cancelledInHeap &* 2 > heapCount { dropCancelledEntries() }
    return true
  }

  /// Whether the event behind `handle` is still pending.
  /// - Complexity: O(1).
  @inlinable
  package func isPending(_ handle: EventHandle) -> Bool {
    Int(handle.slot) < slotCount && slots[Int(handle.slot)] == handle.order & Self.sequenceMask
  }

  /// The time of the next event to fire, or `nil` when none is pending.
  ///
  /// Mutating because it drops cancelled entries that have reached the top of the heap.
  /// - Complexity: O(log *n*) per cancelled entry dropped, otherwise O(1).
  @inlinable
  package mutating func nextTime() -> SimTime? {
    dropCancelledTop()
    return heapCount == 0 ? nil : SimTime(microsecondsSinceStart: heap[0].time)
  }

  /// Removes and returns the next event to fire, or `nil` when none is pending.
  ///
  /// - Complexity: O(log *n*), plus O(log *n*) per cancelled entry dropped on the way.
  @inlinable
  package mutating func popNext() -> (time: SimTime, payload: Payload)? {
    popNext(notAfter: .distantFuture)
  }

  /// Removes and returns the next event if it fires at or before `limit`.
  ///
  /// - Complexity: as ``popNext()``.
  @inlinable
  package mutating func popNext(notAfter limit: SimTime) -> (time: SimTime, payload: Payload)? {
    dropCancelledTop()
    guard heapCount > 0, heap[0].time <= limit.microsecondsSinceStart else { return nil }
    let top = removeTop()
    releaseSlot(top.slot)
    return (SimTime(microsecondsSinceStart: top.time), top.payload)
  }

  /// Removes every pending event; handles to them stop being pending.
  /// - Complexity: O(*n*).
  package mutating func removeAll() {
    heap.deinitialize(count: heapCount)
    heapCount = 0
    cancelledInHeap = 0
    freeSlot = Self.noSlot
    for slot in (0..<slotCount).reversed() {
      slots[slot] = Self.freeLink | UInt64(freeSlot)
      freeSlot = UInt32(slot)
    }
  }

  // MARK: - Internals

  /// Whether entry `a` fires before entry `b`.
  @inlinable @inline(__always)
  static func precedes(_ a: UnsafeMutablePointer<Entry>, _ b: UnsafeMutablePointer<Entry>) -> Bool {
    a.pointee.time < b.pointee.time
      || (a.pointee.time == b.pointee.time && a.pointee.order < b.pointee.order)
  }

  /// Takes a free slot (or a new one) and marks it owned by `sequence`.
  @inlinable @inline(__always)
  mutating func claimSlot(for sequence: UInt64) -> UInt32 {
    let slot = freeSlot
    if slot != Self.noSlot {
      freeSlot = UInt32(truncatingIfNeeded: slots[Int(slot)])
      slots[Int(slot)] = sequence
      return slot
    }
    if slotCount == slotCapacity { growSlots() }
    slots[slotCount] = sequence
    slotCount &+= 1
    return UInt32(slotCount &- 1)
  }

  /// Returns `slot` to the free list.
  @inlinable @inline(__always)
  mutating func releaseSlot(_ slot: UInt32) {
    slots[Int(slot)] = Self.freeLink | UInt64(freeSlot)
    freeSlot = slot
  }

  /// Whether the heap entry at `index` belongs to a cancelled event.
  @inlinable @inline(__always)
  func isCancelled(at index: Int) -> Bool {
    slots[Int(heap[index].slot)] != heap[index].order & Self.sequenceMask
  }

  /// Pops cancelled entries off the top until a live one (or nothing) is there.
  @inlinable @inline(__always)
  mutating func dropCancelledTop() {
    while cancelledInHeap > 0 && heapCount > 0 && isCancelled(at: 0) {
      _ = removeTop()
      cancelledInHeap &-= 1
    }
  }

  /// Removes the root of the non-empty heap and restores the heap property.
  @inlinable @inline(__always)
  mutating func removeTop() -> Entry {
    let top = heap.move()
    heapCount &-= 1
    if heapCount > 0 {
      var last = (heap + heapCount).move()
      siftDown(&last, intoHoleAt: 0)
    }
    return top
  }

  /// Places `moving` by sifting the hole at `index` down until `moving` precedes its children.
  @inlinable @inline(__always)
  mutating func siftDown(_ moving: inout Entry, intoHoleAt index: Int) {
    var hole = index
    let count = heapCount
    while true {
      var child = 2 &* hole &+ 1
      if child >= count { break }
      let right = child &+ 1
      if right < count && Self.precedes(heap + right, heap + child) { child = right }
      if !(heap[child].time < moving.time
        || (heap[child].time == moving.time && heap[child].order < moving.order))
      {
        break
      }
      (heap + hole).moveInitialize(from: heap + child, count: 1)
      hole = child
    }
    (heap + hole).initialize(to: moving)
  }

  /// Moves the entry at `index` up until its parent precedes it.
  @inlinable @inline(__always)
  mutating func siftUp(from index: Int) {
    let moving = (heap + index).move()
    var hole = index
    while hole > 0 {
      let parent = (hole &- 1) &>> 1
      if !(moving.time < heap[parent].time
        || (moving.time == heap[parent].time && moving.order < heap[parent].order))
      {
        break
      }
      (heap + hole).moveInitialize(from: heap + parent, count: 1)
      hole = parent
    }
    (heap + hole).initialize(to: moving)
  }

  /// Doubles the heap's capacity.
  @usableFromInline
  mutating func growHeap() { Self.double(&heap, count: heapCount, capacity: &heapCapacity) }

  /// Doubles the slot table's capacity.
  @usableFromInline
  mutating func growSlots() { Self.double(&slots, count: slotCount, capacity: &slotCapacity) }

  /// Moves the first `count` elements of `buffer` into a new buffer twice as large.
  static func double<T>(_ buffer: inout UnsafeMutablePointer<T>, count: Int, capacity: inout Int) {
    let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: buffer, count: count)
    buffer.deallocate()
    buffer = bigger
    capacity *= 2
  }

  /// Rebuilds the heap from its live entries only.
  @usableFromInline
  mutating func dropCancelledEntries() {
    var kept = 0
    for index in 0..<heapCount {
      if isCancelled(at: index) {
        (heap + index).deinitialize(count: 1)
      } else {
        if kept != index { (heap + kept).moveInitialize(from: heap + index, count: 1) }
        kept += 1
      }
    }
    heapCount = kept
    cancelledInHeap = 0
    guard heapCount > 1 else { return }
    for start in stride(from: heapCount / 2 - 1, through: 0, by: -1) {
      var moving = (heap + start).move()
      siftDown(&moving, intoHoleAt: start)
    }
  }
}

// The buffers are owned by exactly one queue (it is noncopyable), so sending the queue sends
// them with it.
extension EventQueue: @unchecked Sendable where Payload: Sendable {}
