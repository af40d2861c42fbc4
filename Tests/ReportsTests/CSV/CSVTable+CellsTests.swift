import Testing

@testable import Reports

@Suite struct CSVTableCellsTests {
  @Test(
    "fixed decimals round half away from zero on the shortest decimal form",
    arguments: [
      (3.14159, 2, "3.14"),
      (0.125, 2, "0.13"),
      (2.675, 2, "2.68"),
      (-2.675, 2, "-2.68"),
      (9.995, 2, "10.00"),
      (999.5, 0, "1000"),
      (0.5, 0, "1"),
      (-0.5, 0, "-1"),
      (0.4, 0, "0"),
      (0.006, 2, "0.01"),
      (0.004, 2, "0.00"),
      (1e-5, 6, "0.000010"),
      (123.456, 5, "123.45600"),
      (1234567.891, 0, "1234568"),
      (100.6272, 2, "100.63"),
      (1e20, 1, "100000000000000000000.0"),
      (0.1 + 0.2, 2, "0.30"),
      (0, 3, "0.000"),
      (42, 0, "42"),
    ])
  func fixedDecimals(x: Double, decimals: Int, text: String) {
    #expect(CSVTable.cell(x, decimals: decimals) == text)
  }

  @Test(
    "no minus sign on a result that rounds to zero",
    arguments: [
      (-0.0, 1, "0.0"), (-0.001, 2, "0.00"), (-1e-300, 3, "0.000"), (-0.4, 0, "0"),
      (-5e-324, 2, "0.00"),
    ])
  func noNegativeZero(x: Double, decimals: Int, text: String) {
    #expect(CSVTable.cell(x, decimals: decimals) == text)
  }

  @Test(
    "the shortest form has no exponent and reads back as the same number",
    arguments: [
      (0.1, "0.1"), (3.0, "3"), (1e-5, "0.00001"), (-1.5e20, "-150000000000000000000"),
      (0.0, "0"), (-0.0, "0"), (123.456, "123.456"), (1e16, "10000000000000000"),
      (5e-324, "0." + String(repeating: "0", count: 323) + "5"),
    ])
  func shortest(x: Double, text: String) {
    #expect(CSVTable.cell(x) == text)
  }

  @Test("shortest cells round-trip for many doubles")
  func shortestRoundTrips() {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for _ in 0..<5_000 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      let x = Double(bitPattern: state)
      guard x.isFinite else { continue }
      let text = CSVTable.cell(x)
      #expect(Double(text) == (x == 0 ? 0 : x), "\(x) -> \(text)")
      #expect(!text.contains("e"))
    }
  }

  @Test("NaN is an empty cell, infinities are inf and -inf")
  func nonFinite() {
    #expect(CSVTable.cell(Double.nan, decimals: 2) == "")
    #expect(CSVTable.cell(Double.infinity, decimals: 2) == "inf")
    #expect(CSVTable.cell(-Double.infinity) == "-inf")
    #expect(CSVTable.cell(Double.nan) == "")
  }

  @Test("integers are written in decimal")
  func integers() {
    #expect(CSVTable.cell(-43_200) == "-43200")
  }

  @Test("negative decimals are a programmer error")
  func rejectsNegativeDecimals() async {
    await #expect(processExitsWith: .failure) {
      _ = CSVTable.cell(1.5, decimals: -1)
    }
  }
}
