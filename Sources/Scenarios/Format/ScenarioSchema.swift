import PlatformModel
import SimKernel

/// The scenario file format: one ``ObjectSchema`` per configuration type, keyed by the Swift
/// property names, and the codecs of the enums and list elements.
///
/// docs/scenario-format.md documents every key listed here with its unit and default.
enum ScenarioSchema {
  /// The most queries, lookups or requests a pod, the database or the cache serves at once.
  /// Erlang's B recursion is O(servers) per flow step, so 2^31 servers hung the run.
  static let maximumConcurrency = 100_000

  /// The most replicas or nodes one field may state (a service's `replicas`, `minReplicas`,
  /// `maxReplicas`, an autoscaler's, a node group's `minNodes`, `desiredNodes`, `maxNodes`):
  /// 100,000. A single field near 2^31 made a run allocate gigabytes of pods; the totals over
  /// all services and groups are the validator's to bound.
  static let mostReplicas = 100_000

  /// The most CPU one pod may request or be limited to: 10^9 millicores (a million cores).
  /// Requests are summed over up to 10^5 pods in the node packers and the HPA census.
  static let mostMillicores = 1_000_000_000

  /// The most memory one pod or one instance type may state: 2^25 MiB (32 TiB), for the same
  /// reason: 2^45 bytes times 10^5 pods stays inside Int64.
  static let mostMiB = 1 << 25

  /// The shortest period of a recurring check (reporting interval, probes, health checks, alert
  /// evaluation, node autoscaler scans, analysis measurements, trace intervals): one second, as
  /// Kubernetes' probe periods. Each period is an event per horizon / period; a 1 ms or 1 µs
  /// period made a one-hour run schedule millions to billions of events (fuzz hangs).
  static let shortestPeriod = SimDuration.seconds(1)

  /// The highest request rate a scenario may state (`baseRequestsPerSecond`, trace rates):
  /// 10^9 per second. Rates near 1.8e308 became infinite in the flow and trapped in the cost
  /// ledger; the flow also clamps what multipliers and call chains compound to 10^15.
  static let highestRate = 1e9

  /// The largest traffic factor (`peakToTroughRatio`, `weekendFactor`, spike and fault
  /// multipliers, a release's `cpuRegression`): 10^6.
  static let largestFactor = 1e6

  /// The most calls a request may make to one target (`callsPerRequest`,
  /// `egressCallsPerRequest`): 1000.
  static let mostCallsPerRequest = 1_000.0

  /// The shortest flow step (`flowStep`, `fineFlowStep`): 100 ms, for the same reason.
  static let shortestStep = SimDuration.milliseconds(100)

  // MARK: - Top level

  /// The whole file, overlaid on `reference`.
  static func scenario(reference: PlatformScenario) -> ObjectSchema<PlatformScenario> {
    ObjectSchema(fields: [
      Field(
        key: "description",
        decode: { _, json, path, d in
          if let text = d.string(json, path, allowEmpty: true) { d.scenarioDescription = text }
        }, encode: { _ in nil }),
      Field("name", \.name, .string()),
      Field(
        "seed", \.seed,
        .replacing(
          { json, path, d in d.unsigned64(json, path) }, encode: { .number(JSONNumber($0)) })),
      Field("horizon", \.horizon, .duration(.greaterThan(.zero))),
      Field("flowStep", \.flowStep, .duration(.atLeast(shortestStep))),
      Field("fineFlowStep", \.fineFlowStep, .duration(.atLeast(shortestStep))),
      Field("reportingInterval", \.reportingInterval, .duration(.atLeast(shortestPeriod))),
      Field(
        "platform", \.platform,
        platform(reference: reference.platform, instanceTypes: reference.prices.instances.map(\.name))
          .codec),
      Field("traffic", \.traffic, traffic.codec),
      Field("faults", \.faults, .list(FaultCodec.read, encode: FaultCodec.encode)),
      Field("releases", \.releases, ReleaseCodec.releases.codec),
      Field("objectives", \.objectives, objectives.codec),
      Field("alerting", \.alerting, alerting(reference: reference.alerting).codec),
      Field("prices", \.prices, prices(reference: reference.prices).codec),
      Field("limits", \.limits, limits.codec),
    ])
  }

  // MARK: - Platform

