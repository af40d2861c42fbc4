/// The statistics of a complete experiment: per variant and metric, the summary across
/// replications; per variant, its paired differences from the baseline; and the variants on
/// the cost-vs-reliability Pareto frontiers.
///
/// A function of the definition and the multiset of (variant, replication, metrics) rows only,
/// never of their order: one unsharded run and the merge of its shards give equal analyses.
///
/// - Values (``ExperimentMetric/Kind/value``) get a ``ReplicationSummary`` over the
///   replications where they are present.
/// - Flags get a Wilson ``ProportionInterval`` over all replications.
/// - Every metric of every variant but the baseline gets a ``PairedComparison`` with the
///   baseline over the replications where both have a value (by index: replication *i* of both
///   saw the same random numbers).
/// - Two frontiers over the variants' means (``ParetoFrontier``): monthly cost vs availability,
///   and monthly cost vs the probability of meeting all objectives.
package struct ExperimentAnalysis: Sendable {
  /// One metric of one variant across its replications.
  package struct MetricSummary: Equatable, Sendable {
    /// The metric.
    package var metric: ExperimentMetric
    /// Replications that had a value.
    package var count: Int
    /// For a value metric with at least one value: mean, interval, spread.
    package var summary: ReplicationSummary?
    /// For a flag: the proportion of replications with 1 and its Wilson interval.
    package var proportion: ProportionInterval?
  }

  /// One variant's statistics.
  package struct VariantAnalysis: Sendable {
    /// The variant (number and settings).
    package var variant: SweepGrid.Variant
    /// One summary per metric, in metric order.
    package var metrics: [MetricSummary]
    /// Per metric, the comparison with the baseline; `nil` for the baseline itself, and for a
    /// metric with no replication where both have a value.
    package var versusBaseline: [PairedComparison?]?
    /// Whether no variant is cheaper and more available (mean monthly cost vs mean
    /// availability).
    package var onCostAvailabilityFrontier: Bool
    /// Whether no variant is cheaper and likelier to meet all objectives.
    package var onCostObjectivesFrontier: Bool

    /// The summary of `metric`.
    package subscript(metric: ExperimentMetric) -> MetricSummary { metrics[metric.rawValue] }
  }

  /// The experiment.
  package let definition: ExperimentDefinition
  /// Per variant, by number.
  package let variants: [VariantAnalysis]
  /// Monthly cost vs availability, over the variants in order.
  package let costAvailabilityFrontier: ParetoFrontier
  /// Monthly cost vs the probability of meeting all objectives.
  package let costObjectivesFrontier: ParetoFrontier

  /// Analyses `rows`, which must hold every (variant, replication) of `definition` once.
  ///
  /// - Precondition: `rows` is complete and has no duplicates.
  /// - Complexity: O(V·M·R log R) for V variants, M metrics and R replications.
  package init(definition: ExperimentDefinition, rows: [ReplicationRow]) {
    let variantCount = definition.variantCount
    let replications = definition.replications
    var table = [[ReplicationOutcome?]](
      repeating: [ReplicationOutcome?](repeating: nil, count: replications), count: variantCount)
    for row in rows {
      precondition(
        row.variant >= 0 && row.variant < variantCount && row.replication >= 0
          && row.replication < replications,
        "ExperimentAnalysis: row (\(row.variant), \(row.replication)) is outside the experiment")
      precondition(
        table[row.variant][row.replication] == nil,
        "ExperimentAnalysis: row (\(row.variant), \(row.replication)) appears twice")
      table[row.variant][row.replication] = row.outcome
    }
    let outcomes: [[ReplicationOutcome]] = table.enumerated().map { v, column in
      column.enumerated().map { r, outcome in
        guard let outcome else {
          preconditionFailure("ExperimentAnalysis: row (\(v), \(r)) is missing")
        }
        return outcome
      }
    }
    let level = definition.level
    let baseline = outcomes[definition.baselineVariant]
    var analyses: [VariantAnalysis] = []
    for v in 0..<variantCount {
      let metrics = ExperimentMetric.allCases.map { metric in
        Self.summarise(metric, outcomes[v].map { $0[metric] }, level: level)
      }
      var comparisons: [PairedComparison?]?
      if v != definition.baselineVariant {
        comparisons = ExperimentMetric.allCases.map { metric in
          var pairs: (variant: [Double], baseline: [Double]) = ([], [])
          for (mine, theirs) in zip(outcomes[v], baseline) {
            if let a = mine[metric], let b = theirs[metric] {
              pairs.variant.append(a)
              pairs.baseline.append(b)
            }
          }
          return pairs.variant.isEmpty
            ? nil : PairedComparison(variant: pairs.variant, baseline: pairs.baseline, level: level)
        }
      }
      analyses.append(
        VariantAnalysis(
          variant: definition.grid.variant(at: v), metrics: metrics, versusBaseline: comparisons,
          onCostAvailabilityFrontier: false, onCostObjectivesFrontier: false))
    }
    func mean(_ analysis: VariantAnalysis, _ metric: ExperimentMetric) -> Double {
      analysis[metric].summary?.mean ?? 0
    }
    let availability = ParetoFrontier(
      analyses.map {
        ParetoFrontier.Point(
          monthlyCostUSD: mean($0, .monthlyCostUSD), availability: mean($0, .availability))
      })
    let objectives = ParetoFrontier(
      analyses.map {
        ParetoFrontier.Point(
          monthlyCostUSD: mean($0, .monthlyCostUSD),
          availability: $0[.allObjectivesMet].proportion?.estimate ?? 0)
      })
    for v in analyses.indices {
      analyses[v].onCostAvailabilityFrontier = availability.isOnFrontier[v]
      analyses[v].onCostObjectivesFrontier = objectives.isOnFrontier[v]
    }
    self.definition = definition
    self.variants = analyses
    self.costAvailabilityFrontier = availability
    self.costObjectivesFrontier = objectives
  }

  /// The summary of one metric's values (`nil` where missing).
  static func summarise(_ metric: ExperimentMetric, _ values: [Double?], level: Double)
    -> MetricSummary
  {
    let present = values.compactMap { $0 }
    switch metric.kind {
    case .value:
      return MetricSummary(
        metric: metric, count: present.count,
        summary: present.isEmpty ? nil : ReplicationSummary(present, level: level),
        proportion: nil)
    case .flag:
      return MetricSummary(
        metric: metric, count: present.count, summary: nil,
        proportion: present.isEmpty
          ? nil
          : ProportionInterval(
            successes: present.filter { $0 == 1 }.count, trials: present.count, level: level))
    }
  }
}
