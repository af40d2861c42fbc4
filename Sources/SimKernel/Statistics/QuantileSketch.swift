#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A mergeable quantile sketch with a relative-error guarantee, after DDSketch (Masson, Rim and
/// Lee, VLDB 2019).
///
/// **Buckets.** With relative accuracy α and γ = (1 + α)/(1 − α), a positive value x goes to
/// bucket i = ⌈log_γ x⌉, which holds the values in (γ^(i−1), γ^i]. A quantile is reported as the
/// bucket's representative 2γ^i/(γ + 1), which is within α·x of every x in the bucket. Zero has
/// its own counter; negative values go to a mirror store indexed by |x|. Buckets are dense runs
/// of `UInt64` counts (see ``BucketStore``), so a sketch of latencies between 1 µs and 1 hour
/// at α = 1 % uses about 1,100 buckets, 9 KB, however many values it sees.
///
/// **Guarantee.** For any q, if x is the exact q-quantile of the recorded values under the lower
/// rank convention (the value at 0-based position ⌊q·(n − 1)⌋ of the sorted values), then
/// `quantile(q)` returns x' with |x' − x| ≤ α·|x|, as long as x is not in a collapsed range (see
/// below). Quantiles at q = 0 and at rank n − 1 are the exact minimum and maximum, and every
/// answer is clamped to [min, max]. (The bound is exact up to floating-point rounding in the
/// logarithm: a value within a few ulps of a bucket boundary may land in the neighbouring
/// bucket, whose representative is then within α·(1 + 10⁻¹⁵)·|x|.)
///
/// **Bounded memory: collapsing the lowest buckets.** Each sign's store keeps at most
/// ``maximumBucketCount`` buckets: the window [h − m + 1, h], where h is the highest index ever
/// seen in that store and m the maximum. Values below the window are counted in its lowest
/// bucket. Because the window depends only on the highest index seen, every value ends up in
/// bucket max(i, h − m + 1) whatever the order of recording and merging, so collapsing keeps the
/// sketch a function of the multiset of values. The guarantee then holds for every quantile
/// whose exact value x lies above the collapsed range of its sign's store, |x| > γ^(h − m):
/// positive values less than about γ^(m−1) times smaller than the largest value, and negative
/// values whose magnitude is less than that many times smaller than the most negative value's.
/// Quantiles inside a collapsed range are overestimated in magnitude. With the defaults
/// (α = 1 %, m = 2048) the window spans a ratio of about 6·10¹⁷, so collapsing is a safeguard
/// against pathological inputs, not a working mode.
///
/// **Exact merges.** Count, zero count, minimum, maximum and the sum (an ``ExactSum``) are exact,
/// and bucket counts are integers, so `a.merge(b)` is equal (`==`) to a sketch that recorded
/// every value of both, in any order and any grouping. Shards and replications can therefore be
/// combined byte-identically to one big run. Equality compares the logical contents (bucket
/// index → count), not storage layout or capacity.
///
/// **Determinism.** The bucket index uses the C library's `log`; two machines agree on every
/// index as long as their `log` agrees, which glibc and musl do for the vast majority of inputs.
public struct QuantileSketch: Sendable {
  /// The relative accuracy α: a returned quantile is within α·|x| of the exact one.
  package let relativeAccuracy: Double
  /// The most buckets each sign's store keeps before collapsing its lowest ones.
  package let maximumBucketCount: Int
  /// γ = (1 + α)/(1 − α).
  @usableFromInline let gamma: Double
  /// ln γ.
  @usableFromInline let logGamma: Double
  /// 1 / ln γ, so that an index costs one `log` and one multiplication.
  @usableFromInline let inverseLogGamma: Double
  /// Buckets of positive values.
  @usableFromInline var positive: BucketStore
  /// Buckets of negative values, indexed by magnitude.
  @usableFromInline var negative: BucketStore
  /// How many zeros were recorded.
  @usableFromInline var zeroCount: UInt64
  @usableFromInline var _count: Int
  @usableFromInline var _sum: ExactSum
  /// +infinity while empty.
  @usableFromInline var _minimum: Double
  /// −infinity while empty.
  @usableFromInline var _maximum: Double

