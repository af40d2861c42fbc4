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

  /// Reports that `value` is not what was `expected`, with `hint` after a semicolon.
  func mismatch(_ path: JSONPath, _ expected: String, _ value: JSONValue, hint: String? = nil) {
    let tail = hint.map { "; \($0)" } ?? ""
    report(path, "expected \(expected) (got \(Self.quote(value)))\(tail)")
  }

  // MARK: - Scalars

  /// A whole number.
  func integer(_ value: JSONValue, _ path: JSONPath) -> Int? {
    guard case .number(let n) = value, let i = n.intValue else {
      mismatch(path, "an integer", value, hint: Self.quotedNumberHint(value))
      return nil
    }
    return i
  }

  /// A finite number.
  func number(_ value: JSONValue, _ path: JSONPath) -> Double? {
    guard case .number(let n) = value else {
      mismatch(path, "a number", value, hint: Self.quotedNumberHint(value))
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
      mismatch(
        path, "an integer from 0 to 18446744073709551615", value,
        hint: Self.quotedNumberHint(value))
      return nil
    }
    return u
  }

  /// A duration string such as `"30s"`.
  func duration(_ value: JSONValue, _ path: JSONPath) -> SimDuration? {
    guard case .string(let s) = value else {
      var hint: String?
      if case .number(let n) = value {
        hint =
          "durations are strings with a unit, such as \(Self.quote(n.text + "s")) for "
          + "\(n.text) seconds"
      }
      mismatch(path, "a duration such as \"30s\", \"5m\" or \"250ms\"", value, hint: hint)
      return nil
    }
    do {
      return try SimDuration(parsing: s)
    } catch {
      report(path, error.description)
      return nil
    }
  }

  /// `"numbers are written without quotes"` when `value` is a string holding a plain number.
  private static func quotedNumberHint(_ value: JSONValue) -> String? {
    guard case .string(let s) = value, isPlainNumber(s) else { return nil }
    return "numbers are written without quotes"
  }

  /// Whether `text` is an optional `-` and decimal digits with at most one `.`: a quantity
  /// string without a unit.
  static func isPlainNumber(_ text: String) -> Bool {
    let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    return (1...2).contains(parts.count)
      && parts.allSatisfy { part in
        !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber }
      }
  }

  // MARK: - CPU and memory

  /// CPU in a key named for millicores (`cpuRequestMillicores`): a number of millicores, or a
  /// quantity string with its unit, `"250m"`.
  ///
  /// A string without a unit (`"0.5"`, `"500"`) is rejected: Kubernetes would read it as
  /// cores, the key names millicores, and either reading surprises someone.
  func cpuMillicores(_ value: JSONValue, _ path: JSONPath) -> Int? {
    guard case .string(let s) = value else { return millicores(value, path) }
    let expected =
      "expected a number of millicores such as 500, or a cpu quantity string with its unit "
      + "such as \"500m\""
    guard s.hasSuffix("m") || Self.isPlainNumber(s) else {
      report(path, "invalid cpu quantity \(Self.quote(s)): \(expected)")
      return nil
    }
    guard Self.isPlainNumber(s) else { return millicores(value, path) }
    var reading = ""
    if case .success(let m) = ResourceQuantity.millicores(parsing: s) {
      reading = "; Kubernetes would read it as \(s) cores, written \(Self.quote("\(m)m")) here"
    }
    report(path, "\(expected) (got the string \(Self.quote(s)), which has no unit\(reading))")
    return nil
  }

  /// A CPU quantity as Kubernetes reads it: a number of millicores or a quantity string, where
  /// `"250m"` is millicores and a string without a unit counts cores (`"0.5"` is 500).
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
      mismatch(path, "a cpu quantity such as \"250m\", or a number of millicores", value)
      return nil
    }
  }

  /// Memory in a key named for MiB (`memoryRequestMiB`): a number of MiB, or a quantity string
  /// with its unit (`"512Mi"`, `"1Gi"`, `"1G"`).
  ///
  /// A string without a unit (`"512"`) is rejected: Kubernetes would read it as bytes (one MiB
  /// after rounding up) while the key names MiB.
  func mebibytes(_ value: JSONValue, _ path: JSONPath) -> Int? {
    switch value {
    case .number(let n):
      guard let i = n.intValue else {
        report(path, "expected a whole number of MiB (got \(n.text))")
        return nil
      }
      return i
    case .string(let s) where Self.isPlainNumber(s):
      report(
        path,
        "expected a number of MiB such as 512, or a memory quantity string with its unit such "
          + "as \"512Mi\" (got the string \(Self.quote(s)), which has no unit; Kubernetes "
          + "would read it as \(s) bytes)")
      return nil
    case .string(let s):
      switch ResourceQuantity.mebibytes(parsing: s) {
      case .success(let m): return m
      case .failure(let e):
        let reason =
          e.message.hasPrefix("expected")
          ? "expected a number of MiB such as 512, or a memory quantity string with its unit such "
            + "as \"512Mi\", \"1Gi\" or \"1G\" (units Ki, Mi, Gi, Ti, Pi, Ei, k, M, G, T, P, E)"
          : e.message
        report(path, "invalid memory quantity \(Self.quote(s)): \(reason)")
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
