import SimKernel

/// Injecting faults, the platform's own recovery (failover, rescheduling, restarts), and the
/// operator's mitigation.
extension PlatformWorld {
  /// Schedules the first occurrence of fault `index`.
  mutating func scheduleFirstOccurrence(of index: Int, in simulation: inout Simulation<WorldEvent>) {
    switch scenario.faults[index].timing {
    case .scheduled(let at, _):
      simulation.schedule(.faultStart(index: index), at: SimTime(sinceStart: at))
    case .stochastic(let timeBetweenFailures, _):
      let gap = SimDuration(seconds: timeBetweenFailures.sample(using: &faultStreams[index]))
      simulation.schedule(.faultStart(index: index), after: gap)
    }
  }

  /// A short description of fault `index` for logs and incidents.
  func describeFault(_ index: Int) -> String {
    switch scenario.faults[index].kind {
    case .podCrash(let service): "podCrash \(service)"
    case .nodeFailure(let group): "nodeFailure \(group)"
    case .zoneOutage(let zone): "zoneOutage \(zone)"
    case .databaseFailure: "databaseFailure"
    case .cacheFailure: "cacheFailure"
    case .natGatewayFailure(let zone): "natGatewayFailure \(zone)"
    case .dependencyLatency(let target, let added): "dependencyLatency \(Self.name(of: target)) +\(added)"
    case .trafficSpike(let multiplier): "trafficSpike x\(multiplier)"
    }
  }

  static func name(of target: DependencyTarget) -> String {
    switch target {
    case .service(let name): name
    case .cache: "cache"
    case .database: "database"
    }
  }

  /// Starts an occurrence of fault `index`, opens its incident and schedules its end.
  mutating func startFault(_ index: Int, in simulation: inout Simulation<WorldEvent>) {
    guard !faultActive[index] else { return }
    let horizon = SimTime(sinceStart: scenario.horizon)
    guard simulation.now <= horizon else { return }
    faultOccurrence[index] += 1
    faultActive[index] = true
    let duration: SimDuration
    switch scenario.faults[index].timing {
    case .scheduled(_, let d): duration = d
    case .stochastic(_, let repair):
      duration = SimDuration(seconds: repair.sample(using: &faultStreams[index]))
    }
    log(simulation.now, .faultStart, describeFault(index), "lasts \(duration)")
    incidents.append(
      IncidentRecord(
        id: incidents.count + 1, cause: describeFault(index), start: simulation.now, detected: nil,
        detectedBy: nil, severity: nil, acknowledged: nil, mitigated: simulation.now,
        recovered: nil, failedRequests: 0, errorBudgetSpent: 0))
    faultIncident[index] = incidents.count - 1
    openIncidents.append(incidents.count - 1)
    incidentFaultEnded.append(false)
    apply(index, in: &simulation)
    simulation.schedule(
      .faultEnd(index: index, occurrence: faultOccurrence[index]), after: duration)
  }

  /// Ends the current occurrence of fault `index` and schedules the next, if stochastic.
  mutating func endFault(_ index: Int, in simulation: inout Simulation<WorldEvent>) {
    faultActive[index] = false
    log(simulation.now, .faultEnd, describeFault(index), "repaired")
    revert(index, in: &simulation)
    if let incident = faultIncident[index] { incidentFaultEnded[incident] = true }
    if case .stochastic(let timeBetweenFailures, _) = scenario.faults[index].timing {
      let gap = SimDuration(seconds: timeBetweenFailures.sample(using: &faultStreams[index]))
      simulation.schedule(.faultStart(index: index), after: gap)
    }
  }

  /// Makes the fault's damage.
  mutating func apply(_ index: Int, in simulation: inout Simulation<WorldEvent>) {
    switch scenario.faults[index].kind {
    case .podCrash(let name):
      if let service = services.firstIndex(where: { $0.name == name }) {
        var stream = faultStreams[index]
        crashPod(of: service, stream: &stream, in: &simulation)
        faultStreams[index] = stream
      }
    case .nodeFailure(let group):
      let groupIndex = scenario.platform.nodeGroups.firstIndex { $0.name == group } ?? 0
      let candidates = nodes.indices.filter { nodes[$0].group == groupIndex && nodes[$0].up }
      guard !candidates.isEmpty else { return }
      let node = candidates[Int(faultStreams[index].next() % UInt64(candidates.count))]
      failedNodeOfFault[index] = node
      failNode(node, reason: "instance failure", in: &simulation)
    case .zoneOutage(let name):
      guard let zone = zoneIndex[name] else { return }
      zoneUp[zone] = false
      natUp[zone] = false
      for node in nodes.indices where nodes[node].zone == zone {
        failNode(node, reason: "zone \(name) down", in: &simulation)
      }
      if database == .up || databasePrimaryZone == zone { loseDatabaseZone(zone, in: &simulation) }
      loseCacheZone(zone, in: &simulation)
    case .databaseFailure:
      failDatabase(reason: "primary failure", in: &simulation)
    case .cacheFailure:
      failCache(reason: "primary failure", in: &simulation)
    case .natGatewayFailure(let name):
      if let zone = zoneIndex[name] { natUp[zone] = false }
    case .dependencyLatency(let target, let added):
      adjustLatency(of: target, by: added.inSeconds)
    case .trafficSpike(let multiplier):
      spikeMultiplier *= multiplier
    }
  }

