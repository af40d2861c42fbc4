/// The batch-means estimator of the steady-state mean of one long, correlated output series,
/// such as successive request latencies in a single run.
///
/// Consecutive observations of a queue are positively correlated, so the iid interval of
/// ``ConfidenceInterval/init(meanOf:level:)`` is far too narrow. Batch means cut the series
/// (after an optional warm-up) into contiguous batches of equal size; when batches are long
/// compared with the correlation time, their means are nearly independent and nearly normal,
/// and the Student-t interval over them is valid.
///
/// **Bounded memory: a fixed number of batches whose size doubles.** The run length is usually
/// not known in advance, so instead of a fixed batch size this keeps at most
/// ``maximumBatchCount`` (an even number, default 32) complete batch sums. When that many are
/// full, adjacent pairs are added together, halving the count and doubling ``batchSize``. Memory
/// is O(``maximumBatchCount``) for any run length, and once the first doubling has happened the
/// interval is built from between m/2 and m − 1 batches (16–31 by default), the range usually
/// recommended, with batches that grow in proportion to the run.
///
/// Observations of the current, incomplete batch count towards ``observations`` but not
/// towards the interval, which only uses complete batches of equal size.
public struct BatchMeans: Equatable, Sendable {
  /// How many leading observations are discarded as warm-up.
  @usableFromInline package let warmUpObservations: Int
  /// The most complete batches kept before adjacent pairs are merged.
  @usableFromInline package let maximumBatchCount: Int
  /// Warm-up observations seen so far (at most `warmUpObservations`).
  @usableFromInline var discarded: Int
  @usableFromInline var _batchSize: Int
  /// Sums of the complete batches, in order.
  @usableFromInline var batchSums: ContiguousArray<Double>
  /// Sum of the current, incomplete batch.
  @usableFromInline var currentSum: CompensatedSum
  /// Observations in the current, incomplete batch.
  @usableFromInline var currentCount: Int
  @usableFromInline var _observations: Tally

  /// Creates an empty estimator.
  ///
  /// - Parameters:
  ///   - warmUpObservations: leading observations to discard before batching starts.
  ///   - maximumBatchCount: complete batches kept before pairs merge; even, at least 4.
  ///   - initialBatchSize: observations per batch until the first doubling.
  /// - Precondition: `warmUpObservations >= 0`, `maximumBatchCount` is even and at least 4, and
  ///   `initialBatchSize >= 1`.
  package init(warmUpObservations: Int = 0, maximumBatchCount: Int = 32, initialBatchSize: Int = 1)
  {
    precondition(warmUpObservations >= 0, "BatchMeans: warm-up count must not be negative")
    precondition(
      maximumBatchCount >= 4 && maximumBatchCount % 2 == 0,
      "BatchMeans: maximum batch count must be even and at least 4 (got \(maximumBatchCount))")
    precondition(initialBatchSize >= 1, "BatchMeans: initial batch size must be at least 1")
    self.warmUpObservations = warmUpObservations
    self.maximumBatchCount = maximumBatchCount
    discarded = 0
    _batchSize = initialBatchSize
    batchSums = []
    batchSums.reserveCapacity(maximumBatchCount)
    currentSum = CompensatedSum()
    currentCount = 0
    _observations = Tally()
  }

  /// Adds the next observation of the series.
  ///
  /// - Precondition: `x` is finite.
  /// - Complexity: O(1) amortised; a doubling costs O(``maximumBatchCount``) and happens after
  ///   ever longer stretches of observations.
  @inlinable
  package mutating func record(_ x: Double) {
    if discarded < warmUpObservations {
      precondition(x.isFinite, "BatchMeans.record: observation must be finite (got \(x))")
      discarded += 1
      return
    }
    _observations.record(x)
    currentSum.add(x)
    currentCount += 1
    if currentCount == _batchSize { closeBatch() }
  }

  /// Stores the full current batch and merges pairs when the store is full.
  @usableFromInline
  mutating func closeBatch() {
    batchSums.append(currentSum.value)
    currentSum = CompensatedSum()
    currentCount = 0
    guard batchSums.count == maximumBatchCount else { return }
    let half = maximumBatchCount / 2
    for k in 0..<half { batchSums[k] = batchSums[2 * k] + batchSums[2 * k + 1] }
    batchSums.removeLast(half)
    _batchSize *= 2
  }

  /// The Student-t interval for the steady-state mean from the complete batches, or `nil` with
  /// fewer than two complete batches. Its ``ConfidenceInterval/count`` is the number of batches.
  ///
  /// - Precondition: `0 < level < 1`.
  /// - Complexity: O(``maximumBatchCount``).
  package func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval? {
    ConfidenceInterval(meanOf: Tally(batchMeans), level: level)
  }

  /// The means of the complete batches, in order.
  /// - Complexity: O(``batchCount``).
  package var batchMeans: [Double] {
    let size = Double(_batchSize)
    return batchSums.map { $0 / size }
  }

  /// The lag-1 autocorrelation of the batch means, a check on the batch size: values well above
  /// zero (say above 0.2) mean the batches are still correlated and the interval too narrow.
  /// `nil` with fewer than three complete batches or when the batch means are all equal.
  /// - Complexity: O(``batchCount``).
  package var lag1Autocorrelation: Double? {
    let means = batchMeans
    guard means.count >= 3 else { return nil }
    let tally = Tally(means)
    var sumOfSquares = 0.0
    var sumOfProducts = 0.0
    for k in means.indices {
      let deviation = means[k] - tally.mean
      sumOfSquares += deviation * deviation
      if k > 0 { sumOfProducts += deviation * (means[k - 1] - tally.mean) }
    }
    return sumOfSquares > 0 ? sumOfProducts / sumOfSquares : nil
  }

  /// Observations per complete batch.
  /// - Complexity: O(1).
  package var batchSize: Int { _batchSize }

  /// The number of complete batches, below ``maximumBatchCount``.
  /// - Complexity: O(1).
  package var batchCount: Int { batchSums.count }

  /// All observations after the warm-up, including the incomplete batch.
  /// - Complexity: O(1).
  package var observations: Tally { _observations }

  /// How many warm-up observations have been discarded so far.
  /// - Complexity: O(1).
  package var discardedCount: Int { discarded }
}
