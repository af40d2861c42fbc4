import SimKernel
import Testing

@testable import PlatformModel

@Suite struct ClusterAutoscalerScaleDownTests {
  static let shape = ResourceAmount(cpuMillicores: 2000, memoryMiB: 4000)
  typealias CA = ClusterAutoscaler

  private func pod(
    _ id: Int, cpu: Int, memory: Int = 500, budget: Int? = nil, replicated: Bool = true,
    daemon: Bool = false
  )
    -> AutoscalingPod
  {
    AutoscalingPod(
      id: id, requests: ResourceAmount(cpuMillicores: cpu, memoryMiB: memory),
      isReplicated: replicated, budgetID: budget, isDaemon: daemon)
  }

  private func node(_ id: Int, _ pods: [AutoscalingPod], since: SimTime? = nil) -> CA.Node {
    CA.Node(id: id, groupID: 1, zone: 0, allocatable: Self.shape, pods: pods, unneededSince: since)
  }

  private func group(size: Int = 3, min: Int = 1) -> CA.NodeGroup {
    CA.NodeGroup(
      id: 1, nodeAllocatable: Self.shape, targetSize: size, minSize: min, maxSize: 10, zones: [0])
  }

  private func at(_ d: SimDuration) -> SimTime { SimTime(sinceStart: d) }

  /// Node 1 busy (75 %), node 2 light (20 %), node 3 only a DaemonSet pod.
  private func cluster(since: SimTime? = nil) -> [CA.Node] {
    [
      node(1, [pod(10, cpu: 1500)]),
      node(2, [pod(20, cpu: 400)], since: since),
      node(3, [pod(30, cpu: 100, memory: 100, daemon: true)], since: since),
    ]
  }

  private func scan(
    _ nodes: [CA.Node], now: SimTime, group: CA.NodeGroup? = nil,
    history: CA.ScaleDownHistory = .init(), budgets: [Int: Int] = [:], drains: Int = 0
  ) -> CA.ScaleDownDecision {
    CA.scaleDown(
      nodes: nodes, groups: [group ?? self.group()], now: now, history: history,
      disruptionsAllowed: budgets, drainsInProgress: drains, settings: .init())
  }

  @Test("underutilized nodes are unneeded at once but removed only after 10 min unneeded")
  func unneededTimer() {
    let first = scan(cluster(), now: at(.minutes(1)))
    #expect(first.unneeded.map(\.nodeID) == [2, 3])
    #expect(first.unneeded.allSatisfy { $0.since == at(.minutes(1)) })
    #expect(first.nodesToRemove.isEmpty)
    #expect(first.unremovable[1] == .notUnderutilized)
    #expect(first.unremovable[2] == .notUnneededLongEnough)

    let almost = scan(cluster(since: at(.minutes(1))), now: at(.minutes(11)) - .seconds(1))
    #expect(almost.nodesToRemove.isEmpty)
    #expect(almost.unneeded.allSatisfy { $0.since == at(.minutes(1)) })  // timers kept

    let ripe = scan(cluster(since: at(.minutes(1))), now: at(.minutes(11)))
    #expect(ripe.emptyNodesToDelete == [3])
    #expect(ripe.nodesToDrain == [2])
  }

  @Test("min size is respected: with min 2 of 3 only the empty node goes")
  func minSize() {
    let decision = scan(cluster(since: .zero), now: at(.minutes(10)), group: group(size: 3, min: 2))
    #expect(decision.emptyNodesToDelete == [3])
    #expect(decision.nodesToDrain.isEmpty)
    #expect(decision.unremovable[2] == .groupAtMinimumSize)
    let atMin = scan(cluster(since: .zero), now: at(.minutes(10)), group: group(size: 3, min: 3))
    #expect(atMin.nodesToRemove.isEmpty)
  }

  @Test("no removals within 10 min of a scale-up, though timers keep running")
  func delayAfterAdd() {
    let history = CA.ScaleDownHistory(lastScaleUp: at(.minutes(5)))
    let cooling = scan(cluster(since: .zero), now: at(.minutes(14)), history: history)
    #expect(cooling.inCooldown)
    #expect(cooling.nodesToRemove.isEmpty)
    #expect(cooling.unneeded.map(\.since) == [.zero, .zero])
    #expect(cooling.unremovable[2] == .scaleDownInCooldown)
    let after = scan(cluster(since: .zero), now: at(.minutes(15)), history: history)
    #expect(!after.inCooldown)
    #expect(after.nodesToRemove == [3, 2])
  }

