/// What the active faults do to traffic, which the flow reads every step: added latency on
/// calls to each service and to the stores, and the traffic spikes' combined multiplier.
///
/// Latency faults add and remove their delay (never below zero); spikes multiply and divide.
struct FaultEffects: Sendable {
  /// Per service: extra seconds on each call to it.
  private(set) var addedServiceLatency: PerService<Double>
  /// Extra seconds on each call to the cache and to the database.
  private(set) var addedCacheLatency = 0.0
  private(set) var addedDatabaseLatency = 0.0
  /// The product of the active traffic spikes' multipliers.
  private(set) var spikeMultiplier = 1.0

  init(serviceCount: Int) {
    addedServiceLatency = PerService(repeating: 0, count: serviceCount)
  }

  /// Adds `seconds` (negative: removes) to the latency of calls to `target`.
  mutating func addLatency(_ seconds: Double, to target: LatencyTarget) {
    switch target {
    case .cache: addedCacheLatency = max(0, addedCacheLatency + seconds)
    case .database: addedDatabaseLatency = max(0, addedDatabaseLatency + seconds)
    case .service(let s): addedServiceLatency[s] = max(0, addedServiceLatency[s] + seconds)
    }
  }

  /// A traffic spike with this multiplier starts.
  mutating func startSpike(_ multiplier: Double) { spikeMultiplier *= multiplier }

  /// A traffic spike with this multiplier ends (divided out, not multiplied by its inverse,
  /// which rounds differently).
  mutating func endSpike(_ multiplier: Double) { spikeMultiplier /= multiplier }

  /// Where a latency fault acts, with its service resolved to an index.
  enum LatencyTarget: Sendable {
    case service(ServiceID)
    case cache
    case database
  }
}
