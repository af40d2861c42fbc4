/// An availability zone, by its index in the platform's zones.
package struct ZoneID: Hashable, Sendable {
  /// The zone's index in `platform.zones`.
  package let index: Int

  package init(_ index: Int) { self.index = index }
}