  /// Creates an empty sketch.
  ///
  /// - Parameters:
  ///   - relativeAccuracy: α, the relative error bound of every quantile; 0.01 means 1 %.
  ///   - maximumBucketCount: buckets kept per sign before the lowest are collapsed.
  /// - Precondition: `0 < relativeAccuracy < 1` and `2 <= maximumBucketCount <= 2^24`.
  package init(relativeAccuracy: Double = 0.01, maximumBucketCount: Int = 2048) {
    precondition(
      relativeAccuracy > 0 && relativeAccuracy < 1,
      "QuantileSketch: relative accuracy must be in (0, 1) (got \(relativeAccuracy))")
    precondition(
      maximumBucketCount >= 2 && maximumBucketCount <= 1 << 24,
      "QuantileSketch: maximum bucket count must be in 2...2^24 (got \(maximumBucketCount))")
    self.relativeAccuracy = relativeAccuracy
    self.maximumBucketCount = maximumBucketCount
    gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
    logGamma = log(gamma)
    inverseLogGamma = 1 / logGamma
    positive = BucketStore(maximumBucketCount: maximumBucketCount)
    negative = BucketStore(maximumBucketCount: maximumBucketCount)
    zeroCount = 0
    _count = 0
    _sum = ExactSum()
    _minimum = .infinity
    _maximum = -.infinity
  }

  /// Creates a sketch of `values` with the default parameters.
  /// - Complexity: O(*n*) for *n* values.
  package init(_ values: some Sequence<Double>) {
    self.init()
    for value in values { record(value) }
  }

  /// Adds one value.
  ///
  /// - Precondition: `value` is finite. (−0 is recorded as 0.)
  /// - Complexity: O(1) amortised: one `log`, one bucket increment; storage grows only when a
  ///   value lands outside the buckets allocated so far, and never beyond
  ///   ``maximumBucketCount`` live buckets per sign.
  @inlinable
  package mutating func record(_ value: Double) {
    precondition(value.isFinite, "QuantileSketch.record: value must be finite (got \(value))")
    _count += 1
    _sum.add(value)
    if value > 0 {
      positive.add(index: bucketIndex(ofMagnitude: value), count: 1)
    } else if value < 0 {
      negative.add(index: bucketIndex(ofMagnitude: -value), count: 1)
    } else {
      zeroCount += 1
    }
    let normalized = value == 0 ? 0 : value  // so that −0 and 0 cannot make min differ
    if normalized < _minimum { _minimum = normalized }
    if normalized > _maximum { _maximum = normalized }
  }

  /// ⌈log_γ x⌉ for `magnitude` x > 0.
  @inlinable @inline(__always)
  func bucketIndex(ofMagnitude magnitude: Double) -> Int {
    Int((log(magnitude) * inverseLogGamma).rounded(.up))
  }

  /// The value reported for bucket `index` of either store: 2γ^i/(γ + 1).
  @usableFromInline
  func representative(ofBucket index: Int) -> Double {
    2 * exp(Double(index) * logGamma) / (gamma + 1)
  }

  /// Adds every value recorded in `other`, as if recorded here.
  ///
  /// The result equals (`==`) a sketch of all values of both, whatever the order or grouping
  /// of merges.
  ///
  /// - Precondition: both sketches have the same ``relativeAccuracy`` and
  ///   ``maximumBucketCount``.
  /// - Complexity: O(*b*), where *b* is the number of buckets of the two sketches.
  package mutating func merge(_ other: QuantileSketch) {
    precondition(
      relativeAccuracy == other.relativeAccuracy && maximumBucketCount == other.maximumBucketCount,
      "QuantileSketch.merge: parameters differ (α \(relativeAccuracy) vs \(other.relativeAccuracy),"
        + " buckets \(maximumBucketCount) vs \(other.maximumBucketCount))")
    _count += other._count
    zeroCount += other.zeroCount
    _sum.add(other._sum)
    _minimum = Swift.min(_minimum, other._minimum)
    _maximum = Swift.max(_maximum, other._maximum)
    positive.merge(other.positive)
    negative.merge(other.negative)
  }