  static func platform(reference: PlatformConfiguration, instanceTypes: [String])
    -> ObjectSchema<PlatformConfiguration>
  {
    ObjectSchema(fields: [
      Field("region", \.region, .string()),
      Field("zones", \.zones, .list(of: .string(), initial: "", nonEmpty: true)),
      Field("natGateways", \.natGateways, natGateways),
      Field(
        "nodeGroups", \.nodeGroups,
        NamedList(
          schema: nodeGroup, name: \.name, noun: "node group",
          requiredForNew: ["instanceType", "minNodes", "desiredNodes", "maxNodes"],
          makeNew: {
            NodeGroupConfiguration(
              name: $0, instanceType: "", purchase: .onDemand, minNodes: 0, desiredNodes: 0,
              maxNodes: 0, zones: [])
          }, reference: reference.nodeGroups
        ).codec),
      Field(
        "services", \.services,
        NamedList(
          schema: service, name: \.name, noun: "service", requiredForNew: [],
          makeNew: ServiceConfiguration.init(name:), reference: reference.services
        ).codec),
      Field("imagePullsNeedEgress", \.imagePullsNeedEgress, .boolean),
      Field(
        "daemonSets", \.daemonSets,
        NamedList(
          schema: daemonSet, name: \.name, noun: "DaemonSet", requiredForNew: [],
          makeNew: { DaemonSetConfiguration(name: $0) }, reference: reference.daemonSets
        ).codec),
      Field(
        "nodeAutoscaling", \.nodeAutoscaling,
        NodeAutoscalingCodec.codec(instanceTypes: instanceTypes)),
      Field("loadBalancer", \.loadBalancer, loadBalancer.codec),
      Field("database", \.database, database.codec),
      Field("cache", \.cache, cache.codec),
    ])
  }

  static var natGateways: Codec<NATGatewayLayout> {
    .replacing(
      { json, path, d in
        guard
          let m = d.members(
            json, path, allowed: ["layout", "zone"], required: ["layout"],
            what: "an object such as {\"layout\": \"perZone\"}"),
          let layout = m.read("layout", { d.choice($0, $1, ["single", "perZone", "none"]) })
        else { return nil }
        if layout == "single" {
          guard m["zone"] != nil else {
            d.reportMissing(["zone"], at: path, suffix: " for layout \"single\"")
            return nil
          }
          return m.read("zone") { d.string($0, $1) }.map { .single(zone: $0) }
        }
        if m["zone"] != nil {
          d.report(path.appending("zone"), "only layout \"single\" takes a zone")
          return nil
        }
        return layout == "perZone" ? .perZone : NATGatewayLayout.none
      },
      encode: { layout in
        switch layout {
        case .single(let zone): .object([("layout", .string("single")), ("zone", .string(zone))])
        case .perZone: .object([("layout", .string("perZone"))])
        case .none: .object([("layout", .string("none"))])
        }
      })
  }

  static var daemonSet: ObjectSchema<DaemonSetConfiguration> {
    ObjectSchema(fields: [
      Field("name", \.name, .string()),
      Field("cpuRequestMillicores", \.cpuRequestMillicores, .integer(.atLeast(0).atMost(1_000_000))),
      Field("memoryRequestMiB", \.memoryRequestMiB, .memory(.atLeast(0).atMost(mostMiB))),
    ])
  }

  static var nodeGroup: ObjectSchema<NodeGroupConfiguration> {
    ObjectSchema(fields: [
      Field("name", \.name, .string()),
      Field("instanceType", \.instanceType, .string()),
      Field(
        "purchase", \.purchase,
        .replacing(
          { json, path, d in
            d.choice(json, path, PurchaseOption.allCases.map(\.rawValue))
              .flatMap(PurchaseOption.init(rawValue:))
          }, encode: { .string($0.rawValue) })),
      Field("minNodes", \.minNodes, .integer(.atLeast(0).atMost(mostReplicas))),
      Field("desiredNodes", \.desiredNodes, .integer(.atLeast(0).atMost(mostReplicas))),
      Field("maxNodes", \.maxNodes, .integer(.greaterThan(0).atMost(mostReplicas))),
      Field("zones", \.zones, .list(of: .string(), initial: "")),
    ])
  }

  // MARK: - Services

