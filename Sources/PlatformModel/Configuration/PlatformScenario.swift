import SimKernel

/// Everything one run of the platform needs: what the platform is, the load on it, the faults
/// injected into it, the objectives it is judged by, and how long and with which seed to run.
///
/// Scenario files decode into this (see the Scenarios target); ``reference`` is the built-in
/// TByte production platform that every field defaults to.
package struct PlatformScenario: Sendable, Equatable {
  /// The scenario's name, used for the report folder.
  package var name: String
  /// The master seed; every random stream of the run derives from it.
  package var seed: UInt64
  /// Simulated time to run.
  package var horizon: SimDuration
  /// The longest stretch over which flow fidelity treats the traffic rate as constant, while
  /// the rate changes slowly (the daily and weekly curve).
  package var flowStep: SimDuration
  /// The flow step while the rate changes fast: while a traffic spike ramps or holds, and
  /// throughout a recorded trace (the smaller of this and `flowStep` applies).
  package var fineFlowStep: SimDuration = .seconds(10)
  /// One row of the time series per interval.
  package var reportingInterval: SimDuration
  /// The platform's components.
  package var platform: PlatformConfiguration
  /// The load offered to it.
  package var traffic: TrafficConfiguration
  /// Faults injected during the run.
  package var faults: [FaultConfiguration]
  /// New revisions of services and when they are merged.
  package var releases = ReleaseConfiguration()
  /// What the run is judged against.
  package var objectives: ServiceLevelObjectives
  /// How incidents are detected and answered.
  package var alerting: AlertingConfiguration
  /// Prices for the cost report.
  package var prices: PriceTable
  /// How much work validation accepts (the model ignores it).
  package var limits = ScenarioLimits()

  /// Creates a scenario from its parts.
  package init(
    name: String, seed: UInt64, horizon: SimDuration, flowStep: SimDuration,
    reportingInterval: SimDuration, platform: PlatformConfiguration,
    traffic: TrafficConfiguration, faults: [FaultConfiguration],
    objectives: ServiceLevelObjectives, alerting: AlertingConfiguration, prices: PriceTable
  ) {
    self.name = name
    self.seed = seed
    self.horizon = horizon
    self.flowStep = flowStep
    self.reportingInterval = reportingInterval
    self.platform = platform
    self.traffic = traffic
    self.faults = faults
    self.objectives = objectives
    self.alerting = alerting
    self.prices = prices
  }
}
