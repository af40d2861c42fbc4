import SimKernel

/// The classic hold model for pending-event sets (Vaucher and Duval, 1975): a fixed number of
/// pending events, and each one that fires schedules one more at an exponentially distributed
/// increment, so the pending-set size stays constant while its contents churn.
///
/// The cost per hold is one pop, one draw and one insert through ``Simulation``.
struct HoldBenchmarkModel: SimulationModel {
  enum Event { case hold }

  private var holdsLeft: Int
  private let increment: Distribution
  private var stream: RandomStream

  /// Creates the model and fills `simulation` with `pendingEvents` events.
  init(pendingEvents: Int, holds: Int, seed: UInt64, simulation: inout Simulation<Event>) throws {
    self.holdsLeft = holds
    self.increment = try .exponential(mean: 1)
    self.stream = RandomStreams(masterSeed: seed, replication: 0).stream(named: "hold")
    for _ in 0..<pendingEvents {
      simulation.schedule(.hold, after: SimDuration(seconds: increment.sample(using: &stream)))
    }
  }

  /// Sets how many more holds to perform before stopping.
  mutating func reset(holds: Int) { holdsLeft = holds }

  mutating func handle(_ event: Event, in simulation: inout Simulation<Event>) {
    simulation.schedule(.hold, after: SimDuration(seconds: increment.sample(using: &stream)))
    holdsLeft -= 1
    if holdsLeft == 0 { simulation.stop() }
  }
}
