import Testing

@testable import Scenarios

@Suite struct SuggestionTests {
  static let keys = [
    "replicas", "minReplicas", "maxReplicas", "cpuRequestMillicores", "cpuLimitMillicores",
    "memoryRequestMiB", "timeout", "zones", "name",
  ]

  @Test(
    "close misspellings get a suggestion",
    arguments: [
      ("replcias", "replicas"), ("replica", "replicas"), ("Replicas", "replicas"),
      ("maxReplica", "maxReplicas"), ("cpuRequestMilicores", "cpuRequestMillicores"),
      ("timeuot", "timeout"), ("zone", "zones"), ("memoryRequest", "memoryRequestMiB"),
    ])
  func suggests(word: String, expected: String) {
    #expect(Suggestion.closest(to: word, among: Self.keys) == expected)
  }

  @Test(
    "distant or ambiguous words get none",
    arguments: ["colour", "cpu", "x", "zzzzzzzz", "memoryLimit"])
  func noSuggestion(word: String) {
    #expect(Suggestion.closest(to: word, among: Self.keys) == nil)
  }

  @Test(
    "the distance counts a swap of adjacent characters as one edit",
    arguments: [
      ("", "abc", 3), ("abc", "abc", 0), ("abc", "acb", 1), ("kitten", "sitting", 3),
      ("ca", "abc", 3),
    ])
  func distance(a: String, b: String, expected: Int) {
    #expect(Suggestion.distance(a, b) == expected)
    #expect(Suggestion.distance(b, a) == expected)
  }
}
