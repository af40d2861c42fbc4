import PlatformModel
import SimKernel

/// Cross-field checks on a decoded scenario: names that must refer to something, ranges that
/// depend on other fields, shares that must sum to 1, calls without cycles.
///
/// Single-field ranges are checked while decoding; these checks need the whole scenario.
/// Issues name the path where the file wrote the entry (for lists merged by name) or the
/// entry's index in the resolved list (for entries the file did not mention).
///
/// Besides errors (``issues``) it collects ``warnings``: settings the run will follow as
/// written but that are probably not meant. The work limits are checked in
/// ScenarioValidator+Limits.swift.
struct ScenarioValidator {
  /// The scenario to check.
  let scenario: PlatformScenario
  /// The file name used in issues.
  let file: String
  /// Where the file wrote named entries (see ``ScenarioDecoder/entryPaths``).
  let entryPaths: [String: [String: JSONPath]]
  /// The problems found.
  private(set) var issues: [ScenarioIssue] = []
  /// The warnings found (severity ``ScenarioIssue/Severity/warning``).
  private(set) var warnings: [ScenarioIssue] = []

  init(scenario: PlatformScenario, file: String, entryPaths: [String: [String: JSONPath]] = [:]) {
    self.scenario = scenario
    self.file = file
    self.entryPaths = entryPaths
  }

  /// Runs every check.
  mutating func validate() {
    checkName()
    checkTimes()
    checkZonesAndEgress()
    checkNodeGroups()
    checkServices()
    checkReleases()
    checkRoutesAndReachability()
    checkDataStores()
    checkTraffic()
    checkFaults()
    checkAlerting()
    checkLimits()
  }

  // MARK: - Helpers

  mutating func report(_ path: JSONPath, _ message: String) {
    issues.append(ScenarioIssue(file: file, path: path.description, message: message))
  }

  /// Records a warning at `path`.
  mutating func warn(_ path: JSONPath, _ message: String) {
    warnings.append(
      ScenarioIssue(file: file, path: path.description, message: message, severity: .warning))
  }

  static func path(_ text: String) -> JSONPath {
    JSONPath(text.split(separator: ".").map { .key(String($0)) })
  }

  /// Where the entry `name` of the list at `list` is, in the file or in the resolved list.
  func entry(_ list: String, _ name: String, index: Int) -> JSONPath {
    entryPaths[list]?[name] ?? Self.path(list).appending(index)
  }

  static func q(_ text: String) -> String { ScenarioDecoder.quote(text) }

  /// Reports `name` unless it is one of `known`: `unknown service "x" (did you mean "y"?)` or
  /// `unknown zone "x" (expected "a", "b" or "c")`.
  ///
  /// Zones get no suggestion: their names differ by one letter, so the closest one is no
  /// better a guess than any other.
  private mutating func requireKnown(
    _ name: String, _ known: [String], _ noun: String, at path: JSONPath
  ) {
    guard !known.contains(name) else { return }
    if noun != "zone", let close = Suggestion.closest(to: name, among: known) {
      report(path, "unknown \(noun) \(Self.q(name)) (did you mean \(Self.q(close))?)")
    } else if known.isEmpty {
      report(path, "unknown \(noun) \(Self.q(name)) (there are none)")
    } else {
      report(
        path,
        "unknown \(noun) \(Self.q(name)) (expected \(ScenarioDecoder.list(known.sorted(), conjunction: "or")))"
      )
    }
  }

  private var zones: [String] { scenario.platform.zones }
  private var serviceNames: [String] { scenario.platform.services.map(\.name) }

  // MARK: - Checks

  /// The longest scenario name: the report folder's name, with a shard suffix such as
  /// `-shard-12-of-16`, must fit the 255-byte limit on a file name.
  static let maximumNameLength = 200

  /// The name is one safe path segment, since it names the report folder `reports/<name>`.
  private mutating func checkName() {
    let name = scenario.name
    let safe = name.unicodeScalars.allSatisfy { c in
      c.isASCII
        && (c.properties.isAlphabetic || ("0"..."9").contains(c)
          || "-_.".unicodeScalars.contains(c))
    }
    let rule = "letters, digits, \"-\", \"_\" and \".\", not \".\" or \"..\""
    if name.isEmpty || !safe || name == "." || name == ".." {
      report(
        Self.path("name"),
        "must be one safe path segment of \(rule), since it names the report folder "
          + "reports/<name> (got \(Self.q(name)))")
    } else if name.utf8.count > Self.maximumNameLength {
      report(
        Self.path("name"),
        "must be at most \(Self.maximumNameLength) characters, since it names the report folder "
          + "(got \(name.utf8.count))")
    }
  }