  @Test("a failed removal pauses scale-down for 3 min")
  func delayAfterFailure() {
    let history = CA.ScaleDownHistory(lastFailure: at(.minutes(10)))
    #expect(scan(cluster(since: .zero), now: at(.minutes(12)), history: history).inCooldown)
    #expect(!scan(cluster(since: .zero), now: at(.minutes(13)), history: history).inCooldown)
  }

  @Test("utilization is the larger of CPU and memory shares; exactly 0.5 is not below 0.5")
  func threshold() {
    let cpuHalf = [node(1, [pod(1, cpu: 1000, memory: 100)]), node(2, [])]
    #expect(scan(cpuHalf, now: .zero).unremovable[1] == .notUnderutilized)
    let memoryHeavy = [node(1, [pod(1, cpu: 100, memory: 2400)]), node(2, [])]
    #expect(scan(memoryHeavy, now: .zero).unremovable[1] == .notUnderutilized)
    let light = [
      node(1, [pod(1, cpu: 999, memory: 100)]), node(2, [pod(2, cpu: 100, memory: 100)]),
    ]
    #expect(scan(light, now: .zero).unneeded.map(\.nodeID) == [1])
  }

  @Test("a pod without a controller, or a budget with no room, keeps its node")
  func blockers() {
    let lone = [node(1, [pod(10, cpu: 500)]), node(2, [pod(20, cpu: 300, replicated: false)])]
    #expect(scan(lone, now: .zero).unremovable[2] == .podNotReplicated(podID: 20))
    let guarded = [node(1, [pod(10, cpu: 1200)]), node(2, [pod(20, cpu: 300, budget: 7)])]
    #expect(
      scan(guarded, now: .zero, budgets: [7: 0]).unremovable[2]
        == .blockedByDisruptionBudget(budgetID: 7))
    #expect(scan(guarded, now: .zero, budgets: [7: 1]).unneeded.map(\.nodeID) == [2])
  }

  @Test("pods that fit nowhere keep their node")
  func noRoom() {
    let nodes = [node(1, [pod(10, cpu: 1500)]), node(2, [pod(20, cpu: 600)])]
    #expect(scan(nodes, now: .zero).unremovable[2] == .noPlaceForPods(podID: 20))
  }

  @Test("two nodes never count on the same room; the older unneeded node keeps it")
  func sharedRoom() {
    // Node 1 has 800m free; nodes 2 and 3 each hold a 600m pod. Only one can move there.
    let nodes = [
      node(1, [pod(10, cpu: 1200)]),
      node(2, [pod(20, cpu: 600)]),
      node(3, [pod(30, cpu: 600)], since: .zero),
    ]
    let decision = scan(nodes, now: at(.minutes(3)))
    #expect(decision.unneeded.map(\.nodeID) == [3])
    #expect(decision.unremovable[2] == .noPlaceForPods(podID: 20))
  }

  @Test("non-empty nodes go one at a time; empty nodes in bulk")
  func drainParallelism() {
    let nodes = [
      node(1, [pod(10, cpu: 200)], since: .zero),
      node(2, [pod(20, cpu: 200)], since: .zero),
      node(3, [], since: .zero),
      node(4, [], since: .zero),
      node(5, [pod(50, cpu: 1000)]),
    ]
    let group = CA.NodeGroup(
      id: 1, nodeAllocatable: Self.shape, targetSize: 5, minSize: 0, maxSize: 10, zones: [0])
    let decision = scan(nodes, now: at(.minutes(10)), group: group)
    #expect(decision.emptyNodesToDelete == [3, 4])
    #expect(decision.nodesToDrain == [1])
    #expect(decision.unremovable[2] == .parallelismLimit)
    let busy = scan(nodes, now: at(.minutes(10)), group: group, drains: 1)
    #expect(busy.nodesToDrain.isEmpty)
  }
}
