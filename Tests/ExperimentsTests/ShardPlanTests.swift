import Testing

@testable import Experiments

@Suite struct ShardPlanTests {
  @Test("K/N parses to shard K of N")
  func parses() throws {
    let plan = try ShardPlan(parsing: "2/4")
    #expect(plan.index == 2 && plan.count == 4 && plan.description == "2/4")
    #expect(try ShardPlan(parsing: "1/1") == .whole)
    #expect(try ShardPlan(index: 3, count: 3).description == "3/3")
  }

  /// A bad `--shard` value and its message.
  struct BadShard: CustomTestStringConvertible, Sendable {
    var text: String
    var message: String
    var testDescription: String { text.isEmpty ? "(empty)" : text }
  }

  @Test(
    "bad shards are rejected quoting the text",
    arguments: [
      BadShard(text: "0/3", message: "K must be between 1 and 3 (got 0)"),
      BadShard(text: "4/3", message: "K must be between 1 and 3 (got 4)"),
      BadShard(text: "1/0", message: "N must be at least 1 (got 0)"),
      BadShard(text: "3", message: "expected K/N, shard K of N shards, such as 1/4"),
      BadShard(text: "", message: "expected K/N, shard K of N shards, such as 1/4"),
      BadShard(text: "1/2/3", message: "expected K/N, shard K of N shards, such as 1/4"),
      BadShard(text: "a/3", message: "K must be a whole number (got \"a\")"),
      BadShard(text: "/3", message: "K must be a whole number (got \"\")"),
      BadShard(text: "-1/3", message: "K must be a whole number (got \"-1\")"),
      BadShard(text: "1/ 3", message: "N must be a whole number (got \" 3\")"),
      BadShard(text: "1/3.0", message: "N must be a whole number (got \"3.0\")"),
    ])
  func badShards(_ c: BadShard) {
    #expect(
      throws: ExperimentInputError(
        subject: "shard \(ExperimentInputError.quote(c.text))", message: c.message)
    ) { try ShardPlan(parsing: c.text) }
  }

  @Test("index and count out of range are rejected like parsed text")
  func badParts() {
    #expect(
      throws: ExperimentInputError(
        subject: "shard \"5/4\"", message: "K must be between 1 and 4 (got 5)")
    ) {
      try ShardPlan(index: 5, count: 4)
    }
    #expect(
      throws: ExperimentInputError(
        subject: "shard \"1/-2\"", message: "N must be at least 1 (got -2)")
    ) {
      try ShardPlan(index: 1, count: -2)
    }
  }

  @Test("shards are disjoint, cover every item and differ in size by at most one")
  func partition() throws {
    for variants in 0...5 {
      for replications in 0...7 {
        for n in 1...9 {
          let shards = try (1...n).map { k in
            try ShardPlan(index: k, count: n).workItems(
              variantCount: variants, replicationCount: replications)
          }
          let all = shards.flatMap { $0 }
          let expected = (0..<variants).flatMap { v in
            (0..<replications).map { ShardPlan.WorkItem(variant: v, replication: $0) }
          }
          #expect(all.count == expected.count && Set(all) == Set(expected))
          let sizes = shards.map(\.count)
          #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "\(variants)×\(replications)/\(n)")
          for shard in shards { #expect(shard == shard.sorted()) }
        }
      }
    }
  }

  @Test("round robin over the variant-major item number: 3 variants × 4 replications, shard 2/5")
  func roundRobin() throws {
    let plan = try ShardPlan(parsing: "2/5")
    // Items 1, 6, 11: (0, 1), (1, 2), (2, 3).
    #expect(
      plan.workItems(variantCount: 3, replicationCount: 4) == [
        .init(variant: 0, replication: 1), .init(variant: 1, replication: 2),
        .init(variant: 2, replication: 3),
      ])
    #expect(plan.owns(.init(variant: 1, replication: 2), replicationCount: 4))
    #expect(!plan.owns(.init(variant: 1, replication: 1), replicationCount: 4))
    #expect(ShardPlan.whole.workItems(variantCount: 2, replicationCount: 2).count == 4)
  }
}
