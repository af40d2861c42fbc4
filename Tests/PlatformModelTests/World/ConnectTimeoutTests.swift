import SimKernel
import Testing

@testable import PlatformModel

/// A call to a database that is down fails only after the client's connect timeout, holding
/// the caller's worker meanwhile: workers run out and requests that never touch the database
/// time out in the backend's queue too.
@Suite("Database connect timeout")
struct ConnectTimeoutTests {
  @Test("a store that is down fails its calls after its connect timeout")
  func downStoreTakesItsTimeout() {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    let world = PlatformWorld(scenario: .reference, replication: 0, simulation: &simulation)
    let down = world.storePerformance(
      up: false, rate: 50, servers: 4, serviceTime: 0.004, added: 0, downLatency: 2)
    #expect(down.failure == 1 && down.latency == 2)
  }

  /// Two hours of the reference at 300 requests/s; a single-AZ database is down for its
  /// recovery time (10-40 minutes) from 30 minutes in, its clients giving up after `timeout`.
  private func outage(connectTimeout: SimDuration) -> PlatformRunResult {
    var scenario = PlatformScenario.flatReference(hours: 2, requestsPerSecond: 300)
    scenario.platform.database.multiAZ = false
    scenario.platform.database.connectTimeout = connectTimeout
    scenario.faults = [
      FaultConfiguration(kind: .databaseFailure, timing: .scheduled(at: .minutes(30), duration: .minutes(1)))
    ]
    return simulate(scenario)
  }

  @Test("with a 2 s connect timeout the backend's workers run out during the outage; failing fast they do not")
  func slowFailuresExhaustWorkers() {
    let slow = outage(connectTimeout: .seconds(2))
    let fast = outage(connectTimeout: .zero)
    // The same outage fails the same database calls; only the slow one turns requests away
    // for want of workers (unserved: overload and queue timeouts).
    #expect(fast.totals.unserved < 1)
    #expect(slow.totals.unserved > 1_000, "unserved \(slow.totals.unserved)")
    #expect(slow.totals.failed > fast.totals.failed)
  }
}
