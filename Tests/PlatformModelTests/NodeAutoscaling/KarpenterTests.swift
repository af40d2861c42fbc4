import SimKernel
import Testing

@testable import PlatformModel

/// Instance types with round sizes; spot at 35 % of on-demand.
enum KarpenterFixtures {
  static func type(_ name: String, vcpu: Int, memoryMiB: Int, onDemand: Double)
    -> Karpenter.InstanceType
  {
    Karpenter.InstanceType(
      name: name, cpuCapacityMillicores: vcpu * 1000,
      allocatable: ResourceAmount(cpuMillicores: vcpu * 1000 - 100, memoryMiB: memoryMiB - 600),
      onDemandPerHour: onDemand, spotPerHour: onDemand * 0.35)
  }

  static let types = [
    type("t3.small", vcpu: 2, memoryMiB: 2000, onDemand: 0.0208),  // 1900m / 1400Mi
    type("t3.medium", vcpu: 2, memoryMiB: 4000, onDemand: 0.0416),  // 1900m / 3400Mi
    type("m5.large", vcpu: 2, memoryMiB: 8000, onDemand: 0.096),  // 1900m / 7400Mi
    type("m5.xlarge", vcpu: 4, memoryMiB: 16_000, onDemand: 0.192),  // 3900m / 15400Mi
  ]

  static var tbyte: Karpenter.Settings { .tbyte(instanceTypes: types) }

  static func pods(_ count: Int, cpu: Int, memory: Int, firstID: Int = 1, budget: Int? = nil)
    -> [AutoscalingPod]
  {
    (0..<count).map {
      AutoscalingPod(
        id: firstID + $0, requests: ResourceAmount(cpuMillicores: cpu, memoryMiB: memory),
        budgetID: budget)
    }
  }

  static func node(
    _ id: Int, _ typeName: String = "t3.medium", _ capacity: PurchaseOption = .spot,
    pods: [AutoscalingPod] = [], lastPodEvent: SimTime = .zero, managed: Bool = true
  ) -> Karpenter.Node {
    let t = types.first { $0.name == typeName } ?? types[1]
    return Karpenter.Node(
      id: id, isManaged: managed, instanceType: t.name, capacityType: capacity,
      pricePerHour: capacity == .spot ? t.spotPerHour : t.onDemandPerHour,
      cpuCapacityMillicores: t.cpuCapacityMillicores, allocatable: t.allocatable, zone: 0,
      pods: pods, lastPodEventAt: lastPodEvent)
  }

  static let daemon = AutoscalingPod(
    id: 999, requests: ResourceAmount(cpuMillicores: 50, memoryMiB: 50), isDaemon: true)
}

@Suite struct KarpenterProvisioningTests {
  typealias F = KarpenterFixtures

  @Test("two 500m/1000Mi pods get the cheapest type that fits both: one spot t3.medium")
  func cheapestFittingType() {
    let decision = Karpenter.provision(
      pendingPods: F.pods(2, cpu: 500, memory: 1000), nodes: [], settings: F.tbyte)
    #expect(decision.launches.count == 1)
    let launch = decision.launches[0]
    #expect(launch.instanceType == "t3.medium")  // t3.small has only 1400Mi
    #expect(launch.capacityType == .spot)
    #expect(abs(launch.pricePerHour - 0.0416 * 0.35) < 1e-12)
    #expect(launch.podIDs == [1, 2])
  }

  @Test("on-demand only buys the on-demand t3.medium; no spot t3.medium buys spot m5.large")
  func capacityTypes() {
    var onDemand = F.tbyte
    onDemand.capacityTypes = [.onDemand]
    let od = Karpenter.provision(
      pendingPods: F.pods(2, cpu: 500, memory: 1000), nodes: [], settings: onDemand)
    #expect(od.launches.map(\.instanceType) == ["t3.medium"])
    #expect(od.launches.map(\.capacityType) == [.onDemand])

    var scarce = F.tbyte
    scarce.instanceTypes[1].spotAvailable = false
    let spot = Karpenter.provision(
      pendingPods: F.pods(2, cpu: 500, memory: 1000), nodes: [], settings: scarce)
    #expect(spot.launches.map(\.instanceType) == ["m5.large"])
    #expect(spot.launches.map(\.capacityType) == [.spot])
  }

  @Test("a batch that fits one node gets one node: six 500m pods on one spot m5.xlarge")
  func onePackedNode() {
    let decision = Karpenter.provision(
      pendingPods: F.pods(6, cpu: 500, memory: 500), nodes: [], settings: F.tbyte)
    #expect(decision.launches.map(\.instanceType) == ["m5.xlarge"])
    #expect(decision.unschedulable.isEmpty)
  }

