import SimKernel

/// A managed data store with a primary and a standby: RDS PostgreSQL Multi-AZ (the database)
/// or ElastiCache Redis with a replica (the cache).
///
/// It owns its availability, where its primary and standby are, and a generation that makes
/// a recovery scheduled before a later failure harmless. The two stores differ only in when
/// they may fail over and how long each path takes, which their configurations say; the rule
/// itself is written once, here.
///
/// Each store draws its failover and recovery times from its own random stream
/// (`store.database`, `store.cache`), so a change to one store's faults leaves the other's
/// draws as they were (common random numbers across variants).
struct ManagedStore {
  /// Which store this is; it names the store in the event log.
  enum Role: Sendable {
    case database
    case cache
  }

  let role: Role
  /// Whether it serves, fails over, or is down.
  private(set) var state: StoreState = .up
  /// Bumped on every failure and restart; a recovery event of an older generation is stale.
  private(set) var generation = 0
  /// The zone of the primary, which serves.
  private(set) var primaryZone: ZoneID
  /// The zone of the standby (Multi-AZ) or replica that a failover promotes.
  private(set) var standbyZone: ZoneID
  /// The stream its failover and recovery times are drawn from.
  private var timeStream: RandomStream
  /// Since when it serves from an empty node (replaced or restarted, not promoted), if it
  /// does: a cache refills from then on.
  private(set) var emptySince: SimTime? = nil

  /// A store that is up, drawing its times from its role's stream of `streams`.
  init(role: Role, primaryZone: ZoneID, standbyZone: ZoneID, streams: RandomStreams) {
    self.role = role
    self.primaryZone = primaryZone
    self.standbyZone = standbyZone
    timeStream = streams.stream(named: role == .database ? "store.database" : "store.cache")
  }

  /// The store's name in the event log: `database` or `cache`.
  var name: String {
    switch role {
    case .database: "database"
    case .cache: "cache"
    }
  }

  /// The event-log kinds of a failover and of an outage.
  var failoverKind: EventKind { role == .database ? .databaseFailover : .cacheFailover }
  var downKind: EventKind { role == .database ? .databaseDown : .cacheDown }

  /// The primary fails: with `promoteStandby` the standby becomes the primary (`failingOver`
  /// until the recovery event), otherwise the store is `down`. Starts a new generation.
  ///
  /// - Returns: how long the failover or recovery takes, drawn from `duration` with the
  ///   store's own stream.
  /// - Precondition: the store is up.
  mutating func failPrimary(promoteStandby: Bool, taking duration: Distribution) -> SimDuration {
    precondition(state == .up, "ManagedStore: \(name) failed while \(state)")
    generation += 1
    if promoteStandby {
      state = .failingOver
      swap(&primaryZone, &standbyZone)
    } else {
      state = .down
    }
    return SimDuration(seconds: duration.sample(using: &timeStream))
  }

  /// The primary's zone came back at `time` while the store was down (a single-AZ instance):
  /// it restarts there, empty. Returns whether it did.
  mutating func primaryZoneBack(_ zone: ZoneID, at time: SimTime) -> Bool {
    guard state == .down && primaryZone == zone else { return false }
    generation += 1
    state = .up
    emptySince = time
    return true
  }

  /// A recovery event of `generation` arrives at `time`. Returns whether it brought the store
  /// up (it is ignored when stale or when the store is up already). A store that was down
  /// comes back on a new, empty node; one failing over comes back on the promoted standby,
  /// which holds the data.
  mutating func recover(generation: Int, at time: SimTime) -> Bool {
    guard generation == self.generation, state != .up else { return false }
    emptySince = state == .down ? time : nil
    state = .up
    return true
  }

  /// The share of its full hit ratio a cache has at `time`: 1 unless it came back empty less
  /// than `warmUp` ago, then the time since over `warmUp` (a linear refill).
  func warmth(at time: SimTime, warmUp: SimDuration) -> Double {
    guard let emptySince, warmUp > .zero else { return 1 }
    return Swift.min(1, Swift.max(0, (time - emptySince).inSeconds / warmUp.inSeconds))
  }
}

/// A managed data store's availability.
enum StoreState: String, Sendable, Equatable {
  case up
  case failingOver = "failing-over"
  case down
}
