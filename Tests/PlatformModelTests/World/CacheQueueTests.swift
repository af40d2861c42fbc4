import SimKernel
import Testing

@testable import PlatformModel

/// The cache as a queue of `concurrency` lookups at `lookupTime`, like the database: an
/// overloaded cache turns lookups away and they fall through to the database.
@Suite("Cache queue")
struct CacheQueueTests {
  @Test("an overloaded store turns away 1 - 1/rho of its calls and serves the rest (rho 3.5: 71.4 %)")
  func overloadedStoreTurnsAwayTheExcess() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    let world = PlatformWorld(scenario: .reference, replication: 0, simulation: &simulation)
    // One server, 100 ms per lookup: capacity 10/s; 35/s offered is rho 3.5.
    let overloaded = world.storePerformance(up: true, rate: 35, servers: 1, serviceTime: 0.1, added: 0)
    #expect(abs(overloaded.failure - (1 - 1 / 3.5)) < 1e-12)
    #expect(abs(overloaded.utilisation - 3.5) < 1e-12)
    // Below capacity nothing is turned away, and the mean is M/M/1's S/(1 - rho) (rho 0.5).
    let light = world.storePerformance(up: true, rate: 5, servers: 1, serviceTime: 0.1, added: 0)
    #expect(light.failure == 0)
    #expect(abs(light.latency - 0.1 / (1 - 0.5)) < 1e-9)
    let down = world.storePerformance(up: false, rate: 5, servers: 1, serviceTime: 0.1, added: 0)
    #expect(down.failure == 1)
  }

  /// Two hours of the reference at flat traffic with the cache's lookups at `lookupTime`.
  private func run(concurrency: Int, lookupTime: SimDuration) -> PlatformRunResult {
    var scenario = PlatformScenario.flatReference(
      hours: 2, requestsPerSecond: PlatformScenario.reference.traffic.baseRequestsPerSecond)
    scenario.platform.cache.concurrency = concurrency
    scenario.platform.cache.lookupTime = lookupTime
    return simulate(scenario)
  }

  @Test("cache concurrency changes results: one slow lookup at a time makes requests slower than eight")
  func concurrencyMatters() throws {
    let narrow = run(concurrency: 1, lookupTime: .milliseconds(20))
    let wide = run(concurrency: 8, lookupTime: .milliseconds(20))
    let narrowP95 = try #require(narrow.latency.quantile(0.95))
    let wideP95 = try #require(wide.latency.quantile(0.95))
    #expect(narrowP95 > wideP95, "p95 \(narrowP95) s with one lookup at a time, \(wideP95) s with eight")
    #expect(narrow.totals.requests == wide.totals.requests)
  }
}
