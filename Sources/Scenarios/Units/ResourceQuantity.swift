/// CPU and memory amounts written the way Kubernetes manifests write them.
///
/// - CPU: `"250m"` is 250 millicores; a string without a suffix counts cores, so `"0.5"` is
///   500 millicores and `"2"` is 2000. Amounts finer than 1 millicore are rejected, as
///   Kubernetes rejects them.
/// - Memory: a decimal number with a binary suffix (`Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`), a
///   decimal one (`k`, `M`, `G`, `T`, `P`, `E`) or none (bytes): `"512Mi"`, `"1.5Gi"`, `"1G"`,
///   `"134217728"`. The amount is converted to whole MiB rounding *up*, as Kubernetes rounds
///   a quantity up when it scales it to a coarser unit: `"1G"` (10⁹ bytes, 953.67 MiB) is
///   954 MiB and `"1"` (one byte) is 1 MiB.
///
/// A leading `-` is accepted so that range checks can report the value; both formats print
/// canonically (`"250m"`, `"512Mi"`) and read back to the same number.
enum ResourceQuantity {
  /// Millicores in a CPU quantity string; the message says what is wrong otherwise.
  static func millicores(parsing text: String) -> Result<Int, QuantityError> {
    let (negative, body) = splitSign(text)
    var number = body
    var unit: UInt128 = 1_000  // millicores per core
    if number.hasSuffix("m") {
      number = number.dropLast()
      unit = 1
    }
    guard let decimal = Decimal(number) else {
      return .failure(QuantityError("expected a cpu quantity such as \"250m\" or \"0.5\""))
    }
    guard let (whole, remainder) = decimal.scaled(by: unit, dividedBy: 1) else {
      return .failure(QuantityError("is too large"))
    }
    guard remainder == 0 else {
      return .failure(QuantityError("is finer than 1m (a thousandth of a cpu)"))
    }
    guard let value = Int(exactly: whole) else { return .failure(QuantityError("is too large")) }
    return .success(negative ? -value : value)
  }

  /// Whole MiB, rounded up, in a memory quantity string.
  static func mebibytes(parsing text: String) -> Result<Int, QuantityError> {
    memory(parsing: text, unit: 1 << 20).flatMap { negative, amount in
      guard let value = Int(exactly: amount) else {
        return .failure(QuantityError("is too large"))
      }
      return .success(negative ? -value : value)
    }
  }

  /// Whole bytes, rounded up, in a memory quantity string (`"512Mi"` is 536870912, `"1G"`
  /// 1000000000, `"0.5"` 1).
  static func bytes(parsing text: String) -> Result<Int64, QuantityError> {
    memory(parsing: text, unit: 1).flatMap { negative, amount in
      guard let value = Int64(exactly: amount) else {
        return .failure(QuantityError("is too large"))
      }
      return .success(negative ? -value : value)
    }
  }

  /// The sign and the magnitude, in whole `unit`s rounded up, of a memory quantity string.
  private static func memory(parsing text: String, unit divisor: UInt128) -> Result<
    (negative: Bool, amount: UInt128), QuantityError
  > {
    let (negative, body) = splitSign(text)
    let suffixes: [(String, UInt128)] = [
      ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40), ("Pi", 1 << 50),
      ("Ei", 1 << 60), ("k", 1_000), ("M", 1_000_000), ("G", 1_000_000_000),
      ("T", 1_000_000_000_000), ("P", 1_000_000_000_000_000), ("E", 1_000_000_000_000_000_000),
    ]
    var number = body
    var unit: UInt128 = 1
    if let (suffix, size) = suffixes.first(where: { body.hasSuffix($0.0) }) {
      number = body.dropLast(suffix.count)
      unit = size
    }
    guard let decimal = Decimal(number) else {
      return .failure(
        QuantityError(
          "expected a memory quantity such as \"512Mi\", \"1Gi\" or \"1G\" (suffixes Ki, Mi, Gi, "
            + "Ti, Pi, Ei, k, M, G, T, P, E; none means bytes)"))
    }
    guard let (whole, remainder) = decimal.scaled(by: unit, dividedBy: divisor) else {
      return .failure(QuantityError("is too large"))
    }
    return .success((negative, remainder > 0 ? whole + 1 : whole))
  }

  /// `"250m"`.
  static func cpuText(millicores: Int) -> String { "\(millicores)m" }

  /// `"512Mi"`.
  static func memoryText(mebibytes: Int) -> String { "\(mebibytes)Mi" }

  /// A byte count in the largest binary unit that holds it exactly, up to `Mi` (as
  /// ``memoryText(mebibytes:)`` writes MiB): `"512Mi"`, `"1536Ki"`, `"1000000000"`.
  static func memoryText(bytes: Int64) -> String {
    if bytes % (1 << 20) == 0 { return "\(bytes / (1 << 20))Mi" }
    if bytes % (1 << 10) == 0 { return "\(bytes / (1 << 10))Ki" }
    return "\(bytes)"
  }

  private static func splitSign(_ text: String) -> (Bool, Substring) {
    text.hasPrefix("-") ? (true, text.dropFirst()) : (false, Substring(text))
  }

  /// A non-negative decimal number as digits and a power of ten: `1.25` is 125 / 10².
  private struct Decimal {
    var digits: UInt128
    var scale: Int

    /// Parses `[0-9]+(.[0-9]+)?` with at most 20 significant digits in all.
    init?(_ text: Substring) {
      let parts = text.split(separator: ".", omittingEmptySubsequences: false)
      guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }),
        parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
        text.count <= 21, let value = UInt128(parts.joined())
      else { return nil }
      digits = value
      scale = parts.count == 2 ? parts[1].count : 0
    }

    /// `self × multiplier ÷ divisor` as a quotient and remainder, or `nil` when the product
    /// does not fit in 128 bits (21 digits times 2^60, the `Ei` suffix, can pass 2^128).
    func scaled(by multiplier: UInt128, dividedBy divisor: UInt128) -> (UInt128, UInt128)? {
      var power: UInt128 = 1
      for _ in 0..<scale { power *= 10 }  // scale ≤ 20: below 2^67
      let (numerator, overflow) = digits.multipliedReportingOverflow(by: multiplier)
      guard !overflow else { return nil }
      let denominator = power * divisor  // below 2^67 × 2^20
      return numerator.quotientAndRemainder(dividingBy: denominator)
    }
  }
}

/// Why a quantity string was rejected (the message, lowercase).
struct QuantityError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
