import PlatformModel
import SimKernel

extension ScenarioSchema {
  /// The longest `limits.maxHorizon` a file may set: 10,000 years. Simulated time is Int64
  /// microseconds (about 292,000 years), and sums of times near that would overflow.
  static let largestMaxHorizon = SimDuration.days(3_652_500)

  /// The top-level `limits` object (``PlatformModel/ScenarioLimits``): how much work
  /// validation accepts. Each key overlays its default; docs/scenario-format.md, "Limits".
  static var limits: ObjectSchema<ScenarioLimits> {
    ObjectSchema(fields: [
      Field("maxHorizon", \.maxHorizon, .duration(.between(.microseconds(1), largestMaxHorizon))),
      Field("maxReportRows", \.maxReportRows, .integer(.greaterThan(0))),
      Field("maxFlowSteps", \.maxFlowSteps, .integer(.greaterThan(0))),
      Field("maxEvents", \.maxEvents, .integer(.greaterThan(0))),
      Field("maxPods", \.maxPods, .integer(.greaterThan(0))),
      Field("maxNodes", \.maxNodes, .integer(.greaterThan(0))),
      Field("maxFaultOccurrences", \.maxFaultOccurrences, .integer(.greaterThan(0))),
      Field("maxReleases", \.maxReleases, .integer(.greaterThan(0))),
      Field("maxConcurrency", \.maxConcurrency, .integer(.greaterThan(0))),
      Field("maxCallsPerRequest", \.maxCallsPerRequest, .number(.greaterThan(0))),
    ])
  }
}
