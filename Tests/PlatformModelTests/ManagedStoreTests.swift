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
    let stale = store.recover(generation: first - 1, at: .zero)
    #expect(!stale, "a recovery scheduled before the failure is stale")
    #expect(store.state == .failingOver)
    let recovered = store.recover(generation: first, at: .zero)
    #expect(recovered && store.state == .up)
    let again = store.recover(generation: first, at: .zero)
    #expect(!again, "a second recovery changes nothing")
  }

  @Test("without a standby the store is down where it was; its zone coming back restarts it")
  func downUntilItsZoneReturns() {
    var store = ManagedStore(role: .cache, primaryZone: 2, standbyZone: 2, streams: Self.streams)
    _ = store.failPrimary(promoteStandby: false, taking: Self.oneMinute)
    #expect(store.state == .down && store.primaryZone == 2)
    let failed = store.generation
    let otherZone = store.primaryZoneBack(1, at: .zero)
    #expect(!otherZone, "another zone's return changes nothing")
    let restarted = store.primaryZoneBack(2, at: .zero)
    #expect(restarted && store.state == .up && store.generation == failed + 1)
    let stale = store.recover(generation: failed, at: .zero)
    #expect(!stale, "the restore scheduled at the failure is now stale")
    let twice = store.primaryZoneBack(2, at: .zero)
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

  @Test("a cache that comes back on a new node refills linearly over its warm-up; a promoted replica is warm")
  func warmUpAfterReplacement() {
    let warmUp = SimDuration.minutes(10)
    var replaced = ManagedStore(role: .cache, primaryZone: 0, standbyZone: 0, streams: Self.streams)
    #expect(replaced.warmth(at: .zero, warmUp: warmUp) == 1, "a store that never failed is warm")
    _ = replaced.failPrimary(promoteStandby: false, taking: Self.oneMinute)
    let back = SimTime(sinceStart: .minutes(30))
    let replacedBack = replaced.recover(generation: replaced.generation, at: back)
    #expect(replacedBack)
    #expect(replaced.warmth(at: back, warmUp: warmUp) == 0)
    #expect(replaced.warmth(at: back + .minutes(5), warmUp: warmUp) == 0.5)
    #expect(replaced.warmth(at: back + .minutes(10), warmUp: warmUp) == 1)
    #expect(replaced.warmth(at: back + .hours(5), warmUp: warmUp) == 1)
    #expect(replaced.warmth(at: back, warmUp: .zero) == 1, "no warm-up: full at once")
    var promoted = ManagedStore(role: .cache, primaryZone: 0, standbyZone: 1, streams: Self.streams)
    _ = promoted.failPrimary(promoteStandby: true, taking: Self.oneMinute)
    let promotedBack = promoted.recover(generation: promoted.generation, at: back)
    #expect(promotedBack)
    #expect(promoted.warmth(at: back, warmUp: warmUp) == 1)
    // A replaced node that fails over later is warm again once the replica takes over.
    _ = replaced.failPrimary(promoteStandby: true, taking: Self.oneMinute)
    let failedOverBack = replaced.recover(generation: replaced.generation, at: back + .minutes(1))
    #expect(failedOverBack)
    #expect(replaced.warmth(at: back + .minutes(1), warmUp: warmUp) == 1)
  }
}
