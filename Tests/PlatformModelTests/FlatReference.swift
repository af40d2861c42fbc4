import SimKernel
@testable import PlatformModel

extension PlatformScenario {
  /// The reference platform for `hours` at a flat `requestsPerSecond` (no daily or weekly
  /// swing), the base many world tests vary one thing of.
  static func flatReference(hours: Int64, requestsPerSecond: Double = 200) -> PlatformScenario {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(hours)
    scenario.traffic.baseRequestsPerSecond = requestsPerSecond
    scenario.traffic.peakToTroughRatio = 1
    scenario.traffic.weekendFactor = 1
    return scenario
  }
}
