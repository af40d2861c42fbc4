#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// One pod of a service at a given arrival rate: `c` workers in front of a CPU shared by
/// processor sharing, with a queue whose requests give up after the timeout.
///
/// A request takes a worker (FIFO if all `c` are busy, and fails unserved once it has waited
/// `τ`), then holds it for its non-CPU time `W` (base latency, downstream calls, injected
/// latency) and for its CPU work `S` core-seconds, on the pod's `L` cores shared by the
/// requests on the CPU, each at most one core (`L` is the CPU limit, or `cpuThreads` if fewer).
///
/// 1. The inside of the pod is replaced by its ``FlowEquivalentServer`` `X(m)`.
/// 2. The number of requests in the pod is a birth-death process: up at `λ`, down at
///    `X(min(n, c))`. Below `c`, `π_j = π_{j-1}·λ/X(j)`; at `c` and above (all workers busy,
///    completions at `ν = X(c)`) the offered wait `V` has density `λπ_{c-1}e^{-(ν-λ)x}` up to
///    `τ` and `λπ_{c-1}e^{-(ν-λ)τ}e^{-ν(x-τ)}` beyond (M/M/c+D: Baccelli and Hébuterne 1981;
///    Zeltyn and Mandelbaum 2005): the share timed out in the queue is its mass beyond `τ`,
///    `λπ_{c-1}e^{-(ν-λ)τ}/ν`, and a served request waited 0 or a truncated exponential. Valid at
///    every load, overload included; CPU used, `served·S`, never exceeds `L` as `ν ≤ L/S`.
/// 3. Mean holding time by Little (workers held / served rate), so the CPU residence `R` has
///    mean `hold - W`; its law is a mixture of exponentials over the number `k` holding workers
///    when the request is admitted (PASTA), with means `∝ max(1, k/L)`.
/// 4. With `W > 0` completions of a full pod are less variable than Poisson, and the queue's
///    wait is stretched by `f = 1 + √(W/H)·((1 + SCV_H)/2 - 1)` (an Allen-Cunneen-type factor,
///    `H = W + R`; approximation "4c" of issue 14's design, checked against its request-level
///    oracle): the wait's time axis is scaled by `f`, so the patience is `τ/f` in the
///    birth-death process's time.
/// 5. The response time is ``ResponseTime``: a shift (the part of `W` certain to be spent), the
///    wait, and `Y = R + (W - shift)` fitted by a two-phase hyperexponential on its first three
///    moments (the downstream calls' spread comes in through `W`'s moments).
///
/// Exact for `W = 0` and exponential work (means, the wait, the timed-out share, the CPU
/// used); otherwise an approximation, compared with an exact request-level simulation in
/// docs/model.md, "Per-pod queues".
struct PodQueue {
  /// The share of arriving requests that time out waiting for a worker.
  let overloadFailure: Double
  /// The share of served requests slower than the timeout.
  let timeoutFailure: Double
  /// Requests per second the pod serves.
  let servedRate: Double
  /// CPU seconds one request costs (with a revision's CPU regression).
  let cpuPerRequest: Double
  /// The response-time distribution of served requests.
  let response: ResponseTime
  /// Mean workers held (Little: served rate × mean holding time), at most `c`.
  let busyWorkers: Double
  /// Requests per second the pod completes with all workers busy: `ν = X(c)`.
  let capacity: Double
  /// The factor stretching the queue's wait (1 when `W = 0`).
  let waitFactor: Double

  /// The pod of `service` receiving `rate` requests per second, its non-CPU time having the
  /// moments `nonCPU` of which `nonCPUFloor` seconds are certain, changed by `effects`.
  init(
    service: ServiceFlowParameters, rate: Double, nonCPU: LatencyMoments, nonCPUFloor: Double,
    effects: RevisionEffects
  ) {
    self.init(
      arrivalRate: rate, workers: max(1, service.concurrencyPerPod), cores: service.cpuCores,
      cpuSeconds: service.cpuSecondsPerRequest * effects.cpuFactor,
      nonCPU: nonCPU.shifted(by: effects.addedLatencySeconds),
      nonCPUFloor: nonCPUFloor + effects.addedLatencySeconds, timeout: service.timeoutSeconds)
  }

