/// Which share of an experiment's work one process runs: shard *K* of *N*, as
/// `--shard K/N` gives it (for a Kubernetes Indexed Job or a CI matrix).
///
/// **Assignment.** The work items, one per (variant, replication), are numbered variant-major:
/// item (*v*, *r*) is number *v* · R + *r*, for R replications per variant. Shard *K* runs the
/// items whose number *f* has *f* mod *N* = *K* − 1 (round robin). So the shards are disjoint
/// and together cover every item, each has ⌊T/N⌋ or ⌈T/N⌉ of the T items, and which shard runs
/// an item depends only on (*v*, *r*, R, *N*): not on timing or on the number of jobs.
/// A replication is a pure function of its (variant, index), so merging the shards' results
/// gives the same bytes as one unsharded run.
package struct ShardPlan: Hashable, Sendable, CustomStringConvertible {
  /// One unit of work: one replication of one variant.
  package struct WorkItem: Hashable, Comparable, Sendable {
    /// The variant's number in the sweep grid.
    package var variant: Int
    /// The replication's index, which determines its random streams.
    package var replication: Int

    /// An item.
    package init(variant: Int, replication: Int) {
      self.variant = variant
      self.replication = replication
    }

    /// Variant-major order, the order of the flat numbering.
    package static func < (a: WorkItem, b: WorkItem) -> Bool {
      (a.variant, a.replication) < (b.variant, b.replication)
    }
  }

  /// *K*, counting from 1.
  package let index: Int
  /// *N*, the number of shards.
  package let count: Int

  /// The whole experiment in one process: shard 1/1.
  package static let whole = ShardPlan(validIndex: 1, count: 1)

  /// Shard `index` of `count`.
  ///
  /// - Throws: ``ExperimentInputError`` with subject `shard "K/N"` unless
  ///   `1 <= index <= count`.
  package init(index: Int, count: Int) throws(ExperimentInputError) {
    let subject = "shard \(ExperimentInputError.quote("\(index)/\(count)"))"
    guard count >= 1 else {
      throw ExperimentInputError(
        subject: subject, message: "N must be at least 1 (got \(count))")
    }
    guard index >= 1 && index <= count else {
      throw ExperimentInputError(
        subject: subject,
        message: "K must be between 1 and \(count) (got \(index))")
    }
    self.init(validIndex: index, count: count)
  }

  /// Parses `K/N`: two whole numbers in decimal digits, 1 ≤ K ≤ N.
  ///
  /// - Throws: ``ExperimentInputError`` with subject `shard "text"`, e.g.
  ///   `shard "4/3": K must be between 1 and 3 (got 4)`.
  package init(parsing text: String) throws(ExperimentInputError) {
    let subject = "shard \(ExperimentInputError.quote(text))"
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      throw ExperimentInputError(
        subject: subject, message: "expected K/N, shard K of N shards, such as 1/4")
    }
    func number(_ part: Substring, _ name: String) throws(ExperimentInputError) -> Int {
      guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part)
      else {
        throw ExperimentInputError(
          subject: subject,
          message:
            "\(name) must be a whole number (got \(ExperimentInputError.quote(String(part))))")
      }
      return n
    }
    let k = try number(parts[0], "K")
    let n = try number(parts[1], "N")
    guard n >= 1 else {
      throw ExperimentInputError(subject: subject, message: "N must be at least 1 (got \(n))")
    }
    guard k >= 1 && k <= n else {
      throw ExperimentInputError(
        subject: subject, message: "K must be between 1 and \(n) (got \(k))")
    }
    self.init(validIndex: k, count: n)
  }

  /// An already-checked shard.
  private init(validIndex: Int, count: Int) {
    self.index = validIndex
    self.count = count
  }

  /// `K/N`.
  package var description: String { "\(index)/\(count)" }

  /// Whether this shard runs flat work item number `number`.
  /// - Precondition: `number >= 0`.
  package func owns(itemNumber number: Int) -> Bool {
    precondition(number >= 0, "ShardPlan: item numbers start at 0 (got \(number))")
    return number % count == index - 1
  }

  /// Whether this shard runs `item`, with `replicationCount` replications per variant.
  /// - Precondition: `0 <= item.replication < replicationCount`, `item.variant >= 0`.
  package func owns(_ item: WorkItem, replicationCount: Int) -> Bool {
    precondition(
      item.replication >= 0 && item.replication < replicationCount && item.variant >= 0,
      "ShardPlan: \(item) is outside a grid of \(replicationCount) replications per variant")
    return owns(itemNumber: item.variant * replicationCount + item.replication)
  }

  /// This shard's work items, in variant-major order.
  ///
  /// - Precondition: `variantCount >= 0`, `replicationCount >= 0`.
  /// - Complexity: O(T/N) for T = `variantCount × replicationCount` items.
  package func workItems(variantCount: Int, replicationCount: Int) -> [WorkItem] {
    precondition(variantCount >= 0 && replicationCount >= 0, "ShardPlan: negative count")
    let total = variantCount * replicationCount
    return stride(from: index - 1, to: total, by: count).map { number in
      WorkItem(variant: number / replicationCount, replication: number % replicationCount)
    }
  }
}