  private mutating func checkTimes() {
    if scenario.horizon < scenario.reportingInterval {
      report(
        Self.path("horizon"),
        "must be at least reportingInterval \(Show.duration(scenario.reportingInterval)) "
          + "(got \(Show.duration(scenario.horizon)))")
    }
  }

  /// Whether `zone` names an availability zone of `region`: the region's name followed by a
  /// letter (`eu-central-1a`), or by `-` and more (a Local Zone such as `us-east-1-bos-1a`).
  static func isZone(_ zone: String, of region: String) -> Bool {
    guard zone.hasPrefix(region), let next = zone.dropFirst(region.count).unicodeScalars.first
    else { return false }
    return next == "-" || ("a"..."z").contains(next)
  }

  private mutating func checkZonesAndEgress() {
    var seen: Set<String> = []
    let region = scenario.platform.region
    for (i, zone) in zones.enumerated() {
      let p = Self.path("platform.zones").appending(i)
      if !seen.insert(zone).inserted {
        report(p, "duplicate zone \(Self.q(zone))")
      } else if !Self.isZone(zone, of: region) {
        report(
          p,
          "zone \(Self.q(zone)) is not in platform.region \(Self.q(region)): a zone's name is its "
            + "region's followed by a letter, such as \(Self.q(region + "a"))")
      }
    }
    if case .single(let zone) = scenario.platform.natGateways {
      requireKnown(zone, zones, "zone", at: Self.path("platform.natGateways.zone"))
    }
  }

  private mutating func checkNodeGroups() {
    let groups = scenario.platform.nodeGroups
    if groups.isEmpty {
      report(Self.path("platform.nodeGroups"), "must have at least one node group")
    }
    let instanceTypes = scenario.prices.instances.map(\.name)
    for (i, group) in groups.enumerated() {
      let p = entry("platform.nodeGroups", group.name, index: i)
      requireKnown(
        group.instanceType, instanceTypes, "instance type", at: p.appending("instanceType"))
      if group.maxNodes < group.minNodes {
        report(
          p.appending("maxNodes"),
          "must be at least minNodes \(group.minNodes) (got \(group.maxNodes))")
      } else if !(group.minNodes...group.maxNodes).contains(group.desiredNodes) {
        report(
          p.appending("desiredNodes"),
          "must be between minNodes \(group.minNodes) and maxNodes \(group.maxNodes) "
            + "(got \(group.desiredNodes))")
      }
      for (j, zone) in group.zones.enumerated() {
        requireKnown(zone, zones, "zone", at: p.appending("zones").appending(j))
      }
      let daemonSets = scenario.platform.daemonSets.count
      if let type = scenario.prices.instances.first(where: { $0.name == group.instanceType }),
        type.maxPods <= daemonSets
      {
        report(
          p.appending("instanceType"),
          "\(Self.q(type.name)) runs at most \(type.maxPods) pods, which the \(daemonSets) "
            + "DaemonSet pods of platform.daemonSets fill: no service pod could run on it")
      }
    }
    if let autoscaling = scenario.platform.nodeAutoscaling {
      let p = Self.path("platform.nodeAutoscaling")
      for (j, type) in autoscaling.instanceTypes.enumerated() {
        requireKnown(type, instanceTypes, "instance type", at: p.appending("instanceTypes").appending(j))
      }
      if autoscaling.mode == .karpenter && autoscaling.instanceTypes.isEmpty {
        report(p.appending("instanceTypes"), "must name at least one instance type for karpenter")
      }
    }
  }