  /// The pod with `c` workers and `L` cores receiving `λ` requests per second, each needing
  /// `S` core-seconds of CPU and a non-CPU time with the moments `nonCPU` (of which
  /// `nonCPUFloor` seconds are certain), waiting at most `timeout` for a worker and failing if
  /// slower than it in all.
  ///
  /// - Precondition: `λ ≥ 0`, `c ≥ 1`, `L > 0`, `S ≥ 0`, `0 ≤ nonCPUFloor ≤ nonCPU.mean`,
  ///   `timeout > 0`; with an infinite timeout, `λ` below the capacity `X(c)`.
  /// - Complexity: O(*c*) with `W = 0` or `S = 0` or `c ≤ L`; otherwise O(*c·w*), *w* as in
  ///   ``FlowEquivalentServer``.
  init(
    arrivalRate lambda: Double, workers c: Int, cores: Double, cpuSeconds: Double,
    nonCPU: LatencyMoments, nonCPUFloor: Double, timeout tau: Double
  ) {
    precondition(lambda >= 0 && lambda.isFinite, "an arrival rate is finite and not negative")
    precondition(c >= 1 && cores > 0 && cpuSeconds >= 0 && tau > 0, "a pod's figures")
    let floor = max(0, min(nonCPUFloor, nonCPU.mean))
    let w = max(0, nonCPU.mean)
    let s = cpuSeconds
    cpuPerRequest = s
    let excess = nonCPU.shifted(by: -floor)
    guard w + s > 0 else {
      // Nothing holds a worker: no queue, and the response is the certain time.
      overloadFailure = 0
      servedRate = lambda
      busyWorkers = 0
      capacity = .infinity
      waitFactor = 1
      response = ResponseTime.fitting(
        excess, shift: floor, waitProbability: 0, waitRate: 1, waitLimit: .infinity)
      timeoutFailure = tau.isFinite ? response.tail(tau) : 0
      return
    }
    let sums = Self.birthDeath(lambda: lambda, workers: c, cores: cores, cpu: s, nonCPU: w)
    let nu = sums.capacity
    capacity = nu
    let a = nu - lambda
    precondition(tau.isFinite || a > 0, "an unlimited wait needs a stable pod")
    // First pass (patience τ): the holding time and the CPU residence's mixture.
    let first = Self.masses(sums, lambda: lambda, workers: c, gap: a, patience: tau)
    let residence: LatencyMoments
    if lambda > 0, first.served > 0 {
      let hold = first.busy / (lambda * first.served)
      let meanResidence = max(0, hold - w)
      // The mixture over k, in the masses' scale: weights π_j (k = j + 1) and the served
      // waiting mass (k = c).
      let top = max(1, Double(c) / cores)
      let waiting = first.servedWaitMass
      let weight = sums.below * first.scale + waiting
      let r1 = (sums.shares.0 * first.scale + waiting * top) / weight
      let r2 = (sums.shares.1 * first.scale + waiting * top * top) / weight
      let r3 = (sums.shares.2 * first.scale + waiting * top * top * top) / weight
      let kappa = r1 > 0 ? meanResidence / r1 : 0
      residence = LatencyMoments(
        rawMoments: kappa * r1, 2 * kappa * kappa * r2, 6 * kappa * kappa * kappa * r3)
    } else {
      // A request alone: S/min(1, L) of CPU, exponential.
      let alone = s / min(1, cores)
      residence = LatencyMoments(rawMoments: alone, 2 * alone * alone, 6 * alone * alone * alone)
    }
    // The wait factor (4c): 1 without a non-CPU time.
    let holding = w + residence.mean
    var factor = 1.0
    if w > 0, holding > 0 {
      let scv = (residence.variance + nonCPU.variance) / (holding * holding)
      factor = 1 + (w / holding).squareRoot() * ((1 + scv) / 2 - 1)
    }
    waitFactor = factor
    // Second pass: the wait's time axis stretched by f (patience τ/f).
    let second =
      factor == 1
      ? first : Self.masses(sums, lambda: lambda, workers: c, gap: a, patience: tau / factor)
    overloadFailure = second.abandoned
    servedRate = lambda * (1 - second.abandoned)
    busyWorkers = min(Double(c), second.busy)
    // A chance of waiting below 1e-12 changes no tail by more than that: taken as 0, which
    // spares the latency histogram the wait's terms (a lightly loaded pod's is about 1e-15).
    let waiting = second.served > 0 ? min(1, max(0, second.servedWaiting)) : 0
    let waitProbability = waiting < Self.negligibleWaitProbability ? 0 : waiting
    response = ResponseTime.fitting(
      residence + excess, shift: floor, waitProbability: waitProbability,
      waitRate: a / factor, waitLimit: tau)
    timeoutFailure = tau.isFinite ? response.tail(tau) : 0
  }

  /// The chance of waiting below which nobody is taken to wait.
  static let negligibleWaitProbability = 1e-12

  /// The share of arriving requests the pod itself fails (timed out waiting or in all).
  var ownFailure: Double { 1 - (1 - overloadFailure) * (1 - timeoutFailure) }

  /// CPU cores a running pod uses: the requests' CPU plus the idle share, within `limit`.
  func cpuCores(limit: Double) -> Double {
    min(limit, servedRate * cpuPerRequest + PlatformWorld.idleCPUCores)
  }