  /// The sketch of the values of both `self` and `other`.
  /// - Precondition: as ``merge(_:)``.
  /// - Complexity: as ``merge(_:)``.
  package func merging(_ other: QuantileSketch) -> QuantileSketch {
    var merged = self
    merged.merge(other)
    return merged
  }

  /// The approximate `q`-quantile, or `nil` when the sketch is empty.
  ///
  /// Uses the lower rank convention: the answer approximates the value at 0-based position
  /// ⌊q·(n − 1)⌋ of the sorted values, with relative error at most ``relativeAccuracy`` (see
  /// the type's discussion). Position 0 returns the exact minimum, position n − 1 the exact
  /// maximum, and every answer lies within [minimum, maximum].
  ///
  /// - Precondition: `0 <= q <= 1`.
  /// - Complexity: O(*b*), where *b* is the number of buckets.
  package func quantile(_ q: Double) -> Double? {
    precondition(q >= 0 && q <= 1, "QuantileSketch.quantile: q must be in [0, 1] (got \(q))")
    guard _count > 0 else { return nil }
    let rank = UInt64((q * Double(_count - 1)).rounded(.down))
    if rank == 0 { return _minimum }
    if rank >= UInt64(_count - 1) { return _maximum }
    let estimate: Double
    if rank < negative.total {
      // Most negative first: the negative store is read from its highest magnitude down.
      estimate = -representative(ofBucket: negative.index(atRankFromHighest: rank))
    } else if rank < negative.total + zeroCount {
      estimate = 0
    } else {
      let positiveRank = rank - negative.total - zeroCount
      estimate = representative(ofBucket: positive.index(atRankFromLowest: positiveRank))
    }
    return Swift.min(Swift.max(estimate, _minimum), _maximum)
  }

  /// The number of values recorded.
  /// - Complexity: O(1).
  package var count: Int { _count }

  /// Whether nothing has been recorded.
  /// - Complexity: O(1).
  package var isEmpty: Bool { _count == 0 }

  /// The sum of the values recorded, exact until rounded once to a double.
  /// - Complexity: O(1).
  package var sum: Double { _sum.value }

  /// The mean of the values recorded (from the exact sum); `nil` when empty.
  /// - Complexity: O(1).
  package var mean: Double? { _count == 0 ? nil : _sum.value / Double(_count) }

  /// The smallest value recorded, exactly; `nil` when empty.
  /// - Complexity: O(1).
  package var minimum: Double? { _count == 0 ? nil : _minimum }

  /// The largest value recorded, exactly; `nil` when empty.
  /// - Complexity: O(1).
  package var maximum: Double? { _count == 0 ? nil : _maximum }

  /// The number of buckets spanned by the positive and the negative stores, each from its
  /// lowest to its highest non-empty bucket; each store's share is at most
  /// ``maximumBucketCount``. The zero counter is not included.
  /// - Complexity: O(*b*).
  package var bucketCount: Int { positive.bucketSpan + negative.bucketSpan }
}

extension QuantileSketch: Equatable {
  /// Whether the two sketches have the same parameters and the same logical contents: count,
  /// zeros, exact sum, minimum, maximum and every bucket's count.
  /// - Complexity: O(*b*), where *b* is the number of buckets.
  public static func == (a: QuantileSketch, b: QuantileSketch) -> Bool {
    a.relativeAccuracy == b.relativeAccuracy && a.maximumBucketCount == b.maximumBucketCount
      && a._count == b._count && a.zeroCount == b.zeroCount && a._minimum == b._minimum
      && a._maximum == b._maximum && a._sum == b._sum && a.positive == b.positive
      && a.negative == b.negative
  }
}
