import SimKernel
import Testing

@testable import PlatformModel

@Suite struct ManagedStoreTests {
  static let streams = RandomStreams(masterSeed: 7, replication: 0)
  static let oneMinute = try! Distribution.constant(60)

  @Test("a failover promotes the standby, and only the recovery of its own generation brings it up")
  func failoverAndStaleRecovery() {
    var store = ManagedStore(role: .database, primaryZone: 0, standbyZone: 1, streams: Self.streams)
    _ = store.failPrimary(promoteStandby: true, taking: Self.oneMinute)
    #expect(store.state == .failingOver)
    #expect(store.primaryZone == 1 && store.standbyZone == 0)
    let first = store.generation
    let stale = store.recover(generation: first - 1)
    #expect(!stale, "a recovery scheduled before the failure is stale")
    #expect(store.state == .failingOver)
    let recovered = store.recover(generation: first)
    #expect(recovered && store.state == .up)
    let again = store.recover(generation: first)
    #expect(!again, "a second recovery changes nothing")
  }

  @Test("without a standby the store is down where it was; its zone coming back restarts it")
  func downUntilItsZoneReturns() {
    var store = ManagedStore(role: .cache, primaryZone: 2, standbyZone: 2, streams: Self.streams)
    _ = store.failPrimary(promoteStandby: false, taking: Self.oneMinute)
    #expect(store.state == .down && store.primaryZone == 2)
    let failed = store.generation
    let otherZone = store.primaryZoneBack(1)
    #expect(!otherZone, "another zone's return changes nothing")
    let restarted = store.primaryZoneBack(2)
    #expect(restarted && store.state == .up && store.generation == failed + 1)
    let stale = store.recover(generation: failed)
    #expect(!stale, "the restore scheduled at the failure is now stale")
    let twice = store.primaryZoneBack(2)
    #expect(!twice, "an up store does not restart")
  }

  @Test("the two stores name themselves and their events as the event log always has")
  func names() {
    let database = ManagedStore(role: .database, primaryZone: 0, standbyZone: 1, streams: Self.streams)
    let cache = ManagedStore(role: .cache, primaryZone: 0, standbyZone: 1, streams: Self.streams)
    #expect(database.name == "database" && cache.name == "cache")
    #expect(database.failoverKind == .databaseFailover && database.downKind == .databaseDown)
    #expect(cache.failoverKind == .cacheFailover && cache.downKind == .cacheDown)
  }

  @Test("each store draws its times from its own stream: the cache's failures leave the database's draws as they were")
  func ownStreams() {
    let law = try! Distribution.uniform(min: 60, max: 600)
    var alone = ManagedStore(role: .database, primaryZone: 0, standbyZone: 1, streams: Self.streams)
    let first = alone.failPrimary(promoteStandby: true, taking: law)
    var database = ManagedStore(role: .database, primaryZone: 0, standbyZone: 1, streams: Self.streams)
    var cache = ManagedStore(role: .cache, primaryZone: 0, standbyZone: 1, streams: Self.streams)
    _ = cache.failPrimary(promoteStandby: true, taking: law)
    let afterCache = database.failPrimary(promoteStandby: true, taking: law)
    #expect(afterCache == first)
    // The draw is the database stream's first draw from the law.
    var stream = Self.streams.stream(named: "store.database")
    #expect(first == SimDuration(seconds: law.sample(using: &stream)))
  }
}
