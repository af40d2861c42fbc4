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
      let gap = SimDuration(seconds: timeBetweenFailures.sample(using: &faults[index].stream))
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
    guard !faults[index].isActive else { return }
    let horizon = SimTime(sinceStart: scenario.horizon)
    guard simulation.now <= horizon else { return }
    faults[index].occurrence += 1
    faults[index].isActive = true
    let duration: SimDuration
    switch scenario.faults[index].timing {
    case .scheduled(_, let d): duration = d
    case .stochastic(_, let repair):
      duration = SimDuration(seconds: repair.sample(using: &faults[index].stream))
    }
    log(simulation.now, .faultStart, describeFault(index), "lasts \(duration)")
    faults[index].incident = recorder.openIncident(cause: describeFault(index), at: simulation.now)
    apply(index, in: &simulation)
    simulation.schedule(
      .faultEnd(index: index, occurrence: faults[index].occurrence), after: duration)
  }

  /// Ends the current occurrence of fault `index` and schedules the next, if stochastic.
  mutating func endFault(_ index: Int, in simulation: inout Simulation<WorldEvent>) {
    faults[index].isActive = false
    log(simulation.now, .faultEnd, describeFault(index), "repaired")
    revert(index, in: &simulation)
    if let incident = faults[index].incident { recorder.faultEnded(incident: incident) }
    if case .stochastic(let timeBetweenFailures, _) = scenario.faults[index].timing {
      let gap = SimDuration(seconds: timeBetweenFailures.sample(using: &faults[index].stream))
      simulation.schedule(.faultStart(index: index), after: gap)
    }
  }

  /// Makes the fault's damage.
  mutating func apply(_ index: Int, in simulation: inout Simulation<WorldEvent>) {
    switch scenario.faults[index].kind {
    case .podCrash(let name):
      if let service = resolved.serviceIndex[name] {
        var stream = faults[index].stream
        crashPod(of: service, stream: &stream, in: &simulation)
        faults[index].stream = stream
      }
    case .nodeFailure(let group):
      let groupIndex = resolved.nodeGroupIndex[group] ?? 0
      let candidates = cluster.nodeIDs.filter { cluster[$0].group.index == groupIndex && cluster[$0].up }
      guard !candidates.isEmpty else { return }
      let node = candidates[Int(faults[index].stream.next() % UInt64(candidates.count))]
      faults[index].failedNode = node
      failNode(node, reason: "instance failure", in: &simulation)
    case .zoneOutage(let name):
      guard let zone = resolved.zoneIndex[name] else { return }
      network.loseZone(zone)
      for node in cluster.nodeIDs where cluster[node].zone == zone {
        failNode(node, reason: "zone \(name) down", in: &simulation)
      }
      if database.state == .up || database.primaryZone == zone {
        loseStoreZone(\.database, zone, in: &simulation)
      }
      loseStoreZone(\.cache, zone, in: &simulation)
    case .databaseFailure:
      failStore(\.database, reason: "primary failure", in: &simulation)
    case .cacheFailure:
      failStore(\.cache, reason: "primary failure", in: &simulation)
    case .natGatewayFailure(let name):
      if let zone = resolved.zoneIndex[name] { network.failGateway(in: zone) }
    case .dependencyLatency(let target, let added):
      adjustLatency(of: target, by: added.inSeconds)
    case .trafficSpike(let multiplier):
      faultEffects.startSpike(multiplier)
    }
  }

  /// Undoes the fault's damage (the platform then recovers at its own pace).
  mutating func revert(_ index: Int, in simulation: inout Simulation<WorldEvent>) {
    switch scenario.faults[index].kind {
    case .podCrash, .databaseFailure, .cacheFailure:
      break  // these recover by themselves: restart, failover, replacement
    case .nodeFailure:
      if let node = faults[index].failedNode { repairNode(node, in: &simulation) }
      faults[index].failedNode = nil
    case .zoneOutage(let name):
      guard let zone = resolved.zoneIndex[name] else { return }
      network.restoreZone(zone)
      for node in cluster.nodeIDs where cluster[node].zone == zone { repairNode(node, in: &simulation) }
      // A store that was down with its zone (a single-AZ instance) restarts there.
      if database.primaryZoneBack(zone, at: simulation.now) { log(simulation.now, .databaseUp, "database", "zone \(name) back") }
      if cache.primaryZoneBack(zone, at: simulation.now) { log(simulation.now, .cacheUp, "cache", "zone \(name) back") }
    case .natGatewayFailure(let name):
      if let zone = resolved.zoneIndex[name] { network.repairGateway(in: zone) }
    case .dependencyLatency(let target, let added):
      adjustLatency(of: target, by: -added.inSeconds)
    case .trafficSpike(let multiplier):
      faultEffects.endSpike(multiplier)
    }
  }

  mutating func adjustLatency(of target: DependencyTarget, by seconds: Double) {
    switch target {
    case .cache: faultEffects.addLatency(seconds, to: .cache)
    case .database: faultEffects.addLatency(seconds, to: .database)
    case .service(let name):
      if let s = resolved.serviceIndex[name] {
        faultEffects.addLatency(seconds, to: .service(s))
      }
    }
  }

  /// A store's primary fails: the standby is promoted when the store has one in a zone that
  /// is up (the database: Multi-AZ; the cache: automatic failover with a replica in another
  /// zone), otherwise the store is down until it is recovered (the database: a single-AZ
  /// restore; the cache: a replacement), which waits for its zone when that is down.
  ///
  /// Draws one failover or recovery time from the store's own stream.
  mutating func failStore(
    _ store: WritableKeyPath<PlatformWorld, ManagedStore>, reason: String,
    in simulation: inout Simulation<WorldEvent>
  ) {
    guard self[keyPath: store].state == .up else { return }
    let promote: Bool
    let failoverTime: Distribution
    let recoveryTime: Distribution
    let failoverWord: String
    let recoveryWord: String
    switch self[keyPath: store].role {
    case .database:
      let config = scenario.platform.database
      promote = config.multiAZ && network.isUp(zone: database.standbyZone)
      (failoverTime, recoveryTime) = (config.failoverTime, config.singleAZRecoveryTime)
      (failoverWord, recoveryWord) = ("failover", "recovery")
    case .cache:
      let config = scenario.platform.cache
      guard config.enabled else { return }
      promote =
        config.automaticFailover && config.replicas > 0 && network.isUp(zone: cache.standbyZone)
        && cache.standbyZone != cache.primaryZone
      (failoverTime, recoveryTime) = (config.failoverTime, config.recoveryTime)
      (failoverWord, recoveryWord) = ("promotion", "replacement")
    }
    let time = self[keyPath: store].failPrimary(
      promoteStandby: promote, taking: promote ? failoverTime : recoveryTime)
    let failed = self[keyPath: store]
    log(
      simulation.now, promote ? failed.failoverKind : failed.downKind, failed.name,
      "\(reason); \(promote ? failoverWord : recoveryWord) takes \(time)")
    guard promote || network.isUp(zone: failed.primaryZone) else { return }
    switch failed.role {
    case .database:
      simulation.schedule(.databaseRecovered(generation: failed.generation), after: time)
    case .cache: simulation.schedule(.cacheRecovered(generation: failed.generation), after: time)
    }
  }

  /// A zone is lost: the store fails over if its primary was there.
  mutating func loseStoreZone(
    _ store: WritableKeyPath<PlatformWorld, ManagedStore>, _ zone: ZoneID,
    in simulation: inout Simulation<WorldEvent>
  ) {
    if self[keyPath: store].primaryZone == zone {
      failStore(store, reason: "zone \(zoneName(zone)) down", in: &simulation)
    }
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
    guard let index = faults.firstIndex(where: { $0.incident == incident }), faults[index].isActive,
      operatorCanMitigate(scenario.faults[index].kind)
    else { return }
    log(simulation.now, .operatorMitigation, describeFault(index), "incident \(incident + 1)")
    faults[index].occurrence += 1  // the scheduled end is now stale
    endFault(index, in: &simulation)
  }
}
