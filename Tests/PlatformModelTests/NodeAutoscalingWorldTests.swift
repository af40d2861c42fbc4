import SimKernel
import Testing

@testable import PlatformModel

/// The node autoscalers and disruption budgets wired into the platform: timing from the
/// upstream defaults, budgets respected, nodes billed for exactly their lifetime.
@Suite struct NodeAutoscalingWorldTests {
  /// The reference platform at flat traffic, backend pods requesting 500m, the managed group
  /// at `nodes` nodes, with a step to `multiplier` times the load from 1 h to 2 h.
  private func scenario(
    nodes: Int, autoscaling: NodeAutoscalingConfiguration?, multiplier: Double = 5,
    hours: Int64 = 4
  ) -> PlatformScenario {
    var scenario = PlatformScenario.flatReference(hours: hours)
    scenario.platform.services[1].cpuRequestMillicores = 500
    scenario.platform.services[1].cpuLimitMillicores = 1_000
    scenario.platform.nodeGroups[0].minNodes = 1
    scenario.platform.nodeGroups[0].desiredNodes = nodes
    scenario.platform.nodeGroups[0].maxNodes = 8
    scenario.platform.nodeAutoscaling = autoscaling
    scenario.faults = [
      FaultConfiguration(
        kind: .trafficSpike(multiplier: multiplier), timing: .scheduled(at: .hours(1), duration: .hours(1)))
    ]
    return scenario
  }

  private func events(_ result: PlatformRunResult, _ kind: EventKind) -> [EventRecord] {
    result.events.filter { $0.kind == kind }
  }

  @Test("Karpenter launches a node within one scan of a pod going Pending; it is Ready 45-75 s later")
  func karpenterProvisionsPendingPods() throws {
    let (result, rows) = simulateKeepingRows(
      scenario(nodes: 2, autoscaling: .karpenter(instanceTypes: ["t3.medium", "m5.large"])))
    let pending = try #require(events(result, .podPending).first)
    let launch = try #require(events(result, .nodeLaunch).first)
    #expect(launch.time >= pending.time && launch.time - pending.time <= .seconds(10))
    let ready = try #require(result.events.first { $0.kind == .nodeReady && $0.subject == launch.subject })
    #expect(ready.time - launch.time >= .seconds(45) && ready.time - launch.time <= .seconds(75))
    // Every pod that went Pending was eventually scheduled.
    #expect(rows.last?.pendingPods == 0)
  }

  @Test("the Cluster Autoscaler removes a node only after 10 minutes unneeded and 10 minutes after its last scale-up")
  func clusterAutoscalerScaleDownWaits() throws {
    let (result, rows) = simulateKeepingRows(
      scenario(nodes: 2, autoscaling: .clusterAutoscaler, hours: 5))
    let ups = events(result, .clusterAutoscalerScaleUp)
    let removals = events(result, .nodeRemoved)
    #expect(!ups.isEmpty && !removals.isEmpty)
    for removal in removals {
      // No removal within 10 minutes of a scale-up, and none in the first 10 minutes.
      #expect(!ups.contains { $0.time <= removal.time && removal.time - $0.time < .minutes(10) })
      #expect(removal.time >= SimTime(sinceStart: .minutes(10)))
    }
    // The load step ends at 2 h: nodes it needed are unneeded from then on, so the first
    // removal after it comes at least 10 minutes later.
    let afterStep = try #require(removals.first { $0.time > SimTime(sinceStart: .hours(2)) })
    #expect(afterStep.time >= SimTime(sinceStart: .hours(2) + .minutes(10)))
    // Never below the group's minimum.
    #expect(rows.allSatisfy { $0.nodesPerGroup[0] >= 1 })
    #expect(result.nodesPerGroup[0].minimum.map { $0 >= 1 } == true)
    // Nodes launched by the CA take 3-5 minutes.
    for launch in events(result, .nodeLaunch) {
      let ready = try #require(result.events.first { $0.kind == .nodeReady && $0.subject == launch.subject })
      #expect(ready.time - launch.time >= .minutes(3) && ready.time - launch.time <= .minutes(5))
    }
  }

