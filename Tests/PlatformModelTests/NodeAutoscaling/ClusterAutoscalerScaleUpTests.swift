import SimKernel
import Testing

@testable import PlatformModel

@Suite struct ClusterAutoscalerScaleUpTests {
  /// A t3.medium-like node: 2 vCPU, 4000 MiB allocatable.
  static let medium = ResourceAmount(cpuMillicores: 2000, memoryMiB: 4000)
  /// An m5.xlarge-like node: 4 vCPU, 16000 MiB allocatable.
  static let xlarge = ResourceAmount(cpuMillicores: 4000, memoryMiB: 16_000)

  private func pods(_ count: Int, cpu: Int, memory: Int, firstID: Int = 1, zone: Int? = nil)
    -> [AutoscalingPod]
  {
    (0..<count).map {
      AutoscalingPod(
        id: firstID + $0, requests: ResourceAmount(cpuMillicores: cpu, memoryMiB: memory),
        zone: zone)
    }
  }

  private func group(
    _ id: Int, _ shape: ResourceAmount, size: Int = 1, max: Int = 10, zones: [Int] = [0, 1, 2],
    priority: Int = 0, upcoming: Int = 0
  ) -> ClusterAutoscaler.NodeGroup {
    ClusterAutoscaler.NodeGroup(
      id: id, nodeAllocatable: shape, targetSize: size, upcomingNodes: upcoming, minSize: 1,
      maxSize: max, zones: zones, priority: priority)
  }

  @Test("seven 600m pods need three 2-vCPU nodes (three per node)")
  func binPackingCount() {
    let estimate = ClusterAutoscaler.estimateNodes(
      for: pods(7, cpu: 600, memory: 500), template: Self.medium, limit: 100)
    #expect(estimate.nodeCount == 3)
    #expect(estimate.podIDs.count == 7)
  }

  @Test("first-fit decreasing packs 1200,1200,700,700,700,300,300 m into three 2000m nodes")
  func firstFitDecreasing() {
    let sizes = [300, 700, 1200, 300, 700, 1200, 700]
    let mixed = sizes.enumerated().map {
      AutoscalingPod(
        id: $0.offset, requests: ResourceAmount(cpuMillicores: $0.element, memoryMiB: 100))
    }
    // Decreasing: node 1 = 1200+700, node 2 = 1200+700, node 3 = 700+300+300.
    let estimate = ClusterAutoscaler.estimateNodes(for: mixed, template: Self.medium, limit: 100)
    #expect(estimate.nodeCount == 3)
    let order = mixed.sortedByScoreDescending(relativeTo: Self.medium).map(\.requests.cpuMillicores)
    #expect(order == [1200, 1200, 700, 700, 700, 300, 300])
  }

  @Test("the estimate stops at the group's room: 7 pods, room for 2 nodes, 6 pods placed")
  func estimateLimit() {
    let estimate = ClusterAutoscaler.estimateNodes(
      for: pods(7, cpu: 600, memory: 500), template: Self.medium, limit: 2)
    #expect(estimate.nodeCount == 2)
    #expect(estimate.podIDs == [1, 2, 3, 4, 5, 6])
  }

  @Test("scale-up respects max size: a group at 9 of 10 grows by one node")
  func maxSizeRespected() {
    var generator = SplitMix64(seed: 1)
    let groups = [group(1, Self.medium, size: 9, max: 10)]
    let decision = ClusterAutoscaler.scaleUp(
      pendingPods: pods(7, cpu: 600, memory: 500), groups: groups, settings: .init(),
      using: &generator)
    #expect(decision.chosen?.nodeCount == 1)
    #expect(decision.chosen?.podIDs.count == 3)
    #expect(decision.newTargetSize(in: groups) == 10)
    let full = ClusterAutoscaler.scaleUp(
      pendingPods: pods(1, cpu: 600, memory: 500),
      groups: [group(1, Self.medium, size: 10, max: 10)],
      settings: .init(), using: &generator)
    #expect(full.chosen == nil)
  }

  @Test("least-waste picks the 2-vCPU group for three 600m/1000Mi pods (waste 0.35 vs 1.3625)")
  func leastWaste() {
    var generator = SplitMix64(seed: 1)
    let decision = ClusterAutoscaler.scaleUp(
      pendingPods: pods(3, cpu: 600, memory: 1000),
      groups: [group(1, Self.medium), group(2, Self.xlarge)], settings: .init(),
      using: &generator)
    #expect(decision.chosen?.groupID == 1)
    let waste = Dictionary(
      uniqueKeysWithValues: decision.options.map { ($0.groupID, $0.wasteScore) })
    #expect(abs((waste[1] ?? 0) - 0.35) < 1e-12)  // 200/2000 + 1000/4000
    #expect(abs((waste[2] ?? 0) - 1.3625) < 1e-12)  // 2200/4000 + 13000/16000
  }

