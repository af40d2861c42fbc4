/// `P(T > t)` of a ``MixtureTail`` at the times `first[r]·2^k` (`r` in `0..<8`, `k = 0, 1, …`),
/// eight times (one doubling) per call of ``next()``, with `exp` only for the first eight.
///
/// Each component's tail is `s + K·w`, two terms that are sums of exponentials `e^{-λt}`
/// (``SojournTail/terms(at:)``), and for any rate `λ`, `e^{-λ·2t} = (e^{-λt})²`. So the terms at
/// `2t` follow from those at `t` by arithmetic: `s(2t) = s(t)²` and
/// `w(2t) = w(t)·(2·s(t) - w(t))` (`2·w(t)·s(t)` when `a ≈ 0`, where `w = t·s`). The first
/// block calls `exp` (or `expm1`) once or twice per component and time (see
/// ``SojournTail/terms(at:)``); every later block costs about seven multiplications and
/// additions per component and time (two without a wait term).
///
/// Numerics: a rounding error carries into the next doubling at most twice over (squaring
/// doubles a relative error, and `w(t)·(2s(t) - w(t))` keeps the larger of the two terms'
/// relative errors doubled, as `2s - w` has no cancellation: `w ≤ s` when `a > 0`, `w < 0`
/// when `a < 0`). After `k` doublings both terms are within about `2^(k+1)` ulps of their exact
/// values, and the tail within about `2^(k+2)` ulps, since `K·w ≥ 0`: for the latency
/// histogram's 21 doublings at most about `2^22 · 2^-53 ≈ 5e-10` relative, negligible beside its
/// 9 %-wide buckets. Terms that underflow go to zero for good (`0² = 0`); with `a < 0`,
/// `w` stays finite where `e^{-a·t}` would not (|w| ≤ 1).
struct DoublingWalk {
  /// Eight values, one per time of a block.
  typealias Block = InlineArray<8, Double>
  /// The times per doubling, and the values ``next()`` returns per call.
  static var period: Int { Block.count }

  /// The components, in mixture order.
  private let components: UnsafeBufferPointer<MixtureTail.Component>
  /// The sum of the weights, in component order.
  private let totalWeight: Double
  /// The first block's times, in seconds.
  private let first: Block
  /// The last block's values at `0 ..< 8`, then each component's terms at the last block's
  /// times: component `c`'s `s` at `16c + 8 ..< 16c + 16`, its `w` at `16c + 16 ..< 16c + 24`.
  private let storage: UnsafeMutableBufferPointer<Double>
  /// The number of blocks returned so far.
  private(set) var blocks = 0

  /// The room ``init(_:from:storage:)`` needs for `components` components.
  static func storageCount(components: Int) -> Int { period + 2 * period * components }

  /// A walk over the components of `tail` from the times `first`, keeping its values and terms
  /// in `storage`, which must stay valid while the walk is used.
  ///
  /// - Precondition: `storage.count >= storageCount(components: tail.components.count)`.
  init(_ tail: MixtureTail, from first: Block, storage: UnsafeMutableBufferPointer<Double>) {
    precondition(
      storage.count >= Self.storageCount(components: tail.components.count),
      "room for the values and two blocks per component")
    components = tail.components
    totalWeight = tail.totalWeight
    self.first = first
    self.storage = storage
  }

  /// The tail at the next eight times: `first[r]·2^k` for the `k`-th call (from 0), clamped to
  /// [0, 1] (0 for all when the weights sum to zero).
  ///
  /// - Returns: the eight values, valid until the next call.
  /// - Complexity: O(*n*) for *n* components: eight ``SojournTail/terms(at:)`` each at the
  ///   first call (one or two calls to `exp` or `expm1` each), none after.
  mutating func next() -> UnsafeBufferPointer<Double> {
    let period = Self.period
    // The values' slots hold the weighted sums until they are scaled.
    if blocks == 0 {
      for r in 0..<period { storage[r] = 0 }
      for c in components.indices {
        let (weight, tail) = (components[c].weight, components[c].tail)
        let start = period + 2 * period * c
        if tail.waitFactor == 0 {
          // No wait term: `w` stays 0.
          for r in 0..<period {
            let service = tail.serviceTerm(at: first[r])
            storage[start + r] = service
            storage[start + period + r] = 0
            storage[r] += weight * service
          }
        } else {
          for r in 0..<period {
            let (service, wait) = tail.terms(at: first[r])
            storage[start + r] = service
            storage[start + period + r] = wait
            storage[r] += weight * (service + tail.waitFactor * wait)
          }
        }
      }
    } else {
      doubleTerms()
    }
    blocks += 1
    let scale = totalWeight > 0 ? 1 / totalWeight : 0
    for r in 0..<period { storage[r] = min(1, max(0, storage[r] * scale)) }
    return UnsafeBufferPointer(rebasing: storage[..<period])
  }

  /// Moves every component's terms to the next block's times, and writes the weighted sums of
  /// the tails there to the values' slots.
  ///
  /// The eight times of a block go through the same operations, so they run as the lanes of
  /// one vector (`SIMD8`, loaded from and stored to the storage's memory), each lane exactly
  /// as the scalar arithmetic: `sums[r] += weight · (s'[r] + K·w'[r])` with `s' = s·s` and
  /// `w' = w·(s + s - overlap·w)`.
  @inline(__always)
  private func doubleTerms() {
    typealias Lanes = SIMD8<Double>
    let memory = UnsafeMutableRawPointer(storage.baseAddress!)
    let laneBytes = MemoryLayout<Double>.stride
    var sums = Lanes(repeating: 0)
    for c in components.indices {
      let weight = components[c].weight
      let factor = components[c].tail.waitFactor
      let serviceOffset = (Self.period + 2 * Self.period * c) * laneBytes
      let service = memory.loadUnaligned(fromByteOffset: serviceOffset, as: Lanes.self)
      let nextService = service * service
      memory.storeBytes(of: nextService, toByteOffset: serviceOffset, as: Lanes.self)
      if factor == 0 {
        sums += weight * nextService
        continue
      }
      let overlap = components[c].tail.waitOverlap
      let waitOffset = serviceOffset + Self.period * laneBytes
      let wait = memory.loadUnaligned(fromByteOffset: waitOffset, as: Lanes.self)
      let nextWait = wait * (service + service - overlap * wait)
      memory.storeBytes(of: nextWait, toByteOffset: waitOffset, as: Lanes.self)
      sums += weight * (nextService + factor * nextWait)
    }
    memory.storeBytes(of: sums, as: Lanes.self)
  }
}
