import SimKernel

/// A time-ordered index over a recommendation log that answers the stabilization scans of
/// ``HPABehaviorController`` in amortized O(1) instead of a pass over the log.
///
/// Upstream keeps the log as an unordered list: a new recommendation overwrites the last stale
/// entry (by position), or is appended. The log itself is kept exactly so; the index only finds
/// the same answers faster. It holds:
/// - the positions of the log's entries not yet stale, in time order (new entries carry the
///   newest time, so they are appended), and the stale entries' positions, sorted, so that the
///   last stale position is the largest;
/// - for the largest recommendation newer than a cutoff, the entries no newer one equals or
///   exceeds, oldest first (a monotonic queue: the front is the window's maximum once older
///   entries are dropped); for the smallest, likewise with the order reversed.
///
/// Every query drops from the fronts what its cutoff excludes, which is only valid while cutoffs
/// and times never go back. ``HPABehaviorController`` checks that before each use and otherwise
/// scans the log as upstream does and rebuilds the index at the next use.
/// `HPARecommendationIndexTests` checks it against the scans over random histories.
package struct HPARecommendationIndex: Sendable, Equatable {
  /// Positions of entries not yet stale, oldest first, from `orderHead`.
  private var order: [Int] = []
  private var orderHead = 0
  /// Positions of stale entries not yet overwritten, ascending.
  private var stale: [Int] = []
  /// Candidates for the largest recommendation in a window, oldest first, from `maximaHead`:
  /// times ascending, replicas strictly descending.
  private var maxima: [HPARecommendation] = []
  private var maximaHead = 0
  /// Candidates for the smallest, from `minimaHead`: times ascending, replicas strictly
  /// ascending.
  private var minima: [HPARecommendation] = []
  private var minimaHead = 0
  /// Whether the index keeps the minimum (behavior stabilization) and counts the maximum's
  /// window strictly after its cutoff, as the legacy path does not; `nil` until built.
  private var isBehavior: Bool?
  /// The newest time in the log.
  private var newest = Int64.min
  /// The latest cutoffs used: the stale cutoff, the maximum's and the minimum's.
  private var staleCutoff = Int64.min
  private var maximumCutoff = Int64.min
  private var minimumCutoff = Int64.min

  /// An index not built yet: the next `record` builds it from the log.
  package init() {}

  /// Builds the index of `log` for behavior stabilization (`isBehavior`) or the legacy one.
  ///
  /// - Complexity: O(*r* log *r*).
  private mutating func build(of log: [HPARecommendation], isBehavior: Bool) {
    self = HPARecommendationIndex()
    self.isBehavior = isBehavior
    let byTime = log.indices.sorted {
      (log[$0].time.microsecondsSinceStart, $0) < (log[$1].time.microsecondsSinceStart, $1)
    }
    order.reserveCapacity(Swift.max(32, byTime.count))
    for position in byTime { push(log[position], at: position) }
  }

  /// Answers one stabilization over `log` and records `desired` at `now` in the log and here,
  /// unless that would break the index's invariants (a cutoff or the time moving back, or the
  /// other kind of stabilization asking).
  ///
  /// - Parameters:
  ///   - log: the log this index describes.
  ///   - desired: the new recommendation.
  ///   - now: its time.
  ///   - staleCutoff: entries strictly older are stale; the last stale one is overwritten.
  ///   - maximumCutoff: the maximum counts entries newer than this (behavior) or not older
  ///     (legacy).
  ///   - minimumCutoff: the minimum counts entries newer than this (behavior only).
  ///   - isBehavior: which stabilization asks.
  ///   - maximum: set to the largest of `desired` and the entries in the maximum's window.
  ///   - minimum: set to the smallest of `desired` and the entries in the minimum's window
  ///     (`desired` on the legacy path).
  /// - Returns: whether the index answered; if not, nothing was changed but the index, which
  ///   the caller must reset.
  /// - Complexity: amortized O(1) (O(*s*) for *s* entries going stale at once).
  @inline(__always)
  package mutating func record(
    _ desired: Int, at now: SimTime, in log: inout [HPARecommendation], staleCutoff: Int64,
    maximumCutoff: Int64, minimumCutoff: Int64, isBehavior: Bool, maximum: inout Int,
    minimum: inout Int
  ) -> Bool {
    if self.isBehavior == nil { build(of: log, isBehavior: isBehavior) }
    guard
      isBehavior == self.isBehavior && staleCutoff >= self.staleCutoff
        && maximumCutoff >= self.maximumCutoff && minimumCutoff >= self.minimumCutoff
        && now.microsecondsSinceStart >= newest
    else { return false }
    self.staleCutoff = staleCutoff
    self.maximumCutoff = maximumCutoff
    // Entries going stale join the stale positions; the last one is kept apart, as in the
    // steady state it is the only one and is overwritten at once.
    var newlyStale = -1  // none
    while orderHead < order.count {
      let position = order[orderHead]
      guard log[position].time.microsecondsSinceStart < staleCutoff else { break }
      if newlyStale >= 0 { insertStale(newlyStale) }
      newlyStale = position
      orderHead += 1
    }
    // The largest in the maximum's window.
    maximum = desired
    while maximaHead < maxima.count {
      let time = maxima[maximaHead].time.microsecondsSinceStart
      if isBehavior ? time > maximumCutoff : time >= maximumCutoff {
        maximum = Swift.max(maximum, maxima[maximaHead].replicas)
        break
      }
      maximaHead += 1
    }
    minimum = desired
    if isBehavior {
      self.minimumCutoff = minimumCutoff
      while minimaHead < minima.count {
        if minima[minimaHead].time.microsecondsSinceStart > minimumCutoff {
          minimum = Swift.min(minimum, minima[minimaHead].replicas)
          break
        }
        minimaHead += 1
      }
    }
    // Upstream's write: over the last stale entry, or appended.
    let entry = HPARecommendation(replicas: desired, time: now)
    var position = newlyStale
    if let last = stale.last, last > newlyStale {
      if newlyStale >= 0 { insertStale(newlyStale) }
      position = stale.removeLast()
    }
    if position >= 0 {
      log[position] = entry
    } else {
      position = log.count
      log.append(entry)
    }
    push(entry, at: position)
    return true
  }

  /// Adds the entry at `position`, the newest in the log.
  @inline(__always)
  private mutating func push(_ entry: HPARecommendation, at position: Int) {
    newest = entry.time.microsecondsSinceStart
    if orderHead >= 32 { Self.compact(&order, head: &orderHead) }
    order.append(position)
    Self.push(entry, onto: &maxima, head: &maximaHead) { $0 <= entry.replicas }
    guard isBehavior == true else { return }
    Self.push(entry, onto: &minima, head: &minimaHead) { $0 >= entry.replicas }
  }

  /// Appends `entry` to a monotonic queue after dropping the entries it dominates from the
  /// back, writing over the first of them rather than removing it and appending (one mutation
  /// in the steady state, where the new entry replaces an equal one).
  @inline(__always)
  private static func push(
    _ entry: HPARecommendation, onto queue: inout [HPARecommendation], head: inout Int,
    dominates: (Int) -> Bool
  ) {
    if head >= 32 { compact(&queue, head: &head) }
    let count = queue.count
    var end = count
    while end > head && dominates(queue[end - 1].replicas) { end -= 1 }
    if end == count {
      queue.append(entry)
    } else {
      queue[end] = entry
      if end + 1 < count { queue.removeLast(count - end - 1) }
    }
  }

  /// Inserts a stale position, keeping them ascending.
  private mutating func insertStale(_ position: Int) {
    stale.append(position)
    var i = stale.count - 1
    while i > 0 && stale[i - 1] > position {
      stale[i] = stale[i - 1]
      i -= 1
    }
    stale[i] = position
  }

  /// Drops the consumed front of `queue` once it is most of the array.
  @inline(__always)
  private static func compact<Element>(_ queue: inout [Element], head: inout Int) {
    guard head >= 32 && head * 2 >= queue.count else { return }
    queue.removeFirst(head)
    head = 0
  }
}
