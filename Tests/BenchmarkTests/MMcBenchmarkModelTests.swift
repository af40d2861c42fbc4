import SimKernel
import Testing

@testable import platform_sim_bench

@Suite struct MMcBenchmarkModelTests {
  /// Runs the benchmark model and returns its waits.
  private func run(customers: Int, servers: Int, rho: Double, seed: UInt64) throws -> BatchMeans {
    var simulation = Simulation<MMcBenchmarkModel.Event>()
    var model = try MMcBenchmarkModel(
      customers: customers, servers: servers, utilisation: rho, seed: seed,
      simulation: &simulation)
    #expect(simulation.run(&model) == .drained)
    return model.waits
  }

  @Test("the batch-means 95 % interval covers the Erlang-C mean wait in about 95 % of runs")
  func batchMeansIntervalCoversErlangC() throws {
    let theory = MMcQueue(arrivalRate: 3.2, serviceRate: 1, servers: 4).meanWait
    var covered = 0
    let runs = 20
    for seed in 1...UInt64(runs) {
      let waits = try run(customers: 40_000, servers: 4, rho: 0.8, seed: seed)
      #expect(waits.observations.count == 40_000, "seed \(seed)")
      let interval = try #require(waits.confidenceInterval(level: 0.95), "seed \(seed)")
      if interval.contains(theory) { covered += 1 }
      // Every run must at least be in the right neighbourhood.
      #expect(abs(interval.mean / theory - 1) < 0.25, "seed \(seed): mean \(interval.mean)")
    }
    // With true coverage 0.95, P(at most 15 of 20) = 1.6 %; a broken interval fails this.
    #expect(covered >= 16, "only \(covered) of \(runs) intervals covered \(theory)")
  }

  @Test("the same seed gives the same run; another seed gives another")
  func deterministicPerSeed() throws {
    let a = try run(customers: 5_000, servers: 2, rho: 0.7, seed: 7)
    let b = try run(customers: 5_000, servers: 2, rho: 0.7, seed: 7)
    let c = try run(customers: 5_000, servers: 2, rho: 0.7, seed: 8)
    #expect(a.observations.mean == b.observations.mean)
    #expect(a.observations.mean != c.observations.mean)
  }

  @Test("with one server at low load, waits match M/M/1 within sampling error")
  func mm1LowLoad() throws {
    let waits = try run(customers: 50_000, servers: 1, rho: 0.3, seed: 3)
    let theory = MMcQueue(arrivalRate: 0.3, serviceRate: 1, servers: 1).meanWait
    let interval = try #require(waits.confidenceInterval(level: 0.99))
    #expect(interval.lower - interval.halfWidth <= theory && theory <= interval.upper + interval.halfWidth,
      "interval \(interval.lower)...\(interval.upper), theory \(theory)")
  }
}
