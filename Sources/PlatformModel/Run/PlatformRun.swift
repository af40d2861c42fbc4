import SimKernel

/// The outcome of simulating one scenario once: the time series, incidents, event log,
/// totals and latency distribution, from which the reports are written.
package struct PlatformRunResult: Sendable {
  /// The scenario that was run.
  package var scenario: PlatformScenario
  /// The replication index (0 for a single run).
  package var replication: UInt64
  /// Incidents, in order of start.
  package var incidents: [IncidentRecord]
  /// Faults, failovers, health transitions and alerts, in time order.
  package var events: [EventRecord]
  /// Whole-run totals.
  package var totals: RunTotals
  /// Request-weighted latency of successful requests.
  package var latency: LatencyHistogram
  /// Releases, in order of merge.
  package var releases: [ReleaseRecord]
  /// Node group names (the Karpenter pool last, when there is one), as in
  /// ``IntervalRecord/nodesPerGroup``.
  package var nodeGroupNames: [String]
  /// Per node group, in the order of ``nodeGroupNames``: its node count over the reporting
  /// intervals (empty statistics in a summary run, which builds no rows).
  package var nodesPerGroup: [NodeCountStatistics]
  /// Per service: how long it ran short of capacity after each load step.
  package var capacity: CapacityTracker
  /// Events the kernel fired.
  package var eventsFired: UInt64
  /// What the run used, for the cost report.
  package var ledger: CostLedger
  /// The ledger priced with the scenario's price table.
  package var cost: CostBreakdown
}

/// Runs `scenario` once, as replication `replication` (which selects its random streams),
/// recording `detail`, sending each reporting interval's row to `timeSeries` and, if given,
/// each logged event to `events`.
///
/// A pure function of its arguments: the same scenario and replication give the same result
/// and the same rows. The figures do not depend on `detail` or the sinks, only what is
/// recorded does. No row is kept: a caller that wants them gives a sink
/// (``IntervalSink``), which receives them in time order while the run goes. The event log
/// is kept in ``PlatformRunResult/events`` unless an ``EventSink`` takes it.
///
/// - Precondition: no `timeSeries` for a ``RunDetail/summary`` run, which builds no rows.
package func simulate(
  _ scenario: PlatformScenario, replication: UInt64 = 0, detail: RunDetail = .full,
  timeSeries: (any IntervalSink)? = nil, events eventLog: (any EventSink)? = nil
) -> PlatformRunResult {
  var simulation = Simulation<WorldEvent>(expectedPendingEvents: 256)
  var world = PlatformWorld(scenario: scenario, replication: replication, simulation: &simulation)
  if let eventLog { world.recorder.stream(eventsTo: eventLog) }
  world.recorder.timeSeries = TimeSeriesRecorder(
    detail: detail, sink: timeSeries, nodeGroups: world.nodeGroupNames.count)
  let horizon = SimTime(sinceStart: scenario.horizon)
  _ = simulation.run(&world, until: horizon)
  world.integrate(until: horizon)
  world.flushFlow()
  world.closeNodeBill(at: horizon)
  world.recorder.capacity.close(at: horizon)
  let ledger = costLedger(
    scenario: scenario, totals: world.recorder.totals, loadBalancer: world.recorder.timeSeries.loadBalancer,
    nodes: world.recorder.nodeBill)
  var incidents = world.recorder.incidents
  let budget = errorBudgetRequests(scenario: scenario, totals: world.recorder.totals)
  for i in incidents.indices {
    incidents[i].errorBudgetSpent = budget > 0 ? incidents[i].failedRequests / budget : 0
  }
  var releases = world.delivery.releases.records
  for i in releases.indices {
    releases[i].errorBudgetSpent = budget > 0 ? releases[i].failedRequests / budget : 0
  }
  return PlatformRunResult(
    scenario: scenario, replication: replication, incidents: incidents, events: world.recorder.events,
    totals: world.recorder.totals, latency: world.recorder.latencyHistogram, releases: releases,
    nodeGroupNames: world.nodeGroupNames, nodesPerGroup: world.recorder.timeSeries.nodesPerGroup,
    capacity: world.recorder.capacity, eventsFired: simulation.eventsFired, ledger: ledger,
    cost: CostBreakdown(ledger: ledger, prices: scenario.prices, elapsed: scenario.horizon))
}

/// Requests carried per new load-balancer connection (HTTP keep-alive).
let requestsPerConnection = 10.0

/// The platform's load on its load balancer while offered `requestsPerSecond`: new
/// connections at ``requestsPerConnection`` requests each, held for a minute, and the
/// responses' bytes.
func loadBalancerUsage(requestsPerSecond rate: Double) -> LoadBalancerUsage {
  LoadBalancerUsage(
    newConnectionsPerSecond: rate / requestsPerConnection,
    activeConnections: rate / requestsPerConnection * 60,
    processedGBPerHour: rate * PlatformWorld.responseKiB * PlatformWorld.gigabytesPerKiB * 3_600)
}

/// What the platform used over the run: its fixed components for the whole horizon, worker
/// nodes as billed node by node (`nodes`), the load balancer's capacity units as the reporting
/// intervals consumed them (`loadBalancer`, accumulated by
/// ``TimeSeriesRecorder/addLoad(requestsPerSecond:over:)``), and the traffic volumes the flow
/// measured.
func costLedger(
  scenario: PlatformScenario, totals: RunTotals, loadBalancer: CostLedger, nodes: CostLedger
) -> CostLedger {
  // The fixed components for the whole horizon, worker nodes as billed node by node, then
  // traffic.
  var fixed = scenario.platform
  fixed.nodeGroups = []
  var ledger = CostLedger(atRest: fixed, duration: scenario.horizon)
  for (kind, time) in nodes.nodeTime.sorted(by: { $0.key < $1.key }) {
    ledger.addNodeTime(instanceType: kind.instanceType, purchase: kind.purchase, duration: time)
  }
  ledger.addLoadBalancerCapacityUnitHours(loadBalancer.loadBalancerCapacityUnitHours)
  ledger.addNATProcessedGB(totals.natGB)
  ledger.addInterZoneGB(totals.interZoneGB)
  return ledger
}

/// The SLO window's error budget in requests: `(1 - availability)` of the requests the window
/// would see at the run's mean rate.
package func errorBudgetRequests(scenario: PlatformScenario, totals: RunTotals) -> Double {
  let windowShare = scenario.objectives.window.inSeconds / scenario.horizon.inSeconds
  return (1 - scenario.objectives.availability) * totals.requests * windowShare
}
