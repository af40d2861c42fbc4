import SimKernel

/// The outcome of simulating one scenario once: the time series, incidents, event log,
/// totals and latency distribution, from which the reports are written.
package struct PlatformRunResult: Sendable {
  /// The scenario that was run.
  package var scenario: PlatformScenario
  /// The replication index (0 for a single run).
  package var replication: UInt64
  /// One row per reporting interval.
  package var intervals: [IntervalRecord]
  /// Incidents, in order of start.
  package var incidents: [IncidentRecord]
  /// Faults, failovers, health transitions and alerts, in time order.
  package var events: [EventRecord]
  /// Whole-run totals.
  package var totals: RunTotals
  /// Request-weighted latency of successful requests.
  package var latency: LatencyHistogram
  /// Events the kernel fired.
  package var eventsFired: UInt64
}

/// Runs `scenario` once, as replication `replication` (which selects its random streams).
///
/// A pure function of its arguments: the same scenario and replication give the same result.
package func simulate(_ scenario: PlatformScenario, replication: UInt64 = 0) -> PlatformRunResult {
  var simulation = Simulation<WorldEvent>(expectedPendingEvents: 256)
  var world = PlatformWorld(scenario: scenario, replication: replication, simulation: &simulation)
  let horizon = SimTime(sinceStart: scenario.horizon)
  _ = simulation.run(&world, until: horizon)
  world.integrate(until: horizon)
  return PlatformRunResult(
    scenario: scenario, replication: replication, intervals: world.intervals,
    incidents: world.incidents, events: world.events, totals: world.totals,
    latency: world.latencyHistogram, eventsFired: simulation.eventsFired)
}