  /// Undoes the fault's damage (the platform then recovers at its own pace).
  mutating func revert(_ index: Int, in simulation: inout Simulation<WorldEvent>) {
    switch scenario.faults[index].kind {
    case .podCrash, .databaseFailure, .cacheFailure:
      break  // these recover by themselves: restart, failover, replacement
    case .nodeFailure:
      if let node = failedNodeOfFault[index] { repairNode(node, in: &simulation) }
      failedNodeOfFault[index] = nil
    case .zoneOutage(let name):
      guard let zone = zoneIndex[name] else { return }
      zoneUp[zone] = true
      natUp[zone] = true
      for node in nodes.indices where nodes[node].zone == zone { repairNode(node, in: &simulation) }
      if database == .down && databasePrimaryZone == zone {
        // A single-AZ database whose zone came back: the instance restarts.
        databaseGeneration += 1
        database = .up
        log(simulation.now, .databaseUp, "database", "zone \(name) back")
      }
      if cache == .down && cachePrimaryZone == zone {
        cacheGeneration += 1
        cache = .up
        log(simulation.now, .cacheUp, "cache", "zone \(name) back")
      }
    case .natGatewayFailure(let name):
      if let zone = zoneIndex[name], zoneUp[zone] { natUp[zone] = true }
    case .dependencyLatency(let target, let added):
      adjustLatency(of: target, by: -added.inSeconds)
    case .trafficSpike(let multiplier):
      spikeMultiplier /= multiplier
    }
  }

  mutating func adjustLatency(of target: DependencyTarget, by seconds: Double) {
    switch target {
    case .cache: addedCacheLatency = max(0, addedCacheLatency + seconds)
    case .database: addedDatabaseLatency = max(0, addedDatabaseLatency + seconds)
    case .service(let name):
      if let s = services.firstIndex(where: { $0.name == name }) {
        addedServiceLatency[s] = max(0, addedServiceLatency[s] + seconds)
      }
    }
  }

  /// The database primary fails: Multi-AZ fails over to the standby; single-AZ is down until
  /// it is recovered.
  mutating func failDatabase(reason: String, in simulation: inout Simulation<WorldEvent>) {
    guard database == .up else { return }
    databaseGeneration += 1
    let config = scenario.platform.database
    if config.multiAZ && zoneUp[databaseStandbyZone] {
      database = .failingOver
      swap(&databasePrimaryZone, &databaseStandbyZone)
      let time = SimDuration(seconds: config.failoverTime.sample(using: &operatorStream))
      log(simulation.now, .databaseFailover, "database", "\(reason); failover takes \(time)")
      simulation.schedule(.databaseRecovered(generation: databaseGeneration), after: time)
    } else {
      database = .down
      let time = SimDuration(seconds: config.singleAZRecoveryTime.sample(using: &operatorStream))
      log(simulation.now, .databaseDown, "database", "\(reason); recovery takes \(time)")
      if zoneUp[databasePrimaryZone] {
        simulation.schedule(.databaseRecovered(generation: databaseGeneration), after: time)
      }
    }
  }

  /// A zone is lost: the database fails over if its primary was there.
  mutating func loseDatabaseZone(_ zone: Int, in simulation: inout Simulation<WorldEvent>) {
    if databasePrimaryZone == zone {
      failDatabase(reason: "zone \(zoneName(zone)) down", in: &simulation)
    }
  }

  /// The cache primary fails: a replica in another zone is promoted, or the cache is replaced.
  mutating func failCache(reason: String, in simulation: inout Simulation<WorldEvent>) {
    let config = scenario.platform.cache
    guard config.enabled, cache == .up else { return }
    cacheGeneration += 1
    if config.automaticFailover && config.replicas > 0 && zoneUp[cacheReplicaZone]
      && cacheReplicaZone != cachePrimaryZone
    {
      cache = .failingOver
      swap(&cachePrimaryZone, &cacheReplicaZone)
      let time = SimDuration(seconds: config.failoverTime.sample(using: &operatorStream))
      log(simulation.now, .cacheFailover, "cache", "\(reason); promotion takes \(time)")
      simulation.schedule(.cacheRecovered(generation: cacheGeneration), after: time)
    } else {
      cache = .down
      let time = SimDuration(seconds: config.recoveryTime.sample(using: &operatorStream))
      log(simulation.now, .cacheDown, "cache", "\(reason); replacement takes \(time)")
      if zoneUp[cachePrimaryZone] {
        simulation.schedule(.cacheRecovered(generation: cacheGeneration), after: time)
      }
    }
  }

  /// A zone is lost: the cache fails over if its primary was there.
  mutating func loseCacheZone(_ zone: Int, in simulation: inout Simulation<WorldEvent>) {
    if cachePrimaryZone == zone { failCache(reason: "zone \(zoneName(zone)) down", in: &simulation) }
  }

  /// Whether an operator can end the fault early (replace a node, re-route egress, restore a
  /// single-AZ store); zone outages, spikes and latency are AWS's or the world's to end.
  func operatorCanMitigate(_ kind: FaultKind) -> Bool {
    switch kind {
    case .nodeFailure, .natGatewayFailure: true
    case .podCrash, .zoneOutage, .databaseFailure, .cacheFailure, .dependencyLatency, .trafficSpike:
      false
    }
  }

  /// The operator, having responded, ends the incident's fault if it is still going on.
  mutating func operatorMitigates(_ incident: Int, in simulation: inout Simulation<WorldEvent>) {
    guard let index = faultIncident.firstIndex(where: { $0 == incident }), faultActive[index],
      operatorCanMitigate(scenario.faults[index].kind)
    else { return }
    log(simulation.now, .operatorMitigation, describeFault(index), "incident \(incident + 1)")
    faultOccurrence[index] += 1  // the scheduled end is now stale
    endFault(index, in: &simulation)
  }
}
