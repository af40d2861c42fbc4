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
  ///
  /// To evaluate the same distribution at many `t`, prepare a ``SojournTail`` once.
  package func tail(_ t: Double) -> Double { SojournTail(self)(t) }

  /// Mean response time in seconds: `1/μ + C / (cμ - λ)` with `cμ - λ = gap + μ`.
  package var mean: Double { 1 / serviceRate + waitingProbability / (gap + serviceRate) }
}
