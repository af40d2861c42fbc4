import SimKernel

/// The dictionary of hostile values the leaf mutators draw from: extremes of each unit the
/// scenario format reads (numbers, durations, CPU and memory quantities, percentages) and the
/// shapes of every JSON type.
enum FuzzValues {
  /// Number literals: zero and signs, the `Double` extremes and subnormals, the 32-, 53-, 63- and
  /// 64-bit boundaries, and a literal beyond `Double` (read as infinity).
  static let numbers = [
    "0", "-0", "1", "-1", "2", "0.5", "-0.5", "1e-9", "0.999999999", "1.0000000001", "3.0",
    "1e308", "-1e308", "1.7976931348623157e308", "-1.7976931348623157e308", "5e-324",
    "-5e-324", "2.2250738585072014e-308", "1e400", "-1e400", "2147483647", "2147483648",
    "-2147483648", "-2147483649", "4294967295", "4294967296", "9007199254740992",
    "9007199254740993", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616", "1e19", "1e20",
    "100000", "100001", "1000000", "1e12", "9.2e12", "1e15", "1e18", "100", "101", "1000",
    "1800", "1801", "3600", "3601", "24", "1e-300", "123456789012345678901234567890",
    // The documented bounds and their neighbours (docs/scenario-format.md).
    "1000000000", "1000000001", "1e9", "1e6", "1000001", "33554432", "33554433", "99999",
    "1e15", "0.000001",
  ]

  /// Duration strings: zero, the smallest units, fractions below a microsecond, the `Int64`
  /// microsecond limit (about 106,751,991 days) from both sides, and malformed ones.
  static let durations = [
    "0", "0s", "-0s", "1us", "1ns", "0.5us", "0.1us", "1ms", "1s", "59s", "1m", "1h", "1d",
    "-1s", "-1us", "100000000d", "106751991d", "106751992d", "2562047788h", "2562047789h",
    "153722867280s", "9223372036854775807us", "9223372036854775808us", "999999999999999999999d",
    "36500d", "36501d", "1e9s", "1.5s", "1h30m", "1d1d", "1m1h", "", " ", "5x", "s", "inf",
    "NaN", "1E3s", "0x10s", "+1s", "1.000000000000000000001s", "25h", "4000000d",
    "3650d", "1000000h", "60000000m", "9e18us", "365000d", "365001d", "364999d23h59m59s",
    "36500d", "100ms", "99ms", "999ms",
  ]

  /// Kubernetes quantity strings for CPU and memory, including the ones beyond `Int64`.
  static let quantities = [
    "999999999999999999999Ei", "99999999999999999999", "9223372036854775807",
    "9223372036854775808", "8Ei", "7Ei", "16Ei", "1Ei", "1E", "1000000E", "1Pi", "1e18", "1e308",
    "1e-308", "0", "0m", "1m", "0.1m", "0.0001", "0.5", "1", "2", "250m", "512Mi", "1.5Gi", "1G",
    "1n", "1u", "-1", "-1Gi", "-0", "1Ki", "1k", "1K", "1Mi", "1M", "1.", ".5", "1e3", "1E3",
    "1Ti", "1T", "100000000Ti", "9223372036854775807m", "9223372036854775807Ki",
    "9999999999999999999999999m", "18446744073709551616Mi", "", "Gi", "1 Gi", "1GiB",
  ]

  /// Percentages (`maxSurge`, `maxUnavailable`, disruption budgets) and their edges.
  static let percentages = [
    "0%", "1%", "25%", "100%", "101%", "-5%", "1000000%", "2147483648%", "9223372036854775807%",
    "99999999999999999999%", "%", "1.5%", "25 %",
  ]

  /// The finite positive number literals.
  static let positiveNumbers = numbers.filter {
    let x = Double($0) ?? 0
    return x > 0 && x.isFinite
  }

  /// The duration strings that read as durations.
  static let readableDurations = durations.filter { (try? SimDuration(parsing: $0)) != nil }

  /// The quantity strings of well-formed shape (digits and a known suffix).
  static let readableQuantities = [
    "999999999999999999999Ei", "99999999999999999999", "9223372036854775807", "8Ei", "7Ei",
    "1Ei", "1E", "1Pi", "0.001", "1m", "1", "2", "250m", "512Mi", "1.5Gi", "1G", "1Ki", "1Ti",
    "100000000Ti", "9223372036854775807m", "9223372036854775807Ki", "18446744073709551616Mi",
    "99999999999999999999m", "1000000", "32Ti", "33Ti", "1000000000m", "1000001", "16Ti",
  ]

  /// Words for names, kinds, modes, strategies and enum values that nothing knows.
  static let words = [
    "", "zzz", "podcrash", "PodCrash", "Canary", "karpenter ", "unknown", "null", "0",
    "frontend", "backend", "cache", "database", "general", "eu-central-1a", "eu-central-1z",
    "t3.medium", "t9.nonexistent", "../../etc", "a/b", "\u{0}", "\u{FEFF}", "é", "🙂",
    String(repeating: "x", count: 5000), "spot", "on-demand", "Max", "Disabled", "cpu", "memory",
  ]
}
