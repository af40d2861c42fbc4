import Foundation
import SimTestSupport
import Testing

/// Physical limits that every interval of every committed result must respect.
@Suite struct CommittedResultsCapacityTests {
  /// The values of `column` in each row of `results/<name>/timeseries.csv`.
  private func column(_ column: String, of name: String) throws -> [Double] {
    let file = repositoryRoot.appendingPathComponent("results/\(name)/timeseries.csv")
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
    let header = try #require(lines.first).split(separator: ",").map(String.init)
    let index = try #require(header.firstIndex(of: column), "\(name): no \(column) column")
    return lines.dropFirst().compactMap { line in
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      return index < cells.count ? Double(cells[index]) : nil
    }
  }

  @Test("no interval of any committed result uses more CPU than the cluster's nodes have")
  func cpuNeverAboveCapacity() throws {
    let folder = repositoryRoot.appendingPathComponent("results")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/timeseries.csv").path)
    }.sorted()
    #expect(names.count >= 25)
    for name in names {
      let used = try column("cpu_of_capacity", of: name)
      #expect(!used.isEmpty, "\(name)")
      if let worst = used.max() { #expect(worst <= 1, "\(name): \(worst) of the nodes' CPU") }
    }
  }
}
