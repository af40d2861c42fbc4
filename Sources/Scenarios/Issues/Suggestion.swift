/// "Did you mean" suggestions for misspelt keys and names.
package enum Suggestion {
  /// The candidate `word` most likely meant, if one is close enough.
  ///
  /// A candidate qualifies when it equals `word` ignoring case, when it is the only candidate
  /// that starts with `word` (at least 3 characters), or when its Damerau–Levenshtein
  /// distance (optimal string alignment: insertions, deletions, substitutions and swaps of
  /// adjacent characters) is at most a third of the shorter length, and at least 1. Among
  /// qualifying candidates the closest wins; ties go to the alphabetically first.
  package static func closest(to word: String, among candidates: [String]) -> String? {
    let sorted = candidates.sorted()
    if let exact = sorted.first(where: { $0.lowercased() == word.lowercased() }) { return exact }
    var best: (candidate: String, distance: Int)?
    for candidate in sorted {
      let d = distance(word, candidate)
      let limit = max(1, min(word.count, candidate.count) / 3)
      if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
    }
    if let best { return best.candidate }
    let extensions = sorted.filter { $0.lowercased().hasPrefix(word.lowercased()) }
    if word.count >= 3, extensions.count == 1 { return extensions[0] }
    return nil
  }

  /// The optimal-string-alignment distance between `a` and `b`, by characters.
  ///
  /// - Complexity: O(*m* × *n*).
  static func distance(_ a: String, _ b: String) -> Int {
    let s = Array(a)
    let t = Array(b)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    var previous2 = [Int](repeating: 0, count: t.count + 1)
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
      current[0] = i
      for j in 1...t.count {
        let cost = s[i - 1] == t[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[t.count]
  }
}
