import PlatformModel

/// A scenario file, loaded: the resolved scenario and what reports record about the file.
package struct ScenarioFile: Sendable, Equatable {
  /// The file as the user named it.
  package var path: String
  /// The scenario: the reference with the file's settings on top, validated.
  package var scenario: PlatformScenario
  /// The file's top-level `"description"`, if any (free text; the model ignores it).
  package var scenarioDescription: String?
  /// FNV-1a 64 of the file's bytes as 16 hex digits (see ``ContentHash``). A trace CSV the
  /// file names is not included.
  package var contentHash: String

  /// Creates a loaded file.
  package init(
    path: String, scenario: PlatformScenario, scenarioDescription: String?, contentHash: String
  ) {
    self.path = path
    self.scenario = scenario
    self.scenarioDescription = scenarioDescription
    self.contentHash = contentHash
  }

  /// The fully resolved scenario as JSON, with the description (see
  /// ``PlatformModel/PlatformScenario/explainedJSON``).
  package var explainedJSON: String {
    var value = scenario.explainedValue
    if let scenarioDescription, case .object(var members) = value {
      members.append(("description", .string(scenarioDescription)))
      value = .object(members)
    }
    return JSONWriter().string(from: value)
  }
}
