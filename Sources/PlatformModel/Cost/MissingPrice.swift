/// A field of the platform configuration naming something the price table has no price for.
package struct MissingPrice: Sendable, Equatable, CustomStringConvertible {
  /// The field's path in the platform configuration, e.g. `nodeGroups[0].instanceType`; a
  /// scenario validator prefixes it with the platform's own path.
  package var path: String
  /// What the name is, e.g. `instance type`.
  package var kind: String
  /// The unpriced name, e.g. `x9.huge`.
  package var name: String
  /// The names the table does price, in table order.
  package var known: [String]

  /// Creates an entry.
  package init(path: String, kind: String, name: String, known: [String]) {
    self.path = path
    self.kind = kind
    self.name = name
    self.known = known
  }

  /// `instance type "x9.huge" has no price (expected one of "t3.small", "t3.medium")`.
  package var message: String {
    guard !known.isEmpty else { return "\(kind) \"\(name)\" has no price (the table lists none)" }
    let expected = known.map { "\"\($0)\"" }.joined(separator: ", ")
    return "\(kind) \"\(name)\" has no price (expected one of \(expected))"
  }

  /// `nodeGroups[0].instanceType: instance type "x9.huge" has no price (expected one of …)`.
  package var description: String { "\(path): \(message)" }
}
