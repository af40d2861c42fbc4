import Testing

@testable import PlatformModel

@Suite struct PriceTablePricingTests {
  @Test("lookups apply the region multiplier, the spot share and the Multi-AZ factor")
  func lookups() {
    let prices = PriceTable()
    #expect(prices.nodeHourly(instanceType: "m5.large", purchase: .onDemand) == 0.096 * 1.12)
    #expect(
      prices.nodeHourly(instanceType: "m5.large", purchase: .spot) == 0.096 * 1.12 * 0.35)
    #expect(prices.databaseHourly(instanceClass: "db.t3.medium", multiAZ: false) == 0.072 * 1.12)
    #expect(
      prices.databaseHourly(instanceClass: "db.t3.medium", multiAZ: true) == 0.072 * 1.12 * 2)
    #expect(prices.cacheNodeHourly(nodeType: "cache.t3.medium") == 0.068 * 1.12)
    #expect(prices.nodeHourly(instanceType: "x9.huge", purchase: .onDemand) == nil)
    #expect(prices.databaseHourly(instanceClass: "db.x9", multiAZ: true) == nil)
    #expect(prices.cacheNodeHourly(nodeType: "cache.x9") == nil)
  }

  @Test("the reference platform is fully priced")
  func referenceIsPriced() {
    let scenario = PlatformScenario.reference
    #expect(scenario.prices.missingPrices(for: scenario.platform).isEmpty)
  }

  @Test("unpriced names are reported with their path and the names the table knows")
  func reportsMissing() {
    var platform = PlatformScenario.reference.platform
    platform.nodeGroups[0].instanceType = "x9.huge"
    platform.database.instanceClass = "db.x9"
    platform.cache.nodeType = "cache.x9"
    var prices = PriceTable()
    prices.instances = Array(prices.instances.prefix(2))
    let missing = prices.missingPrices(for: platform)
    #expect(
      missing.map(\.path) == [
        "nodeGroups[0].instanceType", "database.instanceClass", "cache.nodeType",
      ])
    #expect(
      missing[0].description
        == "nodeGroups[0].instanceType: instance type \"x9.huge\" has no price "
        + "(expected one of \"t3.small\", \"t3.medium\")")
    platform.cache.enabled = false
    #expect(prices.missingPrices(for: platform).count == 2)
  }
}
