import Foundation
import Testing

@testable import Experiments

@Suite struct ExperimentRunnerTests {
  static func plan(replications: Int = 6, precision: PrecisionRule? = nil) throws
    -> ExperimentPlan
  {
    try ExperimentPlan(
      base: try ExperimentTestScenarios.scenario(ExperimentTestScenarios.databaseFailures),
      scenarioHash: "h", file: "f.json",
      axes: [try SweepAxis(parsing: "traffic.baseRequestsPerSecond=10,20,30")],
      replications: replications, precision: precision)
  }

  @Test("the rows are the same with 1 and 3 jobs, in variant-major order")
  func jobsDoNotChangeResults() throws {
    let plan = try Self.plan()
    let one = ExperimentRunner.run(plan, jobs: 1)
    let three = ExperimentRunner.run(plan, jobs: 3)
    #expect(one == three)
    #expect(
      one.rows.map { [$0.variant, $0.replication] }
        == (0..<3).flatMap { v in (0..<6).map { [v, $0] } })
    // Replications differ from one another (they are not copies of one run).
    #expect(Set(one.rows.map { $0.outcome[.availability] }).count > 3)
  }

  @Test("the rows of shards 1/4 … 4/4 together are exactly the whole experiment's")
  func shardsPartitionTheWork() throws {
    let plan = try Self.plan()
    let whole = ExperimentRunner.run(plan, jobs: 2)
    var union: [ReplicationRow] = []
    for k in 1...4 {
      let shard = try ShardPlan(index: k, count: 4)
      let part = ExperimentRunner.run(plan, shard: shard, jobs: 2)
      #expect(part.shard == shard && !part.rows.isEmpty)
      union += part.rows
    }
    union.sort { ($0.variant, $0.replication) < ($1.variant, $1.replication) }
    #expect(union == whole.rows)
  }

  @Test("progress counts every replication once and ends at the planned total")
  func progressCounts() throws {
    let plan = try Self.plan(replications: 4)
    let seen = Counter()
    _ = ExperimentRunner.run(plan, jobs: 3) { seen.record($0) }
    #expect(seen.values.count == 12)
    #expect(seen.values.map(\.completed).sorted() == Array(1...12))
    #expect(seen.values.allSatisfy { $0.planned == 12 })
  }

  @Test(
    "precision stops at the first checkpoint where every variant meets the target, for any jobs")
  func precisionStopsAtFirstCheckpoint() throws {
    let rule = try PrecisionRule(
      metric: "availability", target: .absoluteHalfWidth(0.03), minimumReplications: 4,
      maximumReplications: 60, batchSize: 4)
    let plan = try Self.plan(precision: rule)
    let one = ExperimentRunner.run(plan, jobs: 1)
    let three = ExperimentRunner.run(plan, jobs: 3)
    #expect(one == three)
    let n = one.definition.replications
    #expect(one.precision?.stopReason == .precisionReached)
    #expect(n > 4 && n < 60 && rule.isCheckpoint(n), "stopped at \(n)")
    #expect(one.rows.count == 3 * n)
    func met(_ count: Int) -> Bool {
      (0..<3).allSatisfy { v in
        let values = one.rows.filter { $0.variant == v && $0.replication < count }
          .compactMap { $0.outcome[.availability] }
        return rule.isMet(by: ReplicationSummary(values))
      }
    }
    #expect(met(n) && !met(n - 4))
  }

  @Test("an unreachable target stops at the cap and says so")
  func precisionCap() throws {
    let rule = try PrecisionRule(
      metric: "availability", target: .absoluteHalfWidth(1e-9), minimumReplications: 3,
      maximumReplications: 7, batchSize: 3)
    let results = ExperimentRunner.run(try Self.plan(precision: rule), jobs: 2)
    #expect(results.precision?.stopReason == .replicationCapReached)
    #expect(results.definition.replications == 7 && results.rows.count == 21)
  }
}

/// Collects progress reports from several threads.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [ExperimentRunner.Progress] = []

  func record(_ progress: ExperimentRunner.Progress) {
    lock.lock()
    stored.append(progress)
    lock.unlock()
  }

  var values: [ExperimentRunner.Progress] {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}
