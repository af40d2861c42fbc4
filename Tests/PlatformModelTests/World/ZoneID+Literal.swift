@testable import PlatformModel

/// Zones written as plain numbers in tests (`zone: 0`); the model itself always names them
/// with `ZoneID(index)`.
extension ZoneID: ExpressibleByIntegerLiteral {
  public init(integerLiteral index: Int) { self.init(index) }
}
