/// Text that is not valid JSON, with the line and column where reading stopped.
package struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The line, counting from 1.
  package var line: Int
  /// The column in Unicode scalars, counting from 1.
  package var column: Int
  /// What is wrong, lowercase, e.g. `expected "," or "}" after an object member (got "]")`.
  package var message: String

  /// Creates an error at `line`:`column`.
  package init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// `3:14: expected ...`.
  package var description: String { "\(line):\(column): \(message)" }
}
