import PlatformModel
import Scenarios
import SimKernel
import Testing

@testable import Experiments

/// Variants of a sweep meet the same traffic and the same failures, replication by
/// replication, so their differences are the design's.
@Suite struct CommonRandomNumbersTests {
  /// The results of `axes` over `text`, `replications` per variant.
  static func run(_ text: String, axes: [SweepAxis], replications: Int) throws
    -> ExperimentAnalysis
  {
    let plan = try ExperimentPlan(
      base: try ExperimentTestScenarios.scenario(text), scenarioHash: "test", file: "test.json",
      axes: axes, replications: replications)
    let results = ExperimentRunner.run(plan, jobs: 2)
    return ExperimentAnalysis(definition: results.definition, rows: results.rows)
  }

  @Test("two identical variants differ by exactly zero in every metric, with zero-width intervals")
  func identicalVariantsDifferByZero() throws {
    // The name changes nothing the model sees.
    let axis = try SweepAxis(parsing: "name=twin-a,twin-b")
    let analysis = try Self.run(
      ExperimentTestScenarios.databaseFailures, axes: [axis], replications: 20)
    let twin = analysis.variants[1]
    let comparisons = try #require(twin.versusBaseline)
    // The replications do differ from one another: the zero below is not for lack of noise.
    #expect(try #require(analysis.variants[0][.availability].summary).standardDeviation > 0)
    for metric in ExperimentMetric.allCases {
      let comparison = try #require(comparisons[metric.rawValue], "\(metric)")
      #expect(comparison.differences.mean == 0, "\(metric)")
      #expect(comparison.differences.maximum == 0 && comparison.differences.minimum == 0)
      #expect(comparison.paired?.halfWidth == 0, "\(metric)")
    }
  }

  @Test("a paired comparison's interval is narrower than the unpaired (Welch) one")
  func pairedIsNarrowerThanUnpaired() throws {
    // A faster database recovery: 6 h vs 4 h mean, same failures in both.
    let axis = SweepAxis(
      path: try ParameterPath(parsing: "platform.database.singleAZRecoveryTime"),
      values: [
        try JSONParser.parse(#"{"exponential": {"mean": "6h"}}"#),
        try JSONParser.parse(#"{"exponential": {"mean": "4h"}}"#),
      ])
    let analysis = try Self.run(
      ExperimentTestScenarios.databaseFailures, axes: [axis], replications: 40)
    let comparison = try #require(
      analysis.variants[1].versusBaseline?[ExperimentMetric.availability.rawValue])
    let paired = try #require(comparison.paired)
    let unpaired = try #require(comparison.unpaired)
    #expect(paired.mean > 0, "faster recovery should raise availability: \(paired)")
    #expect(paired.halfWidth < unpaired.halfWidth / 2, "paired \(paired), unpaired \(unpaired)")
    // Pairing resolves the improvement; the unpaired interval on the same data is wider.
    #expect(paired.lower > 0)
  }

  @Test("replication i of every variant draws the same failure times")
  func sameFailureTimesInEveryVariant() throws {
    let base = try ExperimentTestScenarios.scenario(ExperimentTestScenarios.databaseFailures)
    let plan = try ExperimentPlan(
      base: base, scenarioHash: "test", file: "test.json",
      axes: [try SweepAxis(parsing: "traffic.baseRequestsPerSecond=10,40")], replications: 1)
    #expect(plan.scenarios[0] != plan.scenarios[1])
    func faultStarts(_ v: Int) -> [SimTime] {
      PlatformModel.simulate(plan.scenarios[v], replication: 3).events
        .filter { $0.kind == .faultStart }.map(\.time)
    }
    let starts = faultStarts(0)
    #expect(!starts.isEmpty)
    #expect(starts == faultStarts(1))
  }
}
