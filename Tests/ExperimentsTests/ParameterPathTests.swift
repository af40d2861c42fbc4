import Testing

@testable import Experiments

@Suite struct ParameterPathTests {
  @Test("keys, names and indexes parse into components and print back the same")
  func parsesAndPrints() throws {
    let text = "platform.services[backend].autoscaler.metrics[0].target.averageUtilization"
    let path = try ParameterPath(parsing: text)
    #expect(
      path.components == [
        .key("platform"), .key("services"), .named("backend"), .key("autoscaler"),
        .key("metrics"), .index(0), .key("target"), .key("averageUtilization"),
      ])
    #expect(path.description == text)
    #expect(try ParameterPath(parsing: path.description) == path)
  }

  @Test("selectors may follow each other, and names may hold dots, dashes and digits")
  func selectors() throws {
    #expect(
      try ParameterPath(parsing: "grid[2][10]").components == [.key("grid"), .index(2), .index(10)])
    #expect(
      try ParameterPath(parsing: "platform.zones[eu-central-1a].nodes").components
        == [.key("platform"), .key("zones"), .named("eu-central-1a"), .key("nodes")])
    #expect(try ParameterPath(parsing: "a[v1.2]").components == [.key("a"), .named("v1.2")])
    #expect(try ParameterPath(parsing: "a[-1]").components == [.key("a"), .named("-1")])
    #expect(try ParameterPath(parsing: "seed").components == [.key("seed")])
  }

  /// A bad path and its message.
  struct BadPath: CustomTestStringConvertible, Sendable {
    var text: String
    var message: String
    var testDescription: String { text.isEmpty ? "(empty)" : text }
  }

  @Test(
    "bad paths are rejected saying what was expected where",
    arguments: [
      BadPath(text: "", message: "expected a path such as platform.services[backend].replicas"),
      BadPath(
        text: "platform..zones", message: "expected a member name at character 10 (got \".\")"),
      BadPath(text: ".zones", message: "expected a member name at character 1 (got \".\")"),
      BadPath(text: "platform.", message: "expected a member name at character 10 (got the end)"),
      BadPath(text: "[0].x", message: "expected a member name at character 1 (got \"[\")"),
      BadPath(text: "services[backend", message: "\"[\" at character 9 is not closed by \"]\""),
      BadPath(
        text: "services[]",
        message:
          "empty \"[]\" at character 9; expected an index such as [0] or a name such as [backend]"),
      BadPath(text: "services]", message: "expected \".\" or \"[\" at character 9 (got \"]\")"),
      BadPath(text: "services[0]x", message: "expected \".\" or \"[\" at character 12 (got \"x\")"),
      BadPath(
        text: "a[99999999999999999999]",
        message: "index 99999999999999999999 at character 3 is too large"),
    ])
  func badPaths(_ c: BadPath) {
    let expected = ExperimentInputError(
      subject: "path \(ExperimentInputError.quote(c.text))", message: c.message)
    #expect(throws: expected) { try ParameterPath(parsing: c.text) }
  }
}