  @Test("a drain never takes a service below its PodDisruptionBudget's minAvailable")
  func drainRespectsDisruptionBudget() throws {
    var s = scenario(nodes: 2, autoscaling: .clusterAutoscaler, hours: 5)
    s.platform.services[1].disruptionBudget = .minAvailable(.percent(100))
    // Without DaemonSets the step leaves backend pods on the nodes it added, so scale-down must
    // drain (with them, those nodes empty out and are deleted without a drain).
    s.platform.daemonSets = []
    let result = simulate(s)
    // With minAvailable 100 % no backend pod may be evicted: drains holding backend pods fail
    // after the 2-minute eviction limit and the node is uncordoned.
    #expect(!events(result, .podEvicted).contains { $0.subject.hasPrefix("backend") })
    let drains = events(result, .nodeDrain)
    let failures = events(result, .nodeDrainFailed)
    #expect(!drains.isEmpty)
    for failure in failures {
      let drain = try #require(drains.last { $0.subject == failure.subject && $0.time <= failure.time })
      #expect(failure.time - drain.time >= .minutes(2))
    }
  }

  @Test("each node is billed from launch to deletion, and a fixed cluster costs what it costs at rest")
  func nodesAreBilledForTheirLifetime() {
    let fixed = scenario(nodes: 3, autoscaling: nil, multiplier: 1, hours: 2)
    let fixedRun = simulate(fixed)
    #expect(
      fixedRun.ledger.nodeTime
        == CostLedger(atRest: fixed.platform, duration: fixed.horizon).nodeTime)
    let scaled = simulate(scenario(nodes: 2, autoscaling: .clusterAutoscaler, hours: 5))
    let horizon = SimTime(sinceStart: .hours(5))
    var starts: [String: SimTime] = ["node-0": .zero, "node-1": .zero]
    for launch in scaled.events where launch.kind == .nodeLaunch { starts[launch.subject] = launch.time }
    var expected = SimDuration.zero
    for (node, start) in starts {
      let end = scaled.events.first { $0.kind == .nodeRemoved && $0.subject == node }?.time ?? horizon
      expected += end - start
    }
    let total = scaled.ledger.nodeTime.values.reduce(SimDuration.zero, +)
    #expect(starts.count > 2)
    #expect(total == expected)
  }

  @Test("a spot interruption drains the node at the notice and EC2 has it within 2 minutes")
  func spotInterruptionGivesTwoMinutes() throws {
    var autoscaling = NodeAutoscalingConfiguration.karpenter(instanceTypes: ["t3.medium", "m5.large"])
    autoscaling.spotInterruptionsPerNodeMonth = 300  // about one every 2.4 hours per node
    let (result, rows) = simulateKeepingRows(
      scenario(nodes: 1, autoscaling: autoscaling, multiplier: 3, hours: 6))
    let notices = events(result, .spotInterruption)
    #expect(!notices.isEmpty)
    // A notice in the run's last 2 minutes has its reclaim after the horizon.
    let horizon = SimTime(sinceStart: .hours(6))
    for notice in notices where notice.time <= horizon - .minutes(2) {
      let drain = result.events.first { $0.kind == .nodeDrain && $0.subject == notice.subject }
      #expect(drain?.time == notice.time)
      let removed = try #require(
        result.events.first { $0.kind == .nodeRemoved && $0.subject == notice.subject })
      #expect(removed.time - notice.time <= .minutes(2))
    }
    // The evicted pods found room again: 3 minutes after a notice (the replacement is Ready
    // within 75 s of it) nothing is Pending, unless another notice came in between.
    var checked = 0
    for notice in notices {
      let settled = notice.time + .minutes(3)
      guard settled <= horizon,
        !notices.contains(where: { $0.time > notice.time && $0.time <= settled })
      else { continue }
      let row = try #require(rows.first { $0.end >= settled })
      #expect(row.pendingPods == 0, "\(row.end)")
      checked += 1
    }
    #expect(checked > 0)
  }

  @Test("pods of a failed node stay Pending when no other node has room, until the node is back")
  func noSpareCapacityLeavesPodsPending() throws {
    var s = scenario(nodes: 2, autoscaling: nil, multiplier: 1, hours: 4)
    s.platform.services[1].cpuRequestMillicores = 900
    s.platform.nodeGroups[0].maxNodes = 2
    s.faults = [
      FaultConfiguration(kind: .nodeFailure(nodeGroup: "general"), timing: .scheduled(at: .hours(1), duration: .hours(2)))
    ]
    let (result, rows) = simulateKeepingRows(s)
    let evicted = try #require(events(result, .podsEvicted).first)
    let pendingRows = rows.filter { $0.pendingPods > 0 }
    let firstPending = try #require(pendingRows.first)
    let lastPending = try #require(pendingRows.last)
    #expect(firstPending.end > evicted.time)
    // Pending until the node is back (the fault's end, or an operator's repair before it).
    let back = try #require(result.events.first { $0.kind == .nodeReady && $0.time > evicted.time })
    #expect(lastPending.end <= back.time + .minutes(1))
    #expect(lastPending.end >= back.time - .minutes(1))
  }

  @Test("no node launches or becomes Ready in a lost zone; launches go to the zones that are up")
  func launchesAvoidLostZones() throws {
    for autoscaling in [NodeAutoscalingConfiguration.clusterAutoscaler, .karpenter(instanceTypes: ["t3.medium", "m5.large"])] {
      var outage = scenario(nodes: 2, autoscaling: autoscaling)
      // Zone a is lost from 55 min to 2 h 30: the spike at 1 h must be met in b and c.
      outage.faults.append(
        FaultConfiguration(
          kind: .zoneOutage(zone: "eu-central-1a"),
          timing: .scheduled(at: .minutes(55), duration: .minutes(95))))
      let (result, _) = simulateKeepingRows(outage)
      let lost = SimTime(sinceStart: .minutes(55))..<SimTime(sinceStart: .minutes(150))
      let launches = events(result, .nodeLaunch).filter { lost.contains($0.time) }
      #expect(!launches.isEmpty, "\(autoscaling.mode): the spike needs nodes")
      for launch in launches {
        #expect(!launch.detail.contains("in eu-central-1a"), "\(autoscaling.mode): \(launch.detail)")
      }
      // Every node that became Ready during the outage is outside zone a.
      let launchedIn = Dictionary(
        events(result, .nodeLaunch).map { ($0.subject, $0.detail) }, uniquingKeysWith: { a, _ in a })
      for ready in events(result, .nodeReady) where lost.contains(ready.time) {
        if let detail = launchedIn[ready.subject] {
          #expect(!detail.contains("in eu-central-1a"), "\(autoscaling.mode): \(ready.subject)")
        }
      }
    }
  }

  @Test("a one-zone node group launches nothing while its zone is lost, and a node booting there never becomes Ready")
  func oneZoneGroupLaunchesNothingInItsLostZone() throws {
    var outage = scenario(nodes: 2, autoscaling: .clusterAutoscaler)
    outage.platform.nodeGroups[0].zones = ["eu-central-1a"]
    // The spike at 1 h launches nodes; the zone is lost 2 minutes later, while they boot.
    outage.faults.append(
      FaultConfiguration(
        kind: .zoneOutage(zone: "eu-central-1a"), timing: .scheduled(at: .minutes(62), duration: .hours(1))))
    let (result, _) = simulateKeepingRows(outage)
    let lost = SimTime(sinceStart: .minutes(62))..<SimTime(sinceStart: .minutes(122))
    #expect(events(result, .nodeLaunch).allSatisfy { !lost.contains($0.time) })
    #expect(events(result, .nodeLaunchFailed).contains { lost.contains($0.time) })
    #expect(events(result, .nodeReady).allSatisfy { !lost.contains($0.time) })
    #expect(events(result, .nodeRemoved).contains { $0.detail.contains("launch failed") })
  }

  @Test("a zone coming back repairs its failed nodes only: a node removed during the outage stays removed")
  func zoneReturnRepairsOnlyFailedNodes() throws {
    var outage = scenario(nodes: 3, autoscaling: .clusterAutoscaler, hours: 6)
    // A long outage: the failed nodes' pods are evicted and the nodes end up removed by the
    // Cluster Autoscaler (empty for 10 minutes) before the zone returns.
    outage.faults = [
      FaultConfiguration(
        kind: .zoneOutage(zone: "eu-central-1a"), timing: .scheduled(at: .hours(1), duration: .hours(2)))
    ]
    let (result, _) = simulateKeepingRows(outage)
    let removed = Set(events(result, .nodeRemoved).map(\.subject))
    let back = SimTime(sinceStart: .hours(3))
    for ready in events(result, .nodeReady) where ready.time >= back && ready.detail == "node back" {
      #expect(!removed.contains(ready.subject) || events(result, .nodeRemoved).contains {
        $0.subject == ready.subject && $0.time > ready.time
      }, "\(ready.subject) came back after it was removed")
    }
  }
}
