import Testing

@testable import Scenarios

@Suite struct ResourceQuantityTests {
  @Test(
    "cpu quantities convert to millicores",
    arguments: [
      ("250m", 250), ("0.5", 500), ("1", 1_000), ("1.5", 1_500), ("2000m", 2_000), ("0.001", 1),
      ("-500m", -500), ("0", 0),
    ])
  func cpu(text: String, millicores: Int) throws {
    #expect(try ResourceQuantity.millicores(parsing: text).get() == millicores)
  }

  @Test(
    "bad cpu quantities say what is wrong",
    arguments: [
      ("0.0005", "is finer than 1m (a thousandth of a cpu)"),
      ("2.5m", "is finer than 1m (a thousandth of a cpu)"),
      ("250M", "expected a cpu quantity such as \"250m\" or \"0.5\""),
      ("", "expected a cpu quantity such as \"250m\" or \"0.5\""),
      (".5", "expected a cpu quantity such as \"250m\" or \"0.5\""),
      ("1e3", "expected a cpu quantity such as \"250m\" or \"0.5\""),
    ])
  func badCPU(text: String, message: String) {
    guard case .failure(let error) = ResourceQuantity.millicores(parsing: text) else {
      Issue.record("\(text) should not parse")
      return
    }
    #expect(error.message == message)
  }

  @Test(
    "memory quantities convert to MiB, rounding up",
    arguments: [
      ("512Mi", 512), ("1Gi", 1_024), ("1.5Gi", 1_536), ("2048Ki", 2), ("2049Ki", 3),
      ("1G", 954), ("128M", 123), ("1", 1), ("0", 0), ("1048576", 1), ("1048577", 2),
      ("1Ti", 1_048_576), ("1E", 953_674_316_407), ("-512Mi", -512),
    ])
  func memory(text: String, mebibytes: Int) throws {
    #expect(try ResourceQuantity.mebibytes(parsing: text).get() == mebibytes)
  }

  @Test("unknown memory suffixes are rejected", arguments: ["512MB", "1gi", "1K", "Mi", "1.Gi"])
  func badMemory(text: String) {
    guard case .failure(let error) = ResourceQuantity.mebibytes(parsing: text) else {
      Issue.record("\(text) should not parse")
      return
    }
    #expect(error.message.hasPrefix("expected a memory quantity such as \"512Mi\""))
  }

  @Test("canonical text reads back to the same amount", arguments: [1, 250, 1_000, 12_345])
  func canonical(amount: Int) throws {
    let cpu = ResourceQuantity.cpuText(millicores: amount)
    let memory = ResourceQuantity.memoryText(mebibytes: amount)
    #expect(try ResourceQuantity.millicores(parsing: cpu).get() == amount)
    #expect(try ResourceQuantity.mebibytes(parsing: memory).get() == amount)
  }
}
