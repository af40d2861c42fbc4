/// A mixture of response-time distributions, weighted by the traffic each carries.
package struct LatencyMixture: Sendable {
  /// One component and its weight.
  package struct Component: Sendable {
    /// Its share of the traffic (weights need not be normalised).
    package var weight: Double
    /// Its response-time distribution.
    package var time: ResponseTime
  }

  /// The components.
  package var components: [Component] = []

  /// Creates an empty mixture.
  package init() {}

  /// Adds a component carrying `weight` of the traffic.
  package mutating func add(_ time: ResponseTime, weight: Double) {
    if weight > 0 { components.append(Component(weight: weight, time: time)) }
  }

  /// Adds `weight` to the component with distribution `time`, or adds the component: a
  /// mixture built stretch by stretch keeps one component per distinct distribution.
  ///
  /// - Complexity: O(*n*) for *n* components.
  package mutating func merge(_ time: ResponseTime, weight: Double) {
    guard weight > 0 else { return }
    if let k = components.firstIndex(where: { $0.time == time }) {
      components[k].weight += weight
    } else {
      components.append(Component(weight: weight, time: time))
    }
  }

  /// Calls `body` with this mixture's tail, prepared for evaluation at many times.
  ///
  /// - Complexity: O(*n*) for *n* components, plus `body`.
  func withTail<Result>(_ body: (MixtureTail) throws -> Result) rethrows -> Result {
    try MixtureTail.withTail(
      of: components.lazy.map { (time: $0.time, weight: $0.weight) }, count: components.count,
      body)
  }

  /// `P(T > t)` over the mixture.
  package func tail(_ t: Double) -> Double { withTail { $0(t) } }

  /// The `p`-quantile in seconds, to a relative precision of 1e-4, by bisection on `log t`.
  package func quantile(_ p: Double) -> Double {
    guard !components.isEmpty else { return 0 }
    return withTail { tail in
      let target = 1 - p
      var low = 1e-7
      var high = 1.0
      while tail(high) > target && high < 1e6 { high *= 4 }
      if tail(low) <= target { return low }
      for _ in 0..<40 {
        let middle = (low * high).squareRoot()
        if tail(middle) > target { low = middle } else { high = middle }
        if high / low < 1.0001 { break }
      }
      return (low * high).squareRoot()
    }
  }
}
