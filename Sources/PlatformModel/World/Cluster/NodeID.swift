/// A node's slot in the cluster's node table. Removed nodes keep their slots, so an ID names
/// one node for the whole run.
package struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The slot's index in ``Cluster``'s node table.
  package let index: Int

  package init(_ index: Int) { self.index = index }

  package static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }

  /// The slot number, as node names show it (`node-12`).
  package var description: String { String(index) }
}
