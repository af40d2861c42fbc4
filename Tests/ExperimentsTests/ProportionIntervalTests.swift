import Testing

@testable import Experiments

@Suite struct ProportionIntervalTests {
  /// A case: successes, trials, and the Wilson interval computed independently (SciPy's
  /// z = 1.959963984540054 in the closed form), as published e.g. by Brown, Cai and DasGupta.
  struct Case: CustomTestStringConvertible, Sendable {
    var successes: Int
    var trials: Int
    var lower: Double
    var upper: Double
    var testDescription: String { "\(successes)/\(trials)" }
  }

  @Test(
    "the 95 % Wilson interval matches the known values",
    arguments: [
      Case(successes: 0, trials: 10, lower: 0, upper: 0.2775327998628892),
      Case(successes: 5, trials: 10, lower: 0.236593090512564, upper: 0.7634069094874361),
      Case(successes: 10, trials: 10, lower: 0.7224672001371107, upper: 1),
      Case(successes: 7, trials: 20, lower: 0.18119182410108206, upper: 0.5671457233147638),
      Case(successes: 1, trials: 1, lower: 0.20654931437723745, upper: 1),
    ])
  func knownValues(_ c: Case) {
    let interval = ProportionInterval(successes: c.successes, trials: c.trials)
    #expect(abs(interval.lower - c.lower) <= 1e-12, "\(interval)")
    #expect(abs(interval.upper - c.upper) <= 1e-12, "\(interval)")
    #expect(interval.estimate == Double(c.successes) / Double(c.trials))
    #expect(interval.contains(interval.estimate))
  }

  @Test("0 successes give a lower end of exactly 0, n successes an upper end of exactly 1")
  func exactEnds() {
    for n in 1...200 {
      #expect(ProportionInterval(successes: 0, trials: n).lower == 0)
      #expect(ProportionInterval(successes: n, trials: n).upper == 1)
      let some = ProportionInterval(successes: n / 2, trials: n)
      #expect(some.lower >= 0 && some.upper <= 1 && some.lower < some.upper)
    }
  }

  @Test("k and n − k successes give mirror-image intervals")
  func symmetry() {
    let low = ProportionInterval(successes: 3, trials: 17)
    let high = ProportionInterval(successes: 14, trials: 17)
    #expect(abs(low.lower - (1 - high.upper)) <= 1e-15)
    #expect(abs(low.upper - (1 - high.lower)) <= 1e-15)
  }

  @Test("outcomes count as successes and trials")
  func outcomes() {
    let interval = ProportionInterval(outcomes: [true, false, true, true, false])
    #expect(interval == ProportionInterval(successes: 3, trials: 5))
  }

  @Test("a higher level gives a wider interval")
  func level() {
    let narrow = ProportionInterval(successes: 5, trials: 10, level: 0.8)
    let wide = ProportionInterval(successes: 5, trials: 10, level: 0.99)
    #expect(wide.lower < narrow.lower && wide.upper > narrow.upper)
  }
}
