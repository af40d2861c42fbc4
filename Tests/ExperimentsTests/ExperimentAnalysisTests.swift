import PlatformModel
import Scenarios
import SimKernel
import Testing

@testable import Experiments

@Suite struct ExperimentAnalysisTests {
  /// A definition of `variants` variants (one axis, `seed` values) × `replications`.
  static func definition(variants: Int, replications: Int) throws -> ExperimentDefinition {
    let axis = SweepAxis(
      path: try ParameterPath(parsing: "seed"), values: (0..<variants).map { .integer($0) })
    return ExperimentDefinition(
      scenarioName: "t", scenarioHash: "h", seed: 1, horizon: .days(30),
      objectives: ServiceLevelObjectives(), grid: try SweepGrid(axes: [axis]),
      replications: replications)
  }

  /// An outcome with the given availability, cost, all-objectives flag and restore time.
  static func outcome(
    availability: Double, cost: Double, allMet: Bool = true, restore: Double? = nil
  ) -> ReplicationOutcome {
    var values = [Double?](repeating: 0, count: ExperimentMetric.allCases.count)
    values[ExperimentMetric.availability.rawValue] = availability
    values[ExperimentMetric.monthlyCostUSD.rawValue] = cost
    values[ExperimentMetric.allObjectivesMet.rawValue] = allMet ? 1 : 0
    values[ExperimentMetric.meanTimeToRestoreSeconds.rawValue] = restore
    return ReplicationOutcome(values: values)
  }

  static func rows(_ table: [[ReplicationOutcome]]) -> [ReplicationRow] {
    table.enumerated().flatMap { v, column in
      column.enumerated().map { ReplicationRow(variant: v, replication: $0, outcome: $1) }
    }
  }

  @Test("the analysis does not depend on the order of the rows")
  func orderIndependent() throws {
    var random = SplitMix64(seed: 5)
    let table = (0..<3).map { _ in
      (0..<9).map { _ in
        Self.outcome(
          availability: Double.random(in: 0.99...1, using: &random),
          cost: Double.random(in: 100...200, using: &random),
          allMet: Bool.random(using: &random))
      }
    }
    let definition = try Self.definition(variants: 3, replications: 9)
    let rows = Self.rows(table)
    let a = ExperimentAnalysis(definition: definition, rows: rows)
    let b = ExperimentAnalysis(definition: definition, rows: rows.reversed())
    for v in 0..<3 {
      #expect(a.variants[v].metrics == b.variants[v].metrics)
      #expect(a.variants[v].versusBaseline == b.variants[v].versusBaseline)
    }
    #expect(a.costAvailabilityFrontier == b.costAvailabilityFrontier)
  }

  @Test("flags are proportions with Wilson intervals; values are means with t intervals")
  func kinds() throws {
    let table = [
      [true, true, false, true].map { Self.outcome(availability: 0.999, cost: 10, allMet: $0) }
    ]
    let analysis = ExperimentAnalysis(
      definition: try Self.definition(variants: 1, replications: 4), rows: Self.rows(table))
    let all = analysis.variants[0][.allObjectivesMet]
    #expect(all.summary == nil)
    #expect(all.proportion == ProportionInterval(successes: 3, trials: 4))
    let availability = analysis.variants[0][.availability]
    #expect(availability.proportion == nil && availability.summary?.mean == 0.999)
    #expect(analysis.variants[0].versusBaseline == nil)
  }

  @Test(
    "a metric missing in some replications is summarised over the others, paired where both have it"
  )
  func missingValues() throws {
    let table = [
      [
        Self.outcome(availability: 1, cost: 1, restore: nil),
        Self.outcome(availability: 1, cost: 1, restore: 60),
        Self.outcome(availability: 1, cost: 1, restore: 120),
      ],
      [
        Self.outcome(availability: 1, cost: 1, restore: 30),
        Self.outcome(availability: 1, cost: 1, restore: 90),
        Self.outcome(availability: 1, cost: 1, restore: nil),
      ],
    ]
    let analysis = ExperimentAnalysis(
      definition: try Self.definition(variants: 2, replications: 3), rows: Self.rows(table))
    let restore = analysis.variants[0][.meanTimeToRestoreSeconds]
    #expect(restore.count == 2 && restore.summary?.mean == 90)
    let comparison = try #require(
      analysis.variants[1].versusBaseline?[ExperimentMetric.meanTimeToRestoreSeconds.rawValue])
    #expect(comparison.differences.count == 1 && comparison.differences.mean == 30)
  }

  @Test("the frontiers mark the variants no other beats on cost and reliability")
  func frontiers() throws {
    // Variant: (availability, cost, all objectives met in how many of 2 replications)
    let table = [
      [
        Self.outcome(availability: 0.99, cost: 100, allMet: false),
        Self.outcome(availability: 0.99, cost: 100, allMet: false),
      ],
      [
        Self.outcome(availability: 0.999, cost: 200),
        Self.outcome(availability: 0.999, cost: 200, allMet: false),
      ],
      [Self.outcome(availability: 0.995, cost: 300), Self.outcome(availability: 0.995, cost: 300)],
      [
        Self.outcome(availability: 0.9999, cost: 400),
        Self.outcome(availability: 0.9999, cost: 400),
      ],
    ]
    let analysis = ExperimentAnalysis(
      definition: try Self.definition(variants: 4, replications: 2), rows: Self.rows(table))
    #expect(analysis.variants.map(\.onCostAvailabilityFrontier) == [true, true, false, true])
    #expect(analysis.variants.map(\.onCostObjectivesFrontier) == [true, true, true, false])
    #expect(analysis.costAvailabilityFrontier.frontierIndices == [0, 1, 3])
  }
}
