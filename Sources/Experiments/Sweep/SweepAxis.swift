import Scenarios

/// One parameter and the values a sweep gives it, parsed from the command line:
/// `PATH=V1,V2,...` or `PATH=START..END:STEP`.
///
/// **Path.** A ``ParameterPath``, e.g.
/// `platform.services[backend].autoscaler.metrics[0].target.averageUtilization`.
///
/// **Lists.** Values are separated by `,` and trimmed of surrounding white space. Each is a
/// JSON scalar: a JSON number (`70`, `0.5`, `1e3`) is a number; `true`, `false` and `null` are
/// those literals; text in double quotes is a JSON string, with JSON escapes (use this for a
/// string containing `,`, or one that would otherwise read as a number or literal, such as
/// `"70"`); anything else is the string as written (`250m`, `30s`, `eu-central-1a`). Arrays
/// and objects are not accepted. A value may not appear twice.
///
/// **Ranges.** `START..END:STEP` lists START, START + STEP, … up to and including END, or the
/// last value below it when STEP does not divide END − START; `:STEP` may be left out for a
/// step of 1. The three are decimal numbers (`-2`, `0.25`; no exponent), START ≤ END and
/// STEP > 0. The arithmetic is exact decimal, so `0.1..0.3:0.1` gives 0.1, 0.2 and 0.3, not
/// 0.30000000000000004; each value is written without trailing zeros (`0.50..1.00:0.25` gives
/// 0.5, 0.75 and 1). A value list that contains `..`, no `,`, and does not start with `"` is
/// read as a range; quote a string such as `"a..b"` to sweep it.
///
/// At most ``maximumValueCount`` values.
package struct SweepAxis: Equatable, Sendable {
  /// The most values one axis may have.
  package static let maximumValueCount = 10_000

  /// The parameter swept.
  package let path: ParameterPath
  /// Its values, in the order written (ascending for a range).
  package let values: [JSONValue]

  /// An axis from parts.
  ///
  /// - Precondition: `values` is not empty.
  package init(path: ParameterPath, values: [JSONValue]) {
    precondition(!values.isEmpty, "SweepAxis: an axis needs at least one value")
    self.path = path
    self.values = values
  }

  /// Parses `PATH=V1,V2,...` or `PATH=START..END:STEP`.
  ///
  /// - Throws: ``ExperimentInputError`` with subject `sweep axis "text"`, e.g.
  ///   `sweep axis "replicas=5..1": range end 1 is less than its start 5`.
  package init(parsing text: String) throws(ExperimentInputError) {
    do {
      self = try Self.parse(text)
    } catch {
      throw ExperimentInputError(
        subject: "sweep axis \(ExperimentInputError.quote(text))", message: error.message)
    }
  }

  /// One setting per value, in order.
  package var settings: [ParameterSetting] {
    values.map { ParameterSetting(path: path, value: $0) }
  }

  /// `value` as an axis value: numbers, `true`, `false` and `null` as their literals, a string
  /// as written when it would read back as the same string, else in JSON double quotes.
  package static func valueText(_ value: JSONValue) -> String {
    guard case .string(let text) = value else {
      return JSONWriter(style: .compact).string(from: value)
    }
    let readsBackPlain =
      !text.isEmpty && text.trimmingWhiteSpace == text[...]
      && !text.hasPrefix("\"") && !text.hasPrefix("[") && !text.hasPrefix("{")
      && !text.contains(",") && !text.contains("..")
      && !["true", "false", "null"].contains(text) && JSONNumber(text: text) == nil
    return readsBackPlain ? text : ExperimentInputError.quote(text)
  }

  /// Parses `text`, reporting problems without a subject.
  static func parse(_ text: String) throws(ParameterPath.Problem) -> SweepAxis {
    guard let equals = text.firstIndex(of: "=") else {
      throw ParameterPath.Problem(
        message: "expected PATH=VALUES, such as platform.zones[0].nodeCount=2,3 or "
          + "platform.services[backend].replicas=2..10:2")
    }
    let pathText = String(text[..<equals])
    guard !pathText.isEmpty else {
      throw ParameterPath.Problem(message: "expected a path before \"=\"")
    }
    let path = try ParameterPath.parse(pathText)
    let valuesText = text[text.index(after: equals)...].trimmingWhiteSpace
    guard !valuesText.isEmpty else {
      throw ParameterPath.Problem(message: "expected at least one value after \"=\"")
    }
    let values: [JSONValue]
    if !valuesText.hasPrefix("\""), valuesText.contains(".."), !valuesText.contains(",") {
      values = try parseRange(valuesText)
    } else {
      values = try parseList(valuesText)
    }
    return SweepAxis(path: path, values: values)
  }

  /// Values separated by commas outside double-quoted strings.
  private static func parseList(_ text: Substring) throws(ParameterPath.Problem) -> [JSONValue] {
    var items: [String] = []
    var current = ""
    var inString = false
    var escaped = false
    for character in text {
      if inString {
        current.append(character)
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          inString = false
        }
      } else if character == "," {
        items.append(current)
        current = ""
      } else {
        if character == "\"" && current.allSatisfy(\.isWhitespace) { inString = true }
        current.append(character)
      }
    }
    items.append(current)
    guard items.count <= maximumValueCount else {
      throw ParameterPath.Problem(
        message: "\(items.count) values; at most \(maximumValueCount) are allowed")
    }
    var values: [JSONValue] = []
    for (position, item) in items.enumerated() {
      let value = try parseValue(item.trimmingWhiteSpace, position: position + 1)
      if values.contains(value) {
        throw ParameterPath.Problem(message: "value \(valueText(value)) is listed twice")
      }
      values.append(value)
    }
    return values
  }

  /// One list item, already trimmed.
  private static func parseValue(_ item: Substring, position: Int)
    throws(ParameterPath.Problem) -> JSONValue
  {
    guard !item.isEmpty else {
      throw ParameterPath.Problem(
        message: "value \(position) is empty (values are separated by \",\")")
    }
    let text = String(item)
    switch text {
    case "true": return .bool(true)
    case "false": return .bool(false)
    case "null": return .null
    default: break
    }
    if let number = JSONNumber(text: text) { return .number(number) }
    if text.hasPrefix("\"") {
      do {
        let value = try JSONParser.parse(text)
        if case .string = value { return value }
      } catch {
        throw ParameterPath.Problem(
          message: "value \(position) is not a valid JSON string: \(error.message) "
            + "(got \(ExperimentInputError.quote(text)))")
      }
      throw ParameterPath.Problem(
        message: "value \(position) is not a valid JSON string "
          + "(got \(ExperimentInputError.quote(text)))")
    }
    if text.hasPrefix("[") || text.hasPrefix("{") {
      throw ParameterPath.Problem(
        message:
          "value \(position) is an array or object (got \(ExperimentInputError.quote(text))); "
          + "expected a number, string, true, false or null")
    }
    return .string(text)
  }

  /// `START..END:STEP` or `START..END`, in exact decimal arithmetic.
  private static func parseRange(_ text: Substring) throws(ParameterPath.Problem) -> [JSONValue] {
    guard let dots = text.firstRange(of: "..") else {
      throw ParameterPath.Problem(message: "expected START..END:STEP")
    }
    let startText = text[..<dots.lowerBound]
    let rest = text[dots.upperBound...]
    let endText: Substring
    let stepText: Substring
    if let colon = rest.firstIndex(of: ":") {
      endText = rest[..<colon]
      stepText = rest[rest.index(after: colon)...]
    } else {
      endText = rest
      stepText = "1"
    }
    let start = try DecimalText(startText, role: "start")
    let end = try DecimalText(endText, role: "end")
    let step = try DecimalText(stepText, role: "step")
    let scale = max(start.scale, end.scale, step.scale)
    guard let first = start.scaled(to: scale), let last = end.scaled(to: scale),
      let stride = step.scaled(to: scale)
    else {
      throw ParameterPath.Problem(message: "range numbers have too many digits")
    }
    guard stride > 0 else {
      throw ParameterPath.Problem(message: "range step must be greater than 0 (got \(stepText))")
    }
    guard last >= first else {
      throw ParameterPath.Problem(
        message: "range end \(endText) is less than its start \(startText)")
    }
    let (span, overflow) = last.subtractingReportingOverflow(first)
    guard !overflow else {
      throw ParameterPath.Problem(message: "range numbers have too many digits")
    }
    let count = span / stride + 1
    guard count <= maximumValueCount else {
      throw ParameterPath.Problem(
        message: "range gives \(count) values; at most \(maximumValueCount) are allowed")
    }
    return (0..<count).map { k in
      let text = DecimalText(units: first + k * stride, scale: scale).text
      return JSONNumber(text: text).map(JSONValue.number) ?? .string(text)
    }
  }
}

