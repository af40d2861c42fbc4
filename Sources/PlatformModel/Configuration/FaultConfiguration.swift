import SimKernel

/// One fault to inject: what breaks, and when.
package struct FaultConfiguration: Sendable, Equatable {
  /// What breaks.
  package var kind: FaultKind
  /// When it breaks and for how long.
  package var timing: FaultTiming

  /// Creates a fault.
  package init(kind: FaultKind, timing: FaultTiming) {
    self.kind = kind
    self.timing = timing
  }
}

/// The things that can break.
package enum FaultKind: Sendable, Equatable {
  /// One pod of the service crashes (it restarts by itself).
  case podCrash(service: String)
  /// One node of the group fails (it stays down for the fault's duration).
  case nodeFailure(nodeGroup: String)
  /// Every node, the database primary or standby and the cache nodes in the zone go down.
  case zoneOutage(zone: String)
  /// The database primary fails (Multi-AZ fails over; single-AZ waits for recovery).
  case databaseFailure
  /// The cache primary fails (a replica is promoted if there is one).
  case cacheFailure
  /// The NAT gateway in the zone fails (with a single gateway, the whole platform's egress).
  case natGatewayFailure(zone: String)
  /// Calls to the dependency take this much longer.
  case dependencyLatency(target: DependencyTarget, added: SimDuration)
  /// The traffic rate is multiplied (a flash crowd, a retry storm).
  case trafficSpike(multiplier: Double)
}

/// When a fault happens.
package enum FaultTiming: Sendable, Equatable {
  /// Once, at `at`, lasting `duration` (what "lasting" means depends on the kind: a crashed
  /// pod restarts by itself; a failed node stays down for the duration).
  case scheduled(at: SimDuration, duration: SimDuration)
  /// Repeatedly: times between failures and repair times drawn (in seconds) from the
  /// distributions, each fault on its own random stream.
  case stochastic(timeBetweenFailures: Distribution, repairTime: Distribution)
}
