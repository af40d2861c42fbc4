import PlatformModel
import SimKernel

/// A synthetic platform of a chosen size for the `scale` benchmark: services in three tiers
/// (an eighth at the edge behind the ALB, a third as APIs, the rest as data services), each
/// API called by one edge service and each data service by one API, the APIs also calling the
/// cache: the shape of `scenarios/large-platform.json` (48 services, 960 pods, 300 nodes)
/// scaled up or down.
///
/// Every service starts at `podsPerService` replicas of one core each; with autoscaling they
/// run under an HPA at 70 % CPU between three quarters and twice that, and the one node group
/// of m5.xlarge nodes under the Cluster Autoscaler. The offered load keeps the pods near their
/// target at the daily peak (110 requests/s per edge pod at the mean).
struct ScalePlatform: Sendable {
  /// How many services, pods and nodes, and which autoscalers run.
  var services: Int
  var pods: Int
  var nodes: Int
  var autoscaling: Autoscaling

  enum Autoscaling: String, Sendable, CaseIterable {
    /// Fixed replicas and nodes.
    case none
    /// HPAs on every service, fixed nodes.
    case hpa
    /// HPAs and the Cluster Autoscaler.
    case hpaAndClusterAutoscaler = "hpa+ca"
  }

  /// Replicas per service at the start (at least one).
  var podsPerService: Int { Swift.max(1, pods / Swift.max(1, services)) }

  /// The scenario: the reference platform with these services, nodes and load.
  func scenario(days: Int, seed: UInt64) -> PlatformScenario {
    var scenario = PlatformScenario.reference
    scenario.name = "scale-\(services)s-\(pods)p-\(nodes)n"
    scenario.horizon = .days(Int64(days))
    scenario.seed = seed
    scenario.faults = []
    let edgeCount = Swift.max(1, services / 8)
    let apiCount = Swift.max(services >= 3 ? 1 : 0, services / 3)
    let names = (0..<services).map { index -> String in
      index < edgeCount ? "edge-\(index)"
        : index < edgeCount + apiCount ? "api-\(index - edgeCount)"
        : "data-\(index - edgeCount - apiCount)"
    }
    let apis = Array(names[edgeCount..<(edgeCount + apiCount)])
    let data = Array(names[(edgeCount + apiCount)...])
    var configured: [ServiceConfiguration] = []
    for (index, name) in names.enumerated() {
      var service = ServiceConfiguration(name: name)
      service.replicas = podsPerService
      service.minReplicas = podsPerService
      service.maxReplicas = podsPerService
      service.cpuRequestMillicores = 1_000
      service.cpuLimitMillicores = 2_000
      service.memoryRequestMiB = 512
      service.memoryLimitMiB = 1_024
      service.concurrencyPerPod = 32
      service.cpuSecondsPerRequest = 0.005
      service.zoneSpread = true
      service.disruptionBudget = .maxUnavailable(.percent(25))
      // Each API is called by one edge service and each data service by one API, once per
      // request, so every service sees about the same load.
      if index < edgeCount {
        let below = apis.isEmpty ? data : apis  // two services: an edge and a data service
        service.calls = below.indices.filter { $0 % edgeCount == index }.map {
          DependencyCall(target: .service(below[$0]), callsPerRequest: 1)
        }
      } else if index < edgeCount + apiCount {
        let api = index - edgeCount
        service.calls = data.indices.filter { $0 % apiCount == api }.map {
          DependencyCall(target: .service(data[$0]), callsPerRequest: 1)
        } + [DependencyCall(target: .cache, callsPerRequest: 1)]
      } else {
        service.calls = [DependencyCall(target: .database, callsPerRequest: 0.05)]
      }
      if autoscaling != .none {
        var hpa = HorizontalPodAutoscalerSpec(maxReplicas: 2 * podsPerService)
        hpa.minReplicas = Swift.max(1, podsPerService * 3 / 4)
        hpa.metrics = [HPAMetricSpec(resource: .cpu, target: .averageUtilization(70))]
        service.autoscaler = hpa
      }
      configured.append(service)
    }
    scenario.platform.services = configured
    scenario.platform.natGateways = .perZone
    scenario.platform.nodeGroups = [
      NodeGroupConfiguration(
        name: "general", instanceType: "m5.xlarge", purchase: .onDemand,
        minNodes: autoscaling == .hpaAndClusterAutoscaler ? nodes / 2 : nodes, desiredNodes: nodes,
        maxNodes: autoscaling == .hpaAndClusterAutoscaler ? nodes * 4 / 3 : nodes, zones: [])
    ]
    scenario.platform.nodeAutoscaling =
      autoscaling == .hpaAndClusterAutoscaler ? .clusterAutoscaler : nil
    scenario.platform.database.concurrency = Swift.max(4, services)
    scenario.platform.cache.concurrency = Swift.max(8, 4 * services)
    let edgeRoutes = names.prefix(edgeCount)
    scenario.traffic.routes = edgeRoutes.map {
      TrafficRoute(service: $0, share: 1 / Double(edgeCount))
    }
    scenario.traffic.baseRequestsPerSecond = 110 * Double(edgeCount * podsPerService)
    scenario.limits.maxPods = Swift.max(scenario.limits.maxPods, 4 * pods)
    return scenario
  }
}
