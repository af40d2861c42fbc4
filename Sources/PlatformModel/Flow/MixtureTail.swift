/// `P(T > t)` of a mixture of ``ResponseTime``s, prepared for evaluation at many times `t`.
///
/// The weighted sum runs over the components in their order, and the total weight is summed
/// once, in that same order, instead of at every `t`. The components live in memory the caller lends
/// for the duration of a closure (see ``withTail(of:count:_:)``), so preparing one allocates
/// nothing. ``withDoublingWalk(from:_:)`` evaluates it at times that double, mostly without
/// `exp`.
struct MixtureTail {
  /// One component: its share of the traffic and its prepared tail.
  struct Component {
    /// Its weight (weights need not be normalised).
    var weight: Double
    /// Its tail.
    var tail: ResponseTail
  }

  /// The components, in mixture order.
  let components: UnsafeBufferPointer<Component>
  /// The sum of the weights, in component order.
  let totalWeight: Double

  /// The tail of the mixture of `components`, which must stay valid while it is used.
  private init(_ components: UnsafeBufferPointer<Component>) {
    self.components = components
    var total = 0.0
    for component in components { total += component.weight }
    totalWeight = total
  }

  /// Whether the mixture has no components.
  var isEmpty: Bool { components.isEmpty }

  /// `P(T > t)` over the mixture (0 when the weights sum to zero), t in seconds.
  ///
  /// - Complexity: O(*n*) for *n* components, at most five calls to `exp` or `expm1` each.
  func callAsFunction(_ t: Double) -> Double {
    var weighted = 0.0
    for component in components { weighted += component.weight * component.tail(t) }
    return totalWeight > 0 ? weighted / totalWeight : 0
  }

  /// Calls `body` with a ``DoublingWalk`` over this tail from the times `first` (seconds), its
  /// state in temporary memory (on the stack when small).
  ///
  /// - Parameters:
  ///   - first: the first block's times; the walk's `k`-th block is at `first·2^k`.
  ///   - body: uses the walk; it must not let it escape.
  /// - Complexity: O(*n*) for *n* components, plus `body`.
  func withDoublingWalk<Result>(
    from first: DoublingWalk.Block, _ body: (inout DoublingWalk) throws -> Result
  ) rethrows -> Result {
    let count = components.count
    return try withUnsafeTemporaryAllocation(
      of: Double.self, capacity: DoublingWalk.stateCount * count + 2 * DoublingWalk.period
    ) { memory in
      try withUnsafeTemporaryAllocation(of: DoublingWalk.Plan.self, capacity: count) { plans in
        let stateCount = DoublingWalk.stateCount * count
        var walk = DoublingWalk(
          self, from: first, state: UnsafeMutableBufferPointer(rebasing: memory[..<stateCount]),
          plans: plans, times: UnsafeMutableBufferPointer(rebasing: memory[stateCount...]))
        return try body(&walk)
      }
    }
  }

  /// Calls `body` with the tail of the mixture of `components` (in order), prepared in
  /// temporary memory (on the stack when small).
  ///
  /// - Parameters:
  ///   - components: each component's distribution and weight.
  ///   - count: at least the number of components.
  ///   - body: uses the tail; it must not let it escape.
  /// - Precondition: `components` has at most `count` elements.
  /// - Complexity: O(*n*) for *n* components, plus `body`.
  static func withTail<Result>(
    of components: some Sequence<(time: ResponseTime, weight: Double)>, count: Int,
    _ body: (MixtureTail) throws -> Result
  ) rethrows -> Result {
    try withTail(
      count: count,
      filling: { buffer in
        var used = 0
        for (time, weight) in components {
          precondition(used < buffer.count, "more mixture components than the count given")
          buffer.initializeElement(
            at: used, to: Component(weight: weight, tail: ResponseTail(time)))
          used += 1
        }
        return used
      }, body)
  }

  /// Calls `body` with the tail of the components `fill` writes at the start of a buffer of
  /// `count` (it returns how many it wrote).
  private static func withTail<Result>(
    count: Int, filling fill: (UnsafeMutableBufferPointer<Component>) -> Int,
    _ body: (MixtureTail) throws -> Result
  ) rethrows -> Result {
    try withUnsafeTemporaryAllocation(of: Component.self, capacity: count) { buffer in
      let used = fill(buffer)
      return try body(MixtureTail(UnsafeBufferPointer(rebasing: buffer[..<used])))
    }
  }
}
