import SimKernel
import Testing

@testable import PlatformModel

/// The Cluster Autoscaler's scale-down planner (what-if packed in place with an undo, per-node
/// figures computed once, split into `findUnneeded` and `chooseRemovals`) against the
/// straightforward planner it replaced, on random clusters.
@Suite("Cluster Autoscaler scale-down (differential against the straightforward planner)")
struct ClusterAutoscalerScaleDownDifferentialTests {
  typealias CA = ClusterAutoscaler

  /// Random cases checked; each is one seed of ``XorShift``.
  static let seeds: Range<UInt64> = 0..<6_000

  // MARK: - The straightforward planner

  /// Paths through the planner that the rewrite changed, counted so the random cases cannot
  /// pass without taking them.
  enum PlannerPath: CaseIterable {
    /// A node found unneeded whose pods include some the what-if had moved onto it.
    case podsMovedTwice
    /// Some pods of a node were placed before one fit nowhere (the rewrite undoes them).
    case packingUndone
    /// A pod's zone kept it off a node that had the room.
    case zoneRefusedRoom
    /// A ripe node whose timer is exactly ``ClusterAutoscaler/Settings/scaleDownUnneededTime``.
    case ripeAtExactlyUnneededTime
    /// More ripe empty nodes than ``ClusterAutoscaler/Settings/maxScaleDownParallelism``.
    case emptyNodesOverParallelism
    /// More ripe non-empty nodes than drain slots.
    case drainsOverParallelism
    /// A budget allowed a node's pods alone, but an earlier drain this scan spent it.
    case budgetSpentByEarlierDrain
  }

