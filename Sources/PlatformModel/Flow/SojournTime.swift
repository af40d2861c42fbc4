#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The response-time distribution of one M/M/c queue (FCFS): the wait in line plus one
/// exponential service.
///
/// With `C` Erlang's waiting probability, `μ` the service rate and `a = (c-1)μ - λ`:
/// `P(T > t) = e^{-μt} · (1 + C·μ/a · (1 - e^{-a·t}))`, and `e^{-μt}·(1 + C·μ·t)` when `a = 0`
/// (Gross and Harris, Fundamentals of Queueing Theory, §2.3).
package struct SojournTime: Sendable, Equatable {
  /// Service rate of one worker, per second.
  package var serviceRate: Double
  /// Erlang C: the chance an arrival waits.
  package var waitingProbability: Double
  /// `(c-1)μ - λ`.
  package var gap: Double

  /// The sojourn time of an M/M/c queue; requires `λ < cμ`.
  package init(arrivalRate: Double, serviceRate: Double, servers: Int, waitingProbability: Double) {
    self.serviceRate = serviceRate
    self.waitingProbability = waitingProbability
    self.gap = Double(servers - 1) * serviceRate - arrivalRate
  }

  /// A pure delay-free exponential service (no queueing), for idle queues.
  package init(serviceRate: Double) {
    self.serviceRate = serviceRate
    self.waitingProbability = 0
    self.gap = serviceRate
  }

  /// `P(T > t)`, t in seconds.
  package func tail(_ t: Double) -> Double {
    guard t > 0 else { return 1 }
    let base = exp(-serviceRate * t)
    if abs(gap) < 1e-9 * serviceRate {
      return min(1, base * (1 + waitingProbability * serviceRate * t))
    }
    let extra = waitingProbability * serviceRate / gap * (1 - exp(-gap * t))
    return min(1, max(0, base * (1 + extra)))
  }

  /// Mean response time in seconds: `1/μ + C / (cμ - λ)` with `cμ - λ = gap + μ`.
  package var mean: Double { 1 / serviceRate + waitingProbability / (gap + serviceRate) }
}

/// A mixture of response-time distributions, weighted by the traffic each carries, shifted by
/// a constant network latency.
package struct LatencyMixture: Sendable {
  /// One component and its weight.
  package struct Component: Sendable {
    /// Its share of the traffic (weights need not be normalised).
    package var weight: Double
    /// Its response-time distribution.
    package var time: SojournTime
  }

  /// The components.
  package var components: [Component] = []

  /// Creates an empty mixture.
  package init() {}

  /// Adds a component carrying `weight` of the traffic.
  package mutating func add(_ time: SojournTime, weight: Double) {
    if weight > 0 { components.append(Component(weight: weight, time: time)) }
  }

  /// `P(T > t)` over the mixture.
  package func tail(_ t: Double) -> Double {
    var total = 0.0
    var weighted = 0.0
    for component in components {
      total += component.weight
      weighted += component.weight * component.time.tail(t)
    }
    return total > 0 ? weighted / total : 0
  }

  /// The `p`-quantile in seconds, to a relative precision of 1e-4, by bisection on `log t`.
  package func quantile(_ p: Double) -> Double {
    guard !components.isEmpty else { return 0 }
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
