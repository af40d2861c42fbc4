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
  /// What the file says that is valid but probably not meant (severity
  /// ``ScenarioIssue/Severity/warning``), in document order; empty for most files.
  ///
  /// `validate` and `run` print each as its `description`
  /// (`file: path: warning: message`) on stderr; they never change the exit code.
  package var warnings: [ScenarioIssue]

  /// Creates a loaded file without warnings.
  package init(
    path: String, scenario: PlatformScenario, scenarioDescription: String?, contentHash: String
  ) {
    self.init(
      path: path, scenario: scenario, scenarioDescription: scenarioDescription,
      contentHash: contentHash, warnings: [])
  }

  /// Creates a loaded file with its warnings.
  package init(
    path: String, scenario: PlatformScenario, scenarioDescription: String?, contentHash: String,
    warnings: [ScenarioIssue]
  ) {
    self.path = path
    self.scenario = scenario
    self.scenarioDescription = scenarioDescription
    self.contentHash = contentHash
    self.warnings = warnings
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
