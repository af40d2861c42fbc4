/// Node slots `lowerBound..<upperBound` as IDs, in order.
///
/// Not generic on purpose (see ``PodIDSet``).
struct NodeIDRange: RandomAccessCollection, Sendable {
  let startIndex: Int
  let endIndex: Int

  init(_ slots: Range<Int>) {
    startIndex = slots.lowerBound
    endIndex = slots.upperBound
  }

  subscript(position: Int) -> NodeID { NodeID(position) }
}
