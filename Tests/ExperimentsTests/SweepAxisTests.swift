import Scenarios
import Testing

@testable import Experiments

@Suite struct SweepAxisTests {
  static let utilization =
    "platform.services[backend].autoscaler.metrics[0].target.averageUtilization"

  /// The values' texts as a label would write them.
  static func texts(_ axis: SweepAxis) -> [String] { axis.values.map(SweepAxis.valueText) }

  @Test("a list of numbers keeps the literals as written")
  func numberList() throws {
    let axis = try SweepAxis(parsing: "\(Self.utilization)=50,70,0.5,1e3")
    #expect(axis.path == (try ParameterPath(parsing: Self.utilization)))
    #expect(
      axis.values == [
        .integer(50), .integer(70), .number(try #require(JSONNumber(text: "0.5"))),
        .number(try #require(JSONNumber(text: "1e3"))),
      ])
    #expect(axis.settings[1].label == "\(Self.utilization)=70")
  }

  @Test("literals, quoted strings and plain strings, trimmed of spaces")
  func mixedValues() throws {
    let axis = try SweepAxis(parsing: #"x=true, false ,null,"70","a,b",250m,eu-central-1a,"""#)
    #expect(
      axis.values == [
        .bool(true), .bool(false), .null, .string("70"), .string("a,b"), .string("250m"),
        .string("eu-central-1a"), .string(""),
      ])
    #expect(
      Self.texts(axis) == [
        "true", "false", "null", #""70""#, #""a,b""#, "250m", "eu-central-1a", #""""#,
      ])
  }

  @Test("every label parses back as a one-value axis giving the same setting")
  func labelsRoundTrip() throws {
    let axis = try SweepAxis(
      parsing: #"a[x].b=1,-2.5,true,null,"null","1",plain,"a..b"," sp ","q\"q""#)
    for setting in axis.settings {
      let again = try SweepAxis(parsing: setting.label)
      #expect(again.settings == [setting], "\(setting.label)")
    }
  }

  /// A range and the values it gives.
  struct RangeCase: CustomTestStringConvertible, Sendable {
    var text: String
    var values: [String]
    var testDescription: String { text }
  }

  @Test(
    "ranges are exact decimal, inclusive of END when STEP divides the span",
    arguments: [
      RangeCase(text: "50..90:10", values: ["50", "60", "70", "80", "90"]),
      RangeCase(text: "1..3", values: ["1", "2", "3"]),
      RangeCase(text: "0.1..0.3:0.1", values: ["0.1", "0.2", "0.3"]),
      RangeCase(text: "0.50..1.00:0.25", values: ["0.5", "0.75", "1"]),
      RangeCase(text: "1..10:4", values: ["1", "5", "9"]),
      RangeCase(text: "-1..1:0.5", values: ["-1", "-0.5", "0", "0.5", "1"]),
      RangeCase(text: "-0.05..0.05:0.05", values: ["-0.05", "0", "0.05"]),
      RangeCase(text: "3..3:7", values: ["3"]),
    ])
  func ranges(_ c: RangeCase) throws {
    let axis = try SweepAxis(parsing: "x=\(c.text)")
    #expect(Self.texts(axis) == c.values)
    #expect(axis.values.allSatisfy { if case .number = $0 { true } else { false } })
  }

  /// An axis that does not parse and its message.
  struct BadAxis: CustomTestStringConvertible, Sendable {
    var text: String
    var message: String
    var testDescription: String { text }
  }

  @Test(
    "bad axes are rejected quoting the axis and saying what was expected",
    arguments: [
      BadAxis(
        text: "replicas",
        message:
          "expected PATH=VALUES, such as platform.zones[0].nodeCount=2,3 or "
          + "platform.services[backend].replicas=2..10:2"),
      BadAxis(text: "=3", message: "expected a path before \"=\""),
      BadAxis(text: "replicas=", message: "expected at least one value after \"=\""),
      BadAxis(text: "replicas=  ", message: "expected at least one value after \"=\""),
      BadAxis(text: "a..b=1", message: "expected a member name at character 3 (got \".\")"),
      BadAxis(text: "replicas=1,,3", message: "value 2 is empty (values are separated by \",\")"),
      BadAxis(text: "replicas=1,2,", message: "value 3 is empty (values are separated by \",\")"),
      BadAxis(text: "replicas=1,2,1", message: "value 1 is listed twice"),
      BadAxis(
        text: "replicas=[1,2]",
        message:
          #"value 1 is an array or object (got "[1"); expected a number, string, true, false or null"#
      ),
      BadAxis(
        text: #"name="abc"#,
        message:
          #"value 1 is not a valid JSON string: unterminated string (expected a closing ") (got "\"abc")"#
      ),
      BadAxis(
        text: #"name=x,"a" "b""#,
        message:
          #"value 2 is not a valid JSON string: unexpected """ after the JSON value (got "\"a\" \"b\"")"#
      ),
      BadAxis(text: "replicas=5..1", message: "range end 1 is less than its start 5"),
      BadAxis(text: "replicas=1..5:0", message: "range step must be greater than 0 (got 0)"),
      BadAxis(text: "replicas=1..5:-1", message: "range step must be greater than 0 (got -1)"),
      BadAxis(
        text: "replicas=a..5",
        message: "range start \"a\" is not a decimal number such as 10 or 0.25"),
      BadAxis(
        text: "replicas=1..1e3",
        message: "range end \"1e3\" is not a decimal number such as 10 or 0.25"),
      BadAxis(
        text: "replicas=1..", message: "range end \"\" is not a decimal number such as 10 or 0.25"),
      BadAxis(
        text: "replicas=1..5:",
        message: "range step \"\" is not a decimal number such as 10 or 0.25"),
      BadAxis(
        text: "replicas=0..100000", message: "range gives 100001 values; at most 10000 are allowed"),
    ])
  func badAxes(_ c: BadAxis) {
    do {
      _ = try SweepAxis(parsing: c.text)
      Issue.record("\(c.text) parsed")
    } catch {
      #expect(error.subject == "sweep axis \(ExperimentInputError.quote(c.text))")
      #expect(error.message == c.message, "\(error)")
    }
  }
}
