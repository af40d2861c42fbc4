import PlatformModel
import SimKernel

/// What identifies an experiment's results, independently of how they were computed: the
/// scenario, the sweep, the number of replications per variant and the confidence level.
///
/// Every shard of an experiment records its definition; shards merge only when their
/// definitions are equal, and the merged report is a function of the definition and the
/// replications' metrics alone, which is what makes it byte-identical to one unsharded run.
/// How many jobs ran, and which shard ran what, are deliberately not part of it.
package struct ExperimentDefinition: Equatable, Sendable {
  /// The scenario's name (the report folder's default name).
  package var scenarioName: String
  /// The scenario file's content hash, or `builtin-reference`.
  package var scenarioHash: String
  /// The master seed; replication *i* of every variant runs with this seed and index *i*.
  package var seed: UInt64
  /// The base scenario's horizon.
  package var horizon: SimDuration
  /// The base scenario's objectives.
  package var objectives: ServiceLevelObjectives
  /// The sweep; one variant without axes.
  package var grid: SweepGrid
  /// Replications per variant.
  package var replications: Int
  /// The variant the others are compared with (paired differences).
  package var baselineVariant: Int
  /// The confidence level of every interval.
  package var level: Double

  /// A definition.
  ///
  /// - Precondition: `replications >= 1`; `0 <= baselineVariant < grid.count`;
  ///   `0 < level < 1`.
  package init(
    scenarioName: String, scenarioHash: String, seed: UInt64, horizon: SimDuration,
    objectives: ServiceLevelObjectives, grid: SweepGrid, replications: Int,
    baselineVariant: Int = 0, level: Double = 0.95
  ) {
    precondition(replications >= 1, "ExperimentDefinition: at least one replication")
    precondition(
      baselineVariant >= 0 && baselineVariant < grid.count,
      "ExperimentDefinition: no baseline variant \(baselineVariant) of \(grid.count)")
    precondition(level > 0 && level < 1, "ExperimentDefinition: level must be in (0, 1)")
    self.scenarioName = scenarioName
    self.scenarioHash = scenarioHash
    self.seed = seed
    self.horizon = horizon
    self.objectives = objectives
    self.grid = grid
    self.replications = replications
    self.baselineVariant = baselineVariant
    self.level = level
  }

  /// The number of variants.
  package var variantCount: Int { grid.count }
}
