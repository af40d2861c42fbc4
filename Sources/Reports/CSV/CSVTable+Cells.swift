/// Turning numbers into cells the same way on every machine.
///
/// Both formatters start from Swift's shortest round-trip decimal form of the `Double` (the
/// digits of `description`, which Swift computes itself, not through the C library or the
/// locale), so the output is the same on every platform. They never use an exponent, never a
/// thousands separator, always `.` as the decimal point, and never write `-0`.
///
/// Not-a-number is written as an empty cell (a missing value to pandas and R); infinities as
/// `inf` and `-inf`, which pandas and NumPy read back.
extension CSVTable {
  /// `x` with exactly `decimals` digits after the point.
  ///
  /// Rounds half away from zero on the shortest decimal form, so `2.675` (stored as
  /// 2.67499999…) becomes `"2.68"`, as a reader of the number expects. A result that rounds to
  /// zero has no minus sign: `cell(-0.001, decimals: 2)` is `"0.00"`.
  ///
  /// - Parameters:
  ///   - x: The number.
  ///   - decimals: Digits after the point; `0` writes no point.
  /// - Returns: For example `cell(3.14159, decimals: 2) == "3.14"`, `cell(1e-5, decimals: 6) ==
  ///   "0.000010"`, `cell(1234.5, decimals: 0) == "1235"`.
  /// - Precondition: `0 <= decimals <= 30`.
  package static func cell(_ x: Double, decimals: Int) -> String {
    precondition(
      (0...30).contains(decimals), "CSVTable.cell: decimals must be 0-30 (got \(decimals))")
    guard x.isFinite else { return nonFinite(x) }
    var number = ShortestDecimal(x.magnitude)
    number.round(toDecimals: decimals)
    return number.text(decimals: decimals, negative: x < 0)
  }

  /// `x` in its shortest form that reads back as the same `Double`, without an exponent:
  /// `0.1` is `"0.1"`, `3.0` is `"3"`, `1e-5` is `"0.00001"`, `-0.0` is `"0"`.
  package static func cell(_ x: Double) -> String {
    guard x.isFinite else { return nonFinite(x) }
    let number = ShortestDecimal(x.magnitude)
    return number.text(decimals: max(0, number.digits.count - number.point), negative: x < 0)
  }

  /// An integer in decimal.
  package static func cell(_ n: Int) -> String { String(n) }

  /// NaN as empty, infinities as `inf` / `-inf`.
  private static func nonFinite(_ x: Double) -> String {
    x.isNaN ? "" : (x < 0 ? "-inf" : "inf")
  }
}

/// A non-negative decimal number `0.d₁d₂…dₙ × 10^point`, with `d₁ != 0` unless there are no
/// digits (zero).
private struct ShortestDecimal {
  /// Decimal digits, 0-9, most significant first, without leading zeros.
  var digits: [UInt8]
  /// Digits before the decimal point (may be negative or exceed `digits.count`).
  var point: Int

  /// The shortest decimal that reads back as `magnitude`, from Swift's `description`.
  ///
  /// - Precondition: `magnitude` is finite and not negative.
  init(_ magnitude: Double) {
    // description is "123.45", "0.001", "1e-05" or "1.2345e+20".
    let text = magnitude.description.utf8
    let mantissaEnd = text.firstIndex(of: UInt8(ascii: "e")) ?? text.endIndex
    var exponent = 0
    if mantissaEnd != text.endIndex {
      guard let e = Int(String(decoding: text[text.index(after: mantissaEnd)...], as: UTF8.self))
      else { preconditionFailure("unexpected Double description \(magnitude)") }
      exponent = e
    }
    digits = []
    point = 0
    var seenPoint = false
    for byte in text[..<mantissaEnd] {
      if byte == UInt8(ascii: ".") {
        seenPoint = true
        continue
      }
      precondition(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
      digits.append(byte - UInt8(ascii: "0"))
      if !seenPoint { point += 1 }
    }
    point += exponent
    // Drop leading and trailing zeros; zero ends with no digits.
    let leading = digits.prefix { $0 == 0 }.count
    digits.removeFirst(leading)
    point -= leading
    while digits.last == 0 { digits.removeLast() }
    if digits.isEmpty { point = 0 }
  }

  /// Keeps `decimals` digits after the point, rounding half away from zero.
  mutating func round(toDecimals decimals: Int) {
    let kept = point + decimals
    guard kept < digits.count else { return }
    guard kept >= 0 else {
      digits = []
      point = 0
      return
    }
    let roundUp = digits[kept] >= 5
    digits.removeLast(digits.count - kept)
    if roundUp {
      var index = kept - 1
      while index >= 0 && digits[index] == 9 {
        digits[index] = 0
        index -= 1
      }
      if index >= 0 {
        digits[index] += 1
      } else {
        digits.insert(1, at: 0)
        point += 1
      }
    }
    while digits.last == 0 { digits.removeLast() }
    if digits.isEmpty { point = 0 }
  }

  /// The number written with `decimals` digits after the point (zeros past the last digit).
  func text(decimals: Int, negative: Bool) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(max(point, 1) + decimals + 2)
    if negative && !digits.isEmpty { bytes.append(UInt8(ascii: "-")) }
    if point <= 0 {
      bytes.append(UInt8(ascii: "0"))
    } else {
      for position in 0..<point { bytes.append(digit(at: position)) }
    }
    if decimals > 0 {
      bytes.append(UInt8(ascii: "."))
      for position in point..<(point + decimals) { bytes.append(digit(at: position)) }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The ASCII digit at `position` (0 is the first digit of `digits`); zero outside them.
  private func digit(at position: Int) -> UInt8 {
    let value = position >= 0 && position < digits.count ? digits[position] : 0
    return UInt8(ascii: "0") + value
  }
}
