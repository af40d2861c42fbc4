import SimKernel
import Testing

@testable import PlatformModel

/// Pod slots: the VPC CNI's per-instance-type pod limit, DaemonSet pods included, as the
/// scheduler and both node autoscalers see it.
@Suite("Pod slots per node")
struct PodSlotsTests {
  /// The reference platform with `replicas` tiny backend pods (10m, 16Mi: CPU and memory never
  /// bind) on `nodes` t3.medium nodes, flat low traffic, for `hours`.
  private func tinyPods(
    replicas: Int, nodes: Int, autoscaling: NodeAutoscalingConfiguration? = nil, hours: Int64 = 1
  ) -> PlatformScenario {
    var scenario = PlatformScenario.flatReference(hours: hours, requestsPerSecond: 10)
    scenario.platform.services[1].replicas = replicas
    scenario.platform.services[1].autoscaler = nil
    scenario.platform.services[1].cpuRequestMillicores = 10
    scenario.platform.services[1].memoryRequestMiB = 16
    scenario.platform.nodeGroups[0].instanceType = "t3.medium"
    scenario.platform.nodeGroups[0].minNodes = 1
    scenario.platform.nodeGroups[0].desiredNodes = nodes
    scenario.platform.nodeGroups[0].maxNodes = 10
    scenario.platform.nodeAutoscaling = autoscaling
    return scenario
  }

  @Test("the reference price table carries the VPC CNI limits: ENIs × (IPv4 per ENI − 1) + 2")
  func referenceLimitsFollowTheENIFormula() {
    // (ENIs, IPv4 addresses per ENI) from aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go.
    let enis: [String: (Int, Int)] = [
      "t3.small": (3, 4), "t3.medium": (3, 6), "t3.large": (3, 12), "m5.large": (3, 10),
      "m6i.large": (3, 10), "m5.xlarge": (4, 15), "c5.large": (3, 10),
    ]
    for entry in InstanceTypePrice.reference {
      let (count, addresses) = enis[entry.name] ?? (0, 0)
      #expect(entry.maxPods == count * (addresses - 1) + 2, "\(entry.name)")
    }
  }

  @Test("a t3.medium takes 13 service pods: 17 slots less the reference's 4 DaemonSet pods")
  func nodeTakesItsSlotsLessDaemonSets() throws {
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    let world = PlatformWorld(
      scenario: tinyPods(replicas: 31, nodes: 2), replication: 0, simulation: &simulation)
    let frontendPods = world.services[ServiceID(0)].replicas
    var perNode = [Int](repeating: 0, count: world.cluster.nodes.count)
    for pod in world.cluster.pods { if let node = pod.node { perNode[node.index] += 1 } }
    #expect(perNode.allSatisfy { $0 <= 13 }, "\(perNode)")
    #expect(perNode.reduce(0, +) == 26, "two nodes full")
    #expect(world.cluster.pendingPods.count == 31 + frontendPods - 26)
    for node in world.cluster.nodeIDs {
      #expect(world.cluster[node].allocatablePods == 13)
      #expect(world.cluster[node].boundPods == perNode[node.index])
    }
  }

  @Test("without DaemonSets a node takes its instance type's whole limit")
  func noDaemonSetsLeavesEverySlot() {
    var scenario = tinyPods(replicas: 31, nodes: 2)
    scenario.platform.daemonSets = []
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    let world = PlatformWorld(scenario: scenario, replication: 0, simulation: &simulation)
    #expect(world.cluster.nodeIDs.allSatisfy { world.cluster[$0].allocatablePods == 17 })
    #expect(world.cluster.nodeIDs.allSatisfy { world.cluster[$0].boundPods == 17 })
  }

  @Test("DaemonSet requests come off every node's allocatable CPU and memory")
  func daemonSetRequestsReduceAllocatable() {
    var heavy = tinyPods(replicas: 2, nodes: 1)
    heavy.platform.daemonSets = [
      DaemonSetConfiguration(name: "fluent-bit", cpuRequestMillicores: 500, memoryRequestMiB: 100)
    ]
    var none = heavy
    none.platform.daemonSets = []
    var simulation = Simulation<WorldEvent>(expectedPendingEvents: 64)
    let withAgent = PlatformWorld(scenario: heavy, replication: 0, simulation: &simulation)
    let bare = PlatformWorld(scenario: none, replication: 0, simulation: &simulation)
    let node = NodeID(0)
    #expect(
      bare.cluster[node].allocatableCPUMillicores - withAgent.cluster[node].allocatableCPUMillicores
        == 500)
    #expect(
      bare.cluster[node].allocatableMemoryMiB - withAgent.cluster[node].allocatableMemoryMiB == 100)
    #expect(bare.cluster[node].allocatablePods - withAgent.cluster[node].allocatablePods == 1)
  }

  @Test("the Cluster Autoscaler scales up for pods that fit by CPU and memory but find no slot")
  func clusterAutoscalerAddsNodesForSlots() {
    let (result, rows) = simulateKeepingRows(
      tinyPods(replicas: 31, nodes: 2, autoscaling: .clusterAutoscaler, hours: 1))
    #expect(result.events.contains { $0.kind == .clusterAutoscalerScaleUp })
    // 31 backend and the frontend's pods at 13 a node: every pod placed by the end.
    #expect(rows.last?.pendingPods == 0)
    #expect((rows.last?.nodesPerGroup[0] ?? 0) >= 3)
  }

  @Test("Karpenter sizes its launches by pod slots too")
  func karpenterLaunchesForSlots() {
    var scenario = tinyPods(
      replicas: 31, nodes: 2, autoscaling: .karpenter(instanceTypes: ["t3.small"]), hours: 1)
    scenario.platform.nodeAutoscaling?.cpuLimitCores = nil
    let (result, rows) = simulateKeepingRows(scenario)
    let launches = result.events.filter { $0.kind == .nodeLaunch }.count
    // Every pod placed; a t3.small has 11 − 4 = 7 slots, so the pods that did not fit on the
    // two t3.medium nodes need at least ceil(pending / 7) launches.
    #expect(rows.last?.pendingPods == 0)
    let frontendPods = scenario.platform.services[0].replicas
    let pendingAtStart = 31 + frontendPods - 26
    #expect(launches >= (pendingAtStart + 6) / 7)
  }
}
