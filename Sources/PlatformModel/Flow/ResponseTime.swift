import SimKernel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The response time of the requests one pod serves: `T = δ + V + Y`, three independent parts.
///
/// - `δ` (``shift``): time every request takes (its own base latency and injected delays, and
///   the least its downstream calls can take).
/// - `V`, the wait for a worker: 0 with probability `1 - p`, else a truncated exponential with
///   density `∝ e^{-a·v}` on `(0, τ)` (``waitProbability`` `p`, ``waitRate`` `a`,
///   ``waitLimit`` `τ`). This is the wait of a served request in an M/M/c queue whose
///   arrivals give up after `τ` (Erlang C's exponential wait, truncated; `a` may be negative
///   in overload, as long as `τ` is finite).
/// - `Y`, the rest of the time holding a worker: a two-phase hyperexponential, with
///   probability ``phaseWeight`` `q` exponential of rate ``firstPhaseRate`` `μ1`, else of rate
///   ``secondPhaseRate`` `μ2` (`q = 1` for one exponential).
///
/// Today's M/M/c sojourn is the case `δ = 0`, `p` = Erlang C, `a = cμ - λ`, `τ = ∞`,
/// `Y ~ Exp(μ)` (``init(mmc:)``). See docs/model.md, "Per-pod queues", and ``PodQueue``.
package struct ResponseTime: Sendable, Equatable {
  /// `δ`, seconds.
  package var shift: Double
  /// `p`: the chance a served request waited for a worker.
  package var waitProbability: Double
  /// `a`, per second: the decay rate of the wait's density.
  package var waitRate: Double
  /// `τ`, seconds: the longest wait of a served request (`.infinity` for none; then `a > 0`).
  package var waitLimit: Double
  /// `q`: the weight of the first phase of `Y`.
  package var phaseWeight: Double
  /// `μ1`, per second.
  package var firstPhaseRate: Double
  /// `μ2`, per second.
  package var secondPhaseRate: Double

  /// A response time with the given parts.
  ///
  /// - Precondition: `δ ≥ 0`; `0 ≤ p ≤ 1`; `τ > 0`; `a > 0` when `τ` is infinite and `p > 0`;
  ///   `0 ≤ q ≤ 1`; `μ1, μ2 > 0` and finite.
  package init(
    shift: Double, waitProbability: Double, waitRate: Double, waitLimit: Double,
    phaseWeight: Double, firstPhaseRate: Double, secondPhaseRate: Double
  ) {
    precondition(shift >= 0 && shift.isFinite, "a response time's shift is finite and not negative")
    precondition(waitProbability >= 0 && waitProbability <= 1, "a probability")
    precondition(waitLimit > 0, "a wait limit is positive")
    precondition(
      waitProbability == 0 || waitLimit.isFinite || waitRate > 0,
      "an unlimited wait needs a positive rate")
    precondition(waitRate.isFinite, "a finite wait rate")
    precondition(phaseWeight >= 0 && phaseWeight <= 1, "a phase weight is a probability")
    precondition(
      firstPhaseRate > 0 && secondPhaseRate > 0 && firstPhaseRate.isFinite
        && secondPhaseRate.isFinite, "phase rates are positive and finite")
    self.shift = shift
    self.waitProbability = waitProbability
    self.waitRate = waitRate
    self.waitLimit = waitLimit
    self.phaseWeight = phaseWeight
    self.firstPhaseRate = firstPhaseRate
    self.secondPhaseRate = secondPhaseRate
  }

  /// One exponential of rate `rate` after `shift`, nobody waiting: an idle pod.
  package init(exponentialRate rate: Double, shift: Double = 0) {
    self.init(
      shift: shift, waitProbability: 0, waitRate: 1, waitLimit: .infinity, phaseWeight: 1,
      firstPhaseRate: rate, secondPhaseRate: rate)
  }

  /// The sojourn time of an M/M/c queue (FCFS, no abandonment) with arrival rate `λ`, service
  /// rate `μ` per server and `c` servers: waiting with Erlang C's probability an exponential
  /// time of rate `cμ - λ`, then one exponential service.
  ///
  /// - Precondition: `λ < cμ`.
  package init(mmc queue: MMcQueue) {
    precondition(queue.isStable, "an M/M/c sojourn needs a stable queue")
    self.init(
      shift: 0, waitProbability: queue.probabilityOfWaiting,
      waitRate: Double(queue.servers) * queue.serviceRate - queue.arrivalRate,
      waitLimit: .infinity, phaseWeight: 1, firstPhaseRate: queue.serviceRate,
      secondPhaseRate: queue.serviceRate)
  }

  /// `P(T > t)`, t in seconds.
  ///
  /// To evaluate the same distribution at many `t`, prepare a ``ResponseTail`` once.
  package func tail(_ t: Double) -> Double {
    ResponseTail(self, beyondTheLimit: !(t < shift + waitLimit))(t)
  }

  /// `E[T]`, seconds.
  package var mean: Double { shift + waitMoments.mean + residenceMoments.mean }

  /// The cumulants of `T`.
  package var moments: LatencyMoments {
    (waitMoments + residenceMoments).shifted(by: shift)
  }

  /// The cumulants of `Y`.
  package var residenceMoments: LatencyMoments {
    let (q, m1, m2) = (phaseWeight, 1 / firstPhaseRate, 1 / secondPhaseRate)
    let first = q * m1 + (1 - q) * m2
    let second = 2 * (q * m1 * m1 + (1 - q) * m2 * m2)
    let third = 6 * (q * m1 * m1 * m1 + (1 - q) * m2 * m2 * m2)
    return LatencyMoments(rawMoments: first, second, third)
  }

  /// The cumulants of `V`.
  package var waitMoments: LatencyMoments {
    let p = waitProbability
    guard p > 0 else { return .zero }
    let (v1, v2, v3) = Self.truncatedExponentialMoments(rate: waitRate, limit: waitLimit)
    return LatencyMoments(rawMoments: p * v1, p * v2, p * v3)
  }

  /// `E[V^n]`, `n = 1, 2, 3`, of the density `∝ e^{-a·v}` on `(0, τ)`.
  ///
  /// With `u = aτ` and `V = τU`: for `u ≥ 5` (and `τ = ∞`) the recursion
  /// `E[U^n] = (n/u)·E[U^{n-1}] - 1/(e^u - 1)`, which subtracts little there; for `u ≤ -5`
  /// the same for `1 - U` (whose rate is `-u`), expanded; in between 8-point Gauss-Legendre
  /// quadrature of `s^n e^{-us}` on `(0, 1)` (relative error below 1e-8).
  static func truncatedExponentialMoments(rate a: Double, limit tau: Double) -> (
    Double, Double, Double
  ) {
    guard tau.isFinite else {
      let mean = 1 / a
      return (mean, 2 * mean * mean, 6 * mean * mean * mean)
    }
    let u = a * tau
    func recursion(_ u: Double) -> (Double, Double, Double) {
      let tailTerm = 1 / expm1(u)
      let m1 = 1 / u - tailTerm
      let m2 = 2 / u * m1 - tailTerm
      let m3 = 3 / u * m2 - tailTerm
      return (m1, m2, m3)
    }
    let unit: (Double, Double, Double)
    if u >= 5 {
      unit = recursion(u)
    } else if u <= -5 {
      let (r1, r2, r3) = recursion(-u)
      unit = (1 - r1, 1 - 2 * r1 + r2, 1 - 3 * r1 + 3 * r2 - r3)
    } else {
      var (z, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
      for (node, weight) in Self.gaussLegendre8 {
        let s = 0.5 * (1 + node)
        let f = weight * exp(-u * s)
        z += f
        s1 += f * s
        s2 += f * s * s
        s3 += f * s * s * s
      }
      unit = (s1 / z, s2 / z, s3 / z)
    }
    return (tau * unit.0, tau * tau * unit.1, tau * tau * tau * unit.2)
  }

  /// Nodes on `(-1, 1)` and weights of 8-point Gauss-Legendre quadrature.
  private static let gaussLegendre8: [(Double, Double)] = [
    (-0.9602898564975363, 0.1012285362903763), (-0.7966664774136267, 0.2223810344533745),
    (-0.5255324099163290, 0.3137066458778873), (-0.1834346424956498, 0.3626837833783620),
    (0.1834346424956498, 0.3626837833783620), (0.5255324099163290, 0.3137066458778873),
    (0.7966664774136267, 0.2223810344533745), (0.9602898564975363, 0.1012285362903763),
  ]

  /// `Y` fitted to the cumulants `moments` of a nonnegative time, after `shift`: the response
  /// time `shift + V + Y` with the wait `V` given.
  ///
  /// - With a squared coefficient of variation above 1, a two-phase hyperexponential with the
  ///   same first three moments when one exists (the two exponentials of the Prony solution
  ///   `r_{k+2} = s·r_{k+1} - q·r_k` of `r_k = E[Y^k]/k!`; exact for any mixture of two
  ///   exponentials), else the one with the same first two and balanced means (Whitt 1982,
  ///   "Approximating a point process by a renewal process", §3).
  /// - Otherwise (less variable than an exponential) a shifted exponential with the same mean
  ///   and variance: `σ` exponential after `mean - σ` more shift.
  /// - A zero or tiny mean is taken as 1 ns, far below the latency histogram's 0.1 ms.
  static func fitting(
    _ moments: LatencyMoments, shift: Double, waitProbability: Double, waitRate: Double,
    waitLimit: Double
  ) -> ResponseTime {
    let smallest = 1e-9
    let mean = max(moments.mean, smallest)
    let variance = moments.variance
    func make(shift extra: Double, _ q: Double, _ first: Double, _ second: Double) -> ResponseTime {
      ResponseTime(
        shift: shift + extra, waitProbability: waitProbability, waitRate: waitRate,
        waitLimit: waitLimit, phaseWeight: q, firstPhaseRate: first, secondPhaseRate: second)
    }
    guard moments.mean > smallest, variance > mean * mean * (1 + 1e-9) else {
      let sigma = max(smallest, min(mean, variance.squareRoot()))
      return make(shift: max(0, mean - sigma), 1, 1 / sigma, 1 / sigma)
    }
    // r_k = E[Y^k]/k!: mixture weights and means (θ) of the two phases.
    let r1 = mean
    let r2 = moments.secondRawMoment / 2
    let r3 = moments.thirdRawMoment / 6
    let spread = r2 - r1 * r1
    if spread > 0 {
      let s = (r3 - r1 * r2) / spread
      let product = s * r1 - r2
      let discriminant = s * s - 4 * product
      if discriminant > 0, product > 0 {
        let root = discriminant.squareRoot()
        let long = (s + root) / 2
        let short = product / long
        let q = (r1 - short) / (long - short)
        if short > 0, long > short, q > 0, q <= 1 {
          return make(shift: 0, q, 1 / long, 1 / short)
        }
      }
    }
    // Balanced means: q/μ1 = (1-q)/μ2 = mean/2.
    let scv = variance / (mean * mean)
    let q = 0.5 * (1 + ((scv - 1) / (scv + 1)).squareRoot())
    return make(shift: 0, q, 2 * q / mean, 2 * (1 - q) / mean)
  }
}
