/// A JSON value as parsed, with objects keeping their members in the order written.
///
/// ``JSONParser`` produces these from text with line and column on every syntax error and
/// rejects duplicate keys; ``JSONWriter`` turns them back into deterministic text.
package enum JSONValue: Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, with its literal text.
  case number(JSONNumber)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object; members in the order written, keys unique when produced by ``JSONParser``.
  case object([(key: String, value: JSONValue)])
}

extension JSONValue: Equatable {
  /// Structural equality; objects compare member by member in order, numbers by literal text.
  package static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }
}

extension JSONValue {
  /// An integer number.
  package static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

  /// A floating-point number; `null` when `value` is NaN or infinite, which JSON cannot hold.
  package static func double(_ value: Double) -> JSONValue {
    JSONNumber(value).map(JSONValue.number) ?? .null
  }

  /// The value of the first member named `key`, if this is an object that has one.
  package subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// What kind of value this is, for messages: `"a string"`, `"an object"`, ….
  package var kindDescription: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
