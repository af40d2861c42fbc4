import Foundation
import PlatformModel

/// Reads scenario files: JSON that states only what differs from the built-in reference
/// scenario (``PlatformModel/PlatformScenario/reference``), with Kubernetes-style units.
///
/// Loading parses the JSON strictly, overlays it on the reference, and validates the result;
/// it reports every problem in the file at once. docs/scenario-format.md describes the format.
///
/// ```swift
/// do throws(ScenarioLoadError) {
///   let file = try ScenarioLoader.load(contentsOf: "scenarios/az-outage.json")
///   for warning in file.warnings { printToStderr(warning.description) }  // exit code unchanged
///   run(file.scenario)
/// } catch .unreadable(let path, let reason) {
///   // exit 66
/// } catch .invalid(let issues) {
///   // print issues.description to stderr, exit 65
/// }
/// ```
package enum ScenarioLoader {
  /// Reads, decodes and validates the scenario file at `path`.
  ///
  /// Relative paths inside the file (a trace CSV) are resolved against the file's folder.
  /// - Throws: ``ScenarioLoadError/unreadable(path:reason:)`` when the file cannot be read,
  ///   ``ScenarioLoadError/invalid(_:)`` with every issue when its content is not a valid
  ///   scenario.
  package static func load(contentsOf path: String) throws(ScenarioLoadError) -> ScenarioFile {
    let text = try readText(at: path)
    do {
      return try decodeFile(text, file: path)
    } catch {
      throw .invalid(error)
    }
  }

  /// The UTF-8 text of the file at `path`.
  ///
  /// - Throws: ``ScenarioLoadError/unreadable(path:reason:)`` when there is no such file, it is
  ///   a folder or it cannot be read; ``ScenarioLoadError/invalid(_:)`` when it is not UTF-8.
  package static func readText(at path: String) throws(ScenarioLoadError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a folder") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "permission denied")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .invalid(
        ScenarioIssues([ScenarioIssue(file: path, path: "", message: "is not UTF-8 text")]))
    }
    return text
  }

  /// Decodes and validates scenario text; `file` names it in issues.
  ///
  /// - Parameters:
  ///   - text: The JSON.
  ///   - file: The name used in issues, and (unless `baseDirectory` is given) whose folder
  ///     relative paths in the file are resolved against.
  ///   - baseDirectory: The folder for relative paths, if not `file`'s.
  /// - Throws: ``ScenarioIssues`` with every problem found.
  package static func decode(
    _ text: String, file: String, baseDirectory: String? = nil
  ) throws(ScenarioIssues) -> PlatformScenario {
    try decodeFile(text, file: file, baseDirectory: baseDirectory).scenario
  }

  /// Like ``decode(_:file:baseDirectory:)``, with the description and content hash.
  package static func decodeFile(
    _ text: String, file: String, baseDirectory: String? = nil
  ) throws(ScenarioIssues) -> ScenarioFile {
    let json: JSONValue
    do {
      json = try JSONParser.parse(text)
    } catch {
      throw ScenarioIssues([
        ScenarioIssue(file: file, line: error.line, column: error.column, message: error.message)
      ])
    }
    let folder = baseDirectory ?? (file as NSString).deletingLastPathComponent
    let decoder = ScenarioDecoder(file: file, baseDirectory: folder)
    let reference = PlatformScenario.reference
    var scenario = reference
    ScenarioSchema.scenario(reference: reference).decode(&scenario, json, .root, decoder)
    var validator = ScenarioValidator(
      scenario: scenario, file: file, entryPaths: decoder.entryPaths)
    validator.validate()
    let issues = decoder.issues + validator.issues
    guard issues.isEmpty else { throw ScenarioIssues(issues) }
    return ScenarioFile(
      path: file, scenario: scenario, scenarioDescription: decoder.scenarioDescription,
      contentHash: ContentHash.hex(of: text.utf8), warnings: validator.warnings)
  }

  /// The cross-field errors of a scenario built in code (a sweep's variant, or a file's
  /// scenario after command-line overrides such as `--duration`), with paths as in the
  /// resolved scenario; empty when it is valid. The work limits (``ScenarioLimits``) are
  /// checked here too.
  ///
  /// Single-field ranges are not checked here: they are checked as a file is decoded.
  package static func validationIssues(in scenario: PlatformScenario, file: String)
    -> [ScenarioIssue]
  {
    var validator = ScenarioValidator(scenario: scenario, file: file)
    validator.validate()
    return validator.issues
  }

  /// The warnings (see ``ScenarioFile/warnings``) of a scenario built in code, with paths as
  /// in the resolved scenario; empty when there are none.
  package static func validationWarnings(in scenario: PlatformScenario, file: String)
    -> [ScenarioIssue]
  {
    var validator = ScenarioValidator(scenario: scenario, file: file)
    validator.validate()
    return validator.warnings
  }
}

extension PlatformScenario {
  /// The scenario as a JSON value with every field stated, in the scenario-file format.
  ///
  /// Durations are written as text (`"30s"`), CPU as `"250m"`, memory as `"512Mi"`,
  /// distributions by their family's parameters in seconds (lognormals by `mu` and `sigma`).
  /// Decoding it gives back an equal scenario.
  package var explainedValue: JSONValue {
    ScenarioSchema.scenario(reference: .reference).encode(self)
  }

  /// ``explainedValue`` as pretty-printed JSON with sorted keys.
  package var explainedJSON: String { JSONWriter().string(from: explainedValue) }
}