  /// The planner before the rewrite (46359f0, `ClusterAutoscaler.scaleDown`), re-typed: each
  /// candidate packs a copy of the other nodes' bins with `PackingBin.placeAll`, and removals
  /// look nodes up again by ID. Only `paths` is new.
  static func referenceScaleDown(
    nodes: [CA.Node], groups: [CA.NodeGroup], now: SimTime, history: CA.ScaleDownHistory,
    disruptionsAllowed: [Int: Int], drainsInProgress: Int, settings: CA.Settings,
    paths: inout [PlannerPath: Int]
  ) -> CA.ScaleDownDecision {
    var unremovable: [Int: CA.UnremovableReason] = [:]
    let order = nodes.sorted { a, b in
      if a.isEmpty != b.isEmpty { return a.isEmpty }
      switch (a.unneededSince, b.unneededSince) {
      case (let x?, let y?) where x != y: return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a.id < b.id
      }
    }
    var bins = nodes.sorted { $0.id < $1.id }.map {
      PackingBin(nodeID: $0.id, free: $0.free, zone: $0.zone)
    }
    let budgets = EvictionBudget(disruptionsAllowed: disruptionsAllowed)
    var movedIn: [Int: [AutoscalingPod]] = [:]

    // 1. Which nodes are unneeded now.
    var unneeded: [CA.UnneededNode] = []
    for node in order {
      if node.scaleDownDisabled {
        unremovable[node.id] = .scaleDownDisabled
        continue
      }
      guard
        node.requested.utilization(of: node.allocatable) < settings.scaleDownUtilizationThreshold
      else {
        unremovable[node.id] = .notUnderutilized
        continue
      }
      let movable = node.movablePods
      if let pod = movable.first(where: { !$0.isReplicated }) {
        unremovable[node.id] = .podNotReplicated(podID: pod.id)
        continue
      }
      if !budgets.allows(budgetIDs: movable.map(\.budgetID)) {
        unremovable[node.id] = .blockedByDisruptionBudget(
          budgetID: firstExceededBudget(movable.map(\.budgetID), budgets) ?? -1)
        continue
      }
      let toMove = movable + movedIn[node.id, default: []]
      var others = bins.filter { $0.nodeID != node.id }
      if toMove.contains(where: { pod in
        others.contains { $0.zone != pod.zone && pod.requests.fits(in: $0.free) }
          && pod.zone != nil
      }) {
        paths[.zoneRefusedRoom, default: 0] += 1
      }
      guard let placements = PackingBin.placeAll(toMove, in: &others) else {
        var probe = bins.filter { $0.nodeID != node.id }
        let sorted = toMove.sortedByCPUThenMemoryDescending()
        let stuck = sorted.first { PackingBin.placeFirstFit($0, in: &probe) == nil }
        if let stuck, stuck.id != sorted.first?.id { paths[.packingUndone, default: 0] += 1 }
        unremovable[node.id] = .noPlaceForPods(podID: stuck?.id ?? -1)
        continue
      }
      if movedIn[node.id] != nil { paths[.podsMovedTwice, default: 0] += 1 }
      bins = others
      movedIn[node.id] = nil
      for placement in placements {
        if let pod = toMove.first(where: { $0.id == placement.podID }) {
          movedIn[placement.nodeID, default: []].append(pod)
        }
      }
      unneeded.append(CA.UnneededNode(nodeID: node.id, since: node.unneededSince ?? now))
    }

    // 2. Cool-downs stop removals but not the timers.
    func within(_ last: SimTime?, _ delay: SimDuration) -> Bool {
      last.map { now < $0 + delay } ?? false
    }
    let inCooldown =
      within(history.lastScaleUp, settings.scaleDownDelayAfterAdd)
      || within(history.lastDeletion, settings.scaleDownDelayAfterDelete)
      || within(history.lastFailure, settings.scaleDownDelayAfterFailure)

    var empty: [Int] = []
    var drain: [Int] = []
    let byID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
    var room = Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0.targetSize - $0.minSize) })
    var ledger = budgets
    let ripe = unneeded.filter { now - $0.since >= settings.scaleDownUnneededTime }
    if ripe.contains(where: { now - $0.since == settings.scaleDownUnneededTime }) {
      paths[.ripeAtExactlyUnneededTime, default: 0] += 1
    }
    for candidate in unneeded where !ripe.contains(candidate) {
      unremovable[candidate.nodeID] = .notUnneededLongEnough
    }
    if inCooldown {
      for candidate in ripe { unremovable[candidate.nodeID] = .scaleDownInCooldown }
    } else {
      // 3. Empty nodes in bulk, then non-empty ones one at a time.
      let ripeNodes = ripe.compactMap { byID[$0.nodeID] }
      for node in ripeNodes where node.isEmpty {
        guard empty.count < settings.maxScaleDownParallelism else {
          paths[.emptyNodesOverParallelism, default: 0] += 1
          unremovable[node.id] = .parallelismLimit
          continue
        }
        guard room[node.groupID, default: 0] > 0 else {
          unremovable[node.id] = .groupAtMinimumSize
          continue
        }
        room[node.groupID, default: 0] -= 1
        empty.append(node.id)
      }
      let drainSlots = min(
        settings.maxDrainParallelism - drainsInProgress,
        settings.maxScaleDownParallelism - empty.count)
      for node in ripeNodes where !node.isEmpty {
        guard drain.count < drainSlots else {
          paths[.drainsOverParallelism, default: 0] += 1
          unremovable[node.id] = .parallelismLimit
          continue
        }
        guard room[node.groupID, default: 0] > 0 else {
          unremovable[node.id] = .groupAtMinimumSize
          continue
        }
        guard ledger.spend(budgetIDs: node.movablePods.map(\.budgetID)) else {
          paths[.budgetSpentByEarlierDrain, default: 0] += 1
          unremovable[node.id] = .blockedByDisruptionBudget(
            budgetID: firstExceededBudget(node.movablePods.map(\.budgetID), ledger) ?? -1)
          continue
        }
        room[node.groupID, default: 0] -= 1
        drain.append(node.id)
      }
    }
    return CA.ScaleDownDecision(
      unneeded: unneeded.sorted { $0.nodeID < $1.nodeID }, emptyNodesToDelete: empty,
      nodesToDrain: drain, unremovable: unremovable, inCooldown: inCooldown)
  }

  /// The lowest budget ID pods with these budgets would take below zero, if any.
  static func firstExceededBudget(_ budgetIDs: [Int?], _ budgets: EvictionBudget) -> Int? {
    var wanted: [Int: Int] = [:]
    for case let id? in budgetIDs { wanted[id, default: 0] += 1 }
    return wanted.keys.sorted().first { wanted[$0, default: 0] > budgets.remaining[$0, default: 0] }
  }

  // MARK: - Random clusters

  /// One scan's input.
  struct Case: Equatable {
    var nodes: [CA.Node]
    var groups: [CA.NodeGroup]
    var now: SimTime
    var history: CA.ScaleDownHistory
    var disruptionsAllowed: [Int: Int]
    var drainsInProgress: Int
    var settings: CA.Settings
  }

  /// A random cluster of 1-40 nodes in 1-3 groups and 1-3 zones, with the scan's clock,
  /// history, budgets and settings.
  ///
  /// Timers, cool-downs and ages are drawn from a few round values so that ties and exact
  /// boundaries occur often.
  static func randomCase(using rng: inout XorShift) -> Case {
    func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }
    func seconds(_ choices: [Int64]) -> SimDuration {
      .seconds(choices.randomElement(using: &rng) ?? 0)
    }
    let shapes = [
      ResourceAmount(cpuMillicores: 1_000, memoryMiB: 2_048),
      ResourceAmount(cpuMillicores: 2_000, memoryMiB: 4_000),
      ResourceAmount(cpuMillicores: 4_000, memoryMiB: 16_000),
      ResourceAmount(cpuMillicores: 8_000, memoryMiB: 32_000),
    ]

    var settings = CA.Settings()
    settings.scaleDownUtilizationThreshold = Double(Int.random(in: 30...90, using: &rng)) / 100
    settings.scaleDownUnneededTime = seconds([0, 60, 600])
    settings.scaleDownDelayAfterAdd = seconds([0, 300, 600])
    settings.scaleDownDelayAfterDelete = seconds([0, 60, 300])
    settings.scaleDownDelayAfterFailure = seconds([0, 180])
    settings.maxScaleDownParallelism = chance(50) ? 10 : Int.random(in: 1...4, using: &rng)
    settings.maxDrainParallelism = Int.random(in: 1...3, using: &rng)
    let now = SimTime(sinceStart: .hours(1) + .seconds(Int64.random(in: 0...3_600, using: &rng)))
    let ages: [Int64] = [0, 30, 59, 60, 61, 300, 599, 600, 601, 900, 1_200]
    func past() -> SimTime? { chance(50) ? nil : now - seconds(ages) }
    let history = CA.ScaleDownHistory(
      lastScaleUp: past(), lastDeletion: past(), lastFailure: past())

    let zoneCount = Int.random(in: 1...3, using: &rng)
    let groupCount = Int.random(in: 1...3, using: &rng)
    let groupShapes = (0..<groupCount).map { _ in shapes.randomElement(using: &rng) ?? shapes[0] }
    let groupZones = (0..<groupCount).map { _ -> [Int] in
      let first = Int.random(in: 0..<zoneCount, using: &rng)
      return chance(50) ? [first] : Array(0..<zoneCount)
    }
    let budgetCount = Int.random(in: 0...4, using: &rng)
    var disruptionsAllowed: [Int: Int] = [:]
    for budget in 0..<budgetCount where !chance(10) {
      disruptionsAllowed[budget] = Int.random(in: 0...3, using: &rng)
    }

    var nodes: [CA.Node] = []
    var nextNodeID = Int.random(in: 0...5, using: &rng)
    var nextPodID = 100
    for _ in 0..<Int.random(in: 1...40, using: &rng) {
      let group = Int.random(in: 0..<groupCount, using: &rng)
      let allocatable =
        chance(20) ? (shapes.randomElement(using: &rng) ?? shapes[0]) : groupShapes[group]
      let zone = chance(5) ? nil : groupZones[group].randomElement(using: &rng)
      var pods: [AutoscalingPod] = []
      func newPod(cpu: Int, memory: Int) -> AutoscalingPod {
        defer { nextPodID += 1 }
        return AutoscalingPod(
          id: nextPodID, requests: ResourceAmount(cpuMillicores: cpu, memoryMiB: memory))
      }
      if chance(50) {
        var daemon = newPod(
          cpu: Int.random(in: 1...4, using: &rng) * 50,
          memory: Int.random(in: 1...4, using: &rng) * 64)
        daemon.isDaemon = true
        pods.append(daemon)
      }
      let count = chance(25) ? 0 : Int.random(in: 1...6, using: &rng)
      let load = Double.random(in: 0...1.1, using: &rng)
      for _ in 0..<count {
        func share(_ total: Int) -> Int {
          let base = Double(total) * load / Double(count)
          return Int(base * Double.random(in: 0.3...1.7, using: &rng)) / 10 * 10
        }
        var pod = newPod(
          cpu: share(allocatable.cpuMillicores), memory: share(allocatable.memoryMiB))
        if chance(15) {
          pod.zone = chance(70) ? zone : Int.random(in: 0..<zoneCount, using: &rng)
        }
        pod.isReplicated = !chance(3)
        if budgetCount > 0, chance(30) {
          pod.budgetID = Int.random(in: 0..<budgetCount, using: &rng)
        }
        pods.append(pod)
      }
      pods.shuffle(using: &rng)
      nodes.append(
        CA.Node(
          id: nextNodeID, groupID: 10 + group, zone: zone, allocatable: allocatable, pods: pods,
          unneededSince: chance(50) ? now - seconds(ages) : nil, scaleDownDisabled: chance(5)))
      nextNodeID += Int.random(in: 1...3, using: &rng)
    }
    nodes.shuffle(using: &rng)

    var groups: [CA.NodeGroup] = []
    for group in 0..<groupCount where !chance(5) {
      let running = nodes.count { $0.groupID == 10 + group }
      let target = running + (chance(20) ? Int.random(in: 1...2, using: &rng) : 0)
      let minSize =
        chance(30) ? target : Int.random(in: 0...max(0, target - 1), using: &rng)
      groups.append(
        CA.NodeGroup(
          id: 10 + group, nodeAllocatable: groupShapes[group], targetSize: target,
          minSize: minSize, maxSize: target + 5, zones: groupZones[group]))
    }
    return Case(
      nodes: nodes, groups: groups, now: now, history: history,
      disruptionsAllowed: disruptionsAllowed,
      drainsInProgress: chance(70) ? 0 : Int.random(in: 1...2, using: &rng), settings: settings)
  }

  // MARK: - Running a case

  /// The straightforward planner's decision on `c`, counting the paths it takes.
  static func reference(_ c: Case, paths: inout [PlannerPath: Int]) -> CA.ScaleDownDecision {
    referenceScaleDown(
      nodes: c.nodes, groups: c.groups, now: c.now, history: c.history,
      disruptionsAllowed: c.disruptionsAllowed, drainsInProgress: c.drainsInProgress,
      settings: c.settings, paths: &paths)
  }

  /// The package's planner's decision on `c`.
  static func planner(_ c: Case) -> CA.ScaleDownDecision {
    CA.scaleDown(
      nodes: c.nodes, groups: c.groups, now: c.now, history: c.history,
      disruptionsAllowed: c.disruptionsAllowed, drainsInProgress: c.drainsInProgress,
      settings: c.settings)
  }

  /// Whether the two planners decide `c` differently.
  static func differs(_ c: Case) -> Bool {
    var ignored: [PlannerPath: Int] = [:]
    return planner(c) != reference(c, paths: &ignored)
  }

  /// The case made smaller while the planners still differ: nodes, pods, groups and budgets
  /// taken away, timers, zones, budgets, flags and history cleared, until nothing more goes.
  static func shrunk(_ c: Case) -> Case {
    var smallest = c
    var shrinking = true
    func attempt(_ edit: (inout Case) -> Void) {
      var trial = smallest
      edit(&trial)
      guard trial != smallest, !trial.nodes.isEmpty, differs(trial) else { return }
      smallest = trial
      shrinking = true
    }
    while shrinking {
      shrinking = false
      for n in smallest.nodes.indices.reversed() { attempt { $0.nodes.remove(at: n) } }
      for n in smallest.nodes.indices {
        for p in smallest.nodes[n].pods.indices.reversed() {
          attempt { $0.nodes[n].pods.remove(at: p) }
        }
        attempt { $0.nodes[n].unneededSince = nil }
        attempt { $0.nodes[n].scaleDownDisabled = false }
        attempt { $0.nodes[n].zone = nil }
        for p in smallest.nodes[n].pods.indices {
          attempt { $0.nodes[n].pods[p].zone = nil }
          attempt { $0.nodes[n].pods[p].budgetID = nil }
          attempt { $0.nodes[n].pods[p].isDaemon = false }
          attempt { $0.nodes[n].pods[p].isReplicated = true }
        }
      }
      for g in smallest.groups.indices.reversed() { attempt { $0.groups.remove(at: g) } }
      for budget in smallest.disruptionsAllowed.keys.sorted() {
        attempt { $0.disruptionsAllowed[budget] = nil }
      }
      attempt { $0.history = CA.ScaleDownHistory() }
      attempt { $0.drainsInProgress = 0 }
    }
    return smallest
  }

  /// A decision on one line per field, reasons without their type's name.
  static func describe(_ d: CA.ScaleDownDecision) -> String {
    let unneeded = d.unneeded.map {
      "\($0.nodeID) since \($0.since.sinceStart.microseconds / 1_000_000)s"
    }
    let kept = d.unremovable.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    return """
      unneeded [\(unneeded.joined(separator: ", "))]; delete \(d.emptyNodesToDelete); \
      drain \(d.nodesToDrain); in cool-down \(d.inCooldown)
        kept [\(kept.joined(separator: ", "))]
      """
  }

  /// The case, one line for the scan's clock and settings, then one per group and node.
  static func describe(_ c: Case) -> String {
    func time(_ t: SimTime?) -> String {
      t.map { "\($0.sinceStart.microseconds / 1_000_000)s" } ?? "-"
    }
    func secs(_ d: SimDuration) -> String { "\(d.microseconds / 1_000_000)s" }
    let s = c.settings
    var lines = [
      "now \(time(c.now)); history scale-up \(time(c.history.lastScaleUp)), deletion "
        + "\(time(c.history.lastDeletion)), failure \(time(c.history.lastFailure)); "
        + "drains in progress \(c.drainsInProgress)",
      "threshold \(s.scaleDownUtilizationThreshold), "
        + "unneeded time \(secs(s.scaleDownUnneededTime)), "
        + "delays \(secs(s.scaleDownDelayAfterAdd))/\(secs(s.scaleDownDelayAfterDelete))/"
        + "\(secs(s.scaleDownDelayAfterFailure)), parallelism \(s.maxScaleDownParallelism), "
        + "drain parallelism \(s.maxDrainParallelism)",
      "disruptions allowed ["
        + c.disruptionsAllowed.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        .joined(separator: ", ") + "]",
    ]
    for g in c.groups { lines.append("group \(g.id): target \(g.targetSize), min \(g.minSize)") }
    for n in c.nodes {
      let pods = n.pods.map { p in
        "pod \(p.id) \(p.requests)" + (p.zone.map { " zone \($0)" } ?? "")
          + (p.isDaemon ? " daemon" : "") + (p.isReplicated ? "" : " unreplicated")
          + (p.budgetID.map { " budget \($0)" } ?? "")
      }
      lines.append(
        "node \(n.id): group \(n.groupID), zone \(n.zone.map(String.init) ?? "-"), "
          + "\(n.allocatable), since \(time(n.unneededSince))"
          + "\(n.scaleDownDisabled ? ", disabled" : ""): "
          + "[\(pods.joined(separator: "; "))]")
    }
    return lines.joined(separator: "\n")
  }

  /// The kind of an ``ClusterAutoscaler/UnremovableReason``, without its IDs; the switch is
  /// exhaustive, so a new reason must be added here to be counted.
  enum ReasonKind: CaseIterable {
    case scaleDownDisabled, notUnderutilized, podNotReplicated, blockedByDisruptionBudget
    case noPlaceForPods, notUnneededLongEnough, groupAtMinimumSize, scaleDownInCooldown
    case parallelismLimit

    init(_ reason: CA.UnremovableReason) {
      switch reason {
      case .scaleDownDisabled: self = .scaleDownDisabled
      case .notUnderutilized: self = .notUnderutilized
      case .podNotReplicated: self = .podNotReplicated
      case .blockedByDisruptionBudget: self = .blockedByDisruptionBudget
      case .noPlaceForPods: self = .noPlaceForPods
      case .notUnneededLongEnough: self = .notUnneededLongEnough
      case .groupAtMinimumSize: self = .groupAtMinimumSize
      case .scaleDownInCooldown: self = .scaleDownInCooldown
      case .parallelismLimit: self = .parallelismLimit
      }
    }
  }

  // MARK: - Tests

  @Test("scaleDown decides exactly what the straightforward planner did, on random clusters")
  func matchesStraightforwardPlanner() {
    var reasons: [ReasonKind: Int] = [:]
    var paths: [PlannerPath: Int] = [:]
    var removals = 0
    var differing: [UInt64] = []
    for seed in Self.seeds {
      var rng = XorShift(seed: seed)
      let c = Self.randomCase(using: &rng)
      let expected = Self.reference(c, paths: &paths)
      let actual = Self.planner(c)
      let scan = CA.findUnneeded(
        nodes: c.nodes, disruptionsAllowed: c.disruptionsAllowed, settings: c.settings)
      let split = CA.chooseRemovals(
        scan, groups: c.groups, now: c.now, history: c.history,
        disruptionsAllowed: c.disruptionsAllowed, drainsInProgress: c.drainsInProgress,
        settings: c.settings)
      #expect(split == actual, "seed \(seed): findUnneeded + chooseRemovals differs from scaleDown")
      for reason in expected.unremovable.values { reasons[ReasonKind(reason), default: 0] += 1 }
      removals += expected.nodesToRemove.count
      guard actual != expected else { continue }
      differing.append(seed)
      if differing.count <= 3 {
        let small = Self.shrunk(c)
        var ignored: [PlannerPath: Int] = [:]
        Issue.record(
          """
          seed \(seed): scaleDown differs from the straightforward planner; smallest case:
          \(Self.describe(small))
          straightforward: \(Self.describe(Self.reference(small, paths: &ignored)))
          scaleDown:       \(Self.describe(Self.planner(small)))
          """)
      }
    }
    #expect(
      differing.count == 0,
      "\(differing.count) of \(Self.seeds.count) cases differ: \(differing.prefix(20))")
    for kind in ReasonKind.allCases {
      #expect(reasons[kind, default: 0] > 0, "no random case was kept for \(kind)")
    }
    for path in PlannerPath.allCases {
      #expect(paths[path, default: 0] > 0, "no random case took the path \(path)")
    }
    #expect(removals > 0, "no random case removed a node")
  }
}
