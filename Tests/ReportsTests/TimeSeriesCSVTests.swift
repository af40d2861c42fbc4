import Foundation
import PlatformModel
import SimKernel
import Testing

@testable import Reports

@Suite struct TimeSeriesCSVTests {
  @Test("a time series streamed into the report folder while the run goes equals the in-memory rendering of the same run, byte for byte")
  func streamedEqualsInMemory() throws {
    var scenario = PlatformScenario.reference
    scenario.horizon = .hours(6)
    scenario.faults = [
      FaultConfiguration(
        kind: .zoneOutage(zone: "eu-central-1c"),
        timing: .scheduled(at: .hours(2), duration: .hours(1)))
    ]
    let inMemory = TimeSeriesCSV(scenario: scenario)
    _ = simulate(scenario, timeSeries: inMemory)
    #expect(inMemory.rowCount == 360)

    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("time-series-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var writer = ReportDirectory()
    var draft = try writer.begin(folder)
    let file = try writer.openFile(RunReport.timeSeriesName, in: &draft)
    let streamed = TimeSeriesCSV(scenario: scenario, output: file)
    _ = simulate(scenario, timeSeries: streamed)
    try writer.commit(draft, adding: [])
    let written = try String(
      contentsOf: URL(fileURLWithPath: "\(folder)/\(RunReport.timeSeriesName)"), encoding: .utf8)
    #expect(written == inMemory.text)
  }

  @Test("the header names a column per service and per node group, the Karpenter pool last")
  func header() {
    var scenario = PlatformScenario.reference
    scenario.platform.nodeAutoscaling = .karpenter(instanceTypes: ["m5.large"])
    let header = TimeSeriesCSV(scenario: scenario).text
    let services = scenario.platform.services.map(\.name)
    let groups = scenario.platform.nodeGroups.map { "nodes_\($0.name)" } + ["nodes_karpenter"]
    #expect(header.hasPrefix("time_s,requests_per_s,"))
    #expect(header.hasSuffix("\n") && header.filter { $0 == "\n" }.count == 1)
    for column in services.map({ "ready_pods_\($0)" }) + groups {
      #expect(header.contains(column), "\(column)")
    }
    #expect(header.contains("\(groups.joined(separator: ",")),cpu_of_requests"))
  }
}