  /// Releases name existing services; analysis steps name templates the service defines.
  private mutating func checkReleases() {
    let names = scenario.platform.services.map(\.name)
    let releases = scenario.releases
    for (i, release) in releases.scheduled.enumerated() {
      requireKnown(release.service, names, "service", at: Self.path("releases.scheduled").appending(i).appending("service"))
    }
    for (i, promotion) in releases.promotions.enumerated() {
      requireKnown(promotion.service, names, "service", at: Self.path("releases.promotions").appending(i).appending("service"))
    }
    for (i, name) in (releases.stream?.services ?? []).enumerated() {
      requireKnown(name, names, "service", at: Self.path("releases.stream.services").appending(i))
    }
    for (i, service) in scenario.platform.services.enumerated() {
      let p = entry("platform.services", service.name, index: i).appending("delivery")
      let templates = service.delivery.analysisTemplates.map(\.name)
      var used: [RolloutAnalysis] = []
      switch service.delivery.strategy {
      case .canary(let canary):
        used += canary.steps.compactMap { if case .analysis(let a) = $0 { return a } else { return nil } }
        if let background = canary.backgroundAnalysis { used.append(background.analysis) }
      case .blueGreen(let blueGreen):
        used += [blueGreen.prePromotionAnalysis, blueGreen.postPromotionAnalysis].compactMap { $0 }
      case .rolling: break
      }
      for name in used.flatMap(\.templateNames) {
        requireKnown(name, templates, "analysis template", at: p.appending("analysisTemplates"))
      }
    }
  }

  private mutating func checkServices() {
    let services = scenario.platform.services
    if services.isEmpty {
      report(Self.path("platform.services"), "must have at least one service")
    }
    for (i, service) in services.enumerated() {
      let p = entry("platform.services", service.name, index: i)
      if let autoscaler = service.autoscaler {
        checkAutoscaler(autoscaler, of: service, at: p)
      } else if service.maxReplicas < service.minReplicas {
        report(
          p.appending("maxReplicas"),
          "must be at least minReplicas \(service.minReplicas) (got \(service.maxReplicas))")
      } else if !(service.minReplicas...service.maxReplicas).contains(service.replicas) {
        report(
          p.appending("replicas"),
          "must be between minReplicas \(service.minReplicas) and maxReplicas "
            + "\(service.maxReplicas) (got \(service.replicas))")
      }
      if service.cpuLimitMillicores < service.cpuRequestMillicores {
        report(
          p.appending("cpuLimitMillicores"),
          "must be at least cpuRequestMillicores \(Show.cpu(service.cpuRequestMillicores)) "
            + "(got \(Show.cpu(service.cpuLimitMillicores)))")
      }
      if service.memoryLimitMiB < service.memoryRequestMiB {
        report(
          p.appending("memoryLimitMiB"),
          "must be at least memoryRequestMiB \(Show.memory(service.memoryRequestMiB)) "
            + "(got \(Show.memory(service.memoryLimitMiB)))")
      }
      if service.memoryLimitMiB >= service.memoryRequestMiB {
        checkMemoryModel(of: service, at: p)
      }
      for (j, call) in service.calls.enumerated() {
        let target = p.appending("calls").appending(j).appending("target")
        switch call.target {
        case .service(let name):
          requireKnown(name, serviceNames, "service", at: target.appending("service"))
        case .cache where !scenario.platform.cache.enabled:
          report(target, "calls the cache, but platform.cache.enabled is false")
        default: break
        }
      }
    }
    checkCallCycles()
  }

  /// The working set against the limit (an error: every pod would be OOM-killed) and the
  /// request (a warning: the pods use more than they ask for).
  private mutating func checkMemoryModel(of service: ServiceConfiguration, at p: JSONPath) {
    let workingSet = service.memoryWorkingSetMiB
    if workingSet >= service.memoryLimitMiB {
      report(
        p.appending("memoryWorkingSetMiB"),
        "must be less than memoryLimitMiB \(Show.memory(service.memoryLimitMiB)) "
          + "(got \(Show.memory(workingSet))): a pod's memory is its working set plus what its "
          + "requests in flight hold, so every pod would be OOM-killed as soon as it serves")
    } else if service.memoryRequestMiB < workingSet {
      warn(
        p.appending("memoryRequestMiB"),
        "\(Show.memory(service.memoryRequestMiB)) is below memoryWorkingSetMiB "
          + "\(Show.memory(workingSet)): every pod uses more memory than it requests, so nodes are "
          + "packed with less memory than the pods use and a memory-utilization autoscaler sees "
          + "each pod above 100 % of its request")
    }
  }

