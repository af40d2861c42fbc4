import SimKernel
import Testing

@testable import PlatformModel

/// A sink that counts the rows it receives and keeps only the last.
private final class CountingSink: IntervalSink {
  private(set) var count = 0
  private(set) var last: IntervalRecord?

  func record(_ row: IntervalRecord) {
    count += 1
    last = row
  }
}

@Suite struct TimeSeriesRecorderTests {
  /// The reference for 12 hours; and the same with Karpenter under a small group at flat
  /// traffic with a load step (as in `NodeAutoscalingWorldTests`), so that node counts change.
  static let scenarios: [PlatformScenario] = {
    var plain = PlatformScenario.reference
    plain.horizon = .hours(12)
    var scaled = plain
    scaled.traffic.baseRequestsPerSecond = 200
    scaled.traffic.peakToTroughRatio = 1
    scaled.traffic.weekendFactor = 1
    scaled.platform.services[1].cpuRequestMillicores = 500
    scaled.platform.services[1].cpuLimitMillicores = 1_000
    scaled.platform.nodeGroups[0].minNodes = 1
    scaled.platform.nodeGroups[0].desiredNodes = 2
    scaled.platform.nodeGroups[0].maxNodes = 8
    scaled.platform.nodeAutoscaling = .karpenter(instanceTypes: ["t3.medium", "m5.large"])
    scaled.faults = [
      FaultConfiguration(
        kind: .trafficSpike(multiplier: 5), timing: .scheduled(at: .hours(1), duration: .hours(1)))
    ]
    return [plain, scaled]
  }()

  @Test(
    "load-balancer capacity units and node counts accumulated per interval equal those computed from the stored rows",
    arguments: 0..<2)
  func aggregatesMatchTheRows(index: Int) {
    let scenario = Self.scenarios[index]
    let (result, rows) = simulateKeepingRows(scenario)
    #expect(rows.count == 720)
    // What the run did when it kept its rows: the load balancer's usage row by row at the end.
    var loadBalancer = CostLedger()
    for row in rows {
      loadBalancer.addLoadBalancerUsage(
        loadBalancerUsage(requestsPerSecond: row.requestsPerSecond),
        duration: scenario.reportingInterval)
    }
    #expect(
      result.ledger.loadBalancerCapacityUnitHours.bitPattern
        == loadBalancer.loadBalancerCapacityUnitHours.bitPattern)
    #expect(result.nodesPerGroup.count == result.nodeGroupNames.count)
    for g in result.nodeGroupNames.indices {
      let counts = rows.map { $0.nodesPerGroup[g] }
      let mean = Double(counts.reduce(0, +)) / Double(counts.count)
      #expect(result.nodesPerGroup[g].mean.bitPattern == mean.bitPattern)
      #expect(result.nodesPerGroup[g].minimum == counts.min())
      #expect(result.nodesPerGroup[g].maximum == counts.max())
    }
    if index == 1 {
      #expect(result.nodesPerGroup.contains { $0.minimum != $0.maximum }, "counts never changed")
    }
  }

  @Test("a recorder hands each row to its sink as it comes and keeps only a statistic per node group")
  func keepsNoRows() {
    let sink = CountingSink()
    var recorder = TimeSeriesRecorder(detail: .full, sink: sink, nodeGroups: 2)
    var late = 0  // rows the sink had not received by the time the next one was built
    for i in 1...100_000 {
      recorder.addLoad(requestsPerSecond: 100, over: .minutes(1))
      recorder.record(
        IntervalRecord(
          end: SimTime(sinceStart: .minutes(Int64(i))), requestsPerSecond: 100, requests: 6_000,
          failedRequests: 0, latencyP50: 0.01, latencyP95: 0.02, latencyP99: 0.03,
          readyPods: [3], desiredReplicas: [3], pendingPods: 0, nodesUp: 3,
          nodesPerGroup: [i % 7, 1], cpuOfRequests: 0.5, cpuOfCapacity: 0.2,
          memoryOfRequests: 0.5, memoryOfCapacity: 0.2, database: "up", cache: "up",
          natGatewaysUp: 1, alertsFiring: 0))
      if sink.count != i { late += 1 }
    }
    #expect(late == 0)
    #expect(sink.last?.end == SimTime(sinceStart: .minutes(100_000)))
    #expect(recorder.nodesPerGroup.count == 2)
    #expect(recorder.nodesPerGroup[0].intervals == 100_000)
    #expect(recorder.nodesPerGroup[0].minimum == 0 && recorder.nodesPerGroup[0].maximum == 6)
    #expect(recorder.nodesPerGroup[1].mean == 1)
    #expect(recorder.loadBalancer.loadBalancerCapacityUnitHours > 0)
  }
}
