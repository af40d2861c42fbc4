/// A node group's node count over a run's reporting intervals: its mean, minimum and maximum,
/// kept as the intervals close instead of from their rows.
///
/// Counts are summed as integers, so ``mean``, `Double(sum) / Double(intervals)`, is bit for bit
/// the mean of the counts had they been stored.
package struct NodeCountStatistics: Sendable, Equatable {
  /// Intervals recorded.
  package private(set) var intervals = 0
  /// The counts' sum.
  package private(set) var sum = 0
  /// The smallest count, or `nil` before the first interval.
  package private(set) var minimum: Int?
  /// The largest count, or `nil` before the first interval.
  package private(set) var maximum: Int?

  /// No intervals yet.
  package init() {}

  /// The mean count per interval; 0 before the first interval.
  package var mean: Double { intervals == 0 ? 0 : Double(sum) / Double(intervals) }

  /// Adds one interval's count.
  ///
  /// - Complexity: O(1), no allocation.
  package mutating func record(_ count: Int) {
    intervals += 1
    sum += count
    minimum = Swift.min(minimum ?? count, count)
    maximum = Swift.max(maximum ?? count, count)
  }
}
