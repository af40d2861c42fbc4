/// An ID that names a slot of a table by its index (``PodID``, ``NodeID``).
protocol SlotID: Comparable, Sendable {
  init(_ index: Int)
  var index: Int { get }
}

extension PodID: SlotID {}
extension NodeID: SlotID {}

/// Every slot of a table, as IDs, in order; fixed when it is taken, so slots appended while a
/// loop runs over it are not visited (as with `indices`).
struct SlotIDs<ID: SlotID>: RandomAccessCollection, Sendable {
  let startIndex: Int
  let endIndex: Int

  init(_ slots: Range<Int>) {
    startIndex = slots.lowerBound
    endIndex = slots.upperBound
  }

  subscript(position: Int) -> ID { ID(position) }
}
