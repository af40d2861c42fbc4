import SimKernel
import Testing

@testable import PlatformModel

@Suite struct CostLedgerTests {
  @Test("node time of 10^5 nodes over a century each saturates instead of overflowing Int64")
  func nodeTimeSaturates() {
    var ledger = CostLedger()
    let century = SimDuration.days(36_525)
    for _ in 0..<100_000 {
      ledger.addNodeTime(instanceType: "m5.xlarge", purchase: .onDemand, duration: century)
    }
    ledger.addNodeTime(
      instanceType: "m5.xlarge", purchase: .onDemand, nodes: 100_000, duration: century)
    var other = ledger
    other.merge(ledger)
    let kind = CostLedger.NodeKind(instanceType: "m5.xlarge", purchase: .onDemand)
    #expect(ledger.nodeTime[kind] == .saturation)
    #expect(other.nodeTime[kind] == .saturation)
  }

  @Test("time accumulates in exact microseconds per kind")
  func accumulatesTime() {
    var ledger = CostLedger()
    ledger.addNodeTime(instanceType: "t3.medium", purchase: .onDemand, duration: .hours(2))
    ledger.addNodeTime(
      instanceType: "t3.medium", purchase: .onDemand, nodes: 3, duration: .microseconds(1))
    ledger.addNodeTime(instanceType: "t3.medium", purchase: .spot, duration: .minutes(30))
    ledger.addDatabaseTime(instanceClass: "db.t3.small", multiAZ: true, duration: .hours(1))
    ledger.addCacheNodeTime(nodeType: "cache.t3.micro", nodes: 2, duration: .hours(1))
    ledger.addNATGatewayTime(gateways: 3, duration: .hours(1))
    ledger.addControlPlaneTime(duration: .hours(5))
    ledger.addLoadBalancerTime(duration: .hours(4))
    let onDemand = CostLedger.NodeKind(instanceType: "t3.medium", purchase: .onDemand)
    let spot = CostLedger.NodeKind(instanceType: "t3.medium", purchase: .spot)
    #expect(ledger.nodeTime[onDemand] == .microseconds(7_200_000_003))
    #expect(ledger.nodeTime[spot] == .minutes(30))
    let database = CostLedger.DatabaseKind(instanceClass: "db.t3.small", multiAZ: true)
    #expect(ledger.databaseTime == [database: .hours(1)])
    #expect(ledger.cacheNodeTime == ["cache.t3.micro": .hours(2)])
    #expect(ledger.natGatewayTime == .hours(3))
    #expect(ledger.controlPlaneTime == .hours(5))
    #expect(ledger.loadBalancerTime == .hours(4))
  }

  @Test("volumes accumulate as gigabytes and LCU-hours")
  func accumulatesVolumes() {
    var ledger = CostLedger()
    ledger.addNATProcessedGB(1.5)
    ledger.addNATProcessedGB(2.5)
    ledger.addInterZoneGB(0.25)
    ledger.addLoadBalancerCapacityUnitHours(0.5)
    // 50 new connections/s is 2 LCUs, held for 30 minutes: 1 LCU-hour.
    ledger.addLoadBalancerUsage(
      LoadBalancerUsage(newConnectionsPerSecond: 50), duration: .minutes(30))
    #expect(ledger.natProcessedGB == 4)
    #expect(ledger.interZoneGB == 0.25)
    #expect(ledger.loadBalancerCapacityUnitHours == 1.5)
  }

  @Test("merging shards equals one ledger fed everything, in any order and grouping")
  func mergeEqualsOneLedger() {
    let shards = (0..<6).map { Self.shard($0) }
    var whole = CostLedger()
    for index in 0..<6 { Self.feed(&whole, index) }
    var forward = CostLedger()
    for shard in shards { forward.merge(shard) }
    var backward = CostLedger()
    for shard in shards.reversed() { backward.merge(shard) }
    var pairs = CostLedger()
    for pair in stride(from: 0, to: 6, by: 2) {
      var two = shards[pair]
      two.merge(shards[pair + 1])
      pairs.merge(two)
    }
    // The volumes fed are exact binary fractions, so even the Double sums agree exactly.
    #expect(forward == whole)
    #expect(backward == whole)
    #expect(pairs == whole)
  }

  @Test("merging an empty ledger changes nothing")
  func mergeIdentity() {
    var ledger = Self.shard(3)
    ledger.merge(CostLedger())
    #expect(ledger == Self.shard(3))
  }

  @Test("a negative duration is a programmer error")
  func rejectsNegativeDuration() async {
    await #expect(processExitsWith: .failure) {
      var ledger = CostLedger()
      ledger.addNodeTime(instanceType: "t3.medium", purchase: .spot, duration: .seconds(-1))
    }
  }

  @Test("a negative volume is a programmer error")
  func rejectsNegativeVolume() async {
    await #expect(processExitsWith: .failure) {
      var ledger = CostLedger()
      ledger.addInterZoneGB(-1)
    }
  }

  /// A ledger fed by ``feed(_:_:)`` with `index` alone.
  static func shard(_ index: Int) -> CostLedger {
    var ledger = CostLedger()
    feed(&ledger, index)
    return ledger
  }

  /// Feeds shard `index`'s usage into `ledger`; shards differ in kinds and amounts.
  static func feed(_ ledger: inout CostLedger, _ index: Int) {
    let step = SimDuration.seconds(Int64(37 * index + 11))
    ledger.addControlPlaneTime(duration: step)
    ledger.addNodeTime(
      instanceType: index % 2 == 0 ? "t3.medium" : "m5.large",
      purchase: index % 3 == 0 ? .spot : .onDemand, nodes: index + 1, duration: step)
    ledger.addDatabaseTime(instanceClass: "db.t3.small", multiAZ: index != 4, duration: step)
    ledger.addCacheNodeTime(nodeType: "cache.t3.micro", nodes: 2, duration: step)
    ledger.addLoadBalancerTime(duration: step)
    ledger.addLoadBalancerCapacityUnitHours(Double(index) * 0.125)
    ledger.addNATGatewayTime(gateways: index % 3, duration: step)
    ledger.addNATProcessedGB(Double(index) * 0.5)
    ledger.addInterZoneGB(Double(index) * 0.25)
  }
}
