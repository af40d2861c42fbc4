/// One replication's metrics and which (variant, replication) they belong to.
package struct ReplicationRow: Equatable, Sendable {
  /// The variant's number.
  package var variant: Int
  /// The replication's index.
  package var replication: Int
  /// Its metrics.
  package var outcome: ReplicationOutcome

  /// A row.
  package init(variant: Int, replication: Int, outcome: ReplicationOutcome) {
    self.variant = variant
    self.replication = replication
    self.outcome = outcome
  }
}

/// How a precision-stopped experiment ended.
package struct PrecisionOutcome: Equatable, Sendable {
  /// The rule that was applied.
  package var rule: PrecisionRule
  /// Why replications stopped.
  package var stopReason: PrecisionRule.StopReason

  /// An outcome.
  package init(rule: PrecisionRule, stopReason: PrecisionRule.StopReason) {
    self.rule = rule
    self.stopReason = stopReason
  }
}

/// What an experiment, or one shard of it, produced: the metrics of each replication it ran.
package struct ExperimentResults: Equatable, Sendable {
  /// The experiment; with precision stopping, ``ExperimentDefinition/replications`` is the
  /// number of replications per variant actually run.
  package var definition: ExperimentDefinition
  /// Which share of the work this is (``ShardPlan/whole`` for a complete experiment).
  package var shard: ShardPlan
  /// The rows, variant-major: every (variant, replication) of the definition for the whole
  /// experiment, the shard's own items otherwise.
  package var rows: [ReplicationRow]
  /// How precision stopping ended, if it was used.
  package var precision: PrecisionOutcome?

  /// Results.
  package init(
    definition: ExperimentDefinition, shard: ShardPlan, rows: [ReplicationRow],
    precision: PrecisionOutcome? = nil
  ) {
    self.definition = definition
    self.shard = shard
    self.rows = rows
    self.precision = precision
  }
}
