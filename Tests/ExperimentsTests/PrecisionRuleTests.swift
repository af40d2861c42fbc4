import SimKernel
import Testing

@testable import Experiments

@Suite struct PrecisionRuleTests {
  static func rule(
    _ target: PrecisionRule.Target, minimum: Int = 10, maximum: Int = 35, batch: Int = 10
  ) throws -> PrecisionRule {
    try PrecisionRule(
      metric: "latency.p95Ms", target: target, minimumReplications: minimum,
      maximumReplications: maximum, batchSize: batch)
  }

  @Test("checkpoints are the minimum, then every batch, the last capped: 10, 20, 30, 35")
  func checkpoints() throws {
    let rule = try Self.rule(.relativeHalfWidth(0.05))
    #expect((0...40).filter(rule.isCheckpoint) == [10, 20, 30, 35])
    #expect(rule.firstCheckpoint == 10)
    #expect(rule.checkpoint(after: 0) == 10)
    #expect(rule.checkpoint(after: 10) == 20)
    #expect(rule.checkpoint(after: 13) == 20)
    #expect(rule.checkpoint(after: 30) == 35)
    #expect(rule.checkpoint(after: 35) == nil)
    let huge = try Self.rule(.relativeHalfWidth(0.05), minimum: 2, maximum: .max, batch: .max)
    #expect(huge.checkpoint(after: 2) == .max)
  }

  @Test("equal values stop at the first checkpoint, even with mean 0")
  func equalValuesStop() throws {
    let rule = try Self.rule(.relativeHalfWidth(0.01))
    #expect(rule.decision(forFirst: [Double](repeating: 7, count: 10)) == .stop(.precisionReached))
    #expect(rule.decision(forFirst: [Double](repeating: 0, count: 10)) == .stop(.precisionReached))
  }

  @Test("a relative target is met when half-width ≤ r·|mean|")
  func relativeTarget() throws {
    // 10 values alternating 99 and 101: mean 100, s = √(10/9), half-width
    // t(0.975, 9)·s/√10 = 2.262157·0.333333 = 0.754052, i.e. 0.754 % of the mean.
    let values = (0..<10).map { $0 % 2 == 0 ? 99.0 : 101.0 }
    #expect(
      try Self.rule(.relativeHalfWidth(0.0076)).decision(forFirst: values)
        == .stop(.precisionReached))
    #expect(
      try Self.rule(.relativeHalfWidth(0.0075)).decision(forFirst: values)
        == .continueTo(replications: 20))
    // Negative means count by magnitude.
    #expect(
      try Self.rule(.relativeHalfWidth(0.0076)).decision(forFirst: values.map { -$0 })
        == .stop(.precisionReached))
  }

  @Test("an absolute target is met when half-width ≤ h")
  func absoluteTarget() throws {
    let values = (0..<10).map { $0 % 2 == 0 ? 99.0 : 101.0 }
    #expect(
      try Self.rule(.absoluteHalfWidth(0.76)).decision(forFirst: values) == .stop(.precisionReached)
    )
    #expect(
      try Self.rule(.absoluteHalfWidth(0.75)).decision(forFirst: values)
        == .continueTo(replications: 20))
  }

  @Test("a spread-out mean of 0 never meets a relative target; the cap stops it")
  func zeroMeanHitsCap() throws {
    let rule = try Self.rule(.relativeHalfWidth(0.5))
    let values = (0..<35).map { $0 % 2 == 0 ? -1.0 : 1.0 }
    #expect(rule.decision(forFirst: values.prefix(10)) == .continueTo(replications: 20))
    #expect(rule.decision(forFirst: values.prefix(30)) == .continueTo(replications: 35))
    #expect(rule.decision(forFirst: values.prefix(35)) == .stop(.replicationCapReached))
  }

  @Test("the number of replications run does not depend on the number of parallel jobs")
  func independentOfJobCount() throws {
    let rule = try Self.rule(.relativeHalfWidth(0.02), minimum: 10, maximum: 500, batch: 7)
    // Replication i's value is a pure function of i, as a seeded replication is.
    func value(_ i: Int) -> Double {
      var random = SplitMix64(seed: UInt64(i))
      return 100 + 10 * Double.random(in: -1...1, using: &random)
    }
    /// Runs waves of `jobs` replications, consulting the rule at each checkpoint reached.
    func run(jobs: Int) -> (replications: Int, reason: PrecisionRule.StopReason) {
      var finished: [Int: Double] = [:]
      var checkpoint = rule.firstCheckpoint
      var started = 0
      while true {
        // Start a wave (possibly past the checkpoint), finishing in reverse order.
        let wave = started..<min(started + jobs, rule.maximumReplications)
        for i in wave.reversed() { finished[i] = value(i) }
        started = wave.upperBound
        while (0..<checkpoint).allSatisfy({ finished[$0] != nil }) {
          switch rule.decision(forFirst: (0..<checkpoint).compactMap { finished[$0] }) {
          case .stop(let reason): return (checkpoint, reason)
          case .continueTo(let next): checkpoint = next
          }
        }
      }
    }
    let reference = run(jobs: 1)
    #expect(reference.reason == .precisionReached && reference.replications > 10)
    for jobs in [2, 3, 8, 64] {
      let result = run(jobs: jobs)
      #expect(result.replications == reference.replications && result.reason == reference.reason)
    }
  }

  /// An invalid setting and its message.
  struct InvalidCase: CustomTestStringConvertible, Sendable {
    var target: PrecisionRule.Target
    var minimum: Int
    var maximum: Int
    var batch: Int
    var message: String
    var testDescription: String { message }
  }

  @Test(
    "invalid settings are rejected naming the metric and the setting",
    arguments: [
      InvalidCase(
        target: .relativeHalfWidth(0), minimum: 10, maximum: 100, batch: 10,
        message: "relative half-width must be greater than 0 (got 0)"),
      InvalidCase(
        target: .absoluteHalfWidth(-0.5), minimum: 10, maximum: 100, batch: 10,
        message: "absolute half-width must be greater than 0 (got -0.5)"),
      InvalidCase(
        target: .relativeHalfWidth(0.05), minimum: 1, maximum: 100, batch: 10,
        message: "minimum replications must be at least 2 (got 1)"),
      InvalidCase(
        target: .relativeHalfWidth(0.05), minimum: 10, maximum: 9, batch: 10,
        message: "maximum replications must be at least the minimum, 10 (got 9)"),
      InvalidCase(
        target: .relativeHalfWidth(0.05), minimum: 10, maximum: 100, batch: 0,
        message: "batch size must be at least 1 (got 0)"),
    ])
  func invalidSettings(_ c: InvalidCase) {
    #expect(
      throws: ExperimentInputError(
        subject: "precision rule for \"latency.p95Ms\"", message: c.message)
    ) {
      try Self.rule(c.target, minimum: c.minimum, maximum: c.maximum, batch: c.batch)
    }
  }
}
