import Experiments
import SimKernel

/// The short human summary printed after an experiment: per variant, availability with its
/// interval, the probability of meeting every objective, expected monthly downtime and cost,
/// and which cost-vs-reliability Pareto frontiers it is on.
package enum ExperimentTerminalSummary {
  /// A few lines per experiment, two per variant.
  package static func text(
    _ analysis: ExperimentAnalysis, precision: PrecisionOutcome?,
    reportPath: String
  ) -> String {
    let d = analysis.definition
    func format(_ x: Double?, _ digits: Int) -> String {
      x.map { CSVTable.cell($0, decimals: digits) } ?? "-"
    }
    var lines = [
      "experiment \(d.scenarioName): \(d.variantCount) variant\(d.variantCount == 1 ? "" : "s") "
        + "x \(d.replications) replication\(d.replications == 1 ? "" : "s") of \(d.horizon), "
        + "seed \(d.seed)"
    ]
    if let precision {
      let reached = precision.stopReason == .precisionReached
      lines.append(
        "  precision on \(precision.rule.metric): "
          + (reached
            ? "reached" : "not reached by the cap of \(precision.rule.maximumReplications)"))
    }
    for v in analysis.variants {
      let title = v.variant.label.isEmpty ? "" : " \(v.variant.label)"
      let baseline = v.variant.index == d.baselineVariant && d.variantCount > 1 ? " (baseline)" : ""
      lines.append("  #\(v.variant.index)\(title)\(baseline)")
      let availability = v[.availability].summary
      let halfWidth =
        availability?.confidenceInterval.map { " ± " + format($0.halfWidth * 100, 4) } ?? ""
      let all = v[.allObjectivesMet].proportion
      let frontiers =
        (v.onCostAvailabilityFrontier ? ["cost-availability"] : [])
        + (v.onCostObjectivesFrontier ? ["cost-SLO"] : [])
      let frontier = frontiers.isEmpty ? "" : "  [frontier: \(frontiers.joined(separator: ", "))]"
      lines.append(
        "     availability \(format(availability.map { $0.mean * 100 }, 4))\(halfWidth) %"
          + ", all SLOs met \(format(all?.estimate, 3)) [\(format(all?.lower, 3)), "
          + "\(format(all?.upper, 3))]"
          + ", downtime \(format(v[.monthlyDowntimeMinutes].summary?.mean, 1)) min/month"
          + ", $\(format(v[.monthlyCostUSD].summary?.mean, 2))/month\(frontier)")
    }
    lines.append("  reports in \(reportPath)")
    return lines.joined(separator: "\n")
  }
}
