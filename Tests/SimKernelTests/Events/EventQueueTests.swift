import Testing

@testable import SimKernel

/// A tiny deterministic generator for test inputs, independent of the kernel's own RNG.
private struct ScriptGenerator {
  var state: UInt64
  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
}

/// The obviously-correct model: a list kept sorted by (time, priority, sequence).
private struct SortedArrayQueue {
  struct Item: Equatable {
    var time: Int64
    var priority: UInt8
    var sequence: Int
    var payload: Int
  }
  var items: [Item] = []
  var nextSequence = 0

  mutating func insert(_ payload: Int, at time: Int64, priority: UInt8) -> Int {
    let item = Item(time: time, priority: priority, sequence: nextSequence, payload: payload)
    nextSequence += 1
    let index = items.firstIndex {
      ($0.time, $0.priority, $0.sequence) > (item.time, item.priority, item.sequence)
    } ?? items.count
    items.insert(item, at: index)
    return item.sequence
  }

  mutating func cancel(sequence: Int) -> Bool {
    guard let index = items.firstIndex(where: { $0.sequence == sequence }) else { return false }
    items.remove(at: index)
    return true
  }

  mutating func popNext() -> Item? { items.isEmpty ? nil : items.removeFirst() }
}

@Suite struct EventQueueTests {
  @Test("random schedule, cancel and pop sequences match a sorted-array reference")
  func matchesSortedArrayReference() {
    for seed in 0..<1_000 {
      var script = ScriptGenerator(state: UInt64(seed) &+ 0x5DEE_CE66_D)
      var queue = EventQueue<Int>(capacity: 4)
      var reference = SortedArrayQueue()
      var handles: [(handle: EventHandle, sequence: Int)] = []
      var now: Int64 = 0
      let steps = 50 + script.next(250)
      for step in 0..<steps {
        switch script.next(10) {
        case 0..<5:  // schedule; small time range so ties of time and priority are common
          let time = now + Int64(script.next(8))
          let priority = UInt8(script.next(3) * 64)
          let handle = queue.insert(
            step, at: SimTime(microsecondsSinceStart: time),
            priority: EventPriority(rawValue: priority))
          handles.append((handle, reference.insert(step, at: time, priority: priority)))
        case 5..<7 where !handles.isEmpty:  // cancel something, possibly already fired
          let pick = handles[script.next(handles.count)]
          let cancelled = queue.cancel(pick.handle)
          let expected = reference.cancel(sequence: pick.sequence)
          #expect(cancelled == expected, "seed \(seed) step \(step): cancel result")
          let stillPending = queue.isPending(pick.handle)
          #expect(!stillPending, "seed \(seed) step \(step): still pending")
        default:
          let popped = queue.popNext()
          let expected = reference.popNext()
          #expect(popped?.payload == expected?.payload, "seed \(seed) step \(step): pop order")
          #expect(popped?.time.microsecondsSinceStart == expected?.time, "seed \(seed)")
          if let time = popped?.time.microsecondsSinceStart { now = time }
        }
        #expect(queue.count == reference.items.count, "seed \(seed) step \(step): count")
        if queue.count != reference.items.count { return }
      }
      while let expected = reference.popNext() {
        let popped = queue.popNext()
        #expect(popped?.payload == expected.payload, "seed \(seed): drain order")
      }
      let leftover = queue.popNext()
      #expect(leftover == nil, "seed \(seed): queue not empty after drain")
    }
  }

  @Test("equal times and priorities fire in insertion order")
  func equalKeysAreFIFO() {
    var queue = EventQueue<Int>()
    for i in 0..<100 { queue.insert(i, at: SimTime(microsecondsSinceStart: 7)) }
    var fired: [Int] = []
    while let next = queue.popNext() { fired.append(next.payload) }
    #expect(fired == Array(0..<100))
  }

