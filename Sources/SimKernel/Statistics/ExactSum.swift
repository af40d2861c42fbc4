/// An exact sum of finite `Double`s, independent of the order in which they were added.
///
/// Every finite double is an integer multiple of 2⁻¹⁰⁷⁴ smaller than 2¹⁰²⁴, so the sum is kept
/// as one two's-complement integer in units of 2⁻¹⁰⁷⁴ (a Kulisch accumulator): 34 words of 64
/// bits, enough for 2⁷⁷ terms of the largest magnitude. Adding a value touches the two words its
/// 53-bit significand covers and, rarely, propagates a carry; ``value`` rounds the exact total to
/// the nearest double once, ties to even.
///
/// Because integer addition is associative, any two sketches that saw the same multiset of
/// values hold equal sums (`==`), whatever the order of recording and merging. That is what lets
/// ``QuantileSketch`` promise that merging equals sketching the union.
///
/// Storage is allocated on the first non-zero term (272 bytes) and never grows.
@usableFromInline
package struct ExactSum: Sendable {
  /// Words of the accumulator, least significant first; empty means zero.
  @usableFromInline var words: ContiguousArray<UInt64>

  /// The number of 64-bit words: bit 0 is worth 2⁻¹⁰⁷⁴, the top bit is the sign.
  @usableFromInline static var wordCount: Int { 34 }

  /// The empty sum.
  @inlinable
  package init() { words = [] }

  /// Adds `x` exactly.
  ///
  /// - Precondition: `x` is finite.
  /// - Complexity: O(1) amortised: two word additions plus carry propagation, which is at most
  ///   34 words and rarely more than one.
  @inlinable
  package mutating func add(_ x: Double) {
    let bits = x.bitPattern
    let exponentField = Int(truncatingIfNeeded: (bits &>> 52) & 0x7FF)
    var significand = bits & 0x000F_FFFF_FFFF_FFFF
    precondition(exponentField != 0x7FF, "ExactSum: cannot add a non-finite value")
    if exponentField == 0 && significand == 0 { return }  // ±0
    // A normal double is (2^52 + fraction) * 2^(e - 1075); in units of 2^-1074 the significand
    // starts at bit e - 1. Subnormals are fraction * 2^-1074, starting at bit 0.
    var position = 0
    if exponentField != 0 {
      significand |= 1 &<< 52
      position = exponentField &- 1
    }
    if words.isEmpty { words = ContiguousArray(repeating: 0, count: Self.wordCount) }
    let word = position &>> 6
    let shift = UInt64(truncatingIfNeeded: position & 63)
    let lowPart = significand &<< shift
    let highPart = shift == 0 ? 0 : significand &>> (64 &- shift)
    if x.sign == .plus {
      addMagnitude(low: lowPart, high: highPart, at: word)
    } else {
      subtractMagnitude(low: lowPart, high: highPart, at: word)
    }
  }

  /// Adds the two-word magnitude `high:low` starting at word `word`, then carries upward.
  @inlinable
  mutating func addMagnitude(low: UInt64, high: UInt64, at word: Int) {
    let (w0, c0) = words[word].addingReportingOverflow(low)
    words[word] = w0
    let (w1, c1) = words[word + 1].addingReportingOverflow(high)
    let (w1c, c2) = w1.addingReportingOverflow(c0 ? 1 : 0)
    words[word + 1] = w1c
    var carry = c1 || c2
    var k = word + 2
    while carry && k < Self.wordCount {
      let (w, c) = words[k].addingReportingOverflow(1)
      words[k] = w
      carry = c
      k += 1
    }
  }

  /// Subtracts the two-word magnitude `high:low` starting at word `word`, then borrows upward.
  @inlinable
  mutating func subtractMagnitude(low: UInt64, high: UInt64, at word: Int) {
    let (w0, b0) = words[word].subtractingReportingOverflow(low)
    words[word] = w0
    let (w1, b1) = words[word + 1].subtractingReportingOverflow(high)
    let (w1b, b2) = w1.subtractingReportingOverflow(b0 ? 1 : 0)
    words[word + 1] = w1b
    var borrow = b1 || b2
    var k = word + 2
    while borrow && k < Self.wordCount {
      let (w, b) = words[k].subtractingReportingOverflow(1)
      words[k] = w
      borrow = b
      k += 1
    }
  }

  /// Adds every term of `other`, exactly.
  /// - Complexity: O(1): 34 word additions.
  package mutating func add(_ other: ExactSum) {
    guard !other.words.isEmpty else { return }
    guard !words.isEmpty else {
      self = other
      return
    }
    var carry = false
    for k in 0..<Self.wordCount {
      let (w, c1) = words[k].addingReportingOverflow(other.words[k])
      let (wc, c2) = w.addingReportingOverflow(carry ? 1 : 0)
      words[k] = wc
      carry = c1 || c2
    }
  }

  /// The exact sum rounded to the nearest double (ties to even); ±infinity beyond the range.
  /// - Complexity: O(1): at most 34 words are read.
  package var value: Double {
    guard !words.isEmpty else { return 0 }
    var magnitude = words
    let isNegative = magnitude[Self.wordCount - 1] &>> 63 == 1
    if isNegative {  // two's complement negation: invert and add one
      var carry = true
      for k in 0..<Self.wordCount {
        let (w, c) = (~magnitude[k]).addingReportingOverflow(carry ? 1 : 0)
        magnitude[k] = w
        carry = c
      }
    }
    guard let top = magnitude.lastIndex(where: { $0 != 0 }) else { return 0 }
    let topBit = top * 64 + (63 - magnitude[top].leadingZeroBitCount)
    let sign: FloatingPointSign = isNegative ? .minus : .plus
    if topBit < 53 {  // fits the significand: exact, possibly subnormal
      return Double(sign: sign, exponent: -1074, significand: Double(magnitude[0]))
    }
    // Take the 64 bits ending at the top bit, fold every lower bit into a sticky bit so that
    // the one rounding in Double(UInt64) is correct, then scale exactly by a power of two.
    let start = topBit - 63
    var window: UInt64
    var sticky = false
    if start < 0 {
      window = magnitude[0] &<< UInt64(-start)
    } else {
      let word = start >> 6
      let shift = start & 63
      window = magnitude[word] &>> UInt64(shift)
      if shift > 0 {
        if word + 1 < Self.wordCount { window |= magnitude[word + 1] &<< UInt64(64 - shift) }
        sticky = magnitude[word] & ((1 &<< UInt64(shift)) &- 1) != 0
      }
      if !sticky { sticky = magnitude[..<word].contains { $0 != 0 } }
    }
    if sticky { window |= 1 }
    return Double(sign: sign, exponent: start - 1074, significand: Double(window))
  }
}

extension ExactSum: Equatable {
  /// Whether the two exact sums are the same number.
  /// - Complexity: O(1): at most 34 words are compared.
  @usableFromInline
  package static func == (a: ExactSum, b: ExactSum) -> Bool {
    switch (a.words.isEmpty, b.words.isEmpty) {
    case (true, true): return true
    case (false, false): return a.words == b.words
    case (true, false): return b.words.allSatisfy { $0 == 0 }
    case (false, true): return a.words.allSatisfy { $0 == 0 }
    }
  }
}
