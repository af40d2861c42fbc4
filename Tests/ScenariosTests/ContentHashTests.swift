import Testing

@testable import Scenarios

@Suite struct ContentHashTests {
  @Test(
    "FNV-1a 64 matches the published test vectors",
    arguments: [
      ("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8"),
    ])
  func vectors(text: String, hex: String) {
    #expect(ContentHash.hex(of: text.utf8) == hex)
  }

  @Test("a loaded file records the hash of its bytes")
  func recordedOnLoad() throws {
    let text = #"{"seed": 42}"#
    let file = try ScenarioLoader.decodeFile(text, file: "x.json")
    #expect(file.contentHash == ContentHash.hex(of: Array(text.utf8)))
    #expect(file.contentHash.count == 16)
  }
}
