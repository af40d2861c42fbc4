import Testing

@testable import SimKernel

/// Records what fired when, and reacts to a few scripted events.
private struct RecordingModel: SimulationModel {
  enum Event: Equatable {
    case note(Int)
    case spawn(count: Int, every: SimDuration)
    case stopHere
    case cancel(EventHandle)
  }
  var log: [(time: SimTime, event: Event)] = []

  mutating func handle(_ event: Event, in simulation: inout Simulation<Event>) {
    log.append((simulation.now, event))
    switch event {
    case .note: break
    case .spawn(let count, let every):
      if count > 0 { simulation.schedule(.spawn(count: count - 1, every: every), after: every) }
    case .stopHere: simulation.stop()
    case .cancel(let handle): simulation.cancel(handle)
    }
  }
}

@Suite struct SimulationTests {
  @Test("events fire in time order and the clock follows them")
  func firesInTimeOrder() {
    var simulation = Simulation<RecordingModel.Event>()
    var model = RecordingModel()
    simulation.schedule(.note(3), after: .seconds(3))
    simulation.schedule(.note(1), after: .seconds(1))
    simulation.schedule(.note(2), at: SimTime(sinceStart: .seconds(2)))
    #expect(simulation.run(&model) == .drained)
    #expect(model.log.map(\.event) == [.note(1), .note(2), .note(3)])
    #expect(model.log.map(\.time.microsecondsSinceStart) == [1_000_000, 2_000_000, 3_000_000])
    #expect(simulation.now == SimTime(sinceStart: .seconds(3)))
    #expect(simulation.eventsFired == 3)
  }

  @Test("a run to a horizon fires events at the horizon and leaves the clock there")
  func stopsAtHorizonInclusive() {
    var simulation = Simulation<RecordingModel.Event>()
    var model = RecordingModel()
    simulation.schedule(.spawn(count: 100, every: .seconds(10)), after: .zero)
    let horizon = SimTime(sinceStart: .minutes(1))
    #expect(simulation.run(&model, until: horizon) == .reachedHorizon)
    #expect(model.log.count == 7)  // t = 0, 10, ..., 60
    #expect(simulation.now == horizon)
    #expect(simulation.pendingEventCount == 1)
    // Continuing picks up where it left off.
    #expect(simulation.run(&model, until: horizon + .seconds(5)) == .reachedHorizon)
    #expect(model.log.count == 7)
    #expect(simulation.now == horizon + .seconds(5))
  }

  @Test("a handler can stop the run and a later run resumes it")
  func stopFromHandler() {
    var simulation = Simulation<RecordingModel.Event>()
    var model = RecordingModel()
    simulation.schedule(.note(1), after: .seconds(1))
    simulation.schedule(.stopHere, after: .seconds(2))
    simulation.schedule(.note(3), after: .seconds(3))
    #expect(simulation.run(&model) == .stopped)
    #expect(simulation.now == SimTime(sinceStart: .seconds(2)))
    #expect(simulation.run(&model) == .drained)
    #expect(model.log.map(\.event) == [.note(1), .stopHere, .note(3)])
  }

  @Test("a handler can cancel an event that has not fired yet")
  func cancelFromHandler() {
    var simulation = Simulation<RecordingModel.Event>()
    var model = RecordingModel()
    let doomed = simulation.schedule(.note(99), after: .seconds(5))
    simulation.schedule(.cancel(doomed), after: .seconds(1))
    let pendingBefore = simulation.isPending(doomed)
    _ = simulation.run(&model)
    let pendingAfter = simulation.isPending(doomed)
    #expect(pendingBefore && !pendingAfter)
    #expect(model.log.map(\.event) == [.cancel(doomed)])
  }

  @Test("same schedule, same trace: the run is a pure function of its inputs")
  func deterministicTrace() {
    func trace() -> [Int64] {
      var simulation = Simulation<RecordingModel.Event>()
      var model = RecordingModel()
      for i in 0..<50 {
        simulation.schedule(.spawn(count: i % 7, every: .milliseconds(Int64(i % 3 + 1))), after: .zero)
      }
      _ = simulation.run(&model)
      return model.log.map { $0.time.microsecondsSinceStart }
    }
    #expect(trace() == trace())
  }
}
