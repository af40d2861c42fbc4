import Testing

@testable import Scenarios

@Suite struct JSONWriterTests {
  @Test("pretty output sorts keys, indents by two spaces and ends with a newline")
  func pretty() {
    let value = JSONValue.object([
      ("b", .array([.integer(1), .double(2.5), .null])), ("a", .object([])), ("c", .array([])),
      ("B", .bool(true)),
    ])
    let expected = """
      {
        "B": true,
        "a": {},
        "b": [
          1,
          2.5,
          null
        ],
        "c": []
      }

      """
    #expect(JSONWriter().string(from: value) == expected)
  }

  @Test("compact output has no spaces and can keep member order")
  func compact() {
    let value = JSONValue.object([("b", .integer(1)), ("a", .array([.string("x"), .bool(false)]))])
    #expect(JSONWriter(style: .compact).string(from: value) == #"{"a":["x",false],"b":1}"#)
    #expect(
      JSONWriter(style: .compact, sortsKeys: false).string(from: value)
        == #"{"b":1,"a":["x",false]}"#)
  }

  @Test("the same value in any member order gives the same bytes")
  func determinism() {
    let members: [(key: String, value: JSONValue)] = [
      ("zeta", .integer(1)), ("alpha", .string("a")), ("Émile", .null), ("mu", .double(0.1)),
    ]
    let expected = JSONWriter().string(from: .object(members))
    for rotation in 1..<members.count {
      let rotated = Array(members[rotation...] + members[..<rotation])
      #expect(JSONWriter().string(from: .object(rotated)) == expected)
    }
  }

  @Test(
    "doubles print as integers when whole, else as the shortest round-trip text",
    arguments: [
      (3.0, "3"), (-0.0, "0"), (0.1, "0.1"), (14.4, "14.4"), (1e-05, "1e-05"),
      (1e20, "1e+20"), (123_456_789.0, "123456789"), (0.1 + 0.2, "0.30000000000000004"),
      (9_007_199_254_740_992.0, "9007199254740992"), (1e18, "1000000000000000000"),
      (-2.5e-7, "-2.5e-07"),
    ])
  func doubles(value: Double, text: String) throws {
    #expect(JSONWriter(style: .compact).string(from: .double(value)) == text)
    let back = try JSONParser.parse(text)
    guard case .number(let number) = back else {
      Issue.record("expected a number")
      return
    }
    #expect(number.doubleValue == value)
  }

  @Test("non-finite doubles, which JSON cannot hold, are written as null")
  func nonFinite() {
    #expect(JSONValue.double(.nan) == .null)
    #expect(JSONValue.double(.infinity) == .null)
  }

  @Test("strings are escaped per RFC 8259 and read back unchanged")
  func escaping() throws {
    let text =
      "quote \" backslash \\ slash / tab \t nl \n cr \r bs \u{8} ff \u{c} nul \u{0} us \u{1f} é 😀"
    let written = JSONWriter(style: .compact).string(from: .string(text))
    #expect(
      written
        == #""quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f nul \u0000 us \u001f é 😀""#
    )
    #expect(try JSONParser.parse(written) == .string(text))
  }

  @Test("parsing written text gives back the value")
  func roundTrip() throws {
    let value = JSONValue.object([
      ("a", .array([.integer(-1), .double(1.5e-300), .string("x\ny")])),
      ("b", .object([("c", .null), ("d", .bool(true))])),
    ])
    #expect(try JSONParser.parse(JSONWriter().string(from: value)) == value)
  }
}
