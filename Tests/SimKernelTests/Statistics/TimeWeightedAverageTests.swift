import Testing

@testable import SimKernel

@Suite struct TimeWeightedAverageTests {
  private func at(seconds: Int64) -> SimTime { SimTime(sinceStart: .seconds(seconds)) }

  @Test("a step function: 2 for 10 s, 5 for 20 s, 0 for 10 s averages 3")
  func stepFunction() {
    var level = TimeWeightedAverage(startingAt: .zero, value: 2)
    level.update(to: 5, at: at(seconds: 10))
    level.update(to: 0, at: at(seconds: 30))
    #expect(level.mean(at: at(seconds: 40)) == 3)  // (2·10 + 5·20 + 0·10) / 40
    #expect(level.integral(at: at(seconds: 40)) == 120)
    #expect(level.mean(at: at(seconds: 30)) == 4)  // (20 + 100) / 30
    #expect(level.minimum == 0 && level.maximum == 5)
    #expect(level.currentValue == 0)
    #expect(level.lastUpdateTime == at(seconds: 30))
  }

  @Test("a window starting later, with several changes at one instant")
  func laterStartAndSimultaneousChanges() {
    var level = TimeWeightedAverage(startingAt: at(seconds: 100), value: 1)
    #expect(level.mean(at: at(seconds: 100)) == 1)  // empty window: the current level
    level.update(to: 7, at: at(seconds: 104))
    level.update(to: -1, at: at(seconds: 104))  // 7 held for no time
    level.update(to: 3, at: at(seconds: 104))
    // 1 for 4 s, then 3 for 4 s.
    #expect(level.mean(at: at(seconds: 108)) == 2)
    #expect(level.integral(at: at(seconds: 108)) == 16)
    #expect(level.minimum == -1 && level.maximum == 7)  // every value set counts
    #expect(level.startTime == at(seconds: 100))
  }

  @Test("microsecond steps are weighted exactly")
  func microsecondSteps() {
    var level = TimeWeightedAverage(startingAt: .zero, value: 0)
    level.update(to: 1_000_000, at: SimTime(microsecondsSinceStart: 1))
    level.update(to: 0, at: SimTime(microsecondsSinceStart: 2))
    #expect(level.integral(at: SimTime(microsecondsSinceStart: 1_000)) == 1)  // 10⁶ × 1 µs
    #expect(level.mean(at: SimTime(microsecondsSinceStart: 1_000)) == 1_000)
  }

  @Test("reset discards the history and keeps the current level")
  func resetAfterWarmUp() {
    var level = TimeWeightedAverage(startingAt: .zero, value: 100)
    level.update(to: 4, at: at(seconds: 50))
    level.reset(at: at(seconds: 60))
    level.update(to: 6, at: at(seconds: 70))
    #expect(level.mean(at: at(seconds: 80)) == 5)
    #expect(level.minimum == 4 && level.maximum == 6)
    #expect(level.startTime == at(seconds: 60))
  }

  @Test("a simulated year of a million changes keeps the area to within a few roundings")
  func yearLongPrecision() {
    // Levels are multiples of 1/1024 and steps whole microseconds, so every product is exact
    // and the true area × 1024 is an integer: the only error left is in the summation, where a
    // plain running sum would lose about one rounding per step.
    var random = StatisticsTestRandom(seed: 2_024)
    var level = TimeWeightedAverage(startingAt: .zero, value: 0)
    var now: Int64 = 0
    var exactAreaTimes1024: Int64 = 0
    var currentNumerator: Int64 = 0
    var naive = 0.0
    for _ in 0..<1_000_000 {
      let step = Int64(random.below(63_072_000)) + 1  // mean ≈ 31.5 s: a year in total
      exactAreaTimes1024 += currentNumerator * step
      naive += Double(step) * Double(currentNumerator) / 1_024
      now += step
      currentNumerator = Int64(random.below(1 << 16))
      level.update(to: Double(currentNumerator) / 1_024, at: SimTime(microsecondsSinceStart: now))
    }
    let end = SimTime(microsecondsSinceStart: now)
    let exactArea = Double(exactAreaTimes1024) / 1_024  // value × µs, rounded once
    let area = level.integral(at: end) * 1_000_000
    let mean = level.mean(at: end)
    let exactMean = exactArea / Double(now)
    let naiveError = relativeDifference(naive, exactArea)
    #expect(
      relativeDifference(area, exactArea) <= 4e-16,
      "area \(area) vs exact \(exactArea); a plain sum gives \(naive), off by \(naiveError)")
    #expect(relativeDifference(mean, exactMean) <= 4e-16, "mean \(mean) vs exact \(exactMean)")
    #expect(now > 31_000_000_000_000, "the run should span about a year (got \(now) µs)")
  }

  @Test("updating at an earlier time than the last update is a programmer error")
  func rejectsGoingBack() async {
    await #expect(processExitsWith: .failure) {
      var level = TimeWeightedAverage(startingAt: SimTime(microsecondsSinceStart: 10), value: 1)
      level.update(to: 2, at: SimTime(microsecondsSinceStart: 5))
    }
  }
}