  @Test("the priority expander picks the highest-priority group, least-waste breaks its ties")
  func priorityExpander() {
    var settings = ClusterAutoscaler.Settings()
    settings.expanders = [.priority, .leastWaste]
    var generator = SplitMix64(seed: 1)
    let decision = ClusterAutoscaler.scaleUp(
      pendingPods: pods(3, cpu: 600, memory: 1000),
      groups: [group(1, Self.medium), group(2, Self.xlarge, priority: 10), group(3, Self.medium)],
      settings: settings, using: &generator)
    #expect(decision.chosen?.groupID == 2)
  }

  @Test("the random expander is reproducible from the seed and uses every group")
  func randomExpander() {
    var settings = ClusterAutoscaler.Settings()
    settings.expanders = [.random]
    let groups = [group(1, Self.medium), group(2, Self.xlarge), group(3, Self.medium)]
    var chosen: Set<Int> = []
    for seed in UInt64(0)..<40 {
      var a = SplitMix64(seed: seed)
      var b = SplitMix64(seed: seed)
      let first = ClusterAutoscaler.scaleUp(
        pendingPods: pods(2, cpu: 600, memory: 500), groups: groups, settings: settings, using: &a)
      let second = ClusterAutoscaler.scaleUp(
        pendingPods: pods(2, cpu: 600, memory: 500), groups: groups, settings: settings, using: &b)
      #expect(first == second)
      if let id = first.chosen?.groupID { chosen.insert(id) }
    }
    #expect(chosen == [1, 2, 3])
  }

  @Test("pods that fit on booting nodes or free room trigger no scale-up")
  func upcomingNodesAbsorbPods() {
    var generator = SplitMix64(seed: 1)
    let decision = ClusterAutoscaler.scaleUp(
      pendingPods: pods(4, cpu: 600, memory: 500),
      groups: [group(1, Self.medium, size: 2, upcoming: 1)],
      freeNodes: [
        PackingBin(nodeID: 7, free: ResourceAmount(cpuMillicores: 700, memoryMiB: 1000), zone: 0)
      ],
      settings: .init(), using: &generator)
    #expect(decision.chosen == nil)
    #expect(decision.alreadyAccommodated == [1, 2, 3, 4])
  }

  @Test("a zonal pod is helped only by a group confined to its zone; too-big pods by none")
  func zonesAndUnhelpable() {
    var generator = SplitMix64(seed: 1)
    let zonal = pods(1, cpu: 500, memory: 500, firstID: 1, zone: 2)
    let huge = [
      AutoscalingPod(id: 9, requests: ResourceAmount(cpuMillicores: 8000, memoryMiB: 100))
    ]
    let decision = ClusterAutoscaler.scaleUp(
      pendingPods: zonal + huge,
      groups: [group(1, Self.medium, zones: [0, 1, 2]), group(2, Self.medium, zones: [2])],
      settings: .init(), using: &generator)
    #expect(decision.chosen?.groupID == 2)
    #expect(decision.unhelpable == [9])
  }

  @Test("a backed-off group is skipped until its back-off ends")
  func backedOff() {
    var generator = SplitMix64(seed: 1)
    var g = group(1, Self.medium)
    g.backedOffUntil = SimTime(sinceStart: .minutes(5))
    let early = ClusterAutoscaler.scaleUp(
      pendingPods: pods(1, cpu: 500, memory: 500), groups: [g],
      now: SimTime(sinceStart: .minutes(4)), settings: .init(), using: &generator)
    #expect(early.chosen == nil)
    let later = ClusterAutoscaler.scaleUp(
      pendingPods: pods(1, cpu: 500, memory: 500), groups: [g],
      now: SimTime(sinceStart: .minutes(5)), settings: .init(), using: &generator)
    #expect(later.chosen?.groupID == 1)
  }

  @Test("provisioning times out after 15 min; back-off doubles from 5 min to a 30 min cap")
  func provisioningTimeoutAndBackoff() {
    let settings = ClusterAutoscaler.Settings()
    let requested = SimTime(sinceStart: .minutes(1))
    #expect(
      !ClusterAutoscaler.hasProvisioningTimedOut(
        requestedAt: requested, now: SimTime(sinceStart: .minutes(16)), settings: settings))
    #expect(
      ClusterAutoscaler.hasProvisioningTimedOut(
        requestedAt: requested, now: SimTime(sinceStart: .minutes(16)) + .seconds(1),
        settings: settings))
    let backoffs = (1...5).map {
      ClusterAutoscaler.backoff(afterConsecutiveFailures: $0, settings: settings)
    }
    #expect(backoffs == [.minutes(5), .minutes(10), .minutes(20), .minutes(30), .minutes(30)])
  }

  @Test("defaults match upstream flags")
  func defaults() {
    let s = ClusterAutoscaler.Settings()
    #expect(s.scanInterval == .seconds(10))
    #expect(s.scaleDownUnneededTime == .minutes(10))
    #expect(s.scaleDownDelayAfterAdd == .minutes(10))
    #expect(s.scaleDownUtilizationThreshold == 0.5)
    #expect(s.maxNodeProvisionTime == .minutes(15))
    #expect(s.expanders == [.leastWaste])
  }
}
