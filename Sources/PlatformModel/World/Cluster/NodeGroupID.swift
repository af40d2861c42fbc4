/// A node group, by its index in the platform's node groups; one past the last is the
/// Karpenter pool (``PlatformWorld/karpenterPool``).
package struct NodeGroupID: Hashable, Sendable {
  /// The group's index in `platform.nodeGroups` (or their count, for the Karpenter pool).
  package let index: Int

  package init(_ index: Int) { self.index = index }
}
