/// One value per service, indexed by ``ServiceID``: the only way the world keeps per-service
/// figures, so that a zone, a pod or a revision group cannot index them by mistake.
///
/// The IDs are `ServiceID(0)..<ServiceID(count)`, in the scenario's service order.
package struct PerService<Element>: RandomAccessCollection, MutableCollection {
  package typealias Index = ServiceID
  package typealias Indices = Range<ServiceID>

  private var elements: [Element]

  /// The values of services `0..<elements.count`, in order.
  package init(_ elements: [Element]) { self.elements = elements }

  /// `value` for each of `count` services.
  package init(repeating value: Element, count: Int) {
    elements = Array(repeating: value, count: count)
  }

  package var startIndex: ServiceID { ServiceID(0) }
  @inline(__always) package var endIndex: ServiceID { ServiceID(elements.count) }
  package var indices: Range<ServiceID> { startIndex..<endIndex }
  package var count: Int { elements.count }

  /// Service `service`'s value, read and written in place.
  ///
  /// The write goes through the storage's address rather than `Array`'s own `_modify`: the
  /// compiler left that coroutine out of line in the flow's step loop (a call per access, 2 %
  /// of a reference run's instructions). The address is taken after the storage is made
  /// unique and used only while this access holds `self` exclusively.
  package subscript(service: ServiceID) -> Element {
    @inline(__always) _read { yield elements[service.index] }
    @inline(__always) _modify {
      precondition(elements.indices.contains(service.index), "service \(service) out of range")
      let base = elements.withUnsafeMutableBufferPointer { $0.baseAddress.unsafelyUnwrapped }
      yield &base[service.index]
    }
  }

  /// The values as a plain array, in service order (for reports and controllers, which take
  /// arrays).
  package var values: [Element] { elements }
}

extension PerService: Sendable where Element: Sendable {}
extension PerService: Equatable where Element: Equatable {}

extension PerService {
  /// Sets every service's value to `value`, resizing to `count` services first if needed,
  /// reusing the storage (the flow's per-step buffers).
  package mutating func fill(_ value: Element, count: Int) {
    if elements.count != count {
      elements = Array(repeating: value, count: count)
    } else {
      elements.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }
  }
}