  /// The autoscaler's bounds (and the service's `replicas` within them), its metrics and its
  /// policies. With an autoscaler the service's own `minReplicas` and `maxReplicas` are not
  /// used, so they are not checked.
  private mutating func checkAutoscaler(
    _ autoscaler: HorizontalPodAutoscalerSpec, of service: ServiceConfiguration,
    at p: JSONPath
  ) {
    let a = p.appending("autoscaler")
    let (low, high) = (autoscaler.minReplicas, autoscaler.maxReplicas)
    if high < low {
      report(a.appending("maxReplicas"), "must be at least minReplicas \(low) (got \(high))")
    } else if !(low...high).contains(service.replicas) {
      report(
        p.appending("replicas"),
        "must be between autoscaler.minReplicas \(low) and autoscaler.maxReplicas \(high) "
          + "(got \(service.replicas))")
    }
    let metrics = a.appending("metrics")
    if autoscaler.metrics.isEmpty {
      report(metrics, "must have at least one metric")
    }
    var seen: [HPAResourceName: Int] = [:]
    for (j, metric) in autoscaler.metrics.enumerated() {
      if let first = seen[metric.resource] {
        report(
          metrics.appending(j).appending("resource"),
          "duplicate resource \(Self.q(metric.resource.rawValue)) (also at \(metrics.appending(first)))"
        )
      } else {
        seen[metric.resource] = j
      }
    }
    if let behavior = autoscaler.behavior {
      for (key, rules) in [("scaleUp", behavior.scaleUp), ("scaleDown", behavior.scaleDown)]
      where rules.policies.isEmpty {
        report(
          a.appending("behavior").appending(key).appending("policies"),
          "must have at least one policy")
      }
    }
  }

