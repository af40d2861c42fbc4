import PlatformModel
import SimKernel

extension ScenarioSchema {
  /// The longest `limits.maxHorizon` a file may set: the longest duration any field may state
  /// (``Codec/longestDuration``, 1000 years), within which sums of times cannot overflow.
  static var largestMaxHorizon: SimDuration { Codec<SimDuration>.longestDuration }

  /// The most pods or nodes `limits.maxPods` and `limits.maxNodes` may allow: the size the
  /// model's integer sums are bounded for (memory of at most 2^25 MiB a pod or node, summed
  /// over at most 10^5 of them, stays inside Int64 bytes). The limits can be lowered, not
  /// raised past it.
  static let largestPodOrNodeCount = 100_000

  /// The top-level `limits` object (``PlatformModel/ScenarioLimits``): how much work
  /// validation accepts. Each key overlays its default; docs/scenario-format.md, "Limits".
  static var limits: ObjectSchema<ScenarioLimits> {
    ObjectSchema(fields: [
      Field("maxHorizon", \.maxHorizon, .duration(.between(.microseconds(1), largestMaxHorizon))),
      Field("maxReportRows", \.maxReportRows, .integer(.greaterThan(0))),
      Field("maxFlowSteps", \.maxFlowSteps, .integer(.greaterThan(0))),
      Field("maxEvents", \.maxEvents, .integer(.greaterThan(0))),
      Field("maxPods", \.maxPods, .integer(.greaterThan(0).atMost(largestPodOrNodeCount))),
      Field("maxNodes", \.maxNodes, .integer(.greaterThan(0).atMost(largestPodOrNodeCount))),
      Field("maxFaultOccurrences", \.maxFaultOccurrences, .integer(.greaterThan(0))),
      Field("maxReleases", \.maxReleases, .integer(.greaterThan(0))),
      Field("maxConcurrency", \.maxConcurrency, .integer(.greaterThan(0))),
      Field("maxCallsPerRequest", \.maxCallsPerRequest, .number(.greaterThan(0))),
    ])
  }
}
