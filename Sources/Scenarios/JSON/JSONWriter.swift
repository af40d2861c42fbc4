/// Writes a ``JSONValue`` as deterministic text: the same value always gives the same bytes.
///
/// Object keys are sorted by their UTF-8 bytes (so no locale or normalisation is involved),
/// numbers are written as their literal text (see ``JSONNumber/init(_:)-(Double)`` for how
/// doubles are spelt), and strings are escaped per RFC 8259: `"` and `\` with a backslash,
/// U+0008, U+0009, U+000A, U+000C and U+000D as `\b`, `\t`, `\n`, `\f` and `\r`, other control
/// characters below U+0020 as `\u00XX`, and everything else, including `/` and non-ASCII, as
/// is. Pretty output indents with two spaces per level, writes `"key": value`, writes empty
/// arrays and objects as `[]` and `{}`, and ends with a newline.
///
/// ```swift
/// let text = JSONWriter().string(from: .object([("b", .integer(1)), ("a", .string("x"))]))
/// // {\n  "a": "x",\n  "b": 1\n}\n
/// ```
package struct JSONWriter: Sendable {
  /// The layout of the text.
  package enum Style: Sendable {
    /// Indented, one member or element per line, with a trailing newline.
    case pretty
    /// One line, no spaces, no trailing newline (for messages and JSON Lines).
    case compact
  }

  /// Pretty or compact.
  package var style: Style
  /// Whether object keys are sorted (true) or kept in their stored order.
  package var sortsKeys: Bool

  /// A writer; by default pretty with sorted keys.
  package init(style: Style = .pretty, sortsKeys: Bool = true) {
    self.style = style
    self.sortsKeys = sortsKeys
  }

  /// The text of `value`.
  ///
  /// - Complexity: O(*n* log *n*) in the size of `value` (sorting keys).
  package func string(from value: JSONValue) -> String {
    var out = ""
    write(value, indent: 0, to: &out)
    if style == .pretty { out += "\n" }
    return out
  }

  private func write(_ value: JSONValue, indent: Int, to out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n.text
    case .string(let s): Self.writeString(s, to: &out)
    case .array(let elements):
      guard !elements.isEmpty else {
        out += "[]"
        return
      }
      out += "["
      for (i, element) in elements.enumerated() {
        if i > 0 { out += "," }
        newline(indent + 1, &out)
        write(element, indent: indent + 1, to: &out)
      }
      newline(indent, &out)
      out += "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      let ordered =
        sortsKeys ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : members
      out += "{"
      for (i, member) in ordered.enumerated() {
        if i > 0 { out += "," }
        newline(indent + 1, &out)
        Self.writeString(member.key, to: &out)
        out += style == .pretty ? ": " : ":"
        write(member.value, indent: indent + 1, to: &out)
      }
      newline(indent, &out)
      out += "}"
    }
  }

  private func newline(_ indent: Int, _ out: inout String) {
    guard style == .pretty else { return }
    out += "\n"
    out += String(repeating: " ", count: 2 * indent)
  }

  /// Appends `s` as a JSON string literal.
  static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar.value {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x08: out += "\\b"
      case 0x09: out += "\\t"
      case 0x0A: out += "\\n"
      case 0x0C: out += "\\f"
      case 0x0D: out += "\\r"
      case 0..<0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
