import Scenarios

/// A problem with experiment input as the user wrote it: a sweep axis, a parameter path, a
/// shard, a precision rule.
///
/// Its ``description`` is what the command line prints, `subject: message`, for example
/// `sweep axis "platform.zones=": expected at least one value after "="`. The subject quotes
/// the text the user wrote; the message is lowercase, quotes the bad part and says what was
/// expected.
package struct ExperimentInputError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was being read, with the text as written, e.g. `shard "0/3"`.
  package var subject: String
  /// What is wrong, e.g. `K must be between 1 and 3 (got 0)`.
  package var message: String

  /// An error about `subject`.
  package init(subject: String, message: String) {
    self.subject = subject
    self.message = message
  }

  /// `subject: message`.
  package var description: String { "\(subject): \(message)" }

  /// `text` as a JSON string literal, for quoting user input on one line: `"a\"b"`.
  static func quote(_ text: String) -> String {
    JSONWriter(style: .compact).string(from: .string(text))
  }

  /// `value` as short text for "(got …)": `0`, `-0.5`, `1e-05`, `inf`, `nan`.
  static func show(_ value: Double) -> String {
    JSONNumber(value)?.text ?? value.description
  }
}