  @Test("a lower priority value fires first at the same time")
  func priorityBreaksTimeTies() {
    var queue = EventQueue<String>()
    let t = SimTime(microsecondsSinceStart: 5)
    queue.insert("low", at: t, priority: .low)
    queue.insert("normal", at: t)
    queue.insert("urgent", at: t, priority: .urgent)
    queue.insert("earlier", at: SimTime(microsecondsSinceStart: 4), priority: .low)
    var fired: [String] = []
    while let next = queue.popNext() { fired.append(next.payload) }
    #expect(fired == ["earlier", "urgent", "normal", "low"])
  }

  @Test("cancelling a fired or cancelled event is a harmless no-op")
  func staleCancelIsNoOp() {
    var queue = EventQueue<Int>()
    let first = queue.insert(1, at: .zero)
    let fired = queue.popNext()
    #expect(fired?.payload == 1)
    let second = queue.insert(2, at: .zero)  // reuses the first event's slot
    let cancelledFired = queue.cancel(first)
    #expect(!cancelledFired)
    let secondPending = queue.isPending(second)
    #expect(secondPending)
    let cancelledOnce = queue.cancel(second)
    let cancelledTwice = queue.cancel(second)
    #expect(cancelledOnce && !cancelledTwice)
    let leftover = queue.popNext()
    #expect(leftover == nil)
  }

  @Test("re-armed timers do not make the heap grow without bound")
  func cancelledEntriesAreCompacted() {
    var queue = EventQueue<Int>()
    var timer = queue.insert(0, at: SimTime(microsecondsSinceStart: 1_000_000))
    for i in 1...100_000 {
      queue.cancel(timer)
      timer = queue.insert(i, at: SimTime(microsecondsSinceStart: 1_000_000 + Int64(i)))
    }
    #expect(queue.count == 1)
    #expect(queue.heapCount <= 70)
    #expect(queue.slotCount <= 2)
    let last = queue.popNext()
    #expect(last?.payload == 100_000)
  }

  @Test("a steady schedule-and-pop cycle stops allocating once warmed up")
  func steadyStateDoesNotGrowStorage() {
    var queue = EventQueue<Int>(capacity: 16)
    for i in 0..<10 { queue.insert(i, at: SimTime(microsecondsSinceStart: Int64(i))) }
    let heapCapacity = queue.heapCapacity
    let slotCapacity = queue.slotCapacity
    for i in 10..<100_000 {
      let next = queue.popNext()
      #expect(next != nil)
      queue.insert(i, at: SimTime(microsecondsSinceStart: Int64(i)))
    }
    #expect(queue.heapCapacity == heapCapacity)
    #expect(queue.slotCapacity == slotCapacity)
  }

  @Test("payloads with references are released exactly once, whether fired, cancelled or dropped")
  func payloadLifetimes() {
    let tracker = LifetimeTracker()
    do {
      var queue = EventQueue<TrackedPayload>(capacity: 4)
      var handles: [EventHandle] = []
      for i in 0..<500 {
        let time = SimTime(microsecondsSinceStart: Int64(i % 37))
        handles.append(queue.insert(TrackedPayload(tracker), at: time))
      }
      for handle in handles.prefix(300) { queue.cancel(handle) }  // triggers compaction
      for _ in 0..<100 { _ = queue.popNext() }
      #expect(queue.count == 100)
      // Cancelled entries not yet dropped still hold their payloads (cancellation is lazy).
      #expect(tracker.alive == queue.heapCount)
      // Everything left is released when the queue goes away.
    }
    #expect(tracker.alive == 0)
  }
}

/// Counts live ``TrackedPayload``s.
private final class LifetimeTracker: @unchecked Sendable {
  var alive = 0
}

/// A payload holding a reference, so that the queue's manual memory management is exercised.
private final class TrackedPayload {
  let tracker: LifetimeTracker
  init(_ tracker: LifetimeTracker) {
    self.tracker = tracker
    tracker.alive += 1
  }
  deinit { tracker.alive -= 1 }
}
