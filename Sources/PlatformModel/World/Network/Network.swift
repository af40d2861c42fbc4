/// The VPC's availability zones and NAT gateways: which zones are up and which gateways still
/// route the private subnets' egress.
///
/// Faults change it through its four mutating calls; the flow, the reports and the stores'
/// failover read it. A zone outage takes the zone's gateway down with it; a gateway repaired
/// while its zone is down stays down until the zone is back.
struct Network: Sendable {
  /// Per zone: whether the zone is up.
  private(set) var zoneUp: [Bool]
  /// Per zone: whether the NAT gateway there (if the layout has one) is up.
  private(set) var natUp: [Bool]
  /// How the private subnets reach the internet.
  let layout: NATGatewayLayout
  /// The zone of the single NAT gateway, when the layout has one.
  let singleGatewayZone: ZoneID?

  /// Every zone and gateway up.
  init(zoneCount: Int, layout: NATGatewayLayout, singleGatewayZone: ZoneID?) {
    zoneUp = Array(repeating: true, count: zoneCount)
    natUp = Array(repeating: true, count: zoneCount)
    self.layout = layout
    self.singleGatewayZone = singleGatewayZone
  }

  /// How many zones the VPC spans.
  var zoneCount: Int { zoneUp.count }

  /// Whether `zone` is up.
  func isUp(zone: ZoneID) -> Bool { zoneUp[zone.index] }

  /// Zones up.
  var zonesUp: Int { zoneUp.reduce(0) { $0 + ($1 ? 1 : 0) } }

  /// Whether no zone has its gateway down (the platform-is-whole check).
  var noGatewayDown: Bool { !natUp.contains(false) }

  /// Whether pods in `zone` reach the internet through a working NAT gateway.
  func hasEgress(zone: ZoneID) -> Bool {
    switch layout {
    case .none: return false
    case .perZone: return natUp[zone.index]
    case .single: return singleGatewayZone.map { natUp[$0.index] } ?? false
    }
  }

  /// NAT gateways up (the time series' `natGatewaysUp`).
  var gatewaysUp: Int {
    switch layout {
    case .none: return 0
    case .perZone: return natUp.reduce(0) { $0 + ($1 ? 1 : 0) }
    case .single: return natUp[singleGatewayZone?.index ?? 0] ? 1 : 0
    }
  }

  /// A zone outage: the zone and its gateway go down.
  mutating func loseZone(_ zone: ZoneID) {
    zoneUp[zone.index] = false
    natUp[zone.index] = false
  }

  /// The zone is back, with its gateway.
  mutating func restoreZone(_ zone: ZoneID) {
    zoneUp[zone.index] = true
    natUp[zone.index] = true
  }

  /// The gateway in `zone` fails.
  mutating func failGateway(in zone: ZoneID) { natUp[zone.index] = false }

  /// The gateway in `zone` is repaired; it routes again once its zone is up.
  mutating func repairGateway(in zone: ZoneID) {
    if zoneUp[zone.index] { natUp[zone.index] = true }
  }
}