  /// The birth-death process below `c`, unnormalised (`π_0 = 1`, rescaled by ``scaleDown``
  /// whenever a term passes 1e200): `Σ π_j`, `Σ j·π_j`, `π_{c-1}`, and `Σ π_j·ρ_{j+1}^n`
  /// (`n = 1, 2, 3`, `ρ_k = max(1, k/L)`, the CPU residence's relative mean when admitted with
  /// `k` holding workers), with the capacity `X(c)`.
  struct BirthDeath {
    var below = 0.0
    var busyBelow = 0.0
    var last = 0.0
    var shares = (0.0, 0.0, 0.0)
    var capacity = 0.0
  }

  /// The birth-death sums of a pod.
  private static func birthDeath(
    lambda: Double, workers c: Int, cores: Double, cpu: Double, nonCPU: Double
  ) -> BirthDeath {
    let needsStorage = FlowEquivalentServer.needsStorage(
      nonCPUSeconds: nonCPU, cpuSeconds: cpu, cores: cores, requests: c)
    return withUnsafeTemporaryAllocation(
      of: Double.self, capacity: needsStorage ? FlowEquivalentServer.storageCount(requests: c) : 1
    ) { storage in
      var server = FlowEquivalentServer(
        nonCPUSeconds: nonCPU, cpuSeconds: cpu, cores: cores, requests: c, storage: storage)
      var sums = BirthDeath()
      var term = 1.0  // π_j, from π_0 = 1
      var ratio = 0.0
      var j = 0
      while true {
        let k = Double(j + 1)
        let rho = max(1, k / cores)
        sums.below += term
        sums.busyBelow += Double(j) * term
        sums.shares.0 += term * rho
        sums.shares.1 += term * rho * rho
        sums.shares.2 += term * rho * rho * rho
        let x = server.next()  // X(j + 1)
        if j == c - 1 {
          sums.last = term
          sums.capacity = x
          break
        }
        ratio = lambda / x
        term *= ratio
        j += 1
        if term > 1e200 {
          let down = 1e-200
          term *= down
          sums.below *= down
          sums.busyBelow *= down
          sums.shares = (sums.shares.0 * down, sums.shares.1 * down, sums.shares.2 * down)
        }
        if ratio < 1, term < 1e-18 * (1 - ratio) * sums.below {
          // The rest is negligible (the ratios only fall from here, as X(j) grows): nobody
          // waits. The capacity is still X(c).
          while server.requests < c { _ = server.next() }
          sums.capacity = server.throughput
          sums.last = 0
          break
        }
      }
      return sums
    }
  }

  /// The normalised figures of the waiting states for a patience `τ`.
  struct Masses {
    /// The share timed out in the queue.
    var abandoned: Double
    /// Served per arrival, `1 - abandoned`.
    var served: Double
    /// Mean workers held.
    var busy: Double
    /// The chance a served request waited.
    var servedWaiting: Double
    /// The unnormalised mass of the served waiting states (times ``scale``).
    var servedWaitMass: Double
    /// The factor by which the birth-death sums were multiplied to match the masses.
    var scale: Double
  }

  /// The masses of the waiting states of `sums` with arrival rate `λ`, `c` workers, gap
  /// `a = ν - λ` and patience `τ`, normalised with the states below `c`.
  ///
  /// The served waiting mass is `λπ_{c-1}·(1 - e^{-aτ})/a` and the abandoned one
  /// `λπ_{c-1}e^{-aτ}/ν`; when `a < 0` both carry `e^{|a|τ}`, so they and the sums are
  /// multiplied by `e^{-|a|τ}` instead (which may underflow the sums to 0: all waiting).
  private static func masses(
    _ sums: BirthDeath, lambda: Double, workers c: Int, gap a: Double, patience tau: Double
  ) -> Masses {
    let nu = sums.capacity
    let head = lambda * sums.last
    var served: Double
    var abandoned: Double
    var scale = 1.0
    if !tau.isFinite {
      served = head / a
      abandoned = 0
    } else if a >= 0 {
      served = head * ResponseTail.spread(a, tau)
      abandoned = head * exp(-a * tau) / nu
    } else {
      scale = exp(a * tau)
      served = head * -expm1(a * tau) / -a
      abandoned = head / nu
    }
    let below = sums.below * scale
    let norm = below + served + abandoned
    let abandonedShare = norm > 0 ? abandoned / norm : 0
    let busy = norm > 0 ? (sums.busyBelow * scale + Double(c) * (served + abandoned)) / norm : 0
    let servedShare = 1 - abandonedShare
    let waiting = norm > 0 && servedShare > 0 ? served / norm / servedShare : 0
    return Masses(
      abandoned: abandonedShare, served: servedShare, busy: busy, servedWaiting: waiting,
      servedWaitMass: served, scale: scale)
  }
}
