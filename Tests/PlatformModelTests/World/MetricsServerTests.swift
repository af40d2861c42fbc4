import SimKernel
import Testing

@testable import PlatformModel

/// metrics-server's figures against the mean usage worked out by hand.
@Suite("metrics-server")
struct MetricsServerTests {
  /// A flow whose one service's pods use `cpu` cores and `memory` MiB each.
  static func flow(cpu: Double, memory: Double) -> PerService<ServiceFlow> {
    var snapshot = FlowSnapshot()
    snapshot.reset(serviceCount: 1)
    snapshot.services[0].cpuPerPod = cpu
    snapshot.services[0].memoryPerPod = memory
    return snapshot.services
  }

  @Test("a scrape reports the mean usage since the last one, unflushed time included")
  func scrapeIsTheMeanOverTheWindow() {
    var server = MetricsServer(serviceCount: 1)
    // 10 s at 0.2 cores / 100 MiB, then 5 s at 0.5 cores / 200 MiB not yet flushed.
    server.accumulate(service: 0, cpuPerPod: 0.2, memoryPerPod: 100, seconds: 10)
    let t15 = SimTime(sinceStart: .seconds(15))
    let scraped = server.scrape(at: t15, current: Self.flow(cpu: 0.5, memory: 200), unflushedSeconds: 5)
    #expect(scraped)
    let first = server.latest(0)
    #expect(abs(first.cpuCoresPerPod - (0.2 * 10 + 0.5 * 5) / 15) < 1e-12)
    #expect(abs(first.memoryMiBPerPod - (100.0 * 10 + 200 * 5) / 15) < 1e-9)
    #expect(first.timestamp == t15 && first.window == .seconds(15))
    // The unflushed 5 s are flushed now; the next window sees only what came after.
    server.accumulate(service: 0, cpuPerPod: 0.5, memoryPerPod: 200, seconds: 5)
    server.accumulate(service: 0, cpuPerPod: 1.0, memoryPerPod: 300, seconds: 15)
    let t30 = SimTime(sinceStart: .seconds(30))
    let scrapedAgain = server.scrape(at: t30, current: Self.flow(cpu: 9, memory: 9), unflushedSeconds: 0)
    #expect(scrapedAgain)
    #expect(abs(server.latest(0).cpuCoresPerPod - 1.0) < 1e-12)
    #expect(abs(server.latest(0).memoryMiBPerPod - 300) < 1e-9)
    #expect(server.latest(0).window == .seconds(15))
  }

  @Test("a second scrape at the same instant changes nothing")
  func scrapeWithoutElapsedTimeIsRefused() {
    var server = MetricsServer(serviceCount: 1)
    let t = SimTime(sinceStart: .seconds(15))
    server.accumulate(service: 0, cpuPerPod: 0.4, memoryPerPod: 50, seconds: 15)
    let first = server.scrape(at: t, current: Self.flow(cpu: 0, memory: 0), unflushedSeconds: 0)
    #expect(first)
    let kept = server.latest(0)
    let second = server.scrape(at: t, current: Self.flow(cpu: 7, memory: 7), unflushedSeconds: 3)
    #expect(!second)
    #expect(server.latest(0).cpuCoresPerPod == kept.cpuCoresPerPod && server.lastScrape == t)
  }
}