  static var service: ObjectSchema<ServiceConfiguration> {
    ObjectSchema(fields: [
      Field("name", \.name, .string()),
      Field(
        "cpuRequestMillicores", \.cpuRequestMillicores,
        .cpu(.greaterThan(0).atMost(mostMillicores))),
      Field("memoryRequestMiB", \.memoryRequestMiB, .memory(.greaterThan(0).atMost(mostMiB))),
      Field(
        "cpuLimitMillicores", \.cpuLimitMillicores, .cpu(.greaterThan(0).atMost(mostMillicores))),
      Field("memoryLimitMiB", \.memoryLimitMiB, .memory(.greaterThan(0).atMost(mostMiB))),
      Field("replicas", \.replicas, .integer(.atLeast(0).atMost(mostReplicas))),
      Field("minReplicas", \.minReplicas, .integer(.atLeast(0).atMost(mostReplicas))),
      Field("maxReplicas", \.maxReplicas, .integer(.greaterThan(0).atMost(mostReplicas))),
      Field("cpuSecondsPerRequest", \.cpuSecondsPerRequest, .number(.atLeast(0).atMost(3_600))),
      Field("baseLatency", \.baseLatency, .duration(.atLeast(.zero))),
      Field(
        "concurrencyPerPod", \.concurrencyPerPod,
        .integer(.greaterThan(0).atMost(maximumConcurrency))),
      Field(
        "cpuThreads", \.cpuThreads,
        .nullable(.integer(.greaterThan(0).atMost(maximumConcurrency)), initial: { 1 })),
      Field("memoryWorkingSetMiB", \.memoryWorkingSetMiB, .memory(.atLeast(0).atMost(mostMiB))),
      Field("timeout", \.timeout, .duration(.greaterThan(.zero))),
      Field("startupTime", \.startupTime, .duration(.atLeast(.zero))),
      Field("zoneSpread", \.zoneSpread, .boolean),
      Field("readinessProbe", \.readinessProbe, probe.codec),
      Field(
        "egressCallsPerRequest", \.egressCallsPerRequest,
        .number(.atLeast(0).atMost(mostCallsPerRequest))),
      Field("calls", \.calls, .list(readCall, encode: encodeCall)),
      Field("autoscaler", \.autoscaler, AutoscalerCodec.codec),
      Field("disruptionBudget", \.disruptionBudget, NodeAutoscalingCodec.disruptionBudget),
      Field("delivery", \.delivery, ReleaseCodec.delivery),
    ])
  }

  static var probe: ObjectSchema<ProbeConfiguration> {
    ObjectSchema(fields: [
      Field("period", \.period, .duration(.atLeast(shortestPeriod))),
      Field("timeout", \.timeout, .duration(.greaterThan(.zero))),
      Field("failureThreshold", \.failureThreshold, .integer(.greaterThan(0))),
      Field("successThreshold", \.successThreshold, .integer(.greaterThan(0))),
    ])
  }

