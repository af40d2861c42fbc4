/// Reading and writing durations the way people and Kubernetes manifests write them.
///
/// The grammar is an optional `-`, then one or more `<number><unit>` parts with units in
/// decreasing size, each at most once: `d` (24 h), `h`, `m`, `s`, `ms`, `us` (or `µs`). Numbers
/// may have a decimal part (`"1.5h"`), which must come out to whole microseconds. A bare `"0"` is
/// zero. Examples: `"250ms"`, `"30s"`, `"5m"`, `"2h"`, `"7d"`, `"1h30m"`, `"1.5s"`.
///
/// Printing is canonical and round-trips: `SimDuration(parsing: d.description) == d`.
extension SimDuration: CustomStringConvertible, LosslessStringConvertible {
  /// The units of the text form, longest first, with their length in microseconds.
  private static let units: [(symbol: String, microseconds: Int64)] = [
    ("d", 86_400_000_000), ("h", 3_600_000_000), ("m", 60_000_000), ("s", 1_000_000),
    ("ms", 1_000), ("us", 1), ("µs", 1),
  ]

  /// Parses a duration such as `"30s"`, `"1h30m"` or `"250ms"`.
  ///
  /// - Throws: ``DurationSyntaxError`` naming the text and what was expected.
  package init(parsing text: String) throws(DurationSyntaxError) {
    func fail(_ why: String) -> DurationSyntaxError { DurationSyntaxError(text: text, reason: why) }
    var rest = Substring(text)
    guard !rest.isEmpty else { throw fail("is empty") }
    var negative = false
    if rest.first == "-" {
      negative = true
      rest = rest.dropFirst()
    } else if rest.first == "+" {
      rest = rest.dropFirst()
    }
    if rest == "0" {
      self = .zero
      return
    }
    var total: Int64 = 0
    var lastUnitRank = -1
    while !rest.isEmpty {
      let whole = rest.prefix { $0.isASCII && $0.isNumber }
      rest = rest.dropFirst(whole.count)
      var fraction = Substring()
      if rest.first == "." {
        rest = rest.dropFirst()
        fraction = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(fraction.count)
        guard !fraction.isEmpty else { throw fail("has a decimal point with no digits after it") }
      }
      guard !whole.isEmpty || !fraction.isEmpty else {
        throw fail("expected a number before \"\(rest.prefix(4))\"")
      }
      let symbol = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
      rest = rest.dropFirst(symbol.count)
      guard !symbol.isEmpty else {
        throw fail("has a number without a unit (expected one of d, h, m, s, ms, us)")
      }
      guard let rank = Self.units.firstIndex(where: { $0.symbol == symbol }) else {
        throw fail("has unknown unit \"\(symbol)\" (expected one of d, h, m, s, ms, us)")
      }
      let canonicalRank = min(rank, Self.units.count - 2)  // "µs" ranks with "us"
      guard canonicalRank > lastUnitRank else {
        throw fail("has unit \"\(symbol)\" out of order (write larger units first, each once)")
      }
      lastUnitRank = canonicalRank
      let unit = Self.units[rank].microseconds
      guard let part = Self.microseconds(whole: whole, fraction: fraction, unit: unit) else {
        throw fail(Self.isFinerThanAMicrosecond(fraction: fraction, unit: unit)
          ? "is finer than the 1us resolution" : "is too long")
      }
      let (sum, overflow) = total.addingReportingOverflow(part)
      guard !overflow else { throw fail("is too long") }
      total = sum
    }
    self.init(microseconds: negative ? -total : total)
  }

  /// Parses `description`-style text; `nil` when it is not a valid duration.
  public init?(_ description: String) {
    guard let parsed = try? SimDuration(parsing: description) else { return nil }
    self = parsed
  }

  /// `whole.fraction` units in microseconds; nil on overflow or when not whole microseconds.
  private static func microseconds(whole: Substring, fraction: Substring, unit: Int64) -> Int64? {
    var value: Int64 = 0
    for digit in whole {
      guard let d = digit.wholeNumberValue else { return nil }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) = times10.addingReportingOverflow(Int64(d))
      if o1 || o2 { return nil }
      value = next
    }
    let (scaled, overflow) = value.multipliedReportingOverflow(by: unit)
    if overflow { return nil }
    // Fraction: sum of digit * unit / 10^k, which must be a whole number of microseconds.
    var numerator: Int64 = 0
    var denominator: Int64 = 1
    for digit in fraction {
      guard let d = digit.wholeNumberValue, denominator < 1_000_000_000_000_000 else { return nil }
      numerator = numerator * 10 + Int64(d)
      denominator *= 10
    }
    let (fractionMicros, o3) = numerator.multipliedReportingOverflow(by: unit)
    if o3 || fractionMicros % denominator != 0 { return nil }
    let (sum, o4) = scaled.addingReportingOverflow(fractionMicros / denominator)
    return o4 ? nil : sum
  }

  /// Whether `fraction` of `unit` fails only because it is not a whole number of microseconds.
  private static func isFinerThanAMicrosecond(fraction: Substring, unit: Int64) -> Bool {
    guard !fraction.isEmpty, fraction.count <= 18 else { return !fraction.isEmpty }
    var numerator: Int64 = 0
    var denominator: Int64 = 1
    for digit in fraction {
      numerator = numerator * 10 + Int64(digit.wholeNumberValue ?? 0)
      denominator *= 10
    }
    let (product, overflow) = numerator.multipliedReportingOverflow(by: unit)
    return overflow || product % denominator != 0
  }

  /// The canonical text: `"0s"`, `"250ms"`, `"1.5ms"`, `"15us"`, `"1m30s"`, `"1.5s"`, `"7d"`,
  /// `"1d2h3m4.25s"`.
  ///
  /// Below one second the largest fitting of `ms` and `us` is used; from one second up, days,
  /// hours and minutes are whole parts and seconds carry any fraction.
  public var description: String {
    if microseconds == 0 { return "0s" }
    if microseconds == .min { return "-" + SimDuration(microseconds: .max).description }
    let sign = microseconds < 0 ? "-" : ""
    let us = abs(microseconds)
    if us < 1_000 { return "\(sign)\(us)us" }
    if us < 1_000_000 { return sign + Self.decimal(us, per: 1_000) + "ms" }
    var text = sign
    var remaining = us
    for (symbol, size) in [("d", Int64(86_400_000_000)), ("h", 3_600_000_000), ("m", 60_000_000)]
    where remaining >= size {
      text += "\(remaining / size)\(symbol)"
      remaining %= size
    }
    if remaining > 0 { text += Self.decimal(remaining, per: 1_000_000) + "s" }
    return text
  }

  /// `value / per` written as a decimal without trailing zeros.
  private static func decimal(_ value: Int64, per: Int64) -> String {
    let whole = value / per
    var fraction = value % per
    guard fraction > 0 else { return "\(whole)" }
    var digits = per == 1_000_000 ? 6 : 3
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
    return "\(whole).\(padded)"
  }
}

/// A duration text that does not follow the duration grammar.
package struct DurationSyntaxError: Error, Equatable, CustomStringConvertible {
  /// The text that failed to parse.
  package var text: String
  /// What is wrong with it, lowercase, e.g. `has unknown unit "x" (expected one of …)`.
  package var reason: String

  /// `invalid duration "5x": has unknown unit "x" (expected one of d, h, m, s, ms, us)`.
  public var description: String { "invalid duration \"\(text)\": \(reason)" }
}
