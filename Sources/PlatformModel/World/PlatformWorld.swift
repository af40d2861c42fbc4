import SimKernel

/// The simulated platform in flow fidelity: its components' states, the faults acting on it,
/// and the accumulators the reports are built from.
///
/// Traffic is not a stream of events here: between two events the platform's state is
/// constant, and ``integrate(until:)`` turns the offered rate into requests, failures,
/// latency and utilisation over that stretch (split into steps of at most `flowStep`, with the
/// rate taken at each step's midpoint). Every handler integrates up to `now` first and only
/// then changes state, so failures are charged to exactly the state that caused them.
package struct PlatformWorld: SimulationModel {
  package typealias Event = WorldEvent

  let scenario: PlatformScenario
  let traffic: TrafficShape
  let services: PerService<ServiceConfiguration>
  /// The scenario's names resolved to indices, and the figures the flow reads every step.
  let resolved: ResolvedPlatform

  /// The pods and nodes, with their indexes and versions.
  var cluster: Cluster
  /// The zones and NAT gateways.
  var network: Network
  /// The database (RDS) and the cache (ElastiCache).
  var database: ManagedStore
  var cache: ManagedStore
  /// Per configured fault: its stream, current occurrence, incident and victim.
  var faults: [FaultOccurrence]
  /// What the active faults do to traffic.
  var faultEffects: FaultEffects
  var healthCheckStream: RandomStream

  /// Replica targets, HPAs and metrics-server.
  var workloads: Workloads
  /// The node autoscaler's settings and its state between scans.
  var nodeAutoscaler: NodeAutoscalerState
  /// Releases and their rollouts.
  var delivery: Delivery
  /// Node groups' names, then the Karpenter pool's (`karpenter`), for reports.
  package let nodeGroupNames: [String]
  /// How far the flow is integrated and flushed, and the current step's flow.
  var flowCursor = FlowCursor()
  /// What the run records for its reports: event log, incidents, interval and run sums,
  /// alerting, the time series, the node bill.
  var recorder: RunRecorder

  /// Builds the platform at time zero and schedules the first report tick and faults.
  ///
  /// - Precondition: `scenario` has been validated (names resolve, counts are in range).
  package init(
    scenario: PlatformScenario, replication: UInt64, simulation: inout Simulation<WorldEvent>
  ) {
    self.scenario = scenario
    self.traffic = TrafficShape(scenario.traffic)
    let platform = scenario.platform
    self.services = PerService(platform.services)
    let resolved = ResolvedPlatform(scenario)
    self.resolved = resolved
    cluster = Cluster(
      podRequests: PerService(platform.services.map {
        ResourceAmount(cpuMillicores: $0.cpuRequestMillicores, memoryMiB: $0.memoryRequestMiB, pods: 1)
      }),
      zoneSpread: PerService(platform.services.map(\.zoneSpread)), zoneCount: platform.zones.count)
    var singleGatewayZone: ZoneID? = nil
    if case .single(let zone) = platform.natGateways { singleGatewayZone = resolved.zoneIndex[zone] }
    network = Network(
      zoneCount: platform.zones.count, layout: platform.natGateways,
      singleGatewayZone: singleGatewayZone)
    let streams = RandomStreams(masterSeed: scenario.seed, replication: replication)
    database = ManagedStore(
      role: .database, primaryZone: resolved.zoneIndex[platform.database.primaryZone] ?? ZoneID(0),
      standbyZone: resolved.zoneIndex[platform.database.standbyZone] ?? ZoneID(0), streams: streams)
    cache = ManagedStore(
      role: .cache, primaryZone: resolved.zoneIndex[platform.cache.primaryZone] ?? ZoneID(0),
      standbyZone: resolved.zoneIndex[platform.cache.replicaZone] ?? ZoneID(0), streams: streams)
    faultEffects = FaultEffects(serviceCount: platform.services.count)
    workloads = Workloads(startingReplicas: PerService(platform.services.map(\.replicas)))

    faults = scenario.faults.indices.map {
      FaultOccurrence(stream: streams.stream(named: "fault.\($0)"))
    }
    healthCheckStream = streams.stream(named: "lb")
    recorder = RunRecorder(
      capacity: CapacityTracker(autoscalers: platform.services.map(\.autoscaler)),
      alerting: AlertState(
        rules: scenario.alerting.rules, interval: scenario.reportingInterval,
        horizon: scenario.horizon),
      nodeGroups: platform.nodeGroupNames.count)
    nodeAutoscaler = NodeAutoscalerState(
      configuration: platform.nodeAutoscaling, prices: scenario.prices,
      daemonSets: resolved.daemonSetsPerNode, streams: streams)
    delivery = Delivery(serviceCount: platform.services.count, streams: streams)
    nodeGroupNames = platform.nodeGroupNames

    buildNodes()
    placeInitialPods()
    simulation.schedule(.reportTick, after: scenario.reportingInterval, priority: .low)
    // metrics-server runs only when something reads it; without autoscalers, memory limits are
    // checked at every report tick instead (see closeInterval).
    if services.contains(where: { $0.autoscaler != nil }) {
      simulation.schedule(.metricsScrape, after: Self.metricsResolution, priority: .high)
    }
    for index in scenario.faults.indices { scheduleFirstOccurrence(of: index, in: &simulation) }
    startAutoscalers()
    startNodeAutoscaler(in: &simulation)
    startReleases(in: &simulation)
  }

  package mutating func handle(_ event: WorldEvent, in simulation: inout Simulation<WorldEvent>) {
    integrate(until: simulation.now)
    defer { armNodeAutoscaler(in: &simulation) }
    switch event {
    case .nodeAutoscalerScan, .metricsScrape:
      // Observers of pods and metrics (the scrape reads the usage integrals with what is not
      // flushed yet), not of the accumulators: they mark the flow stale themselves when they
      // act (see `FlowCursor.isStale`), and that flushes it first.
      break
    case .reportTick:
      // An observer that reads the accumulators.
      flushFlow()
    default:
      flushFlow()
      flowCursor.invalidate()
    }
    switch event {
    case .reportTick:
      closeInterval(at: simulation.now, in: &simulation)
      if simulation.now + scenario.reportingInterval <= SimTime(sinceStart: scenario.horizon) {
        simulation.schedule(.reportTick, after: scenario.reportingInterval, priority: .low)
      }
    case .faultStart(let index):
      startFault(index, in: &simulation)
    case .faultEnd(let index, let occurrence):
      if occurrence == faults[index].occurrence && faults[index].isActive {
        endFault(index, in: &simulation)
      }
    case .podReady(let pod, let generation):
      guard cluster[pod].generation == generation else { return }
      podBecameReady(pod, in: &simulation)
    case .podIntoRotation(let pod, let generation):
      guard cluster[pod].generation == generation, cluster[pod].phase == .ready, mayJoinRotation(pod)
      else { return }
      cluster[pod].inRotation = true
      if cluster[pod].revision == delivery[cluster[pod].service].newRevision,
        !delivery[cluster[pod].service].aborted
      {
        log(simulation.now, .newRevisionInRotation, podName(pod), "new revision takes traffic")
      }
    case .podOutOfRotation(let pod, let generation):
      guard cluster[pod].generation == generation else { return }
      if cluster[pod].inRotation {
        cluster[pod].inRotation = false
        log(simulation.now, .outOfRotation, podName(pod), "failure noticed; no more traffic")
      }
    case .podRestarted(let pod, let generation):
      guard cluster[pod].generation == generation, cluster[pod].phase == .crashed else { return }
      // The container starts again: its start-up time, then a readiness period (the image is
      // cached, but the process boots as it did the first time).
      let service = services[cluster[pod].service]
      cluster[pod].phase = .starting
      cluster[pod].runningSince = simulation.now + service.startupTime
      cluster[pod].generation += 1
      simulation.schedule(
        .podReady(pod: pod, generation: cluster[pod].generation),
        after: service.startupTime + service.readinessProbe.period)
    case .podImagePullRetry(let pod, let generation):
      guard cluster[pod].generation == generation, cluster[pod].phase == .starting,
        let node = cluster[pod].node, cluster[node].up
      else { return }
      startContainer(pod, on: node, in: &simulation)
    case .nodeNotReady(let node, let generation):
      guard cluster[node].generation == generation, !cluster[node].up else { return }
      cluster[node].ready = false
      log(simulation.now, .nodeNotReady, "node-\(node)", "node-monitor grace period elapsed")
      for pod in cluster.pods(on: node) where cluster[pod].inRotation {
        cluster[pod].inRotation = false
      }
    case .nodeEvictPods(let node, let generation):
      guard cluster[node].generation == generation, !cluster[node].up else { return }
      evictPods(from: node, in: &simulation)
    case .databaseRecovered(let generation):
      guard database.recover(generation: generation, at: simulation.now) else { return }
      log(simulation.now, .databaseUp, "database", "primary in \(zoneName(database.primaryZone))")
    case .cacheRecovered(let generation):
      guard cache.recover(generation: generation, at: simulation.now) else { return }
      log(simulation.now, .cacheUp, "cache", "primary in \(zoneName(cache.primaryZone))")
    case .operatorMitigates(let incident):
      operatorMitigates(incident, in: &simulation)
    case .podTerminated(let pod, let generation):
      guard cluster[pod].generation == generation, cluster[pod].phase == .terminating else { return }
      podTerminated(pod, in: &simulation)
    case .metricsScrape:
      scrapeMetrics(in: &simulation)
      syncAutoscalers(in: &simulation)
      simulation.schedule(.metricsScrape, after: Self.metricsResolution, priority: .high)
    case .nodeAutoscalerScan:
      nodeAutoscalerScan(in: &simulation)
    case .nodeRegistered(let node, let generation):
      guard cluster[node].generation == generation else { return }
      nodeRegistered(node, in: &simulation)
    case .nodeDrainRetry(let node, let generation):
      guard cluster[node].generation == generation else { return }
      continueDrain(node, in: &simulation)
    case .spotInterruptionNotice(let node, let generation):
      guard cluster[node].generation == generation else { return }
      spotInterruptionNotice(node, in: &simulation)
    case .spotReclaimed(let node, let generation):
      guard cluster[node].generation == generation else { return }
      removeNode(node, reason: "spot capacity reclaimed by EC2", in: &simulation)
    case .releaseMerged(let release):
      releaseMerged(release, in: &simulation)
    case .releaseStreamNext:
      streamReleaseMerged(in: &simulation)
    case .rolloutStart(let release):
      rolloutStart(release, in: &simulation)
    case .rolloutReconcile(let service, let generation):
      guard delivery[service].generation == generation else { return }
      reconcileRollout(service, in: &simulation)
    case .rolloutProgressCheck(let service, let generation):
      guard delivery[service].generation == generation else { return }
      rolloutProgressCheck(service, in: &simulation)
    case .rolloutPromote(let service):
      promoteRollout(service, in: &simulation)
    case .revisionScaleDown(let service, let revision):
      revisionScaleDown(service, revision: revision, in: &simulation)
    case .analysisMeasure(let service, let generation):
      guard delivery[service].generation == generation else { return }
      analysisMeasure(service, in: &simulation)
    case .podOutOfMemory(let pod, let generation):
      guard cluster[pod].generation == generation, cluster[pod].phase == .ready else { return }
      crash(pod, reason: "OOMKilled: memory leak reached the \(services[cluster[pod].service].memoryLimitMiB)Mi limit", in: &simulation)
    }
  }

  // MARK: - Small helpers

  /// Appends to the event log.
  mutating func log(_ time: SimTime, _ kind: EventKind, _ subject: String, _ detail: String) {
    recorder.log(time, kind, subject, detail)
  }

  func podName(_ pod: PodID) -> String { "\(services[cluster[pod].service].name)-\(pod)" }

  func zoneName(_ zone: ZoneID) -> String { scenario.platform.zones[zone.index] }
}
