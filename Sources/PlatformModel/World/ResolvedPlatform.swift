/// The scenario's platform with every name resolved to an index, built once when the world
/// is: zones, services and node groups by name, each service's calls and share of incoming
/// requests, the order the flow visits services in, and the per-step figures of the flow.
/// Nothing in it changes during a run, so handlers look nothing up by name in the hot path.
struct ResolvedPlatform: Sendable {
  /// Zones by name.
  let zoneIndex: [String: ZoneID]
  /// Service indices by name.
  let serviceIndex: [String: ServiceID]
  /// Node group indices by name.
  let nodeGroupIndex: [String: Int]
  /// Per service: the figures the flow reads every step.
  let flowParameters: PerService<ServiceFlowParameters>
  /// The data stores' figures the flow reads every step.
  let storeParameters: StoreFlowParameters
  /// Per service: its share of the ALB's incoming requests (0: reached only through calls).
  let routeShare: PerService<Double>
  /// Services in an order where every service comes after the ones it calls.
  let callOrder: [ServiceID]
  /// Per service: indices of services it calls and how often.
  let serviceCalls: PerService<[ServiceCall]>
  /// Per service: its calls with service names resolved to indices.
  let resolvedCalls: PerService<[ResolvedCall]>
  /// What the DaemonSets take from every node: their requests and a pod slot each.
  let daemonSetsPerNode: ResourceAmount

  /// Resolves `scenario`'s platform.
  ///
  /// - Precondition: `scenario` has been validated (names resolve, calls have no cycles).
  init(_ scenario: PlatformScenario) {
    let platform = scenario.platform
    var zoneIndex: [String: ZoneID] = [:]
    for (index, zone) in platform.zones.enumerated() { zoneIndex[zone] = ZoneID(index) }
    self.zoneIndex = zoneIndex
    let serviceIndex = Dictionary(
      uniqueKeysWithValues: platform.services.enumerated().map { ($1.name, ServiceID($0)) })
    self.serviceIndex = serviceIndex
    var nodeGroupIndex: [String: Int] = [:]
    for (index, group) in platform.nodeGroups.enumerated() where nodeGroupIndex[group.name] == nil {
      nodeGroupIndex[group.name] = index
    }
    self.nodeGroupIndex = nodeGroupIndex
    flowParameters = PerService(platform.services.map(ServiceFlowParameters.init))
    storeParameters = StoreFlowParameters(database: platform.database, cache: platform.cache)
    daemonSetsPerNode = platform.daemonSets.perNode
    var routeShare = PerService<Double>(repeating: 0, count: platform.services.count)
    for route in scenario.traffic.routes { routeShare[serviceIndex[route.service] ?? ServiceID(0)] += route.share }
    self.routeShare = routeShare
    let resolvedCalls = PerService(platform.services.map { service in
      service.calls.compactMap { call -> ResolvedCall? in
        switch call.target {
        case .cache: return ResolvedCall(target: .cache, perRequest: call.callsPerRequest)
        case .database: return ResolvedCall(target: .database, perRequest: call.callsPerRequest)
        case .service(let name):
          guard let index = serviceIndex[name] else { return nil }
          return ResolvedCall(target: .service(index), perRequest: call.callsPerRequest)
        }
      }
    })
    self.resolvedCalls = resolvedCalls
    let serviceCalls = PerService(resolvedCalls.map { calls in
      calls.compactMap { call -> ServiceCall? in
        if case .service(let index) = call.target {
          return ServiceCall(service: index, perRequest: call.perRequest)
        }
        return nil
      }
    })
    self.serviceCalls = serviceCalls
    callOrder = Self.dependencyOrder(serviceCalls)
  }

  /// Service indices ordered so that callees come before callers (calls have no cycles).
  static func dependencyOrder(_ calls: PerService<[ServiceCall]>) -> [ServiceID] {
    var order: [ServiceID] = []
    var state = PerService<Int>(repeating: 0, count: calls.count)  // 0 new, 1 visiting, 2 done
    func visit(_ s: ServiceID) {
      guard state[s] == 0 else { return }
      state[s] = 1
      for call in calls[s] { visit(call.service) }
      state[s] = 2
      order.append(s)
    }
    for s in calls.indices { visit(s) }
    return order
  }
}

/// A call from one service to another, by index.
struct ServiceCall: Sendable {
  var service: ServiceID
  var perRequest: Double
}

/// A dependency call with its target resolved to an index.
struct ResolvedCall: Sendable {
  enum Target: Sendable, Equatable {
    case service(ServiceID)
    case cache
    case database
  }
  var target: Target
  var perRequest: Double
}
