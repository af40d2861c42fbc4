import Foundation
import Testing

@testable import Reports

@Suite struct ReportFileStreamTests {
  @Test("a file stream holds less than a block of text however much goes through it, and the file gets all of it")
  func memoryStaysWithinABlock() throws {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("report-file-stream-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    var writer = ReportDirectory()
    var draft = try writer.begin(scratch)
    let file = try writer.openFile("timeseries.csv", in: &draft)
    let line = String(repeating: "0123456789,", count: 9) + "\n"  // 100 bytes
    var largest = 0
    for _ in 0..<(20 * ReportFileStream.blockSize / line.utf8.count) {
      file.write(line)
      largest = max(largest, file.bufferedByteCount)
    }
    #expect(largest < ReportFileStream.blockSize)
    try writer.commit(draft, adding: [])
    let written = try Data(contentsOf: URL(fileURLWithPath: "\(scratch)/timeseries.csv"))
    #expect(written.count == 20 * ReportFileStream.blockSize / 100 * 100)
    #expect(written.prefix(100) == Data(line.utf8))
  }
}
