#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The throughput `X(m)` of a pod holding `m` requests, `m = 1, 2, …`: the flow-equivalent
/// server of the pod's inside (Chandy, Herzog and Woo 1975, "Parametric analysis of queueing
/// networks"; Lazowska et al., *Quantitative System Performance*, 1984, ch. 8).
///
/// Each request holding a worker spends `W` seconds without CPU (a delay station) and needs
/// `S` core-seconds of CPU, which the requests on the CPU share by processor sharing, each at
/// most one core, `L` cores in all: with `k` on the CPU it completes work at `α(k) = min(k, L)`
/// cores. Both stations are BCMP stations, so the closed network of `m` requests has product
/// form and its throughput is exact whatever the laws of `W` and of the work:
///
///     G(m) = Σ_{k=0..m} W^(m-k)/(m-k)! · Π_{j=1..k} S/α(j),      X(m) = G(m-1)/G(m).
///
/// `W = 0` gives `X(m) = min(m, L)/S`, `S = 0` gives `m/W`, and `m ≤ L` (every request on
/// the CPU has its core) `m/(W + S)`, all without iterating. With `L ≤ 1` the CPU is one
/// processor-sharing server of rate `L/S` whatever the number on it (the machine-repairman
/// model): with `r = S/L` and `u = W/r`, `G(m) = r^m·Σ_{j≤m} u^j/j!`, so
/// `X(m) = 1/(r·d_m)` with `d_m = 1 + (u/m)·q_{m-1}`, `q_m = (u/m)·q_{m-1}/d_m`, `q_0 = 1`
/// (`q_m` the last term's share of the partial sum, at most 1), O(1) per `m`.
/// Otherwise the recursion runs on the normalised distribution `π_m(k)` of the requests on the
/// CPU, `π_m(k) = X(m)·π_{m-1}(k-1)·S/α(k)` and `π_m(0) = X(m)·π_{m-1}(0)·W/m`, where
/// `X(m) = 1/(π_{m-1}(0)·W/m + Σ_k π_{m-1}(k-1)·S/α(k))` normalises: every term is positive
/// and at most 1, so nothing overflows or cancels. Entries too small to matter are dropped
/// (above `L`, an entry's descendants never exceed it, as `X(m)·S/L ≤ 1`; below, they grow
/// at most by `L^L` against the rest), and once `X(m)` reaches `L/S` to 1e-13 it stays there.
///
/// - Complexity: O(1) per `m` when `W = 0` or `S = 0`; otherwise O(*w*) per `m`, *w* the width
///   of the distribution kept (about the spread of the number of requests off the CPU).
struct FlowEquivalentServer {
  /// `W`, seconds.
  let nonCPUSeconds: Double
  /// `S`, core-seconds.
  let cpuSeconds: Double
  /// `L`, cores.
  let cores: Double
  /// The most the pod can complete per second: `L/S` (`.infinity` when `S = 0`).
  let ceiling: Double
  /// `π_m(k)` for `k` in `low...high`; room for `m` up to the capacity given.
  private let distribution: UnsafeMutableBufferPointer<Double>
  private var low = 0
  private var high = 0
  /// Requests so far (`m` of the last ``next()``).
  private(set) var requests = 0
  /// The last throughput returned.
  private(set) var throughput = 0.0
  /// Whether `X(m)` has reached the ceiling.
  private var saturated = false
  /// Entries below this at the low end are dropped.
  private let lowThreshold: Double
  /// Whether at most `L` requests are asked for, so that each has its core: `X(m) = m/(W+S)`.
  private let cyclesFreely: Bool
  /// Whether `L ≤ 1`: one server (see the type's discussion), with its ratio `q_{m-1}`.
  private let singleServer: Bool
  private var lastTermShare = 1.0

  /// The entries of the distribution ``init(nonCPUSeconds:cpuSeconds:cores:storage:)`` needs
  /// for up to `requests` requests.
  static func storageCount(requests: Int) -> Int { requests + 1 }

  /// Whether the server of a pod with these figures, asked for up to `requests` requests,
  /// needs ``storageCount(requests:)`` entries of storage (else one will do).
  static func needsStorage(
    nonCPUSeconds: Double, cpuSeconds: Double, cores: Double, requests: Int
  ) -> Bool {
    nonCPUSeconds > 0 && cpuSeconds > 0 && Double(requests) > cores && cores > 1
  }

  /// The flow-equivalent server of a pod with these figures, asked for up to `requests`
  /// requests, keeping its distribution in `storage` (``storageCount(requests:)`` entries when
  /// it ``needsStorage(nonCPUSeconds:cpuSeconds:cores:requests:)``).
  ///
  /// - Precondition: `W ≥ 0`, `S ≥ 0`, `W + S > 0`, `L > 0`.
  init(
    nonCPUSeconds: Double, cpuSeconds: Double, cores: Double, requests: Int,
    storage: UnsafeMutableBufferPointer<Double>
  ) {
    precondition(nonCPUSeconds >= 0 && cpuSeconds >= 0, "times are not negative")
    precondition(nonCPUSeconds + cpuSeconds > 0, "a request takes some time")
    precondition(cores > 0, "a pod has some CPU")
    self.nonCPUSeconds = nonCPUSeconds
    self.cpuSeconds = cpuSeconds
    self.cores = cores
    ceiling = cpuSeconds > 0 ? cores / cpuSeconds : .infinity
    distribution = storage
    if !storage.isEmpty { storage[0] = 1 }
    lowThreshold = 1e-30 * exp(-cores * log(max(1, cores)))
    cyclesFreely = Double(requests) <= cores
    singleServer = cores <= 1
  }

  /// `X(m)` for the next `m` (1 at the first call), per second.
  mutating func next() -> Double {
    requests += 1
    let m = requests
    let (w, s) = (nonCPUSeconds, cpuSeconds)
    if s == 0 {
      throughput = Double(m) / w
      return throughput
    }
    if w == 0 {
      throughput = min(Double(m), cores) / s
      return throughput
    }
    if cyclesFreely {
      throughput = Double(m) / (w + s)
      return throughput
    }
    if saturated { return throughput }
    if singleServer {
      let r = s / cores
      let step = w / r / Double(m)
      let ratio = 1 + step * lastTermShare
      lastTermShare = step * lastTermShare / ratio
      let x = 1 / (r * ratio)
      throughput = min(x, ceiling)
      if x >= ceiling * (1 - 1e-13) { saturated = true }
      return throughput
    }
    precondition(m < distribution.count, "room for the distribution")
    let p = distribution
    // α(k) = min(k, L).
    var denominator = low == 0 ? p[0] * w / Double(m) : 0
    for k in low...high { denominator += p[k] * s / min(Double(k + 1), cores) }
    let x = 1 / denominator
    let zero = low == 0 ? x * p[0] * w / Double(m) : 0
    var k = high
    while k >= low {
      p[k + 1] = x * p[k] * s / min(Double(k + 1), cores)
      k -= 1
    }
    if low == 0 { p[0] = zero } else { low += 1 }
    high += 1
    // Drop what cannot matter (see the type's discussion).
    while high > low, Double(high) > cores, p[high] < 1e-30 { high -= 1 }
    while low < high, p[low] < lowThreshold { low += 1 }
    throughput = min(x, ceiling)
    if x >= ceiling * (1 - 1e-13) { saturated = true }
    return throughput
  }
}
