import SimKernel

/// metrics-server: each service's per-pod CPU and memory, averaged over the window since its
/// last scrape, which is what the autoscalers read until the next one.
///
/// The flow feeds it usage integrals (``accumulate(service:cpuPerPod:memoryPerPod:seconds:)``,
/// core-seconds and MiB-seconds per running pod); a scrape turns the integrals' growth since
/// the last scrape into means. Upstream scrapes every `--metric-resolution` (15 s) and reports
/// each figure with the window it averages over.
struct MetricsServer: Sendable {
  /// Per service: the figures of the last scrape.
  private(set) var latest: [ServiceMetrics]
  /// Per service: CPU core-seconds and memory MiB-seconds of one running pod so far.
  private var cpuPerPodIntegral: [Double]
  private var memoryPerPodIntegral: [Double]
  /// The integrals as the last scrape saw them.
  private var cpuPerPodAtScrape: [Double]
  private var memoryPerPodAtScrape: [Double]
  /// When the last scrape happened.
  private(set) var lastScrape: SimTime = .zero

  init(serviceCount: Int) {
    latest = Array(repeating: ServiceMetrics(), count: serviceCount)
    cpuPerPodIntegral = Array(repeating: 0, count: serviceCount)
    memoryPerPodIntegral = cpuPerPodIntegral
    cpuPerPodAtScrape = cpuPerPodIntegral
    memoryPerPodAtScrape = cpuPerPodIntegral
  }

  /// Adds `seconds` of a running pod of `service` using `cpuPerPod` cores and `memoryPerPod`
  /// MiB.
  mutating func accumulate(service s: Int, cpuPerPod: Double, memoryPerPod: Double, seconds: Double) {
    cpuPerPodIntegral[s] += cpuPerPod * seconds
    memoryPerPodIntegral[s] += memoryPerPod * seconds
  }

  /// Scrapes at `now`: each service's mean per-pod usage since the last scrape becomes its
  /// latest figure. The integrals are taken as accumulated plus `current` usage (the current
  /// flow step's per-service figures) over `unflushedSeconds` (time integrated but not yet
  /// added to them). Only the services' array is passed: a whole `FlowSnapshot` by value was
  /// a 200-byte copy per scrape.
  ///
  /// - Returns: false, with nothing changed, when no time passed since the last scrape.
  mutating func scrape(at now: SimTime, current: [ServiceFlow], unflushedSeconds: Double) -> Bool {
    let elapsed = (now - lastScrape).inSeconds
    guard elapsed > 0 else { return false }
    for s in latest.indices {
      let cpu = cpuPerPodIntegral[s] + current[s].cpuPerPod * unflushedSeconds
      let memory = memoryPerPodIntegral[s] + current[s].memoryPerPod * unflushedSeconds
      latest[s] = ServiceMetrics(
        cpuCoresPerPod: (cpu - cpuPerPodAtScrape[s]) / elapsed,
        memoryMiBPerPod: (memory - memoryPerPodAtScrape[s]) / elapsed,
        timestamp: now, window: now - lastScrape)
      cpuPerPodAtScrape[s] = cpu
      memoryPerPodAtScrape[s] = memory
    }
    lastScrape = now
    return true
  }
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