  /// Reports each call that closes a cycle, with the cycle: `a -> b -> a`.
  private mutating func checkCallCycles() {
    let services = scenario.platform.services
    let index = Dictionary(
      services.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    var state = [UInt8](repeating: 0, count: services.count)  // 0 new, 1 on stack, 2 done
    var stack: [Int] = []
    func visit(_ u: Int, _ validator: inout ScenarioValidator) {
      state[u] = 1
      stack.append(u)
      for (j, call) in services[u].calls.enumerated() {
        guard case .service(let name) = call.target, let v = index[name] else { continue }
        if state[v] == 1, let start = stack.firstIndex(of: v) {
          let cycle = (stack[start...] + [v]).map { services[$0].name }.joined(separator: " -> ")
          let p = validator.entry("platform.services", services[u].name, index: u)
          validator.report(
            p.appending("calls").appending(j).appending("target"), "calls form a cycle: \(cycle)")
        } else if state[v] == 0 {
          visit(v, &validator)
        }
      }
      stack.removeLast()
      state[u] = 2
    }
    for u in services.indices where state[u] == 0 { visit(u, &self) }
  }

  private mutating func checkRoutesAndReachability() {
    let routes = scenario.traffic.routes
    let p = Self.path("traffic.routes")
    if routes.isEmpty {
      report(p, "must have at least one route")
      return
    }
    var seen: [String: Int] = [:]
    for (i, route) in routes.enumerated() {
      requireKnown(route.service, serviceNames, "service", at: p.appending(i).appending("service"))
      if let first = seen[route.service] {
        report(
          p.appending(i).appending("service"),
          "duplicate route to \(Self.q(route.service)) (also at \(p.appending(first)))")
      }
      seen[route.service] = seen[route.service] ?? i
    }
    let sum = routes.reduce(0) { $0 + $1.share }
    if abs(sum - 1) > 1e-9 {
      report(p, "shares must sum to 1 (got \(Show.number(sum)))")
    }
    // Every service must receive traffic from a route, directly or through calls.
    let services = scenario.platform.services
    var reached = Set(routes.map(\.service))
    var frontier = Array(reached)
    while let name = frontier.popLast() {
      for service in services where service.name == name {
        for call in service.calls {
          if case .service(let next) = call.target, reached.insert(next).inserted {
            frontier.append(next)
          }
        }
      }
    }
    for (i, service) in services.enumerated() where !reached.contains(service.name) {
      report(
        entry("platform.services", service.name, index: i),
        "service \(Self.q(service.name)) receives no traffic: no route or call leads to it")
    }
  }

  private mutating func checkDataStores() {
    let database = scenario.platform.database
    let db = Self.path("platform.database")
    requireKnown(
      database.instanceClass, scenario.prices.databaseInstances.map(\.name),
      "database instance class", at: db.appending("instanceClass"))
    requireKnown(database.primaryZone, zones, "zone", at: db.appending("primaryZone"))
    if database.multiAZ {
      requireKnown(database.standbyZone, zones, "zone", at: db.appending("standbyZone"))
      if database.standbyZone == database.primaryZone {
        report(
          db.appending("standbyZone"),
          "must differ from primaryZone \(Self.q(database.primaryZone)) in a Multi-AZ database")
      }
    }
    let cache = scenario.platform.cache
    guard cache.enabled else { return }
    let c = Self.path("platform.cache")
    requireKnown(
      cache.nodeType, scenario.prices.cacheNodes.map(\.name), "cache node type",
      at: c.appending("nodeType"))
    requireKnown(cache.primaryZone, zones, "zone", at: c.appending("primaryZone"))
    if cache.replicas > 0 {
      requireKnown(cache.replicaZone, zones, "zone", at: c.appending("replicaZone"))
    }
  }

  private mutating func checkTraffic() {
    if let trace = scenario.traffic.trace, let last = trace.requestsPerSecond.last {
      let covered = Double(trace.interval.microseconds) * Double(trace.requestsPerSecond.count)
      if covered < Double(scenario.horizon.microseconds) {
        let length = SimDuration(microseconds: Int64(covered))
        warn(
          Self.path("traffic.trace"),
          "covers \(Show.duration(length)) (\(trace.requestsPerSecond.count) rates every "
            + "\(Show.duration(trace.interval))) but the horizon is "
            + "\(Show.duration(scenario.horizon)): "
            + "its last rate, \(Show.number(last)) requests/s, holds for the remaining "
            + "\(Show.duration(scenario.horizon - length))")
      }
    }
    for (i, spike) in scenario.traffic.spikes.enumerated()
    where spike.rampUp.microseconds > spike.duration.microseconds / 2 {  // 2·rampUp may overflow
      report(
        Self.path("traffic.spikes").appending(i).appending("rampUp"),
        "must be at most half the duration \(Show.duration(spike.duration)) "
          + "(got \(Show.duration(spike.rampUp)))")
    }
  }

  private mutating func checkFaults() {
    let platform = scenario.platform
    for (i, fault) in scenario.faults.enumerated() {
      let p = Self.path("faults").appending(i)
      switch fault.kind {
      case .podCrash(let service):
        requireKnown(service, serviceNames, "service", at: p.appending("service"))
      case .nodeFailure(let group):
        requireKnown(
          group, platform.nodeGroups.map(\.name), "node group", at: p.appending("nodeGroup"))
      case .zoneOutage(let zone):
        requireKnown(zone, zones, "zone", at: p.appending("zone"))
      case .natGatewayFailure(let zone):
        switch platform.natGateways {
        case .none:
          report(
            p.appending("kind"),
            "the platform has no NAT gateway (platform.natGateways.layout is \"none\")")
        case .single(let only) where zone != only && zones.contains(zone):
          report(
            p.appending("zone"),
            "no NAT gateway in zone \(Self.q(zone)) (the only one is in \(Self.q(only)))")
        default:
          requireKnown(zone, zones, "zone", at: p.appending("zone"))
        }
      case .cacheFailure where !platform.cache.enabled:
        report(p.appending("kind"), "the cache is disabled (platform.cache.enabled is false)")
      case .dependencyLatency(.service(let name), _):
        requireKnown(name, serviceNames, "service", at: p.appending("target").appending("service"))
      default: break
      }
      if case .scheduled(let at, _) = fault.timing, at >= scenario.horizon {
        report(
          p.appending("at"),
          "must be before the horizon \(Show.duration(scenario.horizon)) (got \(Show.duration(at)))"
        )
      }
    }
  }

  private mutating func checkAlerting() {
    let alerting = scenario.alerting
    if alerting.responseTimes.count != 4 {
      report(
        Self.path("alerting.responseTimes"),
        "must have 4 entries, one per severity 1 to 4 (got \(alerting.responseTimes.count))")
    }
    for (i, rule) in alerting.rules.enumerated() {
      guard case .burnRate(_, let long, let short) = rule.condition, short >= long else { continue }
      report(
        entry("alerting.rules", rule.name, index: i).appending("condition").appending("burnRate")
          .appending("shortWindow"),
        "must be shorter than longWindow \(Show.duration(long)) (got \(Show.duration(short)))")
    }
  }
}
