/// A release's place in the run's release log (`releases.csv` lists it as `id` = index + 1).
package struct ReleaseID: Hashable, Comparable, Sendable {
  /// The release's index in ``ReleaseLog``.
  package let index: Int

  package init(_ index: Int) { self.index = index }

  package static func < (a: ReleaseID, b: ReleaseID) -> Bool { a.index < b.index }
}

/// Every release of the run, in the order they were merged, by ``ReleaseID``.
struct ReleaseLog: Sendable {
  /// The records, by index.
  private(set) var records: [ReleaseRecord] = []

  /// How many releases there are.
  var count: Int { records.count }

  /// Appends a release and returns its ID.
  mutating func append(_ record: ReleaseRecord) -> ReleaseID {
    records.append(record)
    return ReleaseID(records.count - 1)
  }

  /// One release, read and written in place.
  subscript(release: ReleaseID) -> ReleaseRecord {
    _read { yield records[release.index] }
    _modify { yield &records[release.index] }
  }
}
