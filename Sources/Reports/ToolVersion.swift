/// The simulator's version, recorded in every report; bump it when output can change.
package enum ToolVersion {
  /// The current version.
  package static let current = "0.2.0"
}
