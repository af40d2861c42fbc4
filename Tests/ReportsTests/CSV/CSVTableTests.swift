import Testing

@testable import Reports

@Suite struct CSVTableTests {
  @Test(
    "cells are quoted only when they hold a comma, a quote, CR or LF",
    arguments: [
      ("plain", "plain"),
      ("", ""),
      (" padded ", " padded "),
      ("a,b", "\"a,b\""),
      ("say \"hi\"", "\"say \"\"hi\"\"\""),
      ("\"", "\"\"\"\""),
      ("two\nlines", "\"two\nlines\""),
      ("carriage\rreturn", "\"carriage\rreturn\""),
      ("crlf\r\nend", "\"crlf\r\nend\""),
      ("zürich µs", "zürich µs"),
      ("\"a\",\"b\"", "\"\"\"a\"\",\"\"b\"\"\""),
    ])
  func quoting(cell: String, field: String) {
    var output = ""
    CSVTable.writeField(cell, to: &output)
    #expect(output == field)
  }

  @Test("the text is the header then each row, every record ending in LF")
  func text() {
    var table = CSVTable(columns: ["time_s", "service", "note"])
    table.append(["0", "frontend", ""])
    table.append(["60", "backend", "slow, then \"fast\""])
    #expect(
      table.text
        == "time_s,service,note\n0,frontend,\n60,backend,\"slow, then \"\"fast\"\"\"\n")
  }

  @Test("an empty table is its header alone")
  func headerOnly() {
    #expect(CSVTable(columns: ["a", "b,c"]).text == "a,\"b,c\"\n")
  }

  @Test("an empty cell in a one-column table is written as \"\" so the line is not blank")
  func oneColumnEmptyCell() {
    let table = CSVTable(columns: ["name"], rows: [["x"], [""], ["y"]])
    #expect(table.text == "name\nx\n\"\"\ny\n")
  }

  @Test("a row with the wrong number of cells is a programmer error")
  func rejectsShortRow() async {
    await #expect(processExitsWith: .failure) {
      var table = CSVTable(columns: ["a", "b"])
      table.append(["only one"])
    }
  }

  @Test("a row with too many cells is a programmer error")
  func rejectsLongRow() async {
    await #expect(processExitsWith: .failure) {
      _ = CSVTable(columns: ["a"], rows: [["1", "2"]])
    }
  }

  @Test("a table without columns is a programmer error")
  func rejectsNoColumns() async {
    await #expect(processExitsWith: .failure) {
      _ = CSVTable(columns: [])
    }
  }
}
