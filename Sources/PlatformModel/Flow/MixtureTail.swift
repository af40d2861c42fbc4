/// `P(T > t)` of a mixture of ``SojournTime``s, prepared for evaluation at many times `t`.
///
/// Gives bit for bit what ``LatencyMixture/tail(_:)`` computed component by component: the
/// weighted sum runs over the components in their order, and the total weight is summed once
/// in that same order instead of at every `t`. The components live in memory the caller lends
/// for the duration of a closure (see ``withTail(of:count:_:)``), so preparing one allocates
/// nothing.
struct MixtureTail {
  /// One component: its share of the traffic and its prepared tail.
  struct Component {
    /// Its weight (weights need not be normalised).
    var weight: Double
    /// Its tail.
    var tail: SojournTail
  }

  /// The components, in mixture order.
  private let components: UnsafeBufferPointer<Component>
  /// The sum of the weights, in component order.
  private let totalWeight: Double

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
  /// - Complexity: O(*n*) for *n* components, at most two calls to `exp` each.
  func callAsFunction(_ t: Double) -> Double {
    var weighted = 0.0
    for component in components { weighted += component.weight * component.tail(t) }
    return totalWeight > 0 ? weighted / totalWeight : 0
  }

  /// Writes `P(T > times[j])` into `values[j]` for every `j`: the same values as calling the
  /// tail at each time (the sums run over the components in the same order), computed one
  /// component at a time over all the times, which costs less per call of `exp`.
  ///
  /// - Precondition: `values.count == times.count`.
  /// - Complexity: O(*n*·*m*) for *n* components and *m* times.
  func evaluate(
    at times: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) {
    precondition(values.count == times.count, "one value per time")
    values.update(repeating: 0)
    for component in components {
      component.tail.accumulate(weight: component.weight, at: times, into: values)
    }
    for j in values.indices { values[j] = totalWeight > 0 ? values[j] / totalWeight : 0 }
  }

  /// A time up to which the mixture's tail is certainly at least `level`, in seconds (0 or
  /// negative when none is known).
  ///
  /// Each component's tail is at least `e^{-μt}`, and the mixture's at least any component's
  /// share of the weight times its tail; the time is the latest at which one of these bounds
  /// still reaches `level`. Use a `level` with a margin (twice the one that matters) to cover
  /// rounding.
  ///
  /// - Complexity: O(*n*) for *n* components (one `log` each).
  func latestTime(certainlyAtLeast level: Double) -> Double {
    guard totalWeight > 0, totalWeight.isFinite else { return 0 }
    var latest = 0.0
    for component in components {
      let time = component.tail.latestTime(atLeast: level * totalWeight / component.weight)
      if time > latest { latest = time }
    }
    return latest
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
    of components: some Sequence<(time: SojournTime, weight: Double)>, count: Int,
    _ body: (MixtureTail) throws -> Result
  ) rethrows -> Result {
    try withTail(
      count: count,
      filling: { buffer in
        var used = 0
        for (time, weight) in components {
          precondition(used < buffer.count, "more mixture components than the count given")
          buffer.initializeElement(at: used, to: Component(weight: weight, tail: SojournTail(time)))
          used += 1
        }
        return used
      }, body)
  }

  /// Calls `body` with the tail of the mixture of the revision groups' response times, each
  /// weighted by its successful entry requests, over the groups (in order) that have a time and
  /// a positive weight.
  ///
  /// - Complexity: O(*g*) for *g* groups, plus `body`.
  static func withTail<Result>(
    of groups: [RevisionGroupFlow], _ body: (MixtureTail) throws -> Result
  ) rethrows -> Result {
    try withTail(
      count: groups.count,
      filling: { buffer in
        var used = 0
        for group in groups {
          if let time = group.sojourn, group.entryWeight > 0 {
            buffer.initializeElement(
              at: used, to: Component(weight: group.entryWeight, tail: SojournTail(time)))
            used += 1
          }
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
