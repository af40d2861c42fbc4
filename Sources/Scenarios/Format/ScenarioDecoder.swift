import SimKernel

/// The state of decoding one scenario file: where it is, and every issue found so far.
///
/// Readers return `nil` after reporting an issue, so decoding carries on and one pass finds
/// every problem in the file. A class, because the codecs' closures all report into it.
final class ScenarioDecoder {
  /// The file name used in issues.
  let file: String
  /// The folder relative paths in the file (a traffic trace's CSV) are resolved against.
  let baseDirectory: String
  /// The problems found, in the order found.
  private(set) var issues: [ScenarioIssue] = []
  /// The top-level `description`, if the file has one.
  var scenarioDescription: String?
  /// Where the file wrote each entry of a list merged by name, keyed by the list's path
  /// (e.g. `platform.services`) and the entry's name; validation reports problems there.
  var entryPaths: [String: [String: JSONPath]] = [:]

  init(file: String, baseDirectory: String) {
    self.file = file
    self.baseDirectory = baseDirectory
  }

  /// Records an issue at `path`.
  func report(_ path: JSONPath, _ message: String) {
    issues.append(ScenarioIssue(file: file, path: path.description, message: message))
  }

  /// `value` as written, for "(got …)": compact JSON, shortened past 60 characters.
  static func quote(_ value: JSONValue) -> String {
    let text = JSONWriter(style: .compact, sortsKeys: false).string(from: value)
    return text.count > 60 ? String(text.prefix(57)) + "..." : text
  }

  /// `"text"` as a JSON string literal, for messages (never shortened).
  static func quote(_ text: String) -> String {
    JSONWriter(style: .compact).string(from: .string(text))
  }

  /// Reports that `value` is not what was `expected`.
  func mismatch(_ path: JSONPath, _ expected: String, _ value: JSONValue) {
    report(path, "expected \(expected) (got \(Self.quote(value)))")
  }

  // MARK: - Scalars

  /// A whole number.
  func integer(_ value: JSONValue, _ path: JSONPath) -> Int? {
    guard case .number(let n) = value, let i = n.intValue else {
      mismatch(path, "an integer", value)
      return nil
    }
    return i
  }

  /// A finite number.
  func number(_ value: JSONValue, _ path: JSONPath) -> Double? {
    guard case .number(let n) = value else {
      mismatch(path, "a number", value)
      return nil
    }
    guard n.doubleValue.isFinite else {
      report(path, "must be a finite number (got \(n.text))")
      return nil
    }
    return n.doubleValue
  }

  /// `true` or `false`.
  func boolean(_ value: JSONValue, _ path: JSONPath) -> Bool? {
    guard case .bool(let b) = value else {
      mismatch(path, "true or false", value)
      return nil
    }
    return b
  }

  /// A non-empty string.
  func string(_ value: JSONValue, _ path: JSONPath, allowEmpty: Bool = false) -> String? {
    guard case .string(let s) = value else {
      mismatch(path, "a string", value)
      return nil
    }
    guard allowEmpty || !s.isEmpty else {
      report(path, "must not be empty")
      return nil
    }
    return s
  }

  /// A 64-bit unsigned integer, exactly.
  func unsigned64(_ value: JSONValue, _ path: JSONPath) -> UInt64? {
    guard case .number(let n) = value, let u = n.uint64Value else {
      mismatch(path, "an integer from 0 to 18446744073709551615", value)
      return nil
    }
    return u
  }

  /// A duration string such as `"30s"`.
  func duration(_ value: JSONValue, _ path: JSONPath) -> SimDuration? {
    guard case .string(let s) = value else {
      mismatch(path, "a duration such as \"30s\", \"5m\" or \"250ms\"", value)
      return nil
    }
    do {
      return try SimDuration(parsing: s)
    } catch {
      report(path, error.description)
      return nil
    }
  }

  /// A CPU amount: a number of millicores or a Kubernetes quantity string.
  func millicores(_ value: JSONValue, _ path: JSONPath) -> Int? {
    switch value {
    case .number(let n):
      guard let i = n.intValue else {
        report(path, "expected a whole number of millicores (got \(n.text))")
        return nil
      }
      return i
    case .string(let s):
      switch ResourceQuantity.millicores(parsing: s) {
      case .success(let m): return m
      case .failure(let e):
        report(path, "invalid cpu quantity \(Self.quote(s)): \(e.message)")
        return nil
      }
    default:
      mismatch(path, "a cpu quantity such as \"250m\" or \"0.5\", or a number of millicores", value)
      return nil
    }
  }

