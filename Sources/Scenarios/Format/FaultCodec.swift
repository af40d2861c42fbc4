import PlatformModel
import SimKernel

/// Faults in scenario files: `{"kind": ..., <the kind's keys>, <timing>}`.
///
/// Timing is either `"at"` and `"duration"` (once) or `"timeBetweenFailures"` and
/// `"repairTime"` (distributions, repeatedly). For example
/// `{"kind": "zoneOutage", "zone": "eu-central-1a", "at": "2h", "duration": "1h"}`.
enum FaultCodec {
  /// The kinds and the keys each needs.
  static let kinds: [(name: String, keys: [String])] = [
    ("podCrash", ["service"]), ("nodeFailure", ["nodeGroup"]), ("zoneOutage", ["zone"]),
    ("databaseFailure", []), ("cacheFailure", []), ("natGatewayFailure", ["zone"]),
    ("dependencyLatency", ["target", "added"]), ("trafficSpike", ["multiplier"]),
  ]

  /// The timing keys.
  static let timingKeys = ["at", "duration", "timeBetweenFailures", "repairTime"]

  static func read(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> FaultConfiguration?
  {
    guard case .object = json else {
      d.mismatch(path, "an object", json)
      return nil
    }
    guard let kindJSON = json["kind"] else {
      d.reportMissing(["kind"], at: path)
      return nil
    }
    guard let kind = d.choice(kindJSON, path.appending("kind"), kinds.map(\.name)),
      let keys = kinds.first(where: { $0.name == kind })?.keys,
      let m = d.members(json, path, allowed: ["kind"] + keys + timingKeys, required: keys)
    else { return nil }

    let timing = readTiming(m, path, d)
    let string = { (key: String) in m.read(key) { d.string($0, $1) } }
    let faultKind: FaultKind? =
      switch kind {
      case "podCrash": string("service").map { .podCrash(service: $0) }
      case "nodeFailure": string("nodeGroup").map { .nodeFailure(nodeGroup: $0) }
      case "zoneOutage": string("zone").map { .zoneOutage(zone: $0) }
      case "databaseFailure": .databaseFailure
      case "cacheFailure": .cacheFailure
      case "natGatewayFailure": string("zone").map { .natGatewayFailure(zone: $0) }
      case "dependencyLatency":
        zip2(
          m.read("target") { ScenarioSchema.readTarget($0, $1, d) },
          m.decode("added", .duration(.greaterThan(.zero)), initial: .zero, d)
        ).map { .dependencyLatency(target: $0, added: $1) }
      default:
        m.decode(
          "multiplier", .number(.greaterThan(0).atMost(ScenarioSchema.largestFactor)), initial: 1, d
        ).map {
          .trafficSpike(multiplier: $0)
        }
      }
    guard m.hasAll(keys), let faultKind, let timing else { return nil }
    return FaultConfiguration(kind: faultKind, timing: timing)
  }

  private static func readTiming(_ m: Members, _ path: JSONPath, _ d: ScenarioDecoder)
    -> FaultTiming?
  {
    let scheduled = ["at", "duration"]
    let stochastic = ["timeBetweenFailures", "repairTime"]
    let hasScheduled = scheduled.contains { m[$0] != nil }
    let hasStochastic = stochastic.contains { m[$0] != nil }
    switch (hasScheduled, hasStochastic) {
    case (true, true):
      d.report(
        path,
        "expected either \"at\" and \"duration\" or \"timeBetweenFailures\" and \"repairTime\", not both"
      )
      return nil
    case (false, false):
      d.report(
        path,
        "missing the timing: expected \"at\" and \"duration\", or \"timeBetweenFailures\" and \"repairTime\""
      )
      return nil
    case (true, false):
      let missing = scheduled.filter { m[$0] == nil }
      if !missing.isEmpty { d.reportMissing(missing, at: path) }
      let at = m.decode("at", .duration(.atLeast(.zero)), initial: .zero, d)
      let duration = m.decode("duration", .duration(.greaterThan(.zero)), initial: .zero, d)
      guard let at, let duration else { return nil }
      return .scheduled(at: at, duration: duration)
    case (false, true):
      let missing = stochastic.filter { m[$0] == nil }
      if !missing.isEmpty { d.reportMissing(missing, at: path) }
      let codec = DistributionCodec.codec(nonNegative: true)
      let between = m.read("timeBetweenFailures") { codec.read(onto: placeholder, $0, $1, d) }
      let repair = m.read("repairTime") { codec.read(onto: placeholder, $0, $1, d) }
      guard let between, let repair else { return nil }
      // Each failure is an event or more: a mean gap of a microsecond made a one-hour run
      // handle billions of them (a fuzz hang). One second bounds a run to about
      // horizon / 1 s failures of this fault (3,600 an hour).
      guard between.mean >= shortestMeanGap else {
        d.report(
          path.appending("timeBetweenFailures"),
          "must have a mean of at least \(Show.number(shortestMeanGap)) s, so a run has at most "
            + "one failure a second on average (got a mean of \(Show.number(between.mean)) s)")
        return nil
      }
      return .stochastic(timeBetweenFailures: between, repairTime: repair)
    }
  }

  /// The shortest mean time between failures of a recurring fault, in seconds.
  static let shortestMeanGap = 1.0

  /// A starting value for replacing reads (never kept).
  private static var placeholder: Distribution { DatabaseConfiguration.awsMultiAZFailover }

  static func encode(_ fault: FaultConfiguration) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    switch fault.kind {
    case .podCrash(let service):
      members = [("kind", .string("podCrash")), ("service", .string(service))]
    case .nodeFailure(let group):
      members = [("kind", .string("nodeFailure")), ("nodeGroup", .string(group))]
    case .zoneOutage(let zone):
      members = [("kind", .string("zoneOutage")), ("zone", .string(zone))]
    case .databaseFailure: members = [("kind", .string("databaseFailure"))]
    case .cacheFailure: members = [("kind", .string("cacheFailure"))]
    case .natGatewayFailure(let zone):
      members = [("kind", .string("natGatewayFailure")), ("zone", .string(zone))]
    case .dependencyLatency(let target, let added):
      members = [
        ("kind", .string("dependencyLatency")), ("target", ScenarioSchema.encodeTarget(target)),
        ("added", .string(added.description)),
      ]
    case .trafficSpike(let multiplier):
      members = [("kind", .string("trafficSpike")), ("multiplier", .double(multiplier))]
    }
    switch fault.timing {
    case .scheduled(let at, let duration):
      members += [("at", .string(at.description)), ("duration", .string(duration.description))]
    case .stochastic(let between, let repair):
      members += [
        ("timeBetweenFailures", DistributionCodec.encode(between)),
        ("repairTime", DistributionCodec.encode(repair)),
      ]
    }
    return .object(members)
  }
}

/// Both values, or `nil` if either is missing.
func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}
