/// A problem found while loading or validating a scenario file.
///
/// Its ``description`` is what the command line prints: `file: path: message`, e.g.
/// `scenarios/x.json: platform.services[1].cpuRequestMillicores: must be greater than 0
/// (got -500)`. A JSON syntax error has a line and column instead of a path
/// (`scenarios/x.json:3:14: expected ...`); a problem with the document as a whole has neither
/// (`scenarios/x.json: expected an object ...`).
///
/// An issue is an error unless its ``severity`` says it is a warning: something the run will
/// do as written but that is probably not what was meant (a trace shorter than the horizon, a
/// memory request below the working set). Warnings never stop a file from loading; they are
/// in ``ScenarioFile/warnings`` and print as `file: path: warning: message`.
package struct ScenarioIssue: Error, Hashable, Sendable, CustomStringConvertible {
  /// Whether an issue stops the file from loading.
  package enum Severity: String, Hashable, Sendable {
    /// The file is not a valid scenario.
    case error
    /// The file is valid, but probably does not say what was meant.
    case warning
  }

  /// The scenario file as the user named it, e.g. `scenarios/az-outage.json`.
  package var file: String
  /// The JSON path of the offending value, e.g. `platform.services[1].replicas`; empty for
  /// the whole document or a syntax error.
  package var path: String
  /// Line and column of a syntax error (both from 1), else `nil`.
  package var line: Int?
  /// See ``line``.
  package var column: Int?
  /// What is wrong, lowercase, quoting the bad value and saying what was expected.
  package var message: String
  /// An error (the default) or a warning.
  package var severity: Severity = .error

  /// An issue at a JSON path; an error unless `severity` says otherwise.
  package init(file: String, path: String, message: String, severity: Severity = .error) {
    self.file = file
    self.path = path
    self.message = message
    self.severity = severity
  }

  /// An issue at a line and column (JSON syntax).
  package init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.path = ""
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file: path: message`, `file:line:column: message` or `file: message`; a warning has
  /// `warning: ` before the message (`file: path: warning: message`).
  package var description: String {
    let text = severity == .warning ? "warning: \(message)" : message
    if let line, let column { return "\(file):\(line):\(column): \(text)" }
    return path.isEmpty ? "\(file): \(text)" : "\(file): \(path): \(text)"
  }
}

/// Every problem found in one scenario file, in document order.
package struct ScenarioIssues: Error, Hashable, Sendable, CustomStringConvertible {
  /// The problems, at least one.
  package var issues: [ScenarioIssue]

  /// Wraps `issues`.
  package init(_ issues: [ScenarioIssue]) { self.issues = issues }

  /// One issue per line.
  package var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// Why a scenario file could not be loaded.
///
/// The command line exits with 66 for ``unreadable(path:reason:)`` and 65 for ``invalid(_:)``.
package enum ScenarioLoadError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be read at all (missing, a directory, no permission).
  case unreadable(path: String, reason: String)
  /// The file was read but its content is not a valid scenario.
  case invalid(ScenarioIssues)

  /// `cannot read "x.json": reason`, or the issues, one per line.
  package var description: String {
    switch self {
    case .unreadable(let path, let reason): "\(path): cannot read the file: \(reason)"
    case .invalid(let issues): issues.description
    }
  }
}
