/// A pod's slot in the cluster's pod table.
///
/// Slots of deleted pods are reused, so an ID names a slot, and a pod's `generation` tells
/// apart the pods that held it.
package struct PodID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The slot's index in ``Cluster``'s pod table.
  package let index: Int

  package init(_ index: Int) { self.index = index }

  package static func < (a: PodID, b: PodID) -> Bool { a.index < b.index }

  /// The slot number, as pod names show it (`backend-7`).
  package var description: String { String(index) }
}
