import SimKernel

/// A time-ordered index over a recommendation log that answers the stabilization scans of
/// ``HPABehaviorController`` without a pass over the log.
///
/// Upstream keeps the log as an unordered list: a new recommendation overwrites the last stale
/// entry (by position), or is appended. The log itself is kept exactly so; the index only finds
/// the same answers faster. It holds:
/// - the log's entries not yet stale, chained by position in time order (new entries carry the
///   newest time, so they join at the newest end), and the stale entries' positions, sorted, so
///   that the last stale position is the largest. In the steady state the oldest entry goes
///   stale and its position takes the new one, so the chain's links stay as they are;
/// - the largest recommendation in the maximum's window, the newest of equals, and likewise the
///   smallest in the minimum's window. The kept entry is the largest of a set that holds every
///   entry of the window: the window it was found in, and each entry recorded since, compared
///   as it was recorded. So while it is inside the window it is the window's largest; once it
///   leaves, the next is found by walking the chain.
///
/// Both are only valid while cutoffs and times never go back: each query drops from the oldest
/// end of the chain what its cutoff makes stale, and an extreme that left its window is never
/// looked at again.
/// ``record(_:at:in:staleCutoff:maximumCutoff:minimumCutoff:isBehavior:maximum:minimum:)``
/// checks that and otherwise declines; ``HPABehaviorController`` then scans the log as upstream
/// does and rebuilds the index at the next use.
/// `HPARecommendationIndexTests` checks it against the scans over random histories.
package struct HPARecommendationIndex: Sendable, Equatable {
  /// Per log position: for an entry not yet stale other than the newest, the position of the
  /// next newer one; other links are left over and never followed.
  private var newer: [Int] = []
  /// The oldest and newest positions of the chain of entries not yet stale; `oldest` is -1 when
  /// there are none.
  private var oldest = -1
  private var newest = -1
  /// Positions of stale entries not yet overwritten, ascending.
  private var stale: [Int] = []
  /// The largest recommendation in the maximum's window and the newest of equals; `nil` if it
  /// has to be found.
  private var largest: HPARecommendation?
  /// The smallest in the minimum's window (behavior stabilization only), likewise.
  private var smallest: HPARecommendation?
  /// Whether the index keeps the minimum (behavior stabilization) and counts the maximum's
  /// window strictly after its cutoff, as the legacy path does not; `nil` until built.
  private var isBehavior: Bool?
  /// The newest time in the log.
  private var newestTime = Int64.min
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
    newer = Array(repeating: -1, count: log.count)
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
  /// - Complexity: O(1) while the window's largest (and smallest) entry stays inside, else
  ///   O(*l*) in the entries not yet stale; plus O(*s*) for *s* entries going stale at once.
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
        && now.microsecondsSinceStart >= newestTime
    else { return false }
    self.staleCutoff = staleCutoff
    self.maximumCutoff = maximumCutoff
    // Entries going stale join the stale positions; the last one is kept apart, as in the
    // steady state it is the only one and is overwritten at once.
    var newlyStale = -1  // none
    var first = oldest
    while first >= 0 && log[first].time.microsecondsSinceStart < staleCutoff {
      if newlyStale >= 0 { insertStale(newlyStale) }
      newlyStale = first
      first = first == newest ? -1 : newer[first]
    }
    oldest = first
    // The largest in the maximum's window, found again if the kept one has left it.
    if let kept = largest,
      isBehavior
        ? kept.time.microsecondsSinceStart > maximumCutoff
        : kept.time.microsecondsSinceStart >= maximumCutoff
    {
      maximum = Swift.max(desired, kept.replicas)
    } else {
      largest = extreme(of: log, after: maximumCutoff, inclusive: !isBehavior, largest: true)
      maximum = Swift.max(desired, largest?.replicas ?? desired)
    }
    minimum = desired
    if isBehavior {
      self.minimumCutoff = minimumCutoff
      if let kept = smallest, kept.time.microsecondsSinceStart > minimumCutoff {
        minimum = Swift.min(desired, kept.replicas)
      } else {
        smallest = extreme(of: log, after: minimumCutoff, inclusive: false, largest: false)
        minimum = Swift.min(desired, smallest?.replicas ?? desired)
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

  /// The largest (or smallest) recommendation in `log` of the entries after `cutoff` (or at
  /// it, if `inclusive`), and the newest of equals; `nil` if there are none.
  ///
  /// The window holds only entries not yet stale, so the walk follows the chain.
  ///
  /// - Complexity: O(*l*) in the entries not yet stale.
  private func extreme(
    of log: [HPARecommendation], after cutoff: Int64, inclusive: Bool, largest: Bool
  ) -> HPARecommendation? {
    var found: HPARecommendation?
    var position = oldest
    while position >= 0 {
      let entry = log[position]
      let time = entry.time.microsecondsSinceStart
      if inclusive ? time >= cutoff : time > cutoff {
        // Later entries come newer, so equals replace.
        if let best = found {
          if largest ? entry.replicas >= best.replicas : entry.replicas <= best.replicas {
            found = entry
          }
        } else {
          found = entry
        }
      }
      position = position == newest ? -1 : newer[position]
    }
    return found
  }

  /// Chains the entry at `position`, the newest in the log, and keeps it as the largest
  /// (smallest) if it is at least (at most) as large (small) as the kept one.
  ///
  /// The link to it is written only if it changes, which in the steady state it does not.
  @inline(__always)
  private mutating func push(_ entry: HPARecommendation, at position: Int) {
    newestTime = entry.time.microsecondsSinceStart
    if position == newer.count { newer.append(-1) }
    if oldest < 0 {
      oldest = position
    } else if newer[newest] != position {
      newer[newest] = position
    }
    newest = position
    if entry.replicas >= largest?.replicas ?? .min { largest = entry }
    guard isBehavior == true else { return }
    if entry.replicas <= smallest?.replicas ?? .max { smallest = entry }
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
}
