import Testing

@testable import SimKernel

@Suite struct SimDurationTests {
  @Test("parses the human forms scenario files use", arguments: [
    ("250ms", Int64(250_000)), ("30s", 30_000_000), ("5m", 300_000_000),
    ("2h", 7_200_000_000), ("7d", 604_800_000_000), ("1h30m", 5_400_000_000),
    ("1.5s", 1_500_000), ("0.25h", 900_000_000), ("15us", 15), ("15µs", 15), ("0", 0),
    ("-30s", -30_000_000), ("1d2h3m4s5ms6us", 93_784_005_006), ("0.001ms", 1),
  ])
  func parsesHumanForms(text: String, microseconds: Int64) throws {
    #expect(try SimDuration(parsing: text) == SimDuration(microseconds: microseconds))
  }

  @Test("rejects malformed text with a reason that says what was expected", arguments: [
    ("", "is empty"),
    ("5", "has a number without a unit (expected one of d, h, m, s, ms, us)"),
    ("5x", "has unknown unit \"x\" (expected one of d, h, m, s, ms, us)"),
    ("s", "expected a number before \"s\""),
    ("30s5m", "has unit \"m\" out of order (write larger units first, each once)"),
    ("1s1s", "has unit \"s\" out of order (write larger units first, each once)"),
    ("0.0001ms", "is finer than the 1us resolution"),
    ("1.s", "has a decimal point with no digits after it"),
    ("99999999999999999999d", "is too long"),
    ("200000000d", "is too long"),
  ])
  func rejectsMalformedText(text: String, reason: String) {
    #expect(throws: DurationSyntaxError(text: text, reason: reason)) {
      try SimDuration(parsing: text)
    }
  }

  @Test("prints canonically", arguments: [
    (Int64(0), "0s"), (250_000, "250ms"), (1_500, "1.5ms"), (15, "15us"),
    (90_000_000, "1m30s"), (1_500_000, "1.5s"), (604_800_000_000, "7d"),
    (93_784_250_000, "1d2h3m4.25s"), (-30_000_000, "-30s"), (3_600_000_001, "1h0.000001s"),
  ])
  func printsCanonically(microseconds: Int64, text: String) {
    #expect(SimDuration(microseconds: microseconds).description == text)
  }

  @Test("printing then parsing gives back the same duration")
  func roundTrips() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<2_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let magnitude = Int64(state >> 20) >> Int64(state & 40)
      let duration = SimDuration(microseconds: state & 1 == 0 ? magnitude : -magnitude)
      #expect(try SimDuration(parsing: duration.description) == duration, "\(duration)")
    }
  }

  /// Fuzz crashers: a time between failures of 9.2e12 s and a duration computed from a memory
  /// leak of 5e-324 MiB an hour (an infinite quotient) trapped in the conversion to Int64.
  @Test(
    "seconds beyond 73,000 years, infinite ones included, saturate at 2^61 us",
    arguments: [9.2e12, 1e300, Double.infinity, Double.greatestFiniteMagnitude])
  func saturates(seconds: Double) {
    #expect(SimDuration(seconds: seconds) == .saturation)
    #expect(SimDuration(seconds: -seconds) == -SimDuration.saturation)
    #expect(SimDuration.saturation.microseconds == 1 << 61)
    // A saturated delay still adds to a time of a century without overflow.
    #expect((SimDuration.days(36_500) + .saturation).microseconds > 0)
  }

  @Test("durations just below saturation convert exactly as before")
  func belowSaturation() {
    #expect(SimDuration(seconds: 2_000_000_000_000).microseconds == 2_000_000_000_000_000_000)
    #expect(SimDuration(seconds: 5e-324) == .zero)
  }

  @Test("seconds as Double round to the nearest microsecond")
  func roundsFromSeconds() {
    #expect(SimDuration(seconds: 1.0000004) == .microseconds(1_000_000))
    #expect(SimDuration(seconds: 1.0000006) == .microseconds(1_000_001))
    #expect(SimDuration(seconds: -0.0000015) == .microseconds(-2))
  }

  @Test("instants and durations combine as instants and durations")
  func timeArithmetic() {
    let t = SimTime.zero + .minutes(2)
    #expect(t - SimTime.zero == .seconds(120))
    #expect((t - .seconds(30)).microsecondsSinceStart == 90_000_000)
    #expect(t.description == "2m")
    #expect(SimTime.distantFuture.description == "never")
  }
}
