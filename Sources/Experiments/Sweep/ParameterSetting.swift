import Scenarios

/// One parameter set to one value: `platform.zones[0].nodeCount=3`.
package struct ParameterSetting: Equatable, Sendable, CustomStringConvertible {
  /// Where the value goes.
  package var path: ParameterPath
  /// The value, a JSON scalar as parsed from the command line.
  package var value: JSONValue

  /// A setting.
  package init(path: ParameterPath, value: JSONValue) {
    self.path = path
    self.value = value
  }

  /// `path=value`, with the value written as ``SweepAxis/valueText(_:)`` writes it, so the
  /// label parses back as a one-value sweep axis giving this setting. Stable: the same setting
  /// always gives the same label.
  package var label: String { "\(path)=\(SweepAxis.valueText(value))" }

  /// ``label``.
  package var description: String { label }
}
