import PlatformModel
import Scenarios

/// An experiment ready to run: its definition, the scenario of every variant, and the
/// precision rule, if replications stop on precision.
///
/// **Variants.** A variant's settings are applied to the base scenario's fully resolved JSON
/// (``PlatformModel/PlatformScenario/explainedValue``, the `explain` output), in which every
/// named element exists, so `platform.services[backend].replicas` works even when the file
/// never mentions `backend`. The result is decoded and validated by ``ScenarioLoader``, so a
/// bad value is reported with its path as for any scenario file. A variant without settings
/// (an experiment without a sweep) is the base scenario itself.
///
/// **Common random numbers.** Every variant keeps the base's seed (unless the sweep sets
/// `seed`), and replication *i* of each runs as `simulate(scenario, replication: i)`: its
/// named random streams (faults, traffic, operator, …) are the same in every variant, so the
/// variants meet the same traffic and the same failures.
package struct ExperimentPlan: Sendable {
  /// What identifies the results. With a precision rule, ``ExperimentDefinition/replications``
  /// is the rule's cap until the run has decided.
  package var definition: ExperimentDefinition
  /// The scenario of each variant, by variant number.
  package var scenarios: [PlatformScenario]
  /// When set, replications stop on precision (see ``PrecisionRule``).
  package var precision: PrecisionRule?

  /// The plan of `axes` over `base`.
  ///
  /// - Parameters:
  ///   - base: the scenario, with any command-line overrides (seed, duration) applied.
  ///   - scenarioHash: the scenario file's content hash, for the reports.
  ///   - file: names the scenario in issues about a variant.
  ///   - axes: the sweep; none for replications of one scenario.
  ///   - replications: replications per variant (ignored with `precision`).
  ///   - precision: stop on precision instead.
  /// - Throws: ``ExperimentPlanError`` when the axes do not form a grid, a setting does not
  ///   apply to the scenario's JSON, or a variant is not a valid scenario.
  package init(
    base: PlatformScenario, scenarioHash: String, file: String, axes: [SweepAxis],
    replications: Int, precision: PrecisionRule? = nil
  ) throws(ExperimentPlanError) {
    precondition(replications >= 1, "ExperimentPlan: at least one replication")
    let grid: SweepGrid
    // Input errors name the file, as every scenario issue does (a fuzz finding: a misspelt
    // sweep path made `validate` exit 65 without saying which file).
    func named(_ error: ExperimentInputError) -> ExperimentPlanError {
      .input(ExperimentInputError(subject: "\(file): \(error.subject)", message: error.message))
    }
    do {
      grid = try SweepGrid(axes: axes)
    } catch {
      throw named(error)
    }
    let document = base.explainedValue
    var scenarios: [PlatformScenario] = []
    scenarios.reserveCapacity(grid.count)
    for variant in grid.variants {
      guard !variant.settings.isEmpty else {
        scenarios.append(base)
        continue
      }
      let json: JSONValue
      do {
        json = try variant.apply(to: document)
      } catch {
        throw named(error)
      }
      let text = JSONWriter(style: .compact, sortsKeys: false).string(from: json)
      do {
        scenarios.append(try ScenarioLoader.decode(text, file: file, baseDirectory: "."))
      } catch {
        throw .invalidVariant(index: variant.index, label: variant.label, issues: error)
      }
    }
    definition = ExperimentDefinition(
      scenarioName: base.name, scenarioHash: scenarioHash, seed: base.seed,
      horizon: base.horizon, objectives: base.objectives, grid: grid,
      replications: precision?.maximumReplications ?? replications)
    self.scenarios = scenarios
    self.precision = precision
  }
}

/// Why an experiment could not be planned.
package enum ExperimentPlanError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The sweep is malformed or a setting's path does not exist in the scenario.
  case input(ExperimentInputError)
  /// A variant's settings give an invalid scenario.
  case invalidVariant(index: Int, label: String, issues: ScenarioIssues)

  /// What the command line prints.
  package var description: String {
    switch self {
    case .input(let error): error.description
    case .invalidVariant(let index, let label, let issues):
      "variant \(index) (\(label)) is not a valid scenario:\n\(issues.description)"
    }
  }
}
