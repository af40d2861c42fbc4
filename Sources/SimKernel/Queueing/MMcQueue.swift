#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Closed-form steady-state results for the M/M/c queue: Poisson arrivals, exponential service,
/// `c` identical servers, one FIFO line of unlimited length.
///
/// These are the yardstick the kernel is validated against, and the flow-fidelity model's
/// per-pod latency formulas. The waiting probability uses Erlang's B recursion,
/// `B(k) = a·B(k-1) / (k + a·B(k-1))`, then `C = c·B / (c - a·(1 - B))`, which stays accurate
/// for hundreds of servers where the textbook sum of `a^k / k!` overflows.
package struct MMcQueue: Hashable, Sendable {
  /// Arrivals per unit time (λ).
  package var arrivalRate: Double
  /// Completions per unit time of one busy server (μ).
  package var serviceRate: Double
  /// Number of servers (c).
  package var servers: Int

  /// Creates the queue.
  /// - Precondition: rates are positive and finite, `servers >= 1`.
  package init(arrivalRate: Double, serviceRate: Double, servers: Int) {
    precondition(arrivalRate > 0 && arrivalRate.isFinite, "arrival rate must be positive")
    precondition(serviceRate > 0 && serviceRate.isFinite, "service rate must be positive")
    precondition(servers >= 1, "an M/M/c queue needs at least one server")
    self.arrivalRate = arrivalRate
    self.serviceRate = serviceRate
    self.servers = servers
  }

  /// Offered load in Erlangs, a = λ/μ.
  package var offeredLoad: Double { arrivalRate / serviceRate }

  /// Server utilisation ρ = λ/(cμ); the queue is stable only below 1.
  package var utilisation: Double { offeredLoad / Double(servers) }

  /// Whether a steady state exists (ρ < 1).
  package var isStable: Bool { utilisation < 1 }

  /// Erlang's B: the probability that an arrival finds all `c` servers busy in the loss system.
  ///
  /// - Complexity: O(*c*) at most; the loop stops once the recursion underflows to 0 (every
  ///   further step would keep 0), which for a small load *a* is a few hundred steps past *a*.
  package var erlangB: Double {
    let a = offeredLoad
    var b = 1.0
    for k in 1...servers {
      b = a * b / (Double(k) + a * b)
      if b == 0 { break }
    }
    return b
  }

  /// Erlang's C: the probability that an arrival has to wait; 1 when unstable.
  package var probabilityOfWaiting: Double {
    guard isStable else { return 1 }
    let b = erlangB
    let c = Double(servers)
    return c * b / (c - offeredLoad * (1 - b))
  }

  /// Mean time in line before service starts, Wq = C / (cμ - λ); infinite when unstable.
  package var meanWait: Double {
    guard isStable else { return .infinity }
    return probabilityOfWaiting / (Double(servers) * serviceRate - arrivalRate)
  }

  /// Mean time in the system, W = Wq + 1/μ.
  package var meanResponseTime: Double { meanWait + 1 / serviceRate }

  /// Mean number waiting in line, Lq = λ·Wq (Little's law).
  package var meanQueueLength: Double { arrivalRate * meanWait }

  /// The probability that the wait exceeds `t`: C·exp(-(cμ - λ)·t) for t ≥ 0.
  package func probabilityWaitExceeds(_ t: Double) -> Double {
    guard isStable else { return 1 }
    guard t > 0 else { return probabilityOfWaiting }
    return probabilityOfWaiting * exp(-(Double(servers) * serviceRate - arrivalRate) * t)
  }

  /// The `p`-quantile of the wait in line: 0 when `1 - p` is at least the chance of waiting.
  /// - Precondition: `0 <= p < 1`.
  package func waitQuantile(_ p: Double) -> Double {
    precondition(p >= 0 && p < 1, "quantile probability must be in [0, 1)")
    guard isStable else { return .infinity }
    let waiting = probabilityOfWaiting
    guard 1 - p < waiting else { return 0 }
    return log(waiting / (1 - p)) / (Double(servers) * serviceRate - arrivalRate)
  }
}
