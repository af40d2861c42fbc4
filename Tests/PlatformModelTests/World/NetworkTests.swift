import Testing

@testable import PlatformModel

/// Zones and NAT gateways through outages and repairs, per gateway layout.
@Suite("Network: zones and NAT gateways")
struct NetworkTests {
  @Test("a zone outage takes its gateway down; a gateway repaired meanwhile waits for the zone")
  func zoneOutageAndGatewayRepair() {
    var network = Network(zoneCount: 3, layout: .perZone, singleGatewayZone: nil)
    network.failGateway(in: 1)
    network.loseZone(1)
    network.repairGateway(in: 1)
    #expect(!network.isUp(zone: 1) && !network.hasEgress(zone: 1))
    #expect(network.zonesUp == 2 && network.gatewaysUp == 2 && !network.noGatewayDown)
    network.restoreZone(1)
    #expect(network.isUp(zone: 1) && network.hasEgress(zone: 1))
    #expect(network.zonesUp == 3 && network.gatewaysUp == 3 && network.noGatewayDown)
  }

  @Test("with one gateway every zone's egress goes through it; without NAT there is none")
  func egressByLayout() {
    var single = Network(zoneCount: 3, layout: .single(zone: "a"), singleGatewayZone: 0)
    #expect((0..<3).allSatisfy { single.hasEgress(zone: ZoneID($0)) } && single.gatewaysUp == 1)
    single.failGateway(in: 0)
    #expect((0..<3).allSatisfy { !single.hasEgress(zone: ZoneID($0)) } && single.gatewaysUp == 0)
    // A gateway failing in a zone without one changes nothing for a single-gateway layout.
    var other = Network(zoneCount: 3, layout: .single(zone: "a"), singleGatewayZone: 0)
    other.failGateway(in: 2)
    #expect(other.hasEgress(zone: 2) && other.gatewaysUp == 1)
    let none = Network(zoneCount: 2, layout: .none, singleGatewayZone: nil)
    #expect(!none.hasEgress(zone: 0) && none.gatewaysUp == 0)
  }
}

/// Latency faults and traffic spikes, as the flow reads them.
@Suite("Fault effects")
struct FaultEffectsTests {
  @Test("added latency accumulates per target and never goes below zero")
  func latencyAccumulatesAndClamps() {
    var effects = FaultEffects(serviceCount: 2)
    effects.addLatency(0.2, to: .service(1))
    effects.addLatency(0.3, to: .service(1))
    effects.addLatency(0.1, to: .cache)
    effects.addLatency(-0.5, to: .database)
    #expect(effects.addedServiceLatency == [0, 0.5])
    #expect(effects.addedCacheLatency == 0.1 && effects.addedDatabaseLatency == 0)
    effects.addLatency(-0.2, to: .cache)
    #expect(effects.addedCacheLatency == 0)
  }

  @Test("overlapping spikes multiply, and ending both brings the multiplier back")
  func spikesMultiply() {
    var effects = FaultEffects(serviceCount: 0)
    effects.startSpike(3)
    effects.startSpike(2)
    #expect(effects.spikeMultiplier == 6)
    effects.endSpike(3)
    effects.endSpike(2)
    #expect(effects.spikeMultiplier == 1)
  }
}
