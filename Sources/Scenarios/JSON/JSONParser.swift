/// A strict RFC 8259 JSON parser that keeps object member order and reports where text goes
/// wrong.
///
/// Unlike Foundation's `JSONSerialization` it rejects duplicate keys (naming both places),
/// keeps number literals exactly, keeps members in the order written, and reports every
/// syntax error with a line and column. It accepts exactly RFC 8259: no comments, no trailing
/// commas, no single quotes, no `NaN`; a leading UTF-8 byte order mark is skipped.
///
/// ```swift
/// let value = try JSONParser.parse(#"{"seed": 7}"#)
/// ```
package enum JSONParser {
  /// Nesting deeper than this is rejected rather than risking the stack.
  package static let maximumDepth = 512

  /// Parses `text` as one JSON value, surrounded by optional whitespace.
  ///
  /// - Throws: ``JSONSyntaxError`` at the first problem, including a duplicate object key.
  /// - Complexity: O(*n*) in the length of `text`.
  package static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    var reader = Reader(bytes: Array(text.utf8))
    return try reader.document()
  }
}

/// The parser's state: the input bytes and a cursor.
private struct Reader {
  /// The UTF-8 input (valid UTF-8, since it comes from a `String`).
  let bytes: [UInt8]
  /// The next byte to read.
  var index = 0
  /// Current nesting of arrays and objects.
  var depth = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
  }

  /// The whole input: one value and nothing after it but whitespace.
  mutating func document() throws(JSONSyntaxError) -> JSONValue {
    skipWhitespace()
    guard index < bytes.count else {
      throw error("expected a JSON value (the text is empty)")
    }
    let value = try value()
    skipWhitespace()
    guard index == bytes.count else {
      throw error("unexpected \(found) after the JSON value")
    }
    return value
  }

  // MARK: Values

  mutating func value() throws(JSONSyntaxError) -> JSONValue {
    guard let byte = peek else { throw error("expected a JSON value (got the end of the text)") }
    switch byte {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    case UInt8(ascii: "/"): throw error("expected a JSON value (got \"/\"); JSON has no comments")
    default: throw error("expected a JSON value (got \(found))")
    }
  }

  mutating func object() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    index += 1  // {
    var members: [(key: String, value: JSONValue)] = []
    var seen: [String: Int] = [:]
    skipWhitespace()
    if peek == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard peek == UInt8(ascii: "\"") else {
        throw error(
          peek == UInt8(ascii: "}")
            ? "expected a key after \",\" (JSON allows no trailing comma)"
            : "expected a string key (got \(found))")
      }
      let keyStart = index
      let key = try string()
      if let first = seen[key] {
        let (line, column) = location(of: first)
        throw error(
          "duplicate key \"\(escapedForMessage(key))\" (first at line \(line), column \(column))",
          at: keyStart)
      }
      seen[key] = keyStart
      skipWhitespace()
      guard peek == UInt8(ascii: ":") else {
        throw error("expected \":\" after the key \"\(escapedForMessage(key))\" (got \(found))")
      }
      index += 1
      skipWhitespace()
      members.append((key, try value()))
      skipWhitespace()
      switch peek {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"):
        index += 1
        depth -= 1
        return .object(members)
      default: throw error("expected \",\" or \"}\" after an object member (got \(found))")
      }
    }
  }

  mutating func array() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    index += 1  // [
    var elements: [JSONValue] = []
    skipWhitespace()
    if peek == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      if peek == UInt8(ascii: "]") {
        throw error("expected a value after \",\" (JSON allows no trailing comma)")
      }
      elements.append(try value())
      skipWhitespace()
      switch peek {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        depth -= 1
        return .array(elements)
      default: throw error("expected \",\" or \"]\" after an array element (got \(found))")
      }
    }
  }

  mutating func literal(_ word: String, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
    let expected = Array(word.utf8)
    guard bytes[index...].starts(with: expected) else {
      throw error("expected a JSON value (got \(found))")
    }
    index += expected.count
    return value
  }

  mutating func number() throws(JSONSyntaxError) -> JSONNumber {
    let start = index
    var scanner = NumberScanner(bytes: bytes, index: index)
    if let problem = scanner.scan() {
      index = scanner.index
      throw error("invalid number: \(problem)")
    }
    index = scanner.index
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    return JSONNumber(validatedText: text)
  }

  mutating func string() throws(JSONSyntaxError) -> String {
    index += 1  // opening quote
    var buffer: [UInt8] = []
    while true {
      guard let byte = peek else {
        throw error("unterminated string (expected a closing \")")
      }
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return String(decoding: buffer, as: UTF8.self)
      case UInt8(ascii: "\\"):
        index += 1
        try escape(into: &buffer)
      case 0..<0x20:
        throw error(
          "control character U+\(hex4(UInt32(byte))) must be escaped in a string"
            + (byte == 0x0A ? " (strings cannot span lines)" : ""))
      default:
        buffer.append(byte)
        index += 1
      }
    }
  }

  /// Reads the escape after a backslash and appends its UTF-8 encoding.
  mutating func escape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
    guard let byte = peek else { throw error("unterminated string (expected a closing \")") }
    let simple: UInt8? =
      switch byte {
      case UInt8(ascii: "\""): 0x22
      case UInt8(ascii: "\\"): 0x5C
      case UInt8(ascii: "/"): 0x2F
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      buffer.append(simple)
      index += 1
      return
    }
    guard byte == UInt8(ascii: "u") else {
      throw error("invalid escape \"\\\(scalarText(at: index))\" in a string")
    }
    let escapeStart = index - 1
    index += 1
    let first = try hexQuad()
    var scalarValue = first
    if (0xD800...0xDBFF).contains(first) {
      guard bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
        throw error("lone high surrogate \\u\(hex4(first)) in a string", at: escapeStart)
      }
      index += 2
      let second = try hexQuad()
      guard (0xDC00...0xDFFF).contains(second) else {
        throw error(
          "high surrogate \\u\(hex4(first)) is not followed by a low surrogate (got \\u\(hex4(second)))",
          at: escapeStart)
      }
      scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(first) {
      throw error("lone low surrogate \\u\(hex4(first)) in a string", at: escapeStart)
    }
    guard let scalar = Unicode.Scalar(scalarValue) else {
      throw error("invalid unicode escape in a string", at: escapeStart)
    }
    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  /// Four hex digits of a `\u` escape.
  mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek, let digit = hexValue(byte) else {
        throw error("expected 4 hex digits after \\u (got \(found))")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  // MARK: Helpers

  var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

  mutating func skipWhitespace() {
    while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
  }

  mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    guard depth <= JSONParser.maximumDepth else {
      throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
    }
  }

  /// The text at `index`, quoted, or "the end of the text".
  var found: String {
    guard index < bytes.count else { return "the end of the text" }
    let text = scalarText(at: index)
    return "\"\(escapedForMessage(text))\""
  }

  /// The Unicode scalar starting at `offset`, as text.
  func scalarText(at offset: Int) -> String {
    var end = offset + 1
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return String(decoding: bytes[offset..<min(end, bytes.count)], as: UTF8.self)
  }

  /// Line and column (in scalars, from 1) of byte `offset`.
  func location(of offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for b in bytes[0..<min(offset, bytes.count)] {
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]), line == 1 { column -= 1 }
    return (line, column)
  }

  func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
    let (line, column) = location(of: offset ?? index)
    return JSONSyntaxError(line: line, column: column, message: message)
  }
}

/// Control characters in `text` escaped, so a message stays on one line.
private func escapedForMessage(_ text: String) -> String {
  var result = ""
  for scalar in text.unicodeScalars {
    switch scalar.value {
    case 0x0A: result += "\\n"
    case 0x0D: result += "\\r"
    case 0x09: result += "\\t"
    case 0..<0x20: result += "\\u" + hex4(scalar.value)
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}

/// `value` as four uppercase hex digits.
private func hex4(_ value: UInt32) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// The value of an ASCII hex digit.
private func hexValue(_ byte: UInt8) -> UInt32? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
  case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
  case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
  default: nil
  }
}
