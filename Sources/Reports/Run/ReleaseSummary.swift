import PlatformModel
import Scenarios
import SimKernel

/// The releases of one run, summed up for summary.json: how many, how they ended, how fast bad
/// ones were caught and rolled back, and what they cost in error budget and extra pods.
struct ReleaseSummary {
  let result: PlatformRunResult

  /// `good`, `errorRate 0.2`, `addedLatency 200ms`, `crashOnStart`, `memoryLeak 50MiB/h`,
  /// `cpuRegression x2`.
  static func describe(_ quality: ReleaseQuality) -> String {
    switch quality {
    case .good: "good"
    case .errorRate(let rate): "errorRate \(rate)"
    case .addedLatency(let added): "addedLatency \(added)"
    case .crashOnStart: "crashOnStart"
    case .memoryLeak(let perHour): "memoryLeak \(perHour)MiB/h"
    case .cpuRegression(let factor): "cpuRegression x\(factor)"
    }
  }

  /// The section as JSON.
  var json: JSONValue {
    let shipped = result.releases.filter { !$0.isRollback }
    let bad = shipped.filter(\.quality.isBad)
    let finished = shipped.filter { [.promoted, .aborted, .stuck].contains($0.outcome) }
    let promoted = finished.filter { $0.outcome == .promoted }
    let detect = shipped.compactMap(\.timeToDetect).map(\.inSeconds)
    let rollback = shipped.compactMap(\.timeToRollback).map(\.inSeconds)
    func mean(_ xs: [Double]) -> JSONValue {
      xs.isEmpty ? .null : .double(xs.reduce(0, +) / Double(xs.count))
    }
    let extraHours: Double = result.releases.reduce(0) { $0 + $1.extraPodHours }
    var extraCost = 0.0
    for release in result.releases {
      extraCost += release.extraPodHours * result.scenario.podHourPrice(of: release.service)
    }
    let successRate: JSONValue =
      finished.isEmpty ? .null : .double(Double(promoted.count) / Double(finished.count))
    let caught = bad.filter { $0.outcome == .aborted }.count
    let escaped = bad.filter { $0.outcome == .promoted }.count
    let stuck = bad.filter { $0.outcome == .stuck }.count
    let falseAborts = shipped.filter { !$0.quality.isBad && $0.outcome == .aborted }.count
    let badFailed: Double = bad.reduce(0) { $0 + $1.failedRequests }
    let badBudget: Double = bad.reduce(0) { $0 + $1.errorBudgetSpent }
    var members: [(key: String, value: JSONValue)] = []
    members.append(("count", .integer(shipped.count)))
    members.append(("bad", .integer(bad.count)))
    members.append(("rollbacks", .integer(result.releases.count - shipped.count)))
    members.append(("deploymentSuccessRate", successRate))
    members.append(("badCaughtByAnalysis", .integer(caught)))
    members.append(("badPromoted", .integer(escaped)))
    members.append(("badStuck", .integer(stuck)))
    members.append(("goodAborted", .integer(falseAborts)))
    members.append(("meanTimeToDetectSeconds", mean(detect)))
    members.append(("meanTimeToRollbackSeconds", mean(rollback)))
    members.append(("failedRequestsDuringBadReleases", .double(badFailed)))
    members.append(("errorBudgetSpentByBadReleases", .double(badBudget)))
    members.append(("extraPodHours", .double(extraHours)))
    members.append(("extraPodCostUSD", .double(extraCost)))
    return .object(members)
  }
}
