import SimKernel

/// metrics-server: each service's per-pod CPU and memory, averaged over the window since its
/// last scrape, which is what the autoscalers read until the next one.
///
/// The flow feeds it usage integrals (``accumulate(service:cpuPerPod:memoryPerPod:seconds:)``,
/// core-seconds and MiB-seconds per running pod); a scrape turns the integrals' growth since
/// the last scrape into means. Upstream scrapes every `--metric-resolution` (15 s) and reports
/// each figure with the window it averages over.
struct MetricsServer: Sendable {
  /// Per service: the figures of the last scrape, and the usage integrals behind them.
  private var services: PerService<ServiceUsage>
  /// When the last scrape happened.
  private(set) var lastScrape: SimTime = .zero

  init(serviceCount: Int) {
    services = PerService(repeating: ServiceUsage(), count: serviceCount)
  }

  /// Service `service`'s figures of the last scrape (zero before the first).
  func latest(_ service: ServiceID) -> ServiceMetrics { services[service].latest }

  /// Adds `seconds` of a running pod of `service` using `cpuPerPod` cores and `memoryPerPod`
  /// MiB.
  mutating func accumulate(service s: ServiceID, cpuPerPod: Double, memoryPerPod: Double, seconds: Double) {
    services[s].cpu += cpuPerPod * seconds
    services[s].memory += memoryPerPod * seconds
  }

  /// Scrapes at `now`: each service's mean per-pod usage since the last scrape becomes its
  /// latest figure. The integrals are taken as accumulated plus `current` usage (the current
  /// flow step's per-service figures) over `unflushedSeconds` (time integrated but not yet
  /// added to them). Only the services' array is passed: a whole `FlowSnapshot` by value was
  /// a 200-byte copy per scrape.
  ///
  /// - Returns: false, with nothing changed, when no time passed since the last scrape.
  mutating func scrape(at now: SimTime, current: PerService<ServiceFlow>, unflushedSeconds: Double) -> Bool {
    let elapsed = (now - lastScrape).inSeconds
    guard elapsed > 0 else { return false }
    for s in services.indices {
      var integrals = services[s]
      let cpu = integrals.cpu + current[s].cpuPerPod * unflushedSeconds
      let memory = integrals.memory + current[s].memoryPerPod * unflushedSeconds
      integrals.latest = ServiceMetrics(
        cpuCoresPerPod: (cpu - integrals.cpuAtScrape) / elapsed,
        memoryMiBPerPod: (memory - integrals.memoryAtScrape) / elapsed,
        timestamp: now, window: now - lastScrape)
      integrals.cpuAtScrape = cpu
      integrals.memoryAtScrape = memory
      services[s] = integrals
    }
    lastScrape = now
    return true
  }
}

/// One service's figures of the last scrape, and the usage integrals behind them: CPU
/// core-seconds and memory MiB-seconds of one running pod, so far and as the last scrape saw
/// them.
private struct ServiceUsage: Sendable {
  var latest = ServiceMetrics()
  var cpu = 0.0
  var memory = 0.0
  var cpuAtScrape = 0.0
  var memoryAtScrape = 0.0
}

/// The latest metrics-server figures for one service's pods.
struct ServiceMetrics: Sendable {
  /// Mean CPU use of a running pod over the window, in cores.
  var cpuCoresPerPod = 0.0
  /// Mean memory use of a running pod over the window, in MiB.
  var memoryMiBPerPod = 0.0
  /// When the figures were taken.
  var timestamp = SimTime.zero
  /// The window they average over.
  var window = SimDuration.zero
}