  @Test("the 10 vCPU limit holds: with 8 vCPU in use only 2 more are launched")
  func cpuLimit() {
    let existing = (1...4).map {
      F.node($0, pods: F.pods(1, cpu: 1800, memory: 500, firstID: 100 + $0))
    }
    let decision = Karpenter.provision(
      pendingPods: F.pods(6, cpu: 500, memory: 500), nodes: existing, settings: F.tbyte)
    #expect(decision.launches.map(\.instanceType) == ["t3.medium"])
    #expect(decision.launches[0].podIDs == [1, 2, 3])
    #expect(decision.unschedulable == [4, 5, 6])
    #expect(decision.launchedCPUMillicores(in: F.tbyte) == 2000)
    // Nodes of other capacity (a managed node group) do not count against the pool's limit.
    let unmanaged = existing.map { n -> Karpenter.Node in
      var n = n
      n.isManaged = false
      return n
    }
    let free = Karpenter.provision(
      pendingPods: F.pods(6, cpu: 500, memory: 500), nodes: unmanaged, settings: F.tbyte)
    #expect(free.unschedulable.isEmpty)
  }

  @Test("pods that fit on existing room launch nothing")
  func existingRoom() {
    let decision = Karpenter.provision(
      pendingPods: F.pods(2, cpu: 500, memory: 500), nodes: [F.node(1)], settings: F.tbyte)
    #expect(decision.launches.isEmpty)
    #expect(decision.placedOnExistingNodes.map(\.nodeID) == [1, 1])
  }

  @Test("the catalog prices spot at the table's share, scaled by the region")
  func catalog() {
    let table = PriceTable()
    let catalog = Karpenter.InstanceType.catalog(from: table)
    let medium = catalog.first { $0.name == "t3.medium" }
    #expect(medium?.cpuCapacityMillicores == 2000)
    #expect(abs((medium?.onDemandPerHour ?? 0) - 0.0416 * 1.12) < 1e-12)
    #expect(abs((medium?.spotPerHour ?? 0) - 0.0416 * 1.12 * 0.35) < 1e-12)
  }
}

@Suite struct KarpenterConsolidationTests {
  typealias F = KarpenterFixtures

  private func consolidate(
    _ nodes: [Karpenter.Node], at now: SimTime, budgets: [Int: Int] = [:],
    settings: Karpenter.Settings = F.tbyte
  )
    -> Karpenter.ConsolidationDecision
  {
    Karpenter.consolidate(nodes: nodes, now: now, disruptionsAllowed: budgets, settings: settings)
  }

  @Test("an empty node is deleted only once consolidateAfter (1 min) has passed")
  func emptyAfterConsolidateAfter() {
    let nodes = [F.node(1, pods: [F.daemon], lastPodEvent: SimTime(sinceStart: .seconds(30)))]
    let early = consolidate(nodes, at: SimTime(sinceStart: .seconds(89)))
    #expect(early.command == nil)
    #expect(early.blocked[1] == .notConsolidatableYet)
    let due = consolidate(nodes, at: SimTime(sinceStart: .seconds(90)))
    #expect(due.command?.method == .emptiness)
    #expect(due.command?.nodesToDelete == [1])
    #expect(due.command?.replacement == nil)
  }

  @Test("WhenEmpty leaves an underutilized node alone")
  func whenEmptyPolicy() {
    var settings = F.tbyte
    settings.consolidationPolicy = .whenEmpty
    let nodes = [
      F.node(1, "t3.medium", .onDemand, pods: F.pods(1, cpu: 200, memory: 200)),
      F.node(2, "t3.medium", .onDemand, pods: F.pods(1, cpu: 200, memory: 200, firstID: 2)),
    ]
    let decision = consolidate(nodes, at: SimTime(sinceStart: .minutes(5)), settings: settings)
    #expect(decision.command == nil)
    #expect(decision.blocked[1] == .notEmpty)
  }

  @Test("a node whose pods fit on other capacity is deleted (single-node, spot delete)")
  func singleNodeDelete() {
    let nodes = [
      F.node(1, pods: F.pods(1, cpu: 500, memory: 500)),
      F.node(
        2, "m5.xlarge", .onDemand, pods: F.pods(1, cpu: 1000, memory: 1000, firstID: 5),
        managed: false),
    ]
    let decision = consolidate(nodes, at: SimTime(sinceStart: .minutes(2)))
    #expect(decision.command?.method == .singleNode)
    #expect(decision.command?.nodesToDelete == [1])
    #expect(decision.command?.replacement == nil)
  }

