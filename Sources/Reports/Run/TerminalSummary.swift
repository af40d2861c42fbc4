import PlatformModel
import SimKernel

/// The short human summary printed after a run.
package enum TerminalSummary {
  /// A few lines: availability, latency, incidents, utilisation, cost, verdicts.
  package static func text(_ result: PlatformRunResult, reportPath: String) -> String {
    let summary = RunSummary(result)
    let t = result.totals
    func percent(_ x: Double, _ digits: Int = 3) -> String { format(x * 100, digits) + " %" }
    func ms(_ x: Double?) -> String { x.map { format($0 * 1_000, 1) + " ms" } ?? "-" }
    var lines: [String] = []
    lines.append("scenario \(result.scenario.name): \(result.scenario.horizon) simulated, seed \(result.scenario.seed)")
    lines.append("  availability   \(percent(summary.availability)) of \(format(t.requests, 0)) requests; error budget spent \(percent(summary.errorBudgetSpent, 1))")
    lines.append("  latency        p50 \(ms(result.latency.quantile(0.5))), p95 \(ms(result.latency.quantile(0.95))), p99 \(ms(result.latency.quantile(0.99)))")
    let restore = result.incidents.map(\.timeToRestore.inSeconds)
    let mttr = restore.isEmpty ? "-" : format(restore.reduce(0, +) / Double(restore.count), 0) + " s"
    lines.append("  incidents      \(result.incidents.count), mean time to restore \(mttr)")
    lines.append("  utilisation    CPU \(percent(t.cpuRequestedCoreSeconds > 0 ? t.cpuUsedCoreSeconds / t.cpuRequestedCoreSeconds : 0, 1)) of requests, memory \(percent(t.memoryRequestedMiBSeconds > 0 ? t.memoryUsedMiBSeconds / t.memoryRequestedMiBSeconds : 0, 1)) of requests")
    lines.append("  cost           $\(format(result.cost.perMonth, 2)) per 30-day month")
    for verdict in summary.verdicts {
      lines.append("  SLO \(verdict.name): \(verdict.met ? "met" : "BREACHED")")
    }
    lines.append("  reports in \(reportPath)")
    return lines.joined(separator: "\n")
  }

  /// `x` with `digits` decimals, without locale.
  static func format(_ x: Double, _ digits: Int) -> String {
    CSVTable.cell(x, decimals: digits)
  }
}
