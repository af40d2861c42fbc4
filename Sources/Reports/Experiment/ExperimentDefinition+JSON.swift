import Experiments
import PlatformModel
import Scenarios
import SimKernel

extension ExperimentDefinition {
  /// The definition as the `experiment` member of summary.json and shard.json.
  ///
  /// Durations are written as text (`"30d"`), which reads back exactly; doubles in their
  /// shortest round-trip form. ``init(json:file:)`` reads it back to an equal definition.
  package var json: JSONValue {
    .object([
      (
        "scenario",
        .object([
          ("name", .string(scenarioName)), ("hash", .string(scenarioHash)),
          ("seed", .number(JSONNumber(seed))), ("horizon", .string(horizon.description)),
          ("horizonSeconds", .double(horizon.inSeconds)), ("fidelity", .string("flow")),
        ])
      ),
      (
        "objectives",
        .object([
          ("availability", .double(objectives.availability)),
          ("latencyP95", .string(objectives.latencyP95.description)),
          ("window", .string(objectives.window.description)),
        ])
      ),
      (
        "sweep",
        .array(
          grid.axes.map { axis in
            .object([("path", .string(axis.path.description)), ("values", .array(axis.values))])
          })
      ),
      ("variants", .integer(variantCount)),
      ("replicationsPerVariant", .integer(replications)),
      ("baselineVariant", .integer(baselineVariant)),
      ("confidenceLevel", .double(level)),
    ])
  }

  /// Reads ``json`` back.
  ///
  /// - Parameter file: names the file in errors.
  /// - Throws: ``ExperimentReadError`` naming the member that is missing or malformed.
  package init(json: JSONValue, file: String) throws(ExperimentReadError) {
    func fail(_ path: String) -> ExperimentReadError {
      ExperimentReadError(file: file, message: "experiment.\(path) is missing or malformed")
    }
    func string(_ value: JSONValue?, _ path: String) throws(ExperimentReadError) -> String {
      guard case .string(let text)? = value else { throw fail(path) }
      return text
    }
    func number(_ value: JSONValue?, _ path: String) throws(ExperimentReadError) -> JSONNumber {
      guard case .number(let number)? = value else { throw fail(path) }
      return number
    }
    func duration(_ value: JSONValue?, _ path: String) throws(ExperimentReadError) -> SimDuration {
      guard let d = try? SimDuration(parsing: try string(value, path)) else { throw fail(path) }
      return d
    }
    let scenario = json["scenario"]
    let name = try string(scenario?["name"], "scenario.name")
    let hash = try string(scenario?["hash"], "scenario.hash")
    guard let seed = try number(scenario?["seed"], "scenario.seed").uint64Value else {
      throw fail("scenario.seed")
    }
    let horizon = try duration(scenario?["horizon"], "scenario.horizon")
    var objectives = ServiceLevelObjectives()
    objectives.availability = try number(
      json["objectives"]?["availability"], "objectives.availability"
    ).doubleValue
    objectives.latencyP95 = try duration(json["objectives"]?["latencyP95"], "objectives.latencyP95")
    objectives.window = try duration(json["objectives"]?["window"], "objectives.window")
    guard case .array(let axesJSON)? = json["sweep"] else { throw fail("sweep") }
    var axes: [SweepAxis] = []
    for (i, axis) in axesJSON.enumerated() {
      guard let path = try? ParameterPath(parsing: try string(axis["path"], "sweep[\(i)].path")),
        case .array(let values)? = axis["values"], !values.isEmpty
      else { throw fail("sweep[\(i)]") }
      axes.append(SweepAxis(path: path, values: values))
    }
    guard let grid = try? SweepGrid(axes: axes) else { throw fail("sweep") }
    guard
      let replications = try number(json["replicationsPerVariant"], "replicationsPerVariant")
        .intValue, replications >= 1
    else { throw fail("replicationsPerVariant") }
    guard let baseline = try number(json["baselineVariant"], "baselineVariant").intValue,
      baseline >= 0 && baseline < grid.count
    else { throw fail("baselineVariant") }
    let level = try number(json["confidenceLevel"], "confidenceLevel").doubleValue
    guard level > 0 && level < 1 else { throw fail("confidenceLevel") }
    self.init(
      scenarioName: name, scenarioHash: hash, seed: seed, horizon: horizon,
      objectives: objectives, grid: grid, replications: replications,
      baselineVariant: baseline, level: level)
  }
}
