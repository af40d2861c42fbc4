@testable import Scenarios

/// The issues loading `text` as the file `file` gives; empty when it loads.
func scenarioIssues(_ text: String, file: String = "x.json") -> [ScenarioIssue] {
  do {
    _ = try ScenarioLoader.decodeFile(text, file: file)
    return []
  } catch {
    return error.issues
  }
}
