import PlatformModel
import Scenarios
import SimKernel
import Testing

@testable import Experiments

@Suite struct ExperimentPlanTests {
  static func plan(_ text: String, _ axes: [String], replications: Int = 1) throws
    -> ExperimentPlan
  {
    try ExperimentPlan(
      base: try ExperimentTestScenarios.scenario(text), scenarioHash: "h", file: "f.json",
      axes: try axes.map { try SweepAxis(parsing: $0) }, replications: replications)
  }

  @Test("a setting reaches a named element the file never mentions")
  func namedElementOfTheResolvedScenario() throws {
    let plan = try Self.plan(
      "{}", ["platform.services[backend].autoscaler.metrics[0].averageUtilization=50,90"])
    #expect(plan.scenarios.count == 2)
    func cpuTarget(_ s: PlatformScenario) -> JSONValue? {
      s.explainedValue["platform"]?["services"].flatMap { services -> JSONValue? in
        guard case .array(let list) = services else { return nil }
        return list.first { $0["name"] == .string("backend") }?["autoscaler"]?["metrics"]
      }
    }
    #expect(cpuTarget(plan.scenarios[0]) != cpuTarget(plan.scenarios[1]))
    let reference = PlatformScenario.reference
    var expected = reference.explainedValue
    try expected.set(
      .integer(90),
      at: ParameterPath(
        parsing: "platform.services[backend].autoscaler.metrics[0].averageUtilization"))
    #expect(plan.scenarios[1].explainedValue == expected)
  }

  @Test("a named list that explain writes as {\"replace\": [...]} is still selected by name")
  func replacedNamedList() throws {
    let plan = try Self.plan(
      ExperimentTestScenarios.databaseFailures, ["platform.services[backend].startupTime=5s,45s"])
    #expect(
      plan.scenarios.map { $0.platform.services[0].startupTime } == [.seconds(5), .seconds(45)])
  }

  @Test("without a sweep there is one variant, the base scenario itself")
  func noSweep() throws {
    let base = try ExperimentTestScenarios.scenario(ExperimentTestScenarios.databaseFailures)
    let plan = try Self.plan(ExperimentTestScenarios.databaseFailures, [], replications: 5)
    #expect(plan.scenarios == [base])
    #expect(plan.definition.variantCount == 1 && plan.definition.replications == 5)
    #expect(plan.definition.seed == base.seed && plan.definition.horizon == base.horizon)
  }

  @Test("a path that does not exist is an input error naming the file and the path")
  func missingPath() throws {
    let error = #expect(throws: ExperimentPlanError.self) {
      try Self.plan("{}", ["platform.services[api].replicas=3"])
    }
    #expect(
      error?.description
        == #"f.json: path "platform.services[api].replicas": no element of "platform.services" has "#
        + #""name" equal to "api" (names: "frontend", "backend")"#)
  }

  @Test("an invalid value is reported by the scenario loader with its path and the variant")
  func invalidVariant() throws {
    let error = #expect(throws: ExperimentPlanError.self) {
      try Self.plan("{}", ["platform.services[backend].cpuRequestMillicores=100,-5"])
    }
    guard case .invalidVariant(let index, let label, let issues)? = error else {
      Issue.record("expected an invalid variant, got \(String(describing: error))")
      return
    }
    #expect(index == 1 && label == "platform.services[backend].cpuRequestMillicores=-5")
    #expect(
      issues.issues.contains {
        $0.file == "f.json" && $0.path == "platform.services[1].cpuRequestMillicores"
      }, "\(issues)")
  }

  @Test("array values sweep a list such as the zones")
  func arrayValues() throws {
    let axis = SweepAxis(
      path: try ParameterPath(parsing: "platform.zones"),
      values: [
        .array([.string("eu-central-1a"), .string("eu-central-1b")]),
        .array([.string("eu-central-1a"), .string("eu-central-1b"), .string("eu-central-1c")]),
      ])
    let plan = try ExperimentPlan(
      base: .reference, scenarioHash: "h", file: "f.json", axes: [axis], replications: 1)
    #expect(plan.scenarios.map(\.platform.zones.count) == [2, 3])
  }
}
