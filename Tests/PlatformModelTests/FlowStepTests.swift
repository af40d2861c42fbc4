import SimKernel
import Testing

@testable import PlatformModel

/// The flow grid: a minute while the traffic follows its daily curve, the fine step where a
/// spike ramps or holds (or a trace plays), and results that do not depend on the choice.
@Suite struct FlowStepTests {
  /// A world for `scenario` at time zero.
  private func world(_ scenario: PlatformScenario) -> PlatformWorld {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    return PlatformWorld(scenario: scenario, replication: 0, simulation: &simulation)
  }

  private func seconds(_ s: Int64) -> Int64 { s * 1_000_000 }

  @Test("smooth traffic is stepped on the minute grid")
  func smoothTrafficUsesTheCoarseStep() {
    let world = world(.reference)
    #expect(world.flowStep(containing: seconds(0)) == (seconds(0), seconds(60)))
    #expect(world.flowStep(containing: seconds(61)) == (seconds(60), seconds(120)))
    #expect(world.flowStep(containing: seconds(86_399)) == (seconds(86_340), seconds(86_400)))
  }

  @Test("a minute that a spike touches is cut into fine steps, clipped to the minute")
  func spikeMinutesUseTheFineStep() {
    var scenario = PlatformScenario.reference
    scenario.fineFlowStep = .seconds(25)  // not a divisor of the minute: steps are clipped
    scenario.traffic.spikes = [
      TrafficSpike(at: .seconds(3_630), duration: .minutes(2), multiplier: 5, rampUp: .seconds(30))
    ]
    let world = world(scenario)
    #expect(world.flowStep(containing: seconds(3_590)) == (seconds(3_540), seconds(3_600)))
    #expect(world.flowStep(containing: seconds(3_600)) == (seconds(3_600), seconds(3_625)))
    #expect(world.flowStep(containing: seconds(3_640)) == (seconds(3_625), seconds(3_650)))
    #expect(world.flowStep(containing: seconds(3_655)) == (seconds(3_650), seconds(3_660)))
    #expect(world.flowStep(containing: seconds(3_745)) == (seconds(3_725), seconds(3_750)))
    // The spike ends at 3,750 s; the minute from 3,780 s is smooth again.
    #expect(world.flowStep(containing: seconds(3_790)) == (seconds(3_780), seconds(3_840)))
  }

  @Test("a recorded trace is followed on the fine grid throughout")
  func traceUsesTheFineStep() {
    var scenario = PlatformScenario.reference
    scenario.traffic.trace = TrafficTrace(interval: .seconds(10), requestsPerSecond: [10, 20, 30])
    let world = world(scenario)
    #expect(world.flowStep(containing: seconds(75)) == (seconds(70), seconds(80)))
  }

  @Test("a fine step longer than flowStep changes nothing")
  func fineStepNeverLengthensTheStep() {
    var scenario = PlatformScenario.reference
    scenario.flowStep = .seconds(5)
    scenario.traffic.spikes = [
      TrafficSpike(at: .seconds(0), duration: .minutes(2), multiplier: 2, rampUp: .seconds(30))
    ]
    #expect(world(scenario).flowStep(containing: seconds(7)) == (seconds(5), seconds(10)))
  }

  @Test("a day on the minute grid serves the same traffic as on the 10-second grid")
  func minuteGridMatchesTheFineGridOnADay() {
    var coarse = PlatformScenario.reference
    coarse.horizon = .days(1)
    var fine = coarse
    fine.flowStep = .seconds(10)
    let a = simulate(coarse)
    let b = simulate(fine)
    #expect(abs(a.totals.requests / b.totals.requests - 1) < 1e-6)
    #expect(abs(a.totals.cpuUsedCoreSeconds / b.totals.cpuUsedCoreSeconds - 1) < 1e-4)
    #expect(a.latency.quantile(0.95) == b.latency.quantile(0.95))
    #expect(a.totals.goodIntervals == b.totals.goodIntervals)
  }

  @Test("a spike is integrated as on the all-fine grid")
  func spikeMatchesTheFineGrid() {
    // The flash-crowd scenario's spike: five times the peak-hour load within two minutes, on a
    // platform without spare capacity (two nodes; backend pods of 500m) until Karpenter's nodes
    // are Ready.
    var coarse = PlatformScenario.reference
    coarse.horizon = .hours(16)
    coarse.platform.nodeGroups[0].minNodes = 2
    coarse.platform.nodeGroups[0].desiredNodes = 2
    coarse.platform.services[1].cpuRequestMillicores = 500
    coarse.traffic.baseRequestsPerSecond = 400
    coarse.traffic.spikes = [
      TrafficSpike(at: .hours(14), duration: .hours(1), multiplier: 5, rampUp: .minutes(2))
    ]
    var fine = coarse
    fine.flowStep = .seconds(10)
    let a = simulate(coarse)
    let b = simulate(fine)
    #expect(b.totals.failed > 100)  // the spike overloads the platform
    #expect(abs(a.totals.requests / b.totals.requests - 1) < 1e-6)
    #expect(abs(a.totals.failed / b.totals.failed - 1) < 0.01)
  }
}
