@testable import PlatformModel

/// Services written as plain numbers in tests (`service: 0`); the model itself always names
/// them with `ServiceID(index)`.
extension ServiceID: ExpressibleByIntegerLiteral {
  public init(integerLiteral index: Int) { self.init(index) }
}

/// Per-service tables written as array literals in tests (`podRequests: [small, large]`).
extension PerService: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: Element...) { self.init(elements) }
}
