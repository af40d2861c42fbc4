import SimKernel
import Testing

@testable import PlatformModel

/// The cluster's indexes and counts against scans of its whole tables, under random changes.
@Suite("Cluster indexes (differential against table scans)")
struct ClusterIndexTests {
  static let phases: [PodPhase] = [
    .pending, .starting, .ready, .crashed, .lost, .terminating, .deleted,
  ]

  static func node(zone: Int, cpu: Int, using rng: inout XorShift) -> NodeState {
    NodeState(
      group: NodeGroupID(0), zone: ZoneID(zone), up: Int.random(in: 0..<5, using: &rng) != 0,
      ready: Int.random(in: 0..<5, using: &rng) != 0, allocatableCPUMillicores: cpu,
      allocatableMemoryMiB: 4_000, allocatablePods: Int.random(in: 1...6, using: &rng),
      capacityCPUMillicores: cpu, capacityMemoryMiB: 4_000,
      instanceType: "m5.large", purchase: .onDemand)
  }

  /// Every index and count the cluster answers, checked against a scan.
  static func expectConsistent(_ cluster: Cluster, services: Int, seed: UInt64) {
    let pods = cluster.pods
    for node in cluster.nodeIDs {
      let scanned = pods.indices.filter { pods[$0].node == node }.map(PodID.init)
      #expect(Array(cluster.pods(on: node)) == scanned, "seed \(seed)")
      let holding = scanned.filter { pods[$0.index].phase != .deleted }
      #expect(cluster.isHeld(node) == !holding.isEmpty, "seed \(seed)")
      // The node's requests are the sum of its bound pods' (deleted ones are unbound).
      let requested = scanned.reduce(0) { $0 + cluster.podRequests[pods[$1.index].service].cpuMillicores }
      #expect(cluster[node].requestedCPUMillicores == requested, "seed \(seed)")
      // Each bound pod takes one slot.
      #expect(cluster[node].boundPods == scanned.count, "seed \(seed)")
    }
    for service in (0..<services).map({ ServiceID($0) }) {
      let scanned = pods.indices.filter { pods[$0].service == service }.map(PodID.init)
      #expect(Array(cluster.pods(of: service)) == scanned, "seed \(seed)")
      let replicas = scanned.filter {
        pods[$0.index].phase != .terminating && pods[$0.index].phase != .deleted
      }
      #expect(cluster.replicaPods(of: service) == replicas, "seed \(seed)")
      #expect(cluster.replicaCount(of: service) == replicas.count, "seed \(seed)")
      for revision in 0...1 {
        #expect(
          cluster.replicaPods(of: service, revision: revision)
            == replicas.filter { pods[$0.index].revision == revision }, "seed \(seed)")
      }
      #expect(
        cluster.readyCount(of: service) == scanned.filter { pods[$0.index].phase == .ready }.count,
        "seed \(seed)")
    }
    let pending = pods.indices.filter { pods[$0].phase == .pending }.map(PodID.init)
    #expect(Array(cluster.pendingPods) == pending, "seed \(seed)")
  }

  /// kube-scheduler's choice as a scan: the nodes that fit; with zone spread the zones with
  /// the fewest of the service's bound pods; the most free CPU, ties to the lowest index.
  static func scannedChoice(for pod: PodID, in cluster: Cluster) -> NodeID? {
    let service = cluster[pod].service
    let requests = cluster.podRequests[service]
    let nodes = cluster.nodes
    let fits = nodes.indices.filter { n in
      nodes[n].isSchedulable
        && nodes[n].allocatableCPUMillicores - nodes[n].requestedCPUMillicores >= requests.cpuMillicores
        && nodes[n].allocatableMemoryMiB - nodes[n].requestedMemoryMiB >= requests.memoryMiB
        // A free pod slot, counted from the pod table.
        && cluster.pods.filter { $0.node == NodeID(n) }.count < nodes[n].allocatablePods
    }
    var candidates = fits
    if cluster.zoneSpread[service] {
      var perZone = [Int](repeating: 0, count: cluster.zoneCount)
      for other in cluster.pods where other.service == service {
        if let node = other.node { perZone[nodes[node.index].zone.index] += 1 }
      }
      let fewest = fits.map { perZone[nodes[$0].zone.index] }.min()
      candidates = fits.filter { perZone[nodes[$0].zone.index] == fewest }
    }
    let best = candidates.max { a, b in
      let freeA = nodes[a].allocatableCPUMillicores - nodes[a].requestedCPUMillicores
      let freeB = nodes[b].allocatableCPUMillicores - nodes[b].requestedCPUMillicores
      return freeA != freeB ? freeA < freeB : a > b
    }
    return best.map(NodeID.init)
  }

  @Test("indexes, counts and the scheduler's choice match scans under random changes", arguments: 0..<10)
  func indexesMatchScans(seedBlock: Int) {
    for seed in UInt64(seedBlock * 20)..<UInt64(seedBlock * 20 + 20) {
      var rng = XorShift(seed: seed)
      let services = 3
      let zones = 3
      var cluster = Cluster(
        podRequests: PerService((0..<services).map { ResourceAmount(cpuMillicores: 100 * ($0 + 1), memoryMiB: 256, pods: 1) }),
        zoneSpread: PerService((0..<services).map { _ in Bool.random(using: &rng) }), zoneCount: zones)
      for n in 0..<Int.random(in: 1...6, using: &rng) {
        _ = cluster.addNode(Self.node(zone: n % zones, cpu: 1_000, using: &rng))
      }
      for step in 0..<200 {
        let time = SimTime(sinceStart: .seconds(Int64(step)))
        switch Int.random(in: 0..<7, using: &rng) {
        case 0:
          let pod = cluster.createPod(
            service: ServiceID(Int.random(in: 0..<services, using: &rng)),
            revision: Int.random(in: 0...1, using: &rng), at: time)
          #expect(cluster[pod].phase == .pending && cluster[pod].node == nil, "seed \(seed)")
        case 1 where !cluster.pods.isEmpty:
          let pod = PodID(Int.random(in: cluster.pods.indices, using: &rng))
          guard cluster[pod].node == nil, cluster[pod].phase != .deleted else { break }
          let choice = cluster.chooseNode(for: pod)
          #expect(choice == Self.scannedChoice(for: pod, in: cluster), "seed \(seed)")
          if let node = choice { cluster.bind(pod, to: node, at: time) }
        case 2 where !cluster.pods.isEmpty:
          let pod = PodID(Int.random(in: cluster.pods.indices, using: &rng))
          cluster.unbind(pod, at: time)
        case 3 where !cluster.pods.isEmpty:
          let pod = PodID(Int.random(in: cluster.pods.indices, using: &rng))
          let phase = Self.phases.randomElement(using: &rng) ?? .ready
          if phase == .deleted { cluster.unbind(pod, at: time) }
          cluster[pod].phase = phase
        case 4:
          _ = cluster.addNode(
            Self.node(zone: Int.random(in: 0..<zones, using: &rng), cpu: 1_000, using: &rng))
        case 5 where !cluster.nodes.isEmpty:
          let node = NodeID(Int.random(in: cluster.nodes.indices, using: &rng))
          cluster[node].up.toggle()
        default:
          let version = cluster.version
          if !cluster.pods.isEmpty {
            cluster[PodID(0)].inRotation.toggle()
            #expect(cluster.version != version, "every write moves the version")
          }
        }
        Self.expectConsistent(cluster, services: services, seed: seed)
      }
    }
  }

  @Test("a new pod takes the lowest deleted slot and moves its generation on")
  func newPodReusesLowestDeletedSlot() {
    var cluster = Cluster(
      podRequests: [ResourceAmount(cpuMillicores: 100, memoryMiB: 128)], zoneSpread: [false],
      zoneCount: 1)
    let pods = (0..<4).map { _ in cluster.createPod(service: 0, revision: 0, at: .zero) }
    cluster[pods[2]].phase = .deleted
    cluster[pods[1]].phase = .deleted
    cluster[pods[1]].generation = 7
    let reused = cluster.createPod(service: 0, revision: 1, at: SimTime(sinceStart: .seconds(5)))
    #expect(reused == pods[1])
    #expect(cluster[reused].generation == 8)
    #expect(cluster[reused].revision == 1 && cluster[reused].phase == .pending)
    #expect(cluster.createPod(service: 0, revision: 0, at: .zero) == pods[2])
    #expect(cluster.createPod(service: 0, revision: 0, at: .zero) == PodID(4))
  }
}
