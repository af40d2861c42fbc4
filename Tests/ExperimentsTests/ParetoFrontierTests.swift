import SimKernel
import Testing

@testable import Experiments

@Suite struct ParetoFrontierTests {
  typealias Point = ParetoFrontier.Point

  static func p(_ cost: Double, _ availability: Double) -> Point {
    Point(monthlyCostUSD: cost, availability: availability)
  }

  @Test("a hand-made set: dominated, tied and duplicated points")
  func handMade() {
    let points = [
      Self.p(100, 0.99),  // 0: on
      Self.p(200, 0.999),  // 1: on
      Self.p(150, 0.98),  // 2: dominated by 0 (dearer, less available)
      Self.p(200, 0.995),  // 3: dominated by 1 (same cost, less available)
      Self.p(300, 0.999),  // 4: dominated by 1 (same availability, dearer)
      Self.p(100, 0.99),  // 5: duplicate of 0: on, like 0
      Self.p(50, 0.9),  // 6: on (cheapest)
      Self.p(400, 0.9999),  // 7: on (most available)
    ]
    let frontier = ParetoFrontier(points)
    #expect(frontier.isOnFrontier == [true, true, false, false, false, true, true, true])
    #expect(frontier.frontierIndices == [6, 0, 5, 1, 7])
  }

  @Test("the frontier does not depend on the order of the points")
  func orderIndependence() {
    var random = SplitMix64(seed: 5)
    let points = (0..<40).map { _ in
      Self.p(
        Double(Int.random(in: 0..<8, using: &random)), Double(Int.random(in: 0..<8, using: &random))
      )
    }
    let reference = Set(ParetoFrontier(points).frontierIndices.map { points[$0] })
    for _ in 0..<20 {
      let shuffled = points.shuffled(using: &random)
      #expect(Set(ParetoFrontier(shuffled).frontierIndices.map { shuffled[$0] }) == reference)
    }
  }

  @Test("the sort-and-sweep agrees with the pairwise definition over 500 random tie-heavy sets")
  func matchesBruteForce() {
    for seed in 0..<500 {
      var random = SplitMix64(seed: UInt64(seed))
      let count = Int.random(in: 0...25, using: &random)
      let points = (0..<count).map { _ in
        Self.p(
          Double(Int.random(in: 0..<6, using: &random)) * 10,
          Double(Int.random(in: 0..<6, using: &random)) / 8)
      }
      let expected = points.map { b in !points.contains { a in a.dominates(b) } }
      #expect(ParetoFrontier(points).isOnFrontier == expected, "seed \(seed)")
    }
  }

  @Test("dominance needs one strict improvement; −0 and 0 are equal")
  func dominance() {
    #expect(Self.p(1, 0.5).dominates(Self.p(2, 0.5)))
    #expect(Self.p(1, 0.6).dominates(Self.p(1, 0.5)))
    #expect(!Self.p(1, 0.5).dominates(Self.p(1, 0.5)))
    #expect(!Self.p(1, 0.4).dominates(Self.p(2, 0.5)))
    #expect(ParetoFrontier([Self.p(-0.0, 1), Self.p(0, 1)]).isOnFrontier == [true, true])
    #expect(ParetoFrontier([]).frontierIndices.isEmpty)
  }
}