  static func readCall(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> DependencyCall?
  {
    let keys = ["target", "callsPerRequest"]
    guard let m = d.members(json, path, allowed: keys, required: keys), m.hasAll(keys) else {
      return nil
    }
    let target = m.read("target") { readTarget($0, $1, d) }
    let calls = m.decode(
      "callsPerRequest", .number(.atLeast(0).atMost(mostCallsPerRequest)), initial: 0, d)
    guard let target, let calls else { return nil }
    return DependencyCall(target: target, callsPerRequest: calls)
  }

  static func encodeCall(_ call: DependencyCall) -> JSONValue {
    .object([
      ("target", encodeTarget(call.target)), ("callsPerRequest", .double(call.callsPerRequest)),
    ])
  }

  static func readTarget(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> DependencyTarget?
  {
    switch json {
    case .string("cache"): return .cache
    case .string("database"): return .database
    case .object(let m) where m.count == 1 && m[0].key == "service":
      return d.string(m[0].value, path.appending("service")).map { .service($0) }
    default:
      d.mismatch(path, "\"cache\", \"database\" or {\"service\": \"<name>\"}", json)
      return nil
    }
  }

  static func encodeTarget(_ target: DependencyTarget) -> JSONValue {
    switch target {
    case .service(let name): .object([("service", .string(name))])
    case .cache: .string("cache")
    case .database: .string("database")
    }
  }

  // MARK: - Data stores and load balancer

  static var loadBalancer: ObjectSchema<LoadBalancerConfiguration> {
    ObjectSchema(fields: [
      Field("healthCheckInterval", \.healthCheckInterval, .duration(.atLeast(shortestPeriod))),
      Field("healthCheckTimeout", \.healthCheckTimeout, .duration(.greaterThan(.zero))),
      Field("healthyThreshold", \.healthyThreshold, .integer(.greaterThan(0))),
      Field("unhealthyThreshold", \.unhealthyThreshold, .integer(.greaterThan(0))),
    ])
  }

  static var database: ObjectSchema<DatabaseConfiguration> {
    ObjectSchema(fields: [
      Field("instanceClass", \.instanceClass, .string()),
      Field("multiAZ", \.multiAZ, .boolean),
      Field("primaryZone", \.primaryZone, .string()),
      Field("standbyZone", \.standbyZone, .string()),
      Field("concurrency", \.concurrency, .integer(.greaterThan(0).atMost(maximumConcurrency))),
      Field("queryTime", \.queryTime, .duration(.greaterThan(.zero))),
      Field("connectTimeout", \.connectTimeout, .duration(.atLeast(.zero).atMost(.hours(1)))),
      Field("failoverTime", \.failoverTime, DistributionCodec.codec(nonNegative: true)),
      Field(
        "singleAZRecoveryTime", \.singleAZRecoveryTime, DistributionCodec.codec(nonNegative: true)),
    ])
  }

  static var cache: ObjectSchema<CacheConfiguration> {
    ObjectSchema(fields: [
      Field("enabled", \.enabled, .boolean),
      Field("nodeType", \.nodeType, .string()),
      Field("replicas", \.replicas, .integer(.atLeast(0).atMost(100))),
      Field("automaticFailover", \.automaticFailover, .boolean),
      Field("primaryZone", \.primaryZone, .string()),
      Field("replicaZone", \.replicaZone, .string()),
      Field("hitRatio", \.hitRatio, .number(.between(0, 1))),
      Field("warmUpTime", \.warmUpTime, .duration(.atLeast(.zero))),
      Field("lookupTime", \.lookupTime, .duration(.greaterThan(.zero))),
      Field("concurrency", \.concurrency, .integer(.greaterThan(0).atMost(maximumConcurrency))),
      Field("failoverTime", \.failoverTime, DistributionCodec.codec(nonNegative: true)),
      Field("recoveryTime", \.recoveryTime, DistributionCodec.codec(nonNegative: true)),
    ])
  }

  // MARK: - Traffic

  static var traffic: ObjectSchema<TrafficConfiguration> {
    ObjectSchema(fields: [
      Field(
        "baseRequestsPerSecond", \.baseRequestsPerSecond, .number(.atLeast(0).atMost(highestRate))),
      Field("peakToTroughRatio", \.peakToTroughRatio, .number(.atLeast(1).atMost(largestFactor))),
      Field("peakHour", \.peakHour, .number(.atLeastAndBelow(0, 24))),
      Field("weekendFactor", \.weekendFactor, .number(.atLeast(0).atMost(largestFactor))),
      Field("spikes", \.spikes, .list(readSpike, encode: encodeSpike)),
      Field("trace", \.trace, TrafficTraceCodec.codec),
      Field("routes", \.routes, .list(readRoute, encode: encodeRoute)),
    ])
  }

  static func readSpike(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder) -> TrafficSpike?
  {
    let required = ["at", "duration", "multiplier"]
    guard let m = d.members(json, path, allowed: required + ["rampUp"], required: required),
      m.hasAll(required)
    else { return nil }
    let at = m.decode("at", .duration(.atLeast(.zero)), initial: .zero, d)
    let duration = m.decode("duration", .duration(.greaterThan(.zero)), initial: .zero, d)
    let multiplier = m.decode(
      "multiplier", .number(.greaterThan(0).atMost(largestFactor)), initial: 1, d)
    let rampUp =
      m["rampUp"] == nil ? .zero : m.decode("rampUp", .duration(.atLeast(.zero)), initial: .zero, d)
    guard let at, let duration, let multiplier, let rampUp else { return nil }
    return TrafficSpike(at: at, duration: duration, multiplier: multiplier, rampUp: rampUp)
  }

  static func encodeSpike(_ spike: TrafficSpike) -> JSONValue {
    .object([
      ("at", .string(spike.at.description)), ("duration", .string(spike.duration.description)),
      ("multiplier", .double(spike.multiplier)), ("rampUp", .string(spike.rampUp.description)),
    ])
  }

  static func readRoute(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder) -> TrafficRoute?
  {
    let keys = ["service", "share"]
    guard let m = d.members(json, path, allowed: keys, required: keys), m.hasAll(keys) else {
      return nil
    }
    let service = m.read("service") { d.string($0, $1) }
    let share = m.decode("share", .number(.between(0, 1)), initial: 0, d)
    guard let service, let share else { return nil }
    return TrafficRoute(service: service, share: share)
  }

  static func encodeRoute(_ route: TrafficRoute) -> JSONValue {
    .object([("service", .string(route.service)), ("share", .double(route.share))])
  }

  // MARK: - Objectives and alerting

  static var objectives: ObjectSchema<ServiceLevelObjectives> {
    ObjectSchema(fields: [
      Field("availability", \.availability, .number(.strictlyBetween(0, 1))),
      Field("latencyP95", \.latencyP95, .duration(.greaterThan(.zero))),
      Field("window", \.window, .duration(.greaterThan(.zero))),
    ])
  }

  static func alerting(reference: AlertingConfiguration) -> ObjectSchema<AlertingConfiguration> {
    ObjectSchema(fields: [
      Field("evaluationInterval", \.evaluationInterval, .duration(.atLeast(shortestPeriod))),
      Field(
        "rules", \.rules,
        NamedList(
          schema: alertRule, name: \.name, noun: "alert rule",
          requiredForNew: ["severity", "condition"],
          makeNew: { AlertRule(name: $0, severity: 1, condition: .noReadyPods(for: .zero)) },
          reference: reference.rules
        ).codec),
      Field(
        "responseTimes", \.responseTimes, .list(of: .duration(.atLeast(.zero)), initial: .zero)),
      Field("mitigationTime", \.mitigationTime, .duration(.atLeast(.zero))),
    ])
  }

  static var alertRule: ObjectSchema<AlertRule> {
    ObjectSchema(fields: [
      Field("name", \.name, .string()),
      Field("severity", \.severity, .integer(.between(1, 4))),
      Field("condition", \.condition, .replacing(readCondition, encode: encodeCondition)),
    ])
  }

  /// The alert conditions and their parameters.
  static let conditions: [(name: String, parameters: [String])] = [
    ("errorRateAbove", ["threshold", "for"]),
    ("burnRate", ["factor", "longWindow", "shortWindow"]),
    ("latencyP95Above", ["threshold", "for"]), ("noReadyPods", ["for"]),
  ]

  static func readCondition(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> AlertCondition?
  {
    let names = conditions.map(\.name)
    guard case .object(let members) = json, members.count == 1 else {
      d.mismatch(
        path,
        "an object with one key naming the condition: \(ScenarioDecoder.list(names, conjunction: "or"))",
        json)
      return nil
    }
    let (name, body) = members[0]
    guard let parameters = conditions.first(where: { $0.name == name })?.parameters else {
      d.reportUnknownKey(name, at: path, allowed: names)
      return nil
    }
    let p = path.appending(name)
    guard let m = d.members(body, p, allowed: parameters, required: parameters),
      m.hasAll(parameters)
    else { return nil }
    let positive = Codec<SimDuration>.duration(.greaterThan(.zero))
    let nonNegative = Codec<SimDuration>.duration(.atLeast(.zero))
    switch name {
    case "errorRateAbove":
      let threshold = m.decode("threshold", .number(.between(0, 1)), initial: 0, d)
      let duration = m.decode("for", nonNegative, initial: .zero, d)
      guard let threshold, let duration else { return nil }
      return .errorRateAbove(threshold, for: duration)
    case "burnRate":
      let factor = m.decode("factor", .number(.greaterThan(0)), initial: 1, d)
      let long = m.decode("longWindow", positive, initial: .zero, d)
      let short = m.decode("shortWindow", positive, initial: .zero, d)
      guard let factor, let long, let short else { return nil }
      return .burnRate(factor: factor, longWindow: long, shortWindow: short)
    case "latencyP95Above":
      let threshold = m.decode("threshold", positive, initial: .zero, d)
      let duration = m.decode("for", nonNegative, initial: .zero, d)
      guard let threshold, let duration else { return nil }
      return .latencyP95Above(threshold, for: duration)
    default:
      return m.decode("for", nonNegative, initial: .zero, d).map { .noReadyPods(for: $0) }
    }
  }

  static func encodeCondition(_ condition: AlertCondition) -> JSONValue {
    func wrap(_ name: String, _ members: [(key: String, value: JSONValue)]) -> JSONValue {
      .object([(name, .object(members))])
    }
    switch condition {
    case .errorRateAbove(let threshold, let duration):
      return wrap(
        "errorRateAbove",
        [("threshold", .double(threshold)), ("for", .string(duration.description))])
    case .burnRate(let factor, let long, let short):
      return wrap(
        "burnRate",
        [
          ("factor", .double(factor)), ("longWindow", .string(long.description)),
          ("shortWindow", .string(short.description)),
        ])
    case .latencyP95Above(let threshold, let duration):
      return wrap(
        "latencyP95Above",
        [("threshold", .string(threshold.description)), ("for", .string(duration.description))])
    case .noReadyPods(let duration):
      return wrap("noReadyPods", [("for", .string(duration.description))])
    }
  }

  // MARK: - Prices

  static func prices(reference: PriceTable) -> ObjectSchema<PriceTable> {
    // Prices at most $10^6 (an hour, a GB) and the region multiplier at most 1000, so costs
    // over a century of a large fleet stay finite; vcpu at most 100,000 and memory at most
    // 2^30 MiB (1 PiB) per instance, so capacities in millicores and MiB stay inside Int
    // (vcpu near 2^63 overflowed Karpenter's millicores).
    let price = Codec<Double>.number(.atLeast(0).atMost(1e6))
    let perHour = ObjectSchema<NamedHourlyPrice>(fields: [
      Field("name", \.name, .string()),
      Field("perHour", \.perHour, price),
    ])
    let instance = ObjectSchema<InstanceTypePrice>(fields: [
      Field("name", \.name, .string()),
      Field("vcpu", \.vcpu, .integer(.greaterThan(0).atMost(100_000))),
      Field("memoryMiB", \.memoryMiB, .memory(.greaterThan(0).atMost(mostMiB))),
      Field("onDemandPerHour", \.onDemandPerHour, price),
      Field("maxPods", \.maxPods, .integer(.greaterThan(0).atMost(100_000))),
    ])
    func named(_ noun: String, _ reference: [NamedHourlyPrice]) -> Codec<[NamedHourlyPrice]> {
      NamedList(
        schema: perHour, name: \.name, noun: noun, requiredForNew: ["perHour"],
        makeNew: { NamedHourlyPrice(name: $0, perHour: 0) }, reference: reference
      ).codec
    }
    return ObjectSchema(fields: [
      Field("date", \.date, .string()),
      Field("source", \.source, .string(allowEmpty: true)),
      Field("regionMultiplier", \.regionMultiplier, .number(.greaterThan(0).atMost(1_000))),
      Field("eksControlPlanePerHour", \.eksControlPlanePerHour, price),
      Field(
        "instances", \.instances,
        NamedList(
          schema: instance, name: \.name, noun: "instance type",
          requiredForNew: ["vcpu", "memoryMiB", "onDemandPerHour"],
          makeNew: { InstanceTypePrice(name: $0, vcpu: 1, memoryMiB: 1, onDemandPerHour: 0) },
          reference: reference.instances
        ).codec),
      Field("spotShareOfOnDemand", \.spotShareOfOnDemand, .number(.between(0, 1))),
      Field(
        "databaseInstances", \.databaseInstances,
        named("database instance class", reference.databaseInstances)),
      Field("cacheNodes", \.cacheNodes, named("cache node type", reference.cacheNodes)),
      Field("loadBalancerPerHour", \.loadBalancerPerHour, price),
      Field("loadBalancerPerLCUHour", \.loadBalancerPerLCUHour, price),
      Field("natGatewayPerHour", \.natGatewayPerHour, price),
      Field("natGatewayPerGB", \.natGatewayPerGB, price),
      Field("interZonePerGB", \.interZonePerGB, price),
    ])
  }
}
