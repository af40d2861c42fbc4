extension QuantileSketch {
  /// The bucket counts of one sign of a ``QuantileSketch``: a dense run of `UInt64` counts with
  /// the index of its first slot, grown on either side as values arrive.
  ///
  /// **Window.** With `h` the highest index ever added and `m` the maximum bucket count, only
  /// indices in [h − m + 1, h] can hold counts; an index below is counted in bucket h − m + 1.
  /// When `h` rises, the buckets that fall below the new window are folded into its lowest
  /// bucket. Since h only depends on the values added, the final counts do too, whatever the
  /// order: each value with index i ends in bucket max(i, h − m + 1).
  ///
  /// **Storage.** `counts` covers [offset, offset + counts.count). It never extends above h,
  /// and below the window only by slots that were folded (zero). Those dead slots are dropped
  /// once they are at least half of the storage, so storage never exceeds 2m slots. Growing to
  /// the left reserves as many slots again (within the window), so a descending stream costs
  /// amortised O(1) per value.
  @usableFromInline
  struct BucketStore: Sendable {
    /// Counts; `counts[k]` is the count of bucket `offset + k`.
    @usableFromInline var counts: ContiguousArray<UInt64>
    /// The bucket index of `counts[0]`.
    @usableFromInline var offset: Int
    /// The highest index ever added, or `Int.min` while empty.
    @usableFromInline var highestIndex: Int
    /// The sum of all counts.
    @usableFromInline var total: UInt64
    /// The window width m.
    @usableFromInline let maximumBucketCount: Int

    /// An empty store keeping at most `maximumBucketCount` buckets.
    @usableFromInline
    init(maximumBucketCount: Int) {
      counts = []
      offset = 0
      highestIndex = .min
      total = 0
      self.maximumBucketCount = maximumBucketCount
    }

    /// The lowest index of the window; meaningful only when the store is not empty.
    @inlinable
    var lowestKeptIndex: Int { highestIndex &- (maximumBucketCount &- 1) }

    /// Adds `count` values of bucket `index`.
    /// - Complexity: O(1) amortised.
    @inlinable
    mutating func add(index: Int, count: UInt64) {
      if index > highestIndex { raiseHighestIndex(to: index) }
      let target = Swift.max(index, lowestKeptIndex)
      let slot = target &- offset
      if slot >= 0 && slot < counts.count {
        counts[slot] += count
      } else {
        growToInclude(target)
        counts[target &- offset] += count
      }
      total += count
    }

    /// Moves the window up so that its highest index is `newHighest`, folding the buckets that
    /// fall below it into its new lowest bucket.
    /// - Complexity: O(*d*) for a rise of *d* indices, plus an occasional O(*s*) compaction of
    ///   the *s* stored slots, paid for by the at least *s*/2 folded slots it drops.
    @usableFromInline
    mutating func raiseHighestIndex(to newHighest: Int) {
      guard total > 0 else {
        highestIndex = newHighest
        counts.removeAll(keepingCapacity: true)
        counts.append(0)
        offset = newHighest
        return
      }
      let oldLowest = lowestKeptIndex
      highestIndex = newHighest
      let newLowest = lowestKeptIndex
      guard newLowest > oldLowest, newLowest > offset else { return }
      // Slots below oldLowest are already zero; fold [max(oldLowest, offset), newLowest).
      let end = offset + counts.count
      let foldFrom = Swift.max(oldLowest, offset)
      let foldTo = Swift.min(newLowest, end)
      var folded: UInt64 = 0
      if foldFrom < foldTo {
        for slot in (foldFrom - offset)..<(foldTo - offset) {
          folded += counts[slot]
          counts[slot] = 0
        }
      }
      if newLowest >= end {
        // Everything stored is now below the window.
        counts.removeAll(keepingCapacity: true)
        counts.append(folded)
        offset = newLowest
        return
      }
      counts[newLowest - offset] += folded
      let dead = newLowest - offset
      if dead > 0 && 2 * dead >= counts.count {
        counts.removeFirst(dead)
        offset = newLowest
      }
    }

    /// Extends storage so that it covers `index`, which lies in the window.
    /// - Complexity: O(*s*) for *s* stored slots, amortised O(1) per added slot.
    @usableFromInline
    mutating func growToInclude(_ index: Int) {
      let end = offset + counts.count
      if index >= end {
        counts.append(contentsOf: repeatElement(0, count: index - end + 1))
      } else if index < offset {
        // Leave as much room again to the left, but never below the window.
        let newOffset = Swift.max(lowestKeptIndex, index - counts.count)
        counts.insert(contentsOf: repeatElement(0, count: offset - newOffset), at: 0)
        offset = newOffset
      }
    }

    /// Adds every count of `other`.
    /// - Complexity: O(*s* + *t*) for *s* and *t* stored slots.
    @usableFromInline
    mutating func merge(_ other: BucketStore) {
      guard other.total > 0 else { return }
      if other.highestIndex > highestIndex { raiseHighestIndex(to: other.highestIndex) }
      // Highest first: the store then grows left at most a few times, by doubling.
      for slot in other.counts.indices.reversed() where other.counts[slot] != 0 {
        add(index: other.offset + slot, count: other.counts[slot])
      }
    }

    /// The count of bucket `index`, zero outside storage.
    @usableFromInline
    func count(atIndex index: Int) -> UInt64 {
      let slot = index - offset
      return slot >= 0 && slot < counts.count ? counts[slot] : 0
    }

    /// The index of the bucket holding the value at 0-based position `rank` in ascending
    /// index order.
    /// - Precondition: `rank < total`.
    /// - Complexity: O(*s*).
    @usableFromInline
    func index(atRankFromLowest rank: UInt64) -> Int {
      var seen: UInt64 = 0
      for slot in counts.indices {
        seen += counts[slot]
        if seen > rank { return offset + slot }
      }
      preconditionFailure("BucketStore: rank \(rank) out of range (total \(total))")
    }

    /// The index of the bucket holding the value at 0-based position `rank` in descending
    /// index order.
    /// - Precondition: `rank < total`.
    /// - Complexity: O(*s*).
    @usableFromInline
    func index(atRankFromHighest rank: UInt64) -> Int {
      var seen: UInt64 = 0
      for slot in counts.indices.reversed() {
        seen += counts[slot]
        if seen > rank { return offset + slot }
      }
      preconditionFailure("BucketStore: rank \(rank) out of range (total \(total))")
    }

    /// Buckets from the lowest to the highest non-empty one; 0 when empty.
    @usableFromInline
    var bucketSpan: Int {
      guard total > 0, let first = counts.firstIndex(where: { $0 != 0 }) else { return 0 }
      return highestIndex - (offset + first) + 1
    }
  }
}

extension QuantileSketch.BucketStore: Equatable {
  /// Whether both stores hold the same count in every bucket (storage layout is ignored).
  /// - Complexity: O(*s* + *t*).
  @usableFromInline static func == (a: QuantileSketch.BucketStore, b: QuantileSketch.BucketStore) -> Bool {
    guard a.total == b.total, a.maximumBucketCount == b.maximumBucketCount else { return false }
    guard a.total > 0 else { return true }
    guard a.highestIndex == b.highestIndex else { return false }
    let low = Swift.min(a.offset, b.offset)
    let high = Swift.max(a.offset + a.counts.count, b.offset + b.counts.count)
    for index in low..<high where a.count(atIndex: index) != b.count(atIndex: index) {
      return false
    }
    return true
  }
}
