/// A JSON number, kept as the literal text it was written or will be written as.
///
/// Keeping the text keeps integers exact beyond 2⁵³ (seeds are 64-bit) and lets error messages
/// quote a value exactly as the file spells it. Two numbers are equal when their texts are:
/// `1` and `1.0` are different literals.
package struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
  /// The literal, following RFC 8259's number grammar, e.g. `-12`, `0.5`, `1e-05`.
  package let text: String

  /// The literal `text`, or `nil` unless it follows RFC 8259's number grammar.
  package init?(text: String) {
    guard Self.isValidLiteral(text.utf8) else { return nil }
    self.text = text
  }

  /// An integer, written without a fraction or exponent.
  package init(_ value: Int) { text = String(value) }

  /// An unsigned 64-bit integer, written exactly.
  package init(_ value: UInt64) { text = String(value) }

  /// A floating-point number, or `nil` if it is not finite (JSON has no NaN or infinity).
  ///
  /// Integral values of magnitude below 2⁶³ are written as exact integers, without `.0`;
  /// `-0.0` is written `0`. Every other value is written as Swift's `description`, the shortest text
  /// that reads back as the same `Double` (`0.1`, `1e-05`, `1e+20`), which is valid JSON.
  package init?(_ value: Double) {
    guard value.isFinite else { return nil }
    if value == value.rounded(.towardZero), abs(value) < 9_223_372_036_854_775_808 {
      text = String(Int64(value))
    } else {
      text = value.description
    }
  }

  /// Wraps a literal already known to be valid.
  init(validatedText: String) { text = validatedText }

  /// The value as the nearest `Double` (correctly rounded; huge literals give infinity).
  package var doubleValue: Double { Double(text) ?? .nan }

  /// The value as an `Int`, if it is an integer in range: `3`, `3.0` and `3e0` all qualify.
  package var intValue: Int? {
    if let exact = Int(text) { return exact }
    let d = doubleValue
    guard d.isFinite, d == d.rounded(.towardZero), abs(d) < 9_007_199_254_740_992 else {
      return nil
    }
    return Int(d)
  }

  /// The value as a `UInt64`, if the literal is a plain non-negative integer in range.
  package var uint64Value: UInt64? { UInt64(text) }

  /// The literal text.
  package var description: String { text }

  /// Whether `bytes` follow `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  static func isValidLiteral(_ bytes: String.UTF8View) -> Bool {
    var scanner = NumberScanner(bytes: Array(bytes), index: 0)
    return scanner.scan() == nil && scanner.index == scanner.bytes.count
  }
}

/// Scans one JSON number from a byte buffer; shared by ``JSONNumber`` and the parser.
struct NumberScanner {
  /// The input.
  let bytes: [UInt8]
  /// The next byte to read.
  var index: Int

  /// Advances past a number; returns a message (and leaves `index` at the bad byte) when the
  /// text there is not a number.
  mutating func scan() -> String? {
    if peek == UInt8(ascii: "-") { index += 1 }
    guard let first = peek, isDigit(first) else {
      return "expected a digit in the number"
    }
    index += 1
    if first == UInt8(ascii: "0"), let next = peek, isDigit(next) {
      return "numbers must not have leading zeros"
    }
    skipDigits()
    if peek == UInt8(ascii: ".") {
      index += 1
      guard let next = peek, isDigit(next) else {
        return "expected a digit after the decimal point"
      }
      skipDigits()
    }
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      index += 1
      if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
      guard let next = peek, isDigit(next) else {
        return "expected a digit in the exponent"
      }
      skipDigits()
    }
    return nil
  }

  /// The byte at `index`, or `nil` at the end.
  private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

  /// Advances past ASCII digits.
  private mutating func skipDigits() {
    while let b = peek, isDigit(b) { index += 1 }
  }

  /// Whether `b` is an ASCII digit.
  private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
