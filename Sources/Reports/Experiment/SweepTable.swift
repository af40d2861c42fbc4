import Experiments
import Scenarios
import SimKernel

/// sweep.csv: one row per variant of a sweep.
///
/// Columns, in order:
/// - `variant`, the variant's number;
/// - one column per sweep axis, named by its path, holding the variant's value (as the
///   `--set` syntax writes it; arrays and objects as compact JSON);
/// - `replications`;
/// - per value metric, `<column>_mean`, `<column>_ci_low`, `<column>_ci_high`;
/// - per flag, `<column>_probability`, `<column>_ci_low`, `<column>_ci_high` (Wilson);
/// - per metric, `<column>_diff`, `<column>_diff_ci_low`, `<column>_diff_ci_high`: the mean
///   paired difference from the baseline variant and its interval (empty for the baseline);
/// - `pareto_cost_availability`, `pareto_cost_objectives`: `true` on the frontier of mean
///   monthly cost vs mean availability, and vs the probability of meeting all objectives.
///
/// Numbers are in their shortest round-trip form; an empty cell is a value that does not exist
/// (no replication had it, or one replication gives no interval).
package enum SweepTable {
  /// The CSV text of `analysis`'s variants.
  package static func text(_ analysis: ExperimentAnalysis) -> String {
    let metrics = ExperimentMetric.allCases
    var columns = ["variant"] + analysis.definition.grid.axes.map(\.path.description)
    columns.append("replications")
    for metric in metrics {
      let middle = metric.kind == .value ? "mean" : "probability"
      columns += [
        "\(metric.column)_\(middle)", "\(metric.column)_ci_low", "\(metric.column)_ci_high",
      ]
    }
    for metric in metrics {
      columns += [
        "\(metric.column)_diff", "\(metric.column)_diff_ci_low", "\(metric.column)_diff_ci_high",
      ]
    }
    columns += ["pareto_cost_availability", "pareto_cost_objectives"]
    var writer = CSVWriter(columns: columns)
    func number(_ x: Double?) -> String { x.map(CSVTable.cell) ?? "" }
    for v in analysis.variants {
      var row = [CSVTable.cell(v.variant.index)]
      row += v.variant.settings.map { SweepAxis.valueText($0.value) }
      row.append(CSVTable.cell(analysis.definition.replications))
      for metric in metrics {
        let s = v[metric]
        if let summary = s.summary {
          let ci = summary.confidenceInterval
          row += [number(summary.mean), number(ci?.lower), number(ci?.upper)]
        } else if let p = s.proportion {
          row += [number(p.estimate), number(p.lower), number(p.upper)]
        } else {
          row += ["", "", ""]
        }
      }
      for metric in metrics {
        if let c = v.versusBaseline?[metric.rawValue] {
          row += [number(c.differences.mean), number(c.paired?.lower), number(c.paired?.upper)]
        } else {
          row += ["", "", ""]
        }
      }
      row += [
        v.onCostAvailabilityFrontier ? "true" : "false",
        v.onCostObjectivesFrontier ? "true" : "false",
      ]
      writer.append(row)
    }
    return writer.text
  }
}
