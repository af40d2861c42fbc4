import Testing

@testable import Reports

@Suite struct CSVWriterTests {
  @Test("streaming writes exactly what the table writes")
  func matchesTable() {
    let columns = ["minute", "rps", "comment"]
    var table = CSVTable(columns: columns)
    var writer = CSVWriter(columns: columns)
    for minute in 0..<500 {
      let row = [
        CSVTable.cell(minute), CSVTable.cell(Double(minute) * 1.25, decimals: 2),
        minute % 7 == 0 ? "spike, \"big\"" : "",
      ]
      table.append(row)
      writer.append(row)
    }
    #expect(writer.rowCount == 500)
    #expect(writer.text == table.text)
  }

  @Test("the header is written before any row")
  func headerFirst() {
    let writer = CSVWriter(columns: ["a", "b"], reservingCapacity: 1_024)
    #expect(writer.text == "a,b\n")
    #expect(writer.rowCount == 0)
  }

  @Test("any TextOutputStream can take the rows")
  func customOutput() {
    var writer = CSVWriter(columns: ["x"], output: LineCounter())
    for _ in 0..<43_200 { writer.append(["1"]) }
    #expect(writer.output.lines == 43_201)
  }

  @Test("a row with the wrong number of cells is a programmer error")
  func rejectsWrongWidth() async {
    await #expect(processExitsWith: .failure) {
      var writer = CSVWriter(columns: ["a", "b"])
      writer.append(["1", "2", "3"])
    }
  }
}

/// An output that keeps nothing but a count of lines.
private struct LineCounter: TextOutputStream {
  var lines = 0
  mutating func write(_ string: String) {
    lines += string.utf8.count { $0 == UInt8(ascii: "\n") }
  }
}
