/// A service, by its index in the platform's services.
///
/// Strideable so that a ``PerService`` table's indices are a plain range of IDs
/// (`for service in table.indices`).
package struct ServiceID: Hashable, Strideable, Sendable, CustomStringConvertible {
  /// The service's index in `platform.services`.
  package let index: Int

  package init(_ index: Int) { self.index = index }

  package func distance(to other: ServiceID) -> Int { other.index - index }
  package func advanced(by n: Int) -> ServiceID { ServiceID(index + n) }

  package var description: String { String(index) }
}
