import Experiments
import Foundation
import PlatformModel
import Scenarios
import SimTestSupport
import Testing

/// The bounds and unit checks leave every shipped scenario, the built-in reference and every
/// variant of the shipped sweeps valid and free of warnings.
@Suite struct ShippedScenarioValidationTests {
  @Test(
    "every shipped scenario loads without errors or warnings", arguments: shippedScenarioNames())
  func shippedScenarioIsClean(name: String) throws {
    let path = repositoryRoot.appendingPathComponent("scenarios/\(name).json").path
    let file = try ExperimentFile.load(contentsOf: path)
    #expect(file.scenarioFile.warnings.isEmpty)
  }

  @Test("the built-in reference has no errors or warnings")
  func referenceIsClean() {
    #expect(ScenarioLoader.validationIssues(in: .reference, file: "builtin-reference").isEmpty)
    #expect(ScenarioLoader.validationWarnings(in: .reference, file: "builtin-reference").isEmpty)
  }

  @Test("every variant of every shipped sweep validates", arguments: shippedExperimentNames())
  func sweepVariantsValidate(name: String) throws {
    let path = repositoryRoot.appendingPathComponent("scenarios/\(name).json").path
    let file = try ExperimentFile.load(contentsOf: path)
    let plan = try ExperimentPlan(
      base: file.scenarioFile.scenario, scenarioHash: file.scenarioFile.contentHash, file: path,
      axes: file.axes, replications: 1)
    #expect(plan.scenarios.count == max(1, file.axes.reduce(1) { $0 * $1.values.count }))
    for scenario in plan.scenarios {
      #expect(ScenarioLoader.validationIssues(in: scenario, file: path).isEmpty)
    }
  }
}
