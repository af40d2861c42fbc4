import PlatformModel

/// Runs an experiment's replications, in parallel, and collects their metrics.
///
/// **Determinism.** Replication *r* of variant *v* is `simulate(scenarios[v], replication: r)`,
/// a pure function; results are stored by (variant, replication), so the rows, and every report
/// made from them, are the same for any number of jobs and any shard split.
///
/// **Precision stopping.** Replications run in whole batches up to each of the rule's
/// checkpoints (``PrecisionRule``), every variant to the same count; at a checkpoint the rule
/// looks at the named metric of every variant, and the experiment stops when all variants meet
/// the target, or at the cap. Only complete batches are ever decided on, so the stopping point
/// does not depend on timing or jobs. A variant whose metric is missing in some replication
/// (a p95 latency with no successful request) does not meet the target.
package enum ExperimentRunner {
  /// How far a run has got.
  package struct Progress: Equatable, Sendable {
    /// Replications finished.
    package var completed: Int
    /// Replications planned so far: all of them, or, when stopping on precision, those up to
    /// the current checkpoint.
    package var planned: Int
  }

  /// Runs `plan`'s share `shard` on `jobs` threads.
  ///
  /// - Parameters:
  ///   - progress: called after each replication, from worker threads, possibly concurrently.
  /// - Precondition: `jobs >= 1`; no precision rule unless `shard` is the whole experiment
  ///   (a shard cannot see the others' values to decide); the rule's metric is a value metric.
  package static func run(
    _ plan: ExperimentPlan, shard: ShardPlan = .whole, jobs: Int,
    progress: (@Sendable (Progress) -> Void)? = nil
  ) -> ExperimentResults {
    precondition(jobs >= 1, "ExperimentRunner: jobs must be at least 1")
    if let rule = plan.precision {
      precondition(shard == .whole, "ExperimentRunner: precision stopping cannot be sharded")
      return runToPrecision(plan, rule: rule, jobs: jobs, progress: progress)
    }
    let items = shard.workItems(
      variantCount: plan.definition.variantCount, replicationCount: plan.definition.replications)
    let rows = run(items, of: plan.scenarios, jobs: jobs) { done in
      progress?(Progress(completed: done, planned: items.count))
    }
    return ExperimentResults(definition: plan.definition, shard: shard, rows: rows)
  }

  /// The metrics of one replication.
  package static func outcome(of scenario: PlatformScenario, replication: Int)
    -> ReplicationOutcome
  {
    ReplicationOutcome(simulate(scenario, replication: UInt64(replication), detail: .summary))
  }

  /// Runs `items` and returns their rows in the items' order.
  static func run(
    _ items: [ShardPlan.WorkItem], of scenarios: [PlatformScenario], jobs: Int,
    completed: @escaping @Sendable (Int) -> Void
  ) -> [ReplicationRow] {
    ParallelWork.map(count: items.count, jobs: jobs, completed: completed) { i in
      let item = items[i]
      return ReplicationRow(
        variant: item.variant, replication: item.replication,
        outcome: outcome(of: scenarios[item.variant], replication: item.replication))
    }
  }

  /// Runs batches up to each checkpoint until `rule` stops.
  static func runToPrecision(
    _ plan: ExperimentPlan, rule: PrecisionRule, jobs: Int,
    progress: (@Sendable (Progress) -> Void)?
  ) -> ExperimentResults {
    guard let metric = ExperimentMetric(named: rule.metric), metric.kind == .value else {
      preconditionFailure("ExperimentRunner: \(rule.metric) is not a value metric")
    }
    let variants = plan.definition.variantCount
    var rows: [[ReplicationRow]] = Array(repeating: [], count: variants)
    var done = 0
    var target = rule.firstCheckpoint
    while true {
      let items = (0..<variants).flatMap { v in
        (done..<target).map { ShardPlan.WorkItem(variant: v, replication: $0) }
      }
      let before = done * variants
      let planned = target * variants
      let batch = run(items, of: plan.scenarios, jobs: jobs) { finished in
        progress?(Progress(completed: before + finished, planned: planned))
      }
      for row in batch { rows[row.variant].append(row) }
      done = target
      var allMet = true
      for v in 0..<variants {
        let values = rows[v].compactMap { $0.outcome[metric] }
        let met: Bool
        if values.count == done, case .stop(.precisionReached) = rule.decision(forFirst: values) {
          met = true
        } else {
          met = false
        }
        allMet = allMet && met
      }
      if allMet || rule.checkpoint(after: done) == nil {
        var definition = plan.definition
        definition.replications = done
        return ExperimentResults(
          definition: definition, shard: .whole, rows: rows.flatMap { $0 },
          precision: PrecisionOutcome(
            rule: rule, stopReason: allMet ? .precisionReached : .replicationCapReached))
      }
      target = rule.checkpoint(after: done) ?? done
    }
  }
}
