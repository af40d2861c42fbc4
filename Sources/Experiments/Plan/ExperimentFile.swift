import Foundation
import PlatformModel
import Scenarios

/// A scenario file read for an experiment: the scenario, and the file's optional top-level
/// `replications` and `sweep` members.
///
/// The Scenarios format does not know these two members: they are read here from the parsed
/// JSON and removed before the rest of the document goes to ``ScenarioLoader``, so the scenario
/// is decoded, validated and reported exactly as a plain scenario file (issues name the same
/// paths; the content hash is of the file's bytes as written, members included).
///
/// ```json
/// {"name": "hpa-targets", "replications": 30,
///  "sweep": ["platform.services[backend].autoscaler.metrics[0].averageUtilization=50,70,90",
///            {"path": "platform.zones",
///             "values": [["eu-central-1a", "eu-central-1b"],
///                        ["eu-central-1a", "eu-central-1b", "eu-central-1c"]]}]}
/// ```
///
/// - `replications`: a whole number from 1 to ``maximumReplications``.
/// - `sweep`: a list of axes, each either a string in the `--set` syntax (``SweepAxis``) or an
///   object `{"path": PATH, "values": [...]}` whose values may be any JSON, arrays and objects
///   included (the way to sweep a list such as `platform.zones`).
package struct ExperimentFile: Sendable {
  /// The most replications a file may ask for.
  package static let maximumReplications = 1_000_000

  /// The scenario, decoded without the experiment members; its content hash is of the whole
  /// file.
  package var scenarioFile: ScenarioFile
  /// The file's `replications`, if stated.
  package var replications: Int?
  /// The file's sweep axes, in file order; empty without `sweep`.
  package var axes: [SweepAxis]

  /// A file from parts (the built-in reference, say).
  package init(scenarioFile: ScenarioFile, replications: Int?, axes: [SweepAxis]) {
    self.scenarioFile = scenarioFile
    self.replications = replications
    self.axes = axes
  }

  /// Whether the file states `replications` or `sweep`, which makes `run` an experiment.
  package var isExperiment: Bool { replications != nil || !axes.isEmpty }

  /// Reads, decodes and validates the file at `path` (see ``ScenarioLoader/load(contentsOf:)``
  /// for the errors).
  package static func load(contentsOf path: String, settings: [TopLevelSetting] = [])
    throws(ScenarioLoadError) -> ExperimentFile
  {
    let text = try ScenarioLoader.readText(at: path)
    do {
      return try decode(text, file: path, settings: settings)
    } catch {
      throw .invalid(error)
    }
  }

  /// A top-level member set from the command line (`--seed`, `--duration`) before the file is
  /// decoded, so that the result is validated exactly as if the file had said it.
  package struct TopLevelSetting: Sendable {
    /// The member, such as `horizon`.
    package var key: String
    /// Its value, as the file would write it (`"2d"`).
    package var value: JSONValue
    /// Where the value came from, for issues (`--duration 2d`).
    package var origin: String

    package init(key: String, value: JSONValue, origin: String) {
      self.key = key
      self.value = value
      self.origin = origin
    }
  }

  /// The built-in reference as an experiment file, with `settings` applied through the same
  /// decoding and validation as a file's (the reference itself when there are none).
  package static func reference(settings: [TopLevelSetting]) throws(ScenarioIssues)
    -> ExperimentFile
  {
    let name = "builtin-reference"
    guard !settings.isEmpty else {
      return ExperimentFile(
        scenarioFile: ScenarioFile(
          path: name, scenario: .reference, scenarioDescription: nil, contentHash: name),
        replications: nil, axes: [])
    }
    let text = JSONWriter(style: .compact, sortsKeys: false).string(
      from: PlatformScenario.reference.explainedValue)
    var file = try decode(text, file: name, baseDirectory: ".", settings: settings)
    file.scenarioFile.contentHash = name
    return file
  }

  /// Decodes scenario text with optional experiment members; `file` names it in issues.
  ///
  /// A document without `replications` and `sweep` goes to the loader unchanged.
  ///
  /// - Throws: ``ScenarioIssues`` with every problem found: the experiment members' first,
  ///   then the scenario's.
  ///
  /// `settings` replace (or add) top-level members before anything is decoded; issues at
  /// their paths name where the value came from. The content hash stays that of `text`.
  package static func decode(
    _ text: String, file: String, baseDirectory: String? = nil, settings: [TopLevelSetting] = []
  ) throws(ScenarioIssues) -> ExperimentFile {
    var json: JSONValue
    do {
      json = try JSONParser.parse(text)
    } catch {
      throw ScenarioIssues([
        ScenarioIssue(file: file, line: error.line, column: error.column, message: error.message)
      ])
    }
    guard settings.isEmpty else {
      guard case .object(var members) = json else {
        throw ScenarioIssues([
          ScenarioIssue(
            file: file, path: "",
            message: "expected an object at the top level (got \(json.kindDescription))")
        ])
      }
      for setting in settings {
        if let i = members.firstIndex(where: { $0.key == setting.key }) {
          members[i].value = setting.value
        } else {
          members.append((setting.key, setting.value))
        }
      }
      json = .object(members)
      let edited = JSONWriter(style: .compact, sortsKeys: false).string(from: json)
      do {
        var loaded = try decode(edited, file: file, baseDirectory: baseDirectory ?? folder(of: file))
        loaded.scenarioFile.contentHash = ContentHash.hex(of: text.utf8)
        return loaded
      } catch {
        throw ScenarioIssues(
          error.issues.map { issue in
            var issue = issue
            if let setting = settings.first(where: {
              issue.path == $0.key || issue.path.hasPrefix($0.key + ".")
            }) {
              issue.message += " (set by \(setting.origin))"
            } else if !settings.isEmpty {
              issue.message += " (with \(settings.map(\.origin).joined(separator: " and ")))"
            }
            return issue
          })
      }
    }
    guard case .object(let members) = json,
      members.contains(where: { $0.key == "replications" || $0.key == "sweep" })
    else {
      let scenario = try ScenarioLoader.decodeFile(text, file: file, baseDirectory: baseDirectory)
      return ExperimentFile(scenarioFile: scenario, replications: nil, axes: [])
    }
    var issues: [ScenarioIssue] = []
    var replications: Int?
    var axes: [SweepAxis] = []
    if let value = json["replications"] {
      if case .number(let number) = value, let n = number.intValue,
        n >= 1 && n <= maximumReplications
      {
        replications = n
      } else {
        issues.append(
          ScenarioIssue(
            file: file, path: "replications",
            message: "expected a whole number from 1 to \(maximumReplications) (got "
              + "\(JSONWriter(style: .compact).string(from: value)))"))
      }
    }
    if let value = json["sweep"] {
      axes = readSweep(value, file: file, issues: &issues)
    }
    let rest = JSONValue.object(members.filter { $0.key != "replications" && $0.key != "sweep" })
    let restText = JSONWriter(style: .compact, sortsKeys: false).string(from: rest)
    let folder = baseDirectory ?? folder(of: file)
    var scenario: ScenarioFile?
    do {
      scenario = try ScenarioLoader.decodeFile(restText, file: file, baseDirectory: folder)
    } catch {
      issues += error.issues
    }
    guard let scenario, issues.isEmpty else { throw ScenarioIssues(issues) }
    var loaded = scenario
    loaded.contentHash = ContentHash.hex(of: text.utf8)
    return ExperimentFile(scenarioFile: loaded, replications: replications, axes: axes)
  }

  /// The folder relative paths in `file` are resolved against.
  static func folder(of file: String) -> String { (file as NSString).deletingLastPathComponent }

  /// The axes of a `sweep` member; problems go to `issues`.
  static func readSweep(_ value: JSONValue, file: String, issues: inout [ScenarioIssue])
    -> [SweepAxis]
  {
    guard case .array(let entries) = value, !entries.isEmpty else {
      issues.append(
        ScenarioIssue(
          file: file, path: "sweep",
          message: "expected a non-empty array of axes, each \"PATH=V1,V2,...\" or "
            + "{\"path\": PATH, \"values\": [...]} (got \(value.kindDescription))"))
      return []
    }
    var axes: [SweepAxis] = []
    for (i, entry) in entries.enumerated() {
      let path = "sweep[\(i)]"
      switch entry {
      case .string(let text):
        do {
          axes.append(try SweepAxis(parsing: text))
        } catch {
          issues.append(ScenarioIssue(file: file, path: path, message: error.message))
        }
      case .object(let members):
        if let axis = readAxisObject(members, path: path, file: file, issues: &issues) {
          axes.append(axis)
        }
      default:
        issues.append(
          ScenarioIssue(
            file: file, path: path,
            message: "expected \"PATH=V1,V2,...\" or {\"path\": PATH, \"values\": [...]} "
              + "(got \(entry.kindDescription))"))
      }
    }
    guard axes.count == entries.count else { return [] }
    do {
      _ = try SweepGrid(axes: axes)
    } catch {
      issues.append(ScenarioIssue(file: file, path: "sweep", message: error.message))
      return []
    }
    return axes
  }

  /// `{"path": PATH, "values": [...]}`.
  private static func readAxisObject(
    _ members: [(key: String, value: JSONValue)], path: String, file: String,
    issues: inout [ScenarioIssue]
  ) -> SweepAxis? {
    var ok = true
    for member in members where member.key != "path" && member.key != "values" {
      issues.append(
        ScenarioIssue(
          file: file, path: path,
          message: "unknown key \(ExperimentInputError.quote(member.key)) (expected \"path\" "
            + "and \"values\")"))
      ok = false
    }
    var parameter: ParameterPath?
    switch members.first(where: { $0.key == "path" })?.value {
    case .string(let text)?:
      do {
        parameter = try ParameterPath(parsing: text)
      } catch {
        issues.append(ScenarioIssue(file: file, path: path + ".path", message: error.message))
      }
    case let other?:
      issues.append(
        ScenarioIssue(
          file: file, path: path + ".path",
          message: "expected a string such as \"platform.zones\" (got \(other.kindDescription))"))
    case nil:
      issues.append(ScenarioIssue(file: file, path: path, message: "missing key \"path\""))
    }
    var values: [JSONValue] = []
    switch members.first(where: { $0.key == "values" })?.value {
    case .array(let list)? where !list.isEmpty && list.count <= SweepAxis.maximumValueCount:
      for (k, value) in list.enumerated() {
        if values.contains(value) {
          issues.append(
            ScenarioIssue(
              file: file, path: "\(path).values[\(k)]",
              message: "value \(JSONWriter(style: .compact).string(from: value)) is listed twice"))
          ok = false
        }
        values.append(value)
      }
    case let other?:
      issues.append(
        ScenarioIssue(
          file: file, path: path + ".values",
          message: "expected an array of 1 to \(SweepAxis.maximumValueCount) values (got "
            + "\(JSONWriter(style: .compact).string(from: other)))"))
      ok = false
    case nil:
      issues.append(ScenarioIssue(file: file, path: path, message: "missing key \"values\""))
      ok = false
    }
    guard ok, let parameter else { return nil }
    return SweepAxis(path: parameter, values: values)
  }
}