  /// A memory amount: a number of MiB or a Kubernetes quantity string.
  func mebibytes(_ value: JSONValue, _ path: JSONPath) -> Int? {
    switch value {
    case .number(let n):
      guard let i = n.intValue else {
        report(path, "expected a whole number of MiB (got \(n.text))")
        return nil
      }
      return i
    case .string(let s):
      switch ResourceQuantity.mebibytes(parsing: s) {
      case .success(let m): return m
      case .failure(let e):
        report(path, "invalid memory quantity \(Self.quote(s)): \(e.message)")
        return nil
      }
    default:
      mismatch(path, "a memory quantity such as \"512Mi\" or \"1Gi\", or a number of MiB", value)
      return nil
    }
  }

  /// One of `choices`, with a suggestion when the text is close to one.
  func choice(_ value: JSONValue, _ path: JSONPath, _ choices: [String]) -> String? {
    guard case .string(let s) = value, choices.contains(s) else {
      var message = "expected \(Self.list(choices, conjunction: "or")) (got \(Self.quote(value)))"
      if case .string(let s) = value, let close = Suggestion.closest(to: s, among: choices) {
        message += "; did you mean \(Self.quote(close))?"
      }
      report(path, message)
      return nil
    }
    return s
  }

  /// `"a", "b" or "c"`.
  static func list(_ words: [String], conjunction: String) -> String {
    let quoted = words.map { quote($0) }
    guard quoted.count > 1 else { return quoted.first ?? "" }
    return quoted.dropLast().joined(separator: ", ") + " \(conjunction) " + quoted[quoted.count - 1]
  }

  // MARK: - Objects

  /// The members of an object whose keys must come from `allowed`, with `required` present.
  ///
  /// Unknown keys are reported with a suggestion; missing required keys are reported once,
  /// together. Returns `nil` only when `value` is not an object; check `hasAll(required)`.
  func members(
    _ value: JSONValue, _ path: JSONPath, allowed: [String], required: [String] = [],
    what: String = "an object"
  ) -> Members? {
    guard case .object(let pairs) = value else {
      mismatch(path, what, value)
      return nil
    }
    var result = Members(path: path)
    for (key, member) in pairs {
      if allowed.contains(key) {
        result.values[key] = member
      } else {
        reportUnknownKey(key, at: path, allowed: allowed)
      }
    }
    let missing = required.filter { result.values[$0] == nil }
    if !missing.isEmpty { reportMissing(missing, at: path) }
    return result
  }

  /// `unknown key "x" (did you mean "y"?)` or `unknown key "x" (expected one of …)`.
  func reportUnknownKey(_ key: String, at path: JSONPath, allowed: [String]) {
    if let close = Suggestion.closest(to: key, among: allowed) {
      report(path, "unknown key \(Self.quote(key)) (did you mean \(Self.quote(close))?)")
    } else {
      report(
        path,
        "unknown key \(Self.quote(key)) (expected \(Self.list(allowed.sorted(), conjunction: "or")))"
      )
    }
  }

  /// `missing required key "x"` or `missing required keys "x" and "y"`, with `suffix`.
  func reportMissing(_ keys: [String], at path: JSONPath, suffix: String = "") {
    let noun = keys.count == 1 ? "key" : "keys"
    report(path, "missing required \(noun) \(Self.list(keys, conjunction: "and"))\(suffix)")
  }
}

/// An object's members, looked up by key, with the object's path.
struct Members {
  /// The object's path.
  let path: JSONPath
  /// Its members by key.
  var values: [String: JSONValue] = [:]

  /// The member `key`, if present.
  subscript(key: String) -> JSONValue? { values[key] }

  /// Whether every key of `keys` is present.
  func hasAll(_ keys: [String]) -> Bool { keys.allSatisfy { values[$0] != nil } }

  /// Reads member `key` with `read`, or returns `nil` when it is absent.
  func read<T>(_ key: String, _ read: (JSONValue, JSONPath) -> T?) -> T? {
    guard let value = values[key] else { return nil }
    return read(value, path.appending(key))
  }
}

extension Members {
  /// Reads member `key` with `codec` onto `initial`; `nil` when absent or invalid.
  func decode<V>(_ key: String, _ codec: Codec<V>, initial: V, _ d: ScenarioDecoder) -> V? {
    guard let value = values[key] else { return nil }
    return codec.read(onto: initial, value, path.appending(key), d)
  }
}
