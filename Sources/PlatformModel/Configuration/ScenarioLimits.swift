import SimKernel

/// How much work and memory a scenario may ask for before validation calls it unreasonable.
///
/// The model never reads these: the Scenarios target checks a scenario's estimated work against
/// them (docs/scenario-format.md, "Limits") so that a typo such as `"reportingInterval": "1us"`
/// or a million replicas is an error naming the estimate instead of a run that hangs or
/// allocates gigabytes. Each limit can be raised in the scenario file's `limits` object when
/// the user means it. They live in the scenario so that a sweep's variants, which are decoded
/// from the resolved scenario, are checked against the same limits as the file.
package struct ScenarioLimits: Sendable, Equatable {
  /// The longest horizon: 100 years of 365.25 days.
  package var maxHorizon: SimDuration = .days(36_525)
  /// The most rows of the time series (horizon / reportingInterval): each is a row of
  /// timeseries.csv, written as the run goes (the run keeps none in memory).
  package var maxReportRows: Int = 1_000_000
  /// The most flow steps (horizon / flowStep, with fineFlowStep where the traffic changes
  /// fast); each costs a flow computation.
  package var maxFlowSteps: Int = 100_000_000
  /// The most periodic events (report ticks, metrics scrapes, node autoscaler scans, fault
  /// starts and ends, analysis measurements).
  package var maxEvents: Int = 100_000_000
  /// The most pods the services may run together (the sum of their largest replica counts).
  package var maxPods: Int = 100_000
  /// The most nodes the node groups may hold together (the sum of their `maxNodes`).
  package var maxNodes: Int = 100_000
  /// The most fault occurrences expected over the horizon, all faults together; each opens
  /// an incident that is kept until the run ends.
  package var maxFaultOccurrences: Int = 1_000_000
  /// The most releases expected over the horizon (scheduled ones plus the stream's).
  package var maxReleases: Int = 100_000
  /// The largest concurrency (a pod's workers, the database's or the cache's connections):
  /// the queueing formulas take time in proportion to it at every flow step.
  package var maxConcurrency: Int = 10_000
  /// The most calls a request may make to one dependency (or to the internet): failures
  /// compound once per call at every flow step.
  package var maxCallsPerRequest: Double = 1_000

  /// The documented defaults.
  package init() {}
}
