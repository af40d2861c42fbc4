import SimKernel

/// The figures of the database and the cache the flow computation reads every step, read out
/// of the scenario once (reaching into the scenario's nested structs on every step costs
/// retains and releases).
struct StoreFlowParameters: Sendable {
  var databaseConcurrency: Int
  var databaseQuerySeconds: Double
  var databaseConnectTimeoutSeconds: Double
  var cacheEnabled: Bool
  var cacheHitRatio: Double
  var cacheWarmUp: SimDuration
  var cacheLookupSeconds: Double
  var cacheConcurrency: Int

  /// The flow figures of `database` and `cache`.
  init(database: DatabaseConfiguration, cache: CacheConfiguration) {
    databaseConcurrency = database.concurrency
    databaseQuerySeconds = database.queryTime.inSeconds
    databaseConnectTimeoutSeconds = database.connectTimeout.inSeconds
    cacheEnabled = cache.enabled
    cacheHitRatio = cache.hitRatio
    cacheWarmUp = cache.warmUpTime
    cacheLookupSeconds = cache.lookupTime.inSeconds
    cacheConcurrency = cache.concurrency
  }
}