/// A decimal number as an integer count of 10⁻ˢᶜᵃˡᵉ, for exact range arithmetic.
private struct DecimalText {
  /// The value in units of 10⁻ˢᶜᵃˡᵉ.
  var units: Int
  /// Digits after the decimal point.
  var scale: Int

  /// From parts.
  init(units: Int, scale: Int) {
    self.units = units
    self.scale = scale
  }

  /// Parses `-?[0-9]+(\.[0-9]+)?`; `role` ("start", "end", "step") names it in messages.
  init(_ text: Substring, role: String) throws(ParameterPath.Problem) {
    let problem = ParameterPath.Problem(
      message: "range \(role) \(ExperimentInputError.quote(String(text))) is not a decimal "
        + "number such as 10 or 0.25")
    var digits = text
    let negative = digits.hasPrefix("-")
    if negative { digits = digits.dropFirst() }
    let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
    else { throw problem }
    let fraction = parts.count == 2 ? parts[1] : ""
    guard let magnitude = Int(parts[0] + fraction) else {
      throw ParameterPath.Problem(message: "range \(role) \(text) has too many digits")
    }
    units = negative ? -magnitude : magnitude
    scale = fraction.count
  }

  /// The value in units of 10⁻ᵗᵃʳᵍᵉᵗ, or `nil` on overflow; `target >= scale`.
  func scaled(to target: Int) -> Int? {
    var result = units
    for _ in scale..<target {
      let (next, overflow) = result.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      result = next
    }
    return result
  }

  /// The shortest decimal text: no exponent, no trailing zeros after the point, `0` not `-0`.
  var text: String {
    let digits = String(units.magnitude)
    let sign = units < 0 ? "-" : ""
    guard scale > 0 else { return sign + digits }
    let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
    let integerPart = padded.dropLast(scale)
    var fractionPart = padded.suffix(scale)
    while fractionPart.last == "0" { fractionPart = fractionPart.dropLast() }
    return sign + integerPart + (fractionPart.isEmpty ? "" : "." + fractionPart)
  }
}

extension StringProtocol {
  /// The text without leading and trailing white space.
  fileprivate var trimmingWhiteSpace: SubSequence {
    var text = self[...]
    while text.first?.isWhitespace == true { text = text.dropFirst() }
    while text.last?.isWhitespace == true { text = text.dropLast() }
    return text
  }
}
