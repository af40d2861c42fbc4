import SimKernel

/// The relational database (RDS PostgreSQL in the reference platform).
package struct DatabaseConfiguration: Sendable, Equatable {
  /// The RDS instance class, e.g. `db.t3.small`; its price comes from the price table.
  package var instanceClass: String = "db.t3.small"
  /// Whether a synchronous standby in another zone takes over on failure.
  package var multiAZ: Bool = true
  /// The primary's zone.
  package var primaryZone: String = "eu-central-1a"
  /// The standby's zone (Multi-AZ only).
  package var standbyZone: String = "eu-central-1b"
  /// Queries served at once before queueing (roughly the vCPU-bound concurrency).
  package var concurrency: Int = 4
  /// Service time of one query.
  package var queryTime: SimDuration = .milliseconds(4)
  /// How long a client waits to connect before it gives up: a call made while the database is
  /// down or failing over fails only after this long, holding the caller's worker meanwhile
  /// (node-postgres `connectionTimeoutMillis`; the reference backend sets 2000).
  package var connectTimeout: SimDuration = .seconds(2)
  /// How long a Multi-AZ failover leaves the database unreachable (AWS: typically 60-120 s).
  package var failoverTime: Distribution = Self.awsMultiAZFailover
  /// How long a single-AZ instance is down after a failure (replacement and restore).
  package var singleAZRecoveryTime: Distribution = Self.singleAZRecovery

  /// AWS's documented Multi-AZ DB instance failover: typically 60-120 s.
  package static let awsMultiAZFailover: Distribution = {
    guard let d = try? Distribution.uniform(min: 60, max: 120) else { preconditionFailure() }
    return d
  }()

  /// A recalled, not documented, figure for replacing a failed single-AZ instance: 10-40 min.
  package static let singleAZRecovery: Distribution = {
    guard let d = try? Distribution.uniform(min: 600, max: 2_400) else { preconditionFailure() }
    return d
  }()

  /// The reference platform's database.
  package init() {}
}

/// The cache (ElastiCache Redis in the reference design).
package struct CacheConfiguration: Sendable, Equatable {
  /// Whether the platform has a cache at all.
  package var enabled: Bool = true
  /// The node type, e.g. `cache.t3.micro`; its price comes from the price table.
  package var nodeType: String = "cache.t3.micro"
  /// Read replicas besides the primary.
  package var replicas: Int = 1
  /// Whether a replica is promoted automatically when the primary fails.
  package var automaticFailover: Bool = true
  /// The primary's zone.
  package var primaryZone: String = "eu-central-1a"
  /// The replica's zone.
  package var replicaZone: String = "eu-central-1b"
  /// Share of lookups answered by the cache.
  package var hitRatio: Double = 0.8
  /// How long a replaced (empty) cache node takes to reach `hitRatio` again: the hit ratio
  /// ramps linearly from 0 over this time as misses refill it **(assumption: a linear ramp; a
  /// promoted replica holds the data and starts warm)**.
  package var warmUpTime: SimDuration = .minutes(10)
  /// Service time of one lookup.
  package var lookupTime: SimDuration = .microseconds(500)
  /// Lookups served at once before queueing.
  package var concurrency: Int = 8
  /// How long promotion of a replica takes (no AWS figure; tens of seconds are observed).
  package var failoverTime: Distribution = Self.observedFailover
  /// How long the cache is down when there is no replica to promote.
  package var recoveryTime: Distribution = Self.replacement

  /// Observed ElastiCache promotion times, not an AWS figure: 15-45 s.
  package static let observedFailover: Distribution = {
    guard let d = try? Distribution.uniform(min: 15, max: 45) else { preconditionFailure() }
    return d
  }()

  /// Replacing a cache node with no replica: 5-15 min (recalled, not documented).
  package static let replacement: Distribution = {
    guard let d = try? Distribution.uniform(min: 300, max: 900) else { preconditionFailure() }
    return d
  }()

  /// The reference design's cache.
  package init() {}
}

/// The application load balancer's target health checks.
package struct LoadBalancerConfiguration: Sendable, Equatable {
  /// Time between health checks of one target (AWS default 30 s).
  package var healthCheckInterval: SimDuration = .seconds(30)
  /// How long a check may take (AWS default 5 s).
  package var healthCheckTimeout: SimDuration = .seconds(5)
  /// Consecutive successes before a target is healthy (AWS default 5).
  package var healthyThreshold: Int = 5
  /// Consecutive failures before a target is unhealthy (AWS default 2).
  package var unhealthyThreshold: Int = 2

  /// The AWS defaults.
  package init() {}
}
