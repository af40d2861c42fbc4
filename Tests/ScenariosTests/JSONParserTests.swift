import Testing

@testable import Scenarios

@Suite struct JSONParserTests {
  @Test("objects keep their members in the order written")
  func keepsOrder() throws {
    let value = try JSONParser.parse(#"{"b": 1, "a": [true, false, null], "c": {"x": "y"}}"#)
    guard case .object(let members) = value else {
      Issue.record("expected an object")
      return
    }
    #expect(members.map(\.key) == ["b", "a", "c"])
    #expect(value["a"] == .array([.bool(true), .bool(false), .null]))
    #expect(value["c"] == .object([("x", .string("y"))]))
  }

  @Test(
    "numbers keep their literal text and convert exactly",
    arguments: [
      ("0", 0.0, 0 as Int?), ("-12", -12, -12), ("3.0", 3, 3), ("1e3", 1000, 1000),
      ("0.5", 0.5, nil), ("-1.25E-2", -0.0125, nil),
      ("9007199254740993", 9_007_199_254_740_992, 9_007_199_254_740_993),
    ])
  func numbers(text: String, double: Double, int: Int?) throws {
    guard case .number(let number) = try JSONParser.parse(text) else {
      Issue.record("expected a number")
      return
    }
    #expect(number.text == text)
    #expect(number.doubleValue == double)
    #expect(number.intValue == int)
  }

  @Test("64-bit seeds stay exact")
  func unsigned64() throws {
    guard case .number(let number) = try JSONParser.parse("18446744073709551615") else {
      Issue.record("expected a number")
      return
    }
    #expect(number.uint64Value == UInt64.max)
  }

  @Test(
    "escapes decode, including surrogate pairs",
    arguments: [
      (#""a\"b\\c\/d""#, "a\"b\\c/d"), (#""\b\f\n\r\t""#, "\u{8}\u{c}\n\r\t"),
      (#""\u00e9\u00E9""#, "éé"), (#""\ud83d\ude00""#, "😀"), (#""😀 naïve""#, "😀 naïve"),
    ])
  func escapes(text: String, expected: String) throws {
    #expect(try JSONParser.parse(text) == .string(expected))
  }

  @Test(
    "syntax errors name the line, column and what was expected",
    arguments: [
      ("", 1, 1, "expected a JSON value (the text is empty)"),
      ("{\n  \"a\": 1,\n}", 3, 1, "expected a key after \",\" (JSON allows no trailing comma)"),
      ("[1, 2,]", 1, 7, "expected a value after \",\" (JSON allows no trailing comma)"),
      ("{\"a\" 1}", 1, 6, "expected \":\" after the key \"a\" (got \"1\")"),
      ("{\"a\": 1 \"b\": 2}", 1, 9, "expected \",\" or \"}\" after an object member (got \"\"\")"),
      ("[1 2]", 1, 4, "expected \",\" or \"]\" after an array element (got \"2\")"),
      ("{\"a\": tru}", 1, 7, "expected a JSON value (got \"t\")"),
      ("01", 1, 2, "invalid number: numbers must not have leading zeros"),
      ("1.", 1, 3, "invalid number: expected a digit after the decimal point"),
      ("-", 1, 2, "invalid number: expected a digit in the number"),
      ("1e+", 1, 4, "invalid number: expected a digit in the exponent"),
      ("+1", 1, 1, "expected a JSON value (got \"+\")"),
      ("NaN", 1, 1, "expected a JSON value (got \"N\")"),
      ("\"abc", 1, 5, "unterminated string (expected a closing \")"),
      (
        "\"a\nb\"", 1, 3,
        "control character U+000A must be escaped in a string (strings cannot span lines)"
      ),
      (#""\x""#, 1, 3, #"invalid escape "\x" in a string"#),
      (#""\u12G4""#, 1, 6, #"expected 4 hex digits after \u (got "G")"#),
      (#""\ud83d""#, 1, 2, #"lone high surrogate \uD83D in a string"#),
      (#""\ude00""#, 1, 2, #"lone low surrogate \uDE00 in a string"#),
      ("{} {}", 1, 4, "unexpected \"{\" after the JSON value"),
      ("// c\n{}", 1, 1, "expected a JSON value (got \"/\"); JSON has no comments"),
      ("{\"é\": 1, \"x\": ?}", 1, 15, "expected a JSON value (got \"?\")"),
    ])
  func syntaxErrors(text: String, line: Int, column: Int, message: String) {
    #expect(throws: JSONSyntaxError(line: line, column: column, message: message)) {
      try JSONParser.parse(text)
    }
  }

  @Test("a duplicate key is an error naming both places")
  func duplicateKeys() {
    let text = "{\n  \"seed\": 1,\n  \"horizon\": \"1d\",\n  \"seed\": 2\n}"
    #expect(
      throws: JSONSyntaxError(
        line: 4, column: 3, message: "duplicate key \"seed\" (first at line 2, column 3)")
    ) { try JSONParser.parse(text) }
  }

  @Test("the same key in different objects is fine")
  func sameKeyInSiblings() throws {
    let value = try JSONParser.parse(#"[{"name": "a"}, {"name": "b"}]"#)
    #expect(
      value == .array([.object([("name", .string("a"))]), .object([("name", .string("b"))])]))
  }

  @Test("nesting beyond the limit is rejected rather than overflowing the stack")
  func depthLimit() {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect((try? JSONParser.parse(fine)) != nil)
  }

  @Test("a leading byte order mark is skipped")
  func byteOrderMark() throws {
    #expect(try JSONParser.parse("\u{FEFF}{\"a\": 1}") == .object([("a", .integer(1))]))
  }
}
