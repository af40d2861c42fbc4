import Experiments
import Scenarios
import SimKernel

/// The report files of an experiment (formats in docs/experiments.md).
///
/// - A whole experiment (or a merge of all its shards) gives summary.json, replications.csv
///   and, with a sweep, sweep.csv.
/// - One shard of several gives shard.json (the definition and which shard it is) and its own
///   rows of replications.csv, which `platform-sim merge` combines.
///
/// **Byte-identical merges.** The statistics are computed from the values as read back from
/// replications.csv's text, never from the values in memory, so an unsharded run and a merge
/// of shard files start from the very same numbers; and every statistic depends only on the
/// definition and the multiset of rows (``ExperimentAnalysis``). Nothing about jobs, shards or
/// timing is written.
package struct ExperimentReport: Sendable {
  /// The version of the experiment summary.json and shard.json schemas; bump it on any
  /// incompatible change.
  package static let schemaVersion = 1
  /// The shard file's name.
  package static let shardFileName = "shard.json"

  /// File name and contents, in the order they are written.
  package var files: [(name: String, contents: String)]
  /// The statistics, for a whole experiment; `nil` for a shard.
  package var analysis: ExperimentAnalysis?

  /// The report of `results`.
  ///
  /// - Precondition: the results of a whole experiment (shard 1/1) are complete.
  package init(_ results: ExperimentResults, toolVersion: String) {
    let rows = results.rows.sorted { ($0.variant, $0.replication) < ($1.variant, $1.replication) }
    let replications = ReplicationTable.text(rows)
    let tool = JSONValue.object([
      ("name", .string("platform-sim")), ("version", .string(toolVersion)),
    ])
    guard results.shard == .whole else {
      let shard = JSONValue.object([
        ("schemaVersion", .integer(Self.schemaVersion)), ("kind", .string("experiment-shard")),
        ("tool", tool), ("shard", .string(results.shard.description)),
        ("experiment", results.definition.json),
      ])
      files = [
        (Self.shardFileName, JSONWriter().string(from: shard)),
        (ReplicationTable.fileName, replications),
      ]
      analysis = nil
      return
    }
    let canonical: [ReplicationRow]
    do {
      canonical = try ReplicationTable.rows(fromText: replications, file: ReplicationTable.fileName)
    } catch {
      preconditionFailure("ExperimentReport: replications.csv does not read back: \(error)")
    }
    let analysis = ExperimentAnalysis(definition: results.definition, rows: canonical)
    let summary = JSONValue.object([
      ("schemaVersion", .integer(Self.schemaVersion)), ("kind", .string("experiment")),
      ("tool", tool), ("experiment", results.definition.json),
      ("precision", Self.precision(results.precision)),
      ("variants", .array(analysis.variants.map(Self.variant))),
      (
        "pareto",
        .object([
          (
            "costVsAvailability",
            .array(analysis.costAvailabilityFrontier.frontierIndices.map(JSONValue.integer))
          ),
          (
            "costVsObjectivesMet",
            .array(analysis.costObjectivesFrontier.frontierIndices.map(JSONValue.integer))
          ),
        ])
      ),
    ])
    var files: [(name: String, contents: String)] = [
      ("summary.json", JSONWriter().string(from: summary)),
      (ReplicationTable.fileName, replications),
    ]
    if !results.definition.grid.axes.isEmpty {
      files.append(("sweep.csv", SweepTable.text(analysis)))
    }
    self.files = files
    self.analysis = analysis
  }

  /// The precision rule and how it ended, or `null`.
  static func precision(_ outcome: PrecisionOutcome?) -> JSONValue {
    guard let outcome else { return .null }
    let rule = outcome.rule
    let target: (String, JSONValue)
    switch rule.target {
    case .relativeHalfWidth(let r): target = ("relativeHalfWidth", .double(r))
    case .absoluteHalfWidth(let h): target = ("absoluteHalfWidth", .double(h))
    }
    let reason =
      switch outcome.stopReason {
      case .precisionReached: "precisionReached"
      case .replicationCapReached: "replicationCapReached"
      }
    return .object([
      ("metric", .string(rule.metric)), target,
      ("minimumReplications", .integer(rule.minimumReplications)),
      ("maximumReplications", .integer(rule.maximumReplications)),
      ("batchSize", .integer(rule.batchSize)), ("stopReason", .string(reason)),
    ])
  }

  /// One variant's member of `variants`.
  static func variant(_ v: ExperimentAnalysis.VariantAnalysis) -> JSONValue {
    let values = ExperimentMetric.allCases.filter { $0.kind == .value }
    func flag(_ metric: ExperimentMetric) -> JSONValue { Self.flag(v[metric]) }
    func expected(_ metric: ExperimentMetric) -> JSONValue {
      guard let summary = v[metric].summary else { return .null }
      return .object([
        ("mean", .double(summary.mean)),
        ("confidenceInterval", interval(summary.confidenceInterval)),
      ])
    }
    return .object([
      ("index", .integer(v.variant.index)), ("label", .string(v.variant.label)),
      ("settings", .object(v.variant.settings.map { ($0.path.description, $0.value) })),
      ("metrics", .object(values.map { ($0.name, value(v[$0])) })),
      (
        "objectivesMet",
        .object([
          ("availability", flag(.availabilityMet)), ("latencyP95", flag(.latencyP95Met)),
          ("errorBudget", flag(.errorBudgetMet)), ("all", flag(.allObjectivesMet)),
        ])
      ),
      (
        "expectedMonthly",
        .object([
          ("downtimeMinutes", expected(.monthlyDowntimeMinutes)),
          ("costUSD", expected(.monthlyCostUSD)),
        ])
      ),
      (
        "versusBaseline",
        v.versusBaseline.map { comparisons in
          .object(ExperimentMetric.allCases.map { ($0.name, comparison(comparisons[$0.rawValue])) })
        } ?? .null
      ),
      (
        "pareto",
        .object([
          ("costVsAvailability", .bool(v.onCostAvailabilityFrontier)),
          ("costVsObjectivesMet", .bool(v.onCostObjectivesFrontier)),
        ])
      ),
    ])
  }

  /// `{"lower", "upper", "halfWidth"}`, or `null` without an interval.
  static func interval(_ ci: ConfidenceInterval?) -> JSONValue {
    guard let ci else { return .null }
    return .object([
      ("lower", .double(ci.lower)), ("upper", .double(ci.upper)),
      ("halfWidth", .double(ci.halfWidth)),
    ])
  }

  /// A value metric: count, mean, interval, spread.
  static func value(_ s: ExperimentAnalysis.MetricSummary) -> JSONValue {
    guard let summary = s.summary else {
      return .object([
        ("count", .integer(0)), ("mean", .null), ("standardDeviation", .null),
        ("confidenceInterval", .null), ("p5", .null), ("p50", .null), ("p95", .null),
        ("min", .null), ("max", .null),
      ])
    }
    return .object([
      ("count", .integer(s.count)), ("mean", .double(summary.mean)),
      ("standardDeviation", .double(summary.standardDeviation)),
      ("confidenceInterval", interval(summary.confidenceInterval)),
      ("p5", .double(summary.p5)), ("p50", .double(summary.p50)), ("p95", .double(summary.p95)),
      ("min", .double(summary.minimum)), ("max", .double(summary.maximum)),
    ])
  }

  /// A flag: the proportion of replications where it held, with its Wilson interval.
  static func flag(_ s: ExperimentAnalysis.MetricSummary) -> JSONValue {
    guard let p = s.proportion else { return .null }
    return .object([
      ("trials", .integer(p.trials)), ("successes", .integer(p.successes)),
      ("probability", .double(p.estimate)),
      ("confidenceInterval", .object([("lower", .double(p.lower)), ("upper", .double(p.upper))])),
    ])
  }

  /// A paired comparison with the baseline, or `null`.
  static func comparison(_ c: PairedComparison?) -> JSONValue {
    guard let c else { return .null }
    return .object([
      ("count", .integer(c.differences.count)), ("meanDifference", .double(c.differences.mean)),
      ("confidenceInterval", interval(c.paired)),
      ("unpairedHalfWidth", c.unpaired.map { .double($0.halfWidth) } ?? .null),
    ])
  }
}
