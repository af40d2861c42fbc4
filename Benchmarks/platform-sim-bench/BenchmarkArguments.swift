/// The `--name value` flags of one benchmark command, checked against the names it accepts.
struct BenchmarkArguments {
  private var values: [String: String] = [:]

  /// Parses `arguments` (without the command name), accepting only `allowed` flag names.
  /// - Throws: ``BenchmarkUsageError`` for an unknown flag or a flag without a value.
  init(_ arguments: [String], allowed: Set<String>) throws(BenchmarkUsageError) {
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      let name = flag.hasPrefix("--") ? String(flag.dropFirst(2)) : ""
      guard allowed.contains(name) else {
        throw BenchmarkUsageError(message: "unknown option '\(flag)' (expected one of \(allowed.sorted().map { "--" + $0 }.joined(separator: ", ")))")
      }
      guard let value = rest.popFirst() else {
        throw BenchmarkUsageError(message: "option '\(flag)' needs a value")
      }
      values[name] = value
    }
  }

  /// The integer value of `--name`, or `fallback` when absent.
  func integer(_ name: String, default fallback: Int, atLeast minimum: Int) throws(BenchmarkUsageError) -> Int {
    guard let text = values[name] else { return fallback }
    guard let value = Int(text.replacingUnderscores()), value >= minimum else {
      throw BenchmarkUsageError(message: "--\(name) must be a whole number >= \(minimum) (got '\(text)')")
    }
    return value
  }

  /// The floating-point value of `--name`, or `fallback` when absent.
  func number(_ name: String, default fallback: Double, in range: ClosedRange<Double>) throws(BenchmarkUsageError) -> Double {
    guard let text = values[name] else { return fallback }
    guard let value = Double(text), range.contains(value) else {
      throw BenchmarkUsageError(message: "--\(name) must be a number in \(range.lowerBound)...\(range.upperBound) (got '\(text)')")
    }
    return value
  }

  /// The value of `--name`, which must be one of `choices`, or `fallback` when absent.
  /// The text of `--name`, if given.
  func text(_ name: String) -> String? { values[name] }

  func choice(_ name: String, default fallback: String, among choices: [String]) throws(BenchmarkUsageError) -> String {
    guard let text = values[name] else { return fallback }
    guard choices.contains(text) else {
      throw BenchmarkUsageError(message: "--\(name) must be one of \(choices.joined(separator: ", ")) (got '\(text)')")
    }
    return text
  }

  /// The comma-separated integers of `--name`, or `fallback` when absent.
  func integers(_ name: String, default fallback: [Int]) throws(BenchmarkUsageError) -> [Int] {
    guard let text = values[name] else { return fallback }
    let parts = text.split(separator: ",").map { Int(String($0).replacingUnderscores()) }
    guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else {
      throw BenchmarkUsageError(message: "--\(name) must be positive whole numbers separated by commas (got '\(text)')")
    }
    return parts.compactMap { $0 }
  }
}

/// A benchmark command line that could not be understood.
struct BenchmarkUsageError: Error {
  var message: String
}

extension String {
  /// The text without `_` digit separators, so `1_000_000` reads as a number.
  fileprivate func replacingUnderscores() -> String { filter { $0 != "_" } }
}
