import Scenarios
import Testing

@testable import Experiments

@Suite struct JSONValueSettingTests {
  static let document: JSONValue = {
    let text = """
      {"seed": 1, "platform": {"zones": ["a", "b"], "services": [
        {"name": "api", "replicas": 2},
        {"name": "backend", "replicas": 3, "autoscaler": {"metrics": [
          {"target": {"averageUtilization": 60}}]}},
        {"name": "web", "autoscaler": null}]}}
      """
    do { return try JSONParser.parse(text) } catch { fatalError("\(error)") }
  }()

  static func path(_ text: String) throws -> ParameterPath { try ParameterPath(parsing: text) }

  static func compact(_ value: JSONValue) -> String {
    JSONWriter(style: .compact, sortsKeys: false).string(from: value)
  }

  @Test("a value selected by name and index is replaced in place, member order kept")
  func replacesNested() throws {
    var document = Self.document
    try document.set(
      .integer(70),
      at: Self.path("platform.services[backend].autoscaler.metrics[0].target.averageUtilization"))
    #expect(
      document["platform"]?["services"].map(Self.compact)
        == #"[{"name":"api","replicas":2},{"name":"backend","replicas":3,"autoscaler":{"metrics":"#
        + #"[{"target":{"averageUtilization":70}}]}},{"name":"web","autoscaler":null}]"#)
    #expect(Self.compact(document).hasPrefix(#"{"seed":1,"platform":{"zones":["a","b"],"#))
  }

  @Test("an index selects an array element")
  func byIndex() throws {
    var document = Self.document
    try document.set(.string("c"), at: Self.path("platform.zones[1]"))
    #expect(document["platform"]?["zones"] == .array([.string("a"), .string("c")]))
  }

  @Test("missing members are added, with objects created on the way")
  func createsObjects() throws {
    var document = Self.document
    try document.set(.integer(5), at: Self.path("platform.services[api].autoscaler.maxReplicas"))
    try document.set(.bool(true), at: Self.path("traffic.diurnal.enabled"))
    #expect(
      document["platform"]?["services"].map(Self.compact)?.hasPrefix(
        #"[{"name":"api","replicas":2,"autoscaler":{"maxReplicas":5}}"#) == true)
    #expect(Self.compact(document).hasSuffix(#","traffic":{"diurnal":{"enabled":true}}}"#))
    var empty = JSONValue.object([])
    try empty.set(.null, at: Self.path("a.b"))
    #expect(Self.compact(empty) == #"{"a":{"b":null}}"#)
  }

  /// A setting that cannot be applied and its message.
  struct BadSetting: CustomTestStringConvertible, Sendable {
    var path: String
    var message: String
    var testDescription: String { path }
  }

  @Test(
    "settings that cannot apply name the path and the step that failed, and change nothing",
    arguments: [
      BadSetting(
        path: "platform.services[frontend].replicas",
        message:
          #"no element of "platform.services" has "name" equal to "frontend" (names: "api", "backend", "web")"#
      ),
      BadSetting(
        path: "platform.zones[2]",
        message: #"index 2 is out of range: "platform.zones" has 2 elements"#),
      BadSetting(
        path: "platform.zones[a]",
        message: #"no element of "platform.zones" has "name" equal to "a""#),
      BadSetting(
        path: "seed.value", message: #""seed" is a number, expected an object to set "value" in"#),
      BadSetting(
        path: "platform.services[web].autoscaler.maxReplicas",
        message:
          #""platform.services[web].autoscaler" is null, expected an object to set "maxReplicas" in"#
      ),
      BadSetting(
        path: "platform[0]",
        message: #""platform" is an object, expected an array to select [0] from"#),
      BadSetting(
        path: "platform.services.replicas",
        message: #""platform.services" is an array, expected an object to set "replicas" in"#),
      BadSetting(
        path: "platform.nodeGroups[general].maxNodes",
        message:
          #""platform.nodeGroups" does not exist, so there is no array to select [general] from"#),
    ])
  func badSettings(_ c: BadSetting) throws {
    var document = Self.document
    let expected = ExperimentInputError(
      subject: "path \(ExperimentInputError.quote(c.path))", message: c.message)
    let path = try Self.path(c.path)
    #expect(throws: expected) { try document.set(.integer(1), at: path) }
    #expect(document == Self.document)
  }

  @Test("the document itself must be an object to set a member in")
  func rootMustBeObject() throws {
    var document = JSONValue.array([])
    #expect(
      throws: ExperimentInputError(
        subject: #"path "a""#,
        message: #"the document is an array, expected an object to set "a" in"#)
    ) { try document.set(.null, at: Self.path("a")) }
  }

  @Test("applying a setting returns a changed copy")
  func applying() throws {
    let setting = ParameterSetting(path: try Self.path("seed"), value: .integer(9))
    let changed = try Self.document.applying(setting)
    #expect(changed["seed"] == .integer(9) && Self.document["seed"] == .integer(1))
  }

  @Test("a named list written as {\"replace\": [...]} is selected inside its array")
  func throughReplace() throws {
    var document = try JSONParser.parse(
      #"{"services": {"replace": [{"name": "api", "replicas": 1}, {"name": "web"}]}}"#)
    try document.set(.integer(4), at: Self.path("services[api].replicas"))
    try document.set(.bool(true), at: Self.path("services[1].zoneSpread"))
    #expect(
      Self.compact(document)
        == #"{"services":{"replace":[{"name":"api","replicas":4},{"name":"web","zoneSpread":true}]}}"#)
    #expect(throws: ExperimentInputError.self) {
      try document.set(.integer(1), at: Self.path("services[db].replicas"))
    }
  }
}
