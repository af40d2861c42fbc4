import Scenarios
import Testing

@testable import Experiments

@Suite struct SweepGridTests {
  @Test("variants are the cartesian product, first axis slowest, with stable labels")
  func order() throws {
    let grid = try SweepGrid(parsing: ["platform.zones[0].nodeCount=1,2", "seed=x,y,z"])
    #expect(grid.count == 6)
    #expect(
      grid.variants.map(\.label) == [
        "platform.zones[0].nodeCount=1, seed=x", "platform.zones[0].nodeCount=1, seed=y",
        "platform.zones[0].nodeCount=1, seed=z", "platform.zones[0].nodeCount=2, seed=x",
        "platform.zones[0].nodeCount=2, seed=y", "platform.zones[0].nodeCount=2, seed=z",
      ])
    #expect(grid.variants.map(\.index) == Array(0..<6))
    #expect(grid.variant(at: 4) == grid.variants[4])
  }

  @Test("three axes: variant index is the mixed-radix number of the value positions")
  func mixedRadix() throws {
    let grid = try SweepGrid(parsing: ["a=0..1", "b=0..2", "c=0..3"])
    #expect(grid.count == 24)
    for variant in grid.variants {
      let digits = variant.settings.map { SweepAxis.valueText($0.value) }.compactMap { Int($0) }
      #expect(digits[0] * 12 + digits[1] * 4 + digits[2] == variant.index)
    }
  }

  @Test("no axes give one variant with no settings and the empty label")
  func noAxes() throws {
    let grid = try SweepGrid(axes: [])
    #expect(grid.count == 1)
    #expect(grid.variants == [SweepGrid.Variant(index: 0, settings: [])])
    #expect(grid.variants[0].label == "")
  }

  @Test("a variant applies its settings to a document")
  func apply() throws {
    let grid = try SweepGrid(parsing: ["platform.replicas=2,4", "platform.tier=gold"])
    let document = try JSONParser.parse(#"{"platform": {"replicas": 1}}"#)
    let applied = try grid.variant(at: 1).apply(to: document)
    #expect(
      JSONWriter(style: .compact, sortsKeys: false).string(from: applied)
        == #"{"platform":{"replicas":4,"tier":"gold"}}"#)
  }

  @Test("two axes on one path are rejected")
  func duplicatePath() {
    #expect(
      throws: ExperimentInputError(
        subject: "sweep",
        message:
          "two axes set \"platform.zones[0].nodeCount\"; give each path once with all its values")
    ) {
      try SweepGrid(parsing: ["platform.zones[0].nodeCount=1", "platform.zones[0].nodeCount=2"])
    }
  }

  @Test("a grid of more than a million variants is rejected")
  func tooMany() {
    #expect(
      throws: ExperimentInputError(
        subject: "sweep", message: "the axes give more than 1000000 variants")
    ) { try SweepGrid(parsing: ["a=1..1000", "b=1..1000", "c=1..2"]) }
  }

  @Test("the first axis that does not parse is reported")
  func badAxis() {
    #expect(
      throws: ExperimentInputError(
        subject: "sweep axis \"b\"",
        message:
          "expected PATH=VALUES, such as platform.zones[0].nodeCount=2,3 or "
          + "platform.services[backend].replicas=2..10:2")
    ) { try SweepGrid(parsing: ["a=1", "b", "c"]) }
  }
}
