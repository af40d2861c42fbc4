/// A distribution parameter that is out of range, found by one of ``Distribution``'s factories.
///
/// The message is lowercase, names the distribution and the parameter, quotes the bad value
/// and says what was expected, e.g. `exponential mean must be greater than 0 (got -1.0)`.
/// Scenario validation appends ``parameter`` to the field path of the distribution and reports
/// ``description``.
package struct DistributionError: Error, Equatable, CustomStringConvertible {
  /// The factory argument at fault, as spelled in the API and in scenario files: `"mean"`,
  /// `"standardDeviation"`, `"p99"`, `"values"`, ….
  package var parameter: String
  /// The whole message, e.g. `exponential mean must be greater than 0 (got -1.0)`.
  package var message: String

  /// Creates an error about `parameter` with the whole `message`.
  package init(parameter: String, message: String) {
    self.parameter = parameter
    self.message = message
  }

  /// The message.
  package var description: String { message }
}
