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

  @Test(
    "memory quantities convert to bytes, rounding up",
    arguments: [
      ("512Mi", Int64(536_870_912)), ("1G", 1_000_000_000), ("1.5Ki", 1_536), ("0.5", 1),
      ("1", 1), ("0", 0), ("7Ei", 8_070_450_532_247_928_832), ("-1Ki", -1_024),
    ])
  func bytes(text: String, bytes: Int64) throws {
    #expect(try ResourceQuantity.bytes(parsing: text).get() == bytes)
  }

  @Test("byte counts beyond Int64 are too large")
  func tooManyBytes() {
    guard case .failure(let error) = ResourceQuantity.bytes(parsing: "8Ei") else {
      Issue.record("8Ei should not fit")
      return
    }
    #expect(error.message == "is too large")
  }

  /// Fuzz crasher: 21 digits times 2^60 (`Ei`) passed 2^128 and trapped in the multiplication.
  @Test(
    "quantities whose bytes pass 128 bits are too large, not a crash",
    arguments: ["999999999999999999999Ei", "999999999999999999999E", "99999999999999999.999Ei"])
  func memoryBeyond128Bits(text: String) {
    for result in [
      ResourceQuantity.mebibytes(parsing: text).map(Int64.init),
      ResourceQuantity.bytes(parsing: text),
    ] {
      guard case .failure(let error) = result else {
        Issue.record("\(text) should not fit")
        continue
      }
      #expect(error.message == "is too large")
    }
    guard case .failure(let error) = ResourceQuantity.millicores(parsing: "999999999999999999999")
    else {
      Issue.record("21 digits of cores should not fit")
      return
    }
    #expect(error.message == "is too large")
  }

  @Test(
    "byte counts print in the largest exact binary unit up to Mi and read back",
    arguments: [
      (Int64(536_870_912), "512Mi"), (1_536, "1536"), (3_072, "3Ki"), (1_000_000_000, "1000000000"),
      (1 << 40, "1048576Mi"),
    ])
  func byteText(bytes: Int64, text: String) throws {
    #expect(ResourceQuantity.memoryText(bytes: bytes) == text)
    #expect(try ResourceQuantity.bytes(parsing: text).get() == bytes)
  }
}