  @Test("an on-demand m5.xlarge running one small pod is replaced by a spot t3.small")
  func singleNodeReplace() {
    let nodes = [F.node(1, "m5.xlarge", .onDemand, pods: F.pods(1, cpu: 500, memory: 1000))]
    let decision = consolidate(nodes, at: SimTime(sinceStart: .minutes(2)))
    let command = decision.command
    #expect(command?.method == .singleNode)
    #expect(command?.replacement?.instanceType == "t3.small")
    #expect(command?.replacement?.capacityType == .spot)
    #expect(abs((command?.savingsPerHour ?? 0) - (0.192 - 0.0208 * 0.35)) < 1e-12)
  }

  @Test("a spot node is not replaced by cheaper spot without SpotToSpotConsolidation")
  func spotToSpot() {
    let nodes = [F.node(1, "m5.xlarge", .spot, pods: F.pods(1, cpu: 500, memory: 1000))]
    #expect(consolidate(nodes, at: SimTime(sinceStart: .minutes(2))).command == nil)
    var settings = F.tbyte
    settings.spotToSpotConsolidation = true
    // Only 3 cheaper spot types exist, short of the 15 a single-node swap needs.
    #expect(
      consolidate(nodes, at: SimTime(sinceStart: .minutes(2)), settings: settings).command == nil)
    settings.spotToSpotMinimumFlexibility = 3
    let swap = consolidate(nodes, at: SimTime(sinceStart: .minutes(2)), settings: settings)
    #expect(swap.command?.replacement?.instanceType == "t3.small")
  }

  @Test("three half-empty on-demand nodes merge into one spot t3.medium (multi-node)")
  func multiNode() {
    var settings = F.tbyte
    settings.disruptionBudgetNodes = .percent(100)
    let nodes = (1...3).map {
      F.node($0, "t3.medium", .onDemand, pods: F.pods(1, cpu: 500, memory: 500, firstID: $0))
    }
    let decision = consolidate(nodes, at: SimTime(sinceStart: .minutes(2)), settings: settings)
    #expect(decision.command?.method == .multiNode)
    #expect(decision.command?.nodesToDelete == [1, 2, 3])
    #expect(decision.command?.replacement?.instanceType == "t3.medium")
    #expect(decision.command?.replacement?.podIDs == [1, 2, 3])
    // The default 10 % budget of 3 nodes allows 1 disruption: single-node only.
    let limited = consolidate(nodes, at: SimTime(sinceStart: .minutes(2)))
    #expect(limited.allowedDisruptions == 1)
    #expect(limited.command?.method == .singleNode)
    #expect(limited.command?.nodesToDelete.count == 1)
  }

  @Test("a PodDisruptionBudget with no room keeps the node")
  func pdbBlocks() {
    let nodes = [
      F.node(1, "m5.xlarge", .onDemand, pods: F.pods(1, cpu: 500, memory: 1000, budget: 4))
    ]
    let blocked = consolidate(nodes, at: SimTime(sinceStart: .minutes(2)), budgets: [4: 0])
    #expect(blocked.command == nil)
    #expect(blocked.blocked[1] == .blockedByDisruptionBudget)
    #expect(
      consolidate(nodes, at: SimTime(sinceStart: .minutes(2)), budgets: [4: 1]).command != nil)
  }
}

@Suite struct KarpenterInterruptionTests {
  typealias F = KarpenterFixtures

  @Test(
    "a spot warning cordons the node, evicts what budgets allow and launches a replacement at once")
  func interruption() {
    let pods = F.pods(2, cpu: 700, memory: 800, budget: 1) + [F.daemon]
    let nodes = [
      F.node(1, pods: pods),
      F.node(2, pods: F.pods(1, cpu: 1800, memory: 500, firstID: 20)),
    ]
    let notice = SimTime(sinceStart: .minutes(30))
    let response = Karpenter.handleSpotInterruption(
      nodeID: 1, noticeAt: notice, nodes: nodes, disruptionsAllowed: [1: 1], settings: F.tbyte)
    #expect(response.cordonedNodeID == 1)
    #expect(response.reclaimAt == notice + .minutes(2))
    #expect(response.evictNow == [1])
    #expect(response.evictionBlocked == [2])
    #expect(response.replacement.launches.map(\.instanceType) == ["t3.medium"])
    #expect(response.replacement.launches.first?.podIDs == [1, 2])
  }

  @Test("the interrupted node still counts against the limit until it is gone")
  func interruptionAtLimit() {
    let nodes =
      [F.node(1, pods: F.pods(1, cpu: 700, memory: 800))]
      + (2...5).map { F.node($0, pods: F.pods(1, cpu: 1800, memory: 500, firstID: 10 * $0)) }
    let response = Karpenter.handleSpotInterruption(
      nodeID: 1, noticeAt: .zero, nodes: nodes, disruptionsAllowed: [:], settings: F.tbyte)
    #expect(response.replacement.launches.isEmpty)
    #expect(response.replacement.unschedulable == [1])
  }
}
