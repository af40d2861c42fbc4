/// A first-in first-out queue over a growable circular buffer.
///
/// The model's waiting lines (requests queued at a pod, customers at a server) live in these.
/// Appending and removing from the front are O(1) and allocate nothing once the buffer has
/// grown to the longest line seen; capacity doubles when full and is never given back.
@frozen
public struct RingBuffer<Element> {
  @usableFromInline var storage: ContiguousArray<Element?>
  @usableFromInline var head: Int
  @usableFromInline var _count: Int

  /// Creates an empty queue with room for `capacity` elements before it grows.
  package init(capacity: Int = 16) {
    storage = ContiguousArray(repeating: nil, count: Swift.max(capacity, 1))
    head = 0
    _count = 0
  }

  /// The number of queued elements.
  @inlinable
  package var count: Int { _count }

  /// Whether nothing is queued.
  @inlinable
  package var isEmpty: Bool { _count == 0 }

  /// The element that ``popFirst()`` would return, if any.
  @inlinable
  package var first: Element? { _count == 0 ? nil : storage[head] }

  /// Adds `element` at the back.
  /// - Complexity: amortised O(1).
  @inlinable
  package mutating func append(_ element: Element) {
    if _count == storage.count { grow() }
    var tail = head &+ _count
    if tail >= storage.count { tail &-= storage.count }
    storage[tail] = element
    _count &+= 1
  }

  /// Removes and returns the element at the front, or `nil` when empty.
  /// - Complexity: O(1).
  @inlinable
  package mutating func popFirst() -> Element? {
    guard _count > 0 else { return nil }
    let element = storage[head]
    storage[head] = nil
    head &+= 1
    if head == storage.count { head = 0 }
    _count &-= 1
    return element
  }

  /// Doubles the capacity, laying the elements out from index 0.
  @usableFromInline
  mutating func grow() {
    var bigger = ContiguousArray<Element?>(repeating: nil, count: storage.count * 2)
    for i in 0..<_count { bigger[i] = storage[(head + i) % storage.count] }
    storage = bigger
    head = 0
  }
}

extension RingBuffer: Sendable where Element: Sendable {}
