import Foundation
import PlatformModel
import SimKernel

/// Bounds on work: the scenario's estimated time series, flow steps, events, pods, nodes,
/// fault occurrences, releases, concurrency and calls against ``PlatformModel/ScenarioLimits``.
///
/// Each error gives the estimate and how it was reached, names the limit, and says how to
/// raise it (`limits.maxReportRows` and so on in the file). Estimates are `Double`s, so no
/// setting can overflow them. When the horizon itself is over `limits.maxHorizon`, the
/// estimates that grow with it are not reported: they would all repeat the same mistake.
extension ScenarioValidator {
  /// metrics-server's resolution, which is also the period of the HPA syncs (PlatformModel's
  /// `PlatformWorld.metricsResolution`): a scrape every 15 s while any service autoscales.
  static let metricsScrapeInterval = SimDuration.seconds(15)

  /// Runs every limit check.
  mutating func checkLimits() {
    let limits = scenario.limits
    checkPodsAndNodes(limits)
    checkConcurrencyAndCalls(limits)
    if scenario.horizon > limits.maxHorizon {
      report(
        Self.path("horizon"),
        "must be at most limits.maxHorizon \(Show.duration(limits.maxHorizon)) "
          + "(\(Self.years(limits.maxHorizon))) (got \(Show.duration(scenario.horizon)), "
          + "\(Self.years(scenario.horizon))); raise limits.maxHorizon to allow it")
      return
    }
    let rowsOver = checkReportRows(limits)
    checkFlowSteps(limits)
    let faultsOver = checkFaultOccurrences(limits)
    checkReleaseCount(limits)
    checkEvents(limits, leavingOutReportTicks: rowsOver, faults: faultsOver)
  }

  // MARK: - Formatting

  /// A count with thousands separators (`2,592,000,000`), or in powers of ten past 10^18.
  static func count(_ x: Double) -> String {
    guard x.isFinite else { return "unbounded" }
    let rounded = x.rounded()
    guard rounded < 1e18 else {
      let exponent = Int(log10(rounded).rounded(.down))
      let mantissa = (rounded / pow(10, Double(exponent)) * 10).rounded() / 10
      return "about \(Show.number(mantissa))×10^\(exponent)"
    }
    let digits = String(Int64(rounded))
    var grouped = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
      grouped.append(c)
    }
    return grouped
  }

  /// Bytes in decimal units, as disks are sold: `272 GB`.
  static func size(bytes: Double) -> String {
    let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
    var value = bytes
    var unit = 0
    while value >= 1_000 && unit < units.count - 1 {
      value /= 1_000
      unit += 1
    }
    return unit == 0 ? "\(count(value)) bytes" : "\(count(value.rounded())) \(units[unit])"
  }

  /// `100 years`, `2.7 years` or `0.1 years` (of 365.25 days).
  static func years(_ duration: SimDuration) -> String {
    let years = duration.inSeconds / (365.25 * 86_400)
    if years >= 10 { return "\(count(years)) years" }
    return "\(Show.number((years * 10).rounded() / 10)) years"
  }

  /// `horizon / step`, as a count of whole steps.
  private func steps(of step: SimDuration, over span: SimDuration) -> Double {
    guard step > .zero else { return .infinity }
    return (Double(span.microseconds) / Double(step.microseconds)).rounded(.down)
  }

  /// `; the limit is N (limits.key): advice, or raise limits.key to allow it`; without the
  /// "or raise" when the limit is already as high as it may go (`atCap`).
  private static func limitText(
    _ limit: String, _ key: String, advice: String, atCap: Bool = false
  ) -> String {
    atCap
      ? "; the limit is \(limit) (limits.\(key), the most the model allows): \(advice)"
      : "; the limit is \(limit) (limits.\(key)): \(advice), or raise limits.\(key) to allow it"
  }

  // MARK: - Time series, flow steps, events

  /// Rows of timeseries.csv (written as the run goes, not kept in memory); whether they are
  /// over.
  @discardableResult
  private mutating func checkReportRows(_ limits: ScenarioLimits) -> Bool {
    let rows = steps(of: scenario.reportingInterval, over: scenario.horizon)
    guard rows > Double(limits.maxReportRows) else { return false }
    // A row is about 80 bytes of platform-wide columns, 10 per service and 3 per node group.
    let groups = scenario.platform.nodeGroups.count + 1
    let bytesPerRow = 80 + 10 * Double(scenario.platform.services.count) + 3 * Double(groups)
    report(
      Self.path("reportingInterval"),
      "\(Show.duration(scenario.reportingInterval)) over the horizon "
        + "\(Show.duration(scenario.horizon)) gives \(Self.count(rows)) report rows (about "
        + "\(Self.size(bytes: rows * bytesPerRow)) of timeseries.csv)"
        + Self.limitText(
          Self.count(Double(limits.maxReportRows)), "maxReportRows",
          advice: "use a longer reportingInterval"))
    return true
  }

  /// The stretch of `0..<horizon` where the traffic changes fast (a trace throughout, spikes
  /// while they ramp or hold), widened to whole coarse flow steps as the model does.
  private func fastTrafficTime(coarse: SimDuration) -> Double {
    let horizon = scenario.horizon.microseconds
    if let trace = scenario.traffic.trace, !trace.requestsPerSecond.isEmpty {
      return Double(horizon)
    }
    let step = max(coarse.microseconds, 1)
    let windows = scenario.traffic.spikes.map { spike -> (Int64, Int64) in
      let start = min(spike.at.microseconds, horizon) / step * step
      let (end, overflow) = spike.at.microseconds.addingReportingOverflow(
        spike.duration.microseconds)
      let clipped = overflow ? horizon : min(end, horizon)
      let (rounded, over) = (clipped / step).multipliedReportingOverflow(by: step)
      let last = over ? horizon : min(horizon, rounded < clipped ? rounded + step : rounded)
      return (start, max(start, last))
    }.sorted { $0.0 < $1.0 }
    var total = 0.0
    var covered: Int64 = 0  // the end of the windows merged so far
    for (start, end) in windows where end > covered {
      total += Double(end - max(start, covered))
      covered = end
    }
    return total
  }

  /// Flow steps: `flowStep` where the traffic is smooth, the smaller of the two steps where it
  /// changes fast.
  private mutating func checkFlowSteps(_ limits: ScenarioLimits) {
    let coarse = scenario.flowStep
    let fine = min(scenario.fineFlowStep, coarse)
    let fast = fine < coarse ? fastTrafficTime(coarse: coarse) : 0
    let smooth = max(0, Double(scenario.horizon.microseconds) - fast)
    let coarseSteps = (smooth / Double(max(coarse.microseconds, 1))).rounded(.up)
    let fineSteps = (fast / Double(max(fine.microseconds, 1))).rounded(.up)
    let total = coarseSteps + fineSteps
    guard total > Double(limits.maxFlowSteps) else { return }
    let fastText = SimDuration(microseconds: Int64(fast))
    var parts = "\(Self.count(coarseSteps)) of flowStep \(Show.duration(coarse))"
    if fineSteps > 0 {
      let cause = scenario.traffic.trace != nil ? "a trace" : "spikes"
      parts +=
        " and \(Self.count(fineSteps)) of fineFlowStep \(Show.duration(fine)) over the "
        + "\(Show.duration(fastText)) where the traffic changes fast (\(cause))"
    }
    let key = fineSteps > coarseSteps ? "fineFlowStep" : "flowStep"
    report(
      Self.path(key),
      "the horizon \(Show.duration(scenario.horizon)) takes \(Self.count(total)) flow steps "
        + "(\(parts)), each a flow computation"
        + Self.limitText(
          Self.count(Double(limits.maxFlowSteps)), "maxFlowSteps", advice: "use a longer \(key)"))
  }

  /// The periodic events of a run, each with the path that sets its rate; report ticks and
  /// fault starts and ends only when asked for (they are left out when their own limit was
  /// already reported, so that one mistake makes one error).
  private func eventSources(reportTicks: Bool, faults: Bool)
    -> [(name: String, count: Double, path: JSONPath)]
  {
    let horizon = scenario.horizon
    var sources: [(name: String, count: Double, path: JSONPath)] = []
    if reportTicks {
      sources.append(
        (
          "report ticks every \(Show.duration(scenario.reportingInterval))",
          steps(of: scenario.reportingInterval, over: horizon), Self.path("reportingInterval")
        ))
    }
    let services = scenario.platform.services
    if let i = services.firstIndex(where: { $0.autoscaler != nil }) {
      sources.append(
        (
          "metrics scrapes and autoscaler syncs every \(Show.duration(Self.metricsScrapeInterval))",
          steps(of: Self.metricsScrapeInterval, over: horizon),
          entry("platform.services", services[i].name, index: i).appending("autoscaler")
        ))
    }
    if let autoscaling = scenario.platform.nodeAutoscaling {
      sources.append(
        (
          "node autoscaler scans every \(Show.duration(autoscaling.scanInterval))",
          steps(of: autoscaling.scanInterval, over: horizon),
          Self.path("platform.nodeAutoscaling.scanInterval")
        ))
    }
    if let autoscaling = scenario.platform.nodeAutoscaling, autoscaling.mode == .karpenter,
      autoscaling.capacityTypes.contains(.spot), autoscaling.spotInterruptionsPerNodeMonth > 0
    {
      // Every Karpenter node may be spot; each interruption is a notice, a reclaim and a
      // replacement's registration.
      let nodes = karpenterNodeBound() ?? podCounts().reduce(0) { $0 + $1.count }
      let months = horizon.inSeconds / (30 * 86_400)
      sources.append(
        (
          "spot interruption events (\(Show.number(autoscaling.spotInterruptionsPerNodeMonth)) a "
            + "node-month over up to \(Self.count(nodes)) Karpenter nodes)",
          (3 * autoscaling.spotInterruptionsPerNodeMonth * nodes * months).rounded(.up),
          Self.path("platform.nodeAutoscaling.spotInterruptionsPerNodeMonth")
        ))
    }
    let occurrences = faults ? faultOccurrences().filter { $0.count.isFinite } : []
    if let top = occurrences.max(by: { $0.count < $1.count }) {
      sources.append(
        (
          "fault starts and ends", 2 * occurrences.reduce(0) { $0 + $1.count },
          Self.path("faults").appending(top.index).appending("timeBetweenFailures")
        ))
    }
    var analysis = (count: 0.0, path: JSONPath.root, most: 0.0)
    for (i, service) in services.enumerated() where mayBeReleased(service.name) {
      let used = Set(usedAnalyses(of: service).flatMap(\.templateNames))
      let p = entry("platform.services", service.name, index: i).appending("delivery")
        .appending("analysisTemplates")
      for (j, template) in service.delivery.analysisTemplates.enumerated()
      where used.contains(template.name) {
        for (k, check) in template.checks.enumerated() {
          guard let interval = check.metric.interval else { continue }
          let n = steps(of: interval, over: horizon)
          analysis.count += n
          if n > analysis.most {
            analysis.most = n
            analysis.path = p.appending(j).appending("metrics").appending(k).appending("interval")
          }
        }
      }
    }
    if analysis.count > 0 {
      sources.append(("analysis measurements (at most)", analysis.count, analysis.path))
    }
    return sources
  }

  /// Periodic events against `limits.maxEvents`, reported at the biggest source's setting.
  private mutating func checkEvents(
    _ limits: ScenarioLimits, leavingOutReportTicks rowsOver: Bool, faults faultsOver: Bool
  ) {
    let sources = eventSources(reportTicks: !rowsOver, faults: !faultsOver)
    let total = sources.reduce(0) { $0 + $1.count }
    guard total > Double(limits.maxEvents), let top = sources.max(by: { $0.count < $1.count })
    else { return }
    let list = sources.filter { $0.count > 0 }.map { "\(Self.count($0.count)) \($0.name)" }
      .joined(separator: ", ")
    report(
      top.path,
      "the horizon \(Show.duration(scenario.horizon)) takes about \(Self.count(total)) events "
        + "(\(list))"
        + Self.limitText(
          Self.count(Double(limits.maxEvents)), "maxEvents",
          advice: "make the most frequent of them less frequent"))
  }

  // MARK: - Faults and releases

  /// The expected occurrences of each fault over the horizon: one for a scheduled fault,
  /// horizon / (mean time between failures + mean repair time) for a recurring one.
  private func faultOccurrences() -> [(index: Int, count: Double)] {
    scenario.faults.enumerated().map { i, fault in
      switch fault.timing {
      case .scheduled: return (i, 1)
      case .stochastic(let between, let repair):
        let cycle = between.mean + repair.mean
        guard cycle.isFinite else { return (i, 0) }
        guard cycle >= 1e-6 else { return (i, .infinity) }
        return (i, (scenario.horizon.inSeconds / cycle).rounded(.up))
      }
    }
  }

  /// Expected fault occurrences, all faults together, each an incident kept until the end;
  /// whether they are over the limit (or some fault recurs without end).
  @discardableResult
  private mutating func checkFaultOccurrences(_ limits: ScenarioLimits) -> Bool {
    let all = faultOccurrences()
    let occurrences = all.filter { $0.count.isFinite }
    let endless = occurrences.count < all.count
    let total = occurrences.reduce(0) { $0 + $1.count }
    guard total > Double(limits.maxFaultOccurrences),
      let top = occurrences.max(by: { $0.count < $1.count })
    else { return endless }
    let list = occurrences.sorted { $0.count > $1.count }.prefix(3).map { item in
      let fault = scenario.faults[item.index]
      var every = ""
      if case .stochastic(let between, let repair) = fault.timing {
        let cycle = between.mean + repair.mean
        let text =
          cycle < 9e12
          ? Show.duration(SimDuration(seconds: cycle)) : "\(Show.number(cycle)) s"
        every = " every \(text) on average"
      }
      return "faults[\(item.index)]\(every): \(Self.count(item.count))"
    }.joined(separator: ", ")
    report(
      Self.path("faults").appending(top.index).appending("timeBetweenFailures"),
      "faults would occur about \(Self.count(total)) times over the horizon "
        + "\(Show.duration(scenario.horizon)) (\(list)), each an incident kept until the run ends"
        + Self.limitText(
          Self.count(Double(limits.maxFaultOccurrences)), "maxFaultOccurrences",
          advice: "make timeBetweenFailures longer"))
    return true
  }

  /// Whether releases can reach the service `name` (a scheduled release or the stream).
  private func mayBeReleased(_ name: String) -> Bool {
    let releases = scenario.releases
    if releases.scheduled.contains(where: { $0.service == name }) { return true }
    guard let stream = releases.stream, stream.perWeek > 0 else { return false }
    return stream.services.contains(name)
  }

  /// The analyses the service's strategy runs.
  private func usedAnalyses(of service: ServiceConfiguration) -> [RolloutAnalysis] {
    switch service.delivery.strategy {
    case .canary(let canary):
      var used = canary.steps.compactMap { step -> RolloutAnalysis? in
        if case .analysis(let a) = step { return a } else { return nil }
      }
      if let background = canary.backgroundAnalysis { used.append(background.analysis) }
      return used
    case .blueGreen(let blueGreen):
      return [blueGreen.prePromotionAnalysis, blueGreen.postPromotionAnalysis].compactMap { $0 }
    case .rolling:
      return []
    }
  }

  /// Scheduled releases plus the stream's expected releases over the horizon.
  private mutating func checkReleaseCount(_ limits: ScenarioLimits) {
    let releases = scenario.releases
    let weeks = scenario.horizon.inSeconds / (7 * 86_400)
    var streamed = 0.0
    if let stream = releases.stream, !stream.services.isEmpty {
      streamed = (stream.perWeek * weeks).rounded(.up)
    }
    let total = Double(releases.scheduled.count) + streamed
    guard total > Double(limits.maxReleases) else { return }
    let path = streamed > 0 ? Self.path("releases.stream.perWeek") : Self.path("releases.scheduled")
    var parts = "\(releases.scheduled.count) scheduled"
    if let stream = releases.stream, streamed > 0 {
      parts +=
        " and \(Self.count(streamed)) from the stream at \(Show.number(stream.perWeek)) a "
        + "week over the horizon \(Show.duration(scenario.horizon))"
    }
    report(
      path,
      "the run would roll out about \(Self.count(total)) releases (\(parts)), each a rollout "
        + "with its own events and record"
        + Self.limitText(
          Self.count(Double(limits.maxReleases)), "maxReleases", advice: "release less often"))
  }

  // MARK: - Size of the platform

  /// Each service's largest replica count: its autoscaler's `maxReplicas`, or `replicas`
  /// without one (a service's own `maxReplicas` is not used by the model), with its path.
  private func podCounts() -> [(name: String, count: Double, path: JSONPath)] {
    scenario.platform.services.enumerated().map { i, service in
      let p = entry("platform.services", service.name, index: i)
      if let autoscaler = service.autoscaler, autoscaler.maxReplicas > service.replicas {
        return (
          service.name, Double(autoscaler.maxReplicas),
          p.appending("autoscaler").appending("maxReplicas")
        )
      }
      return (service.name, Double(service.replicas), p.appending("replicas"))
    }
  }

  /// The most nodes Karpenter may launch: its `cpuLimitCores` over the smallest vCPU count of
  /// its instance types; `nil` without Karpenter or a CPU limit.
  private func karpenterNodeBound() -> Double? {
    guard let autoscaling = scenario.platform.nodeAutoscaling, autoscaling.mode == .karpenter,
      let cores = autoscaling.cpuLimitCores
    else { return nil }
    let vcpus = scenario.prices.instances.filter { autoscaling.instanceTypes.contains($0.name) }
      .map(\.vcpu)
    guard let smallest = vcpus.min(), smallest > 0 else { return nil }
    return (Double(cores) / Double(smallest)).rounded(.up)
  }

  /// Pods (the sum of the services' largest replica counts) and nodes (the node groups' sizes
  /// and Karpenter's CPU limit over its smallest instance type).
  private mutating func checkPodsAndNodes(_ limits: ScenarioLimits) {
    let pods = podCounts()
    let totalPods = pods.reduce(0) { $0 + $1.count }
    if totalPods > Double(limits.maxPods), let top = pods.max(by: { $0.count < $1.count }) {
      let list = pods.map { "\($0.name) \(Self.count($0.count))" }.joined(separator: ", ")
      report(
        top.path,
        "the services may run up to \(Self.count(totalPods)) pods together (\(list); the "
          + "autoscaler's maxReplicas, or replicas without one)"
          + Self.limitText(
            Self.count(Double(limits.maxPods)), "maxPods", advice: "use fewer, larger pods",
            atCap: limits.maxPods >= ScenarioSchema.largestPodOrNodeCount))
    }

    let autoscaling = scenario.platform.nodeAutoscaling
    let groupsScale = autoscaling?.mode == .clusterAutoscaler
    var nodes: [(name: String, count: Double, path: JSONPath)] = []
    for (i, group) in scenario.platform.nodeGroups.enumerated() {
      let p = entry("platform.nodeGroups", group.name, index: i)
      nodes.append(
        groupsScale
          ? (group.name, Double(group.maxNodes), p.appending("maxNodes"))
          : (group.name, Double(group.desiredNodes), p.appending("desiredNodes")))
    }
    if let bound = karpenterNodeBound() {
      nodes.append(("karpenter", bound, Self.path("platform.nodeAutoscaling.cpuLimitCores")))
    }
    let totalNodes = nodes.reduce(0) { $0 + $1.count }
    if totalNodes > Double(limits.maxNodes), let top = nodes.max(by: { $0.count < $1.count }) {
      let list = nodes.map { "\($0.name) \(Self.count($0.count))" }.joined(separator: ", ")
      let basis =
        groupsScale
        ? "the node groups' maxNodes" : "the node groups' desiredNodes"
      report(
        top.path,
        "the cluster may hold up to \(Self.count(totalNodes)) nodes together (\(list); \(basis)"
          + (nodes.contains { $0.name == "karpenter" }
            ? ", and Karpenter's cpuLimitCores over its smallest instance type" : "") + ")"
          + Self.limitText(
            Self.count(Double(limits.maxNodes)), "maxNodes", advice: "use fewer, larger nodes",
            atCap: limits.maxNodes >= ScenarioSchema.largestPodOrNodeCount))
    }
  }

  /// Concurrency values (the queueing formulas are linear in them at every flow step) and calls
  /// per request (failures compound once per call).
  private mutating func checkConcurrencyAndCalls(_ limits: ScenarioLimits) {
    let most = limits.maxConcurrency
    func concurrency(_ value: Int, at path: JSONPath, _ validator: inout ScenarioValidator) {
      guard value > most else { return }
      validator.report(
        path,
        "must be at most limits.maxConcurrency \(Self.count(Double(most))) (got \(value)): the "
          + "queueing formulas take time in proportion to it at every flow step; raise "
          + "limits.maxConcurrency to allow it")
    }
    func calls(_ value: Double, at path: JSONPath, _ validator: inout ScenarioValidator) {
      guard value > limits.maxCallsPerRequest else { return }
      validator.report(
        path,
        "must be at most limits.maxCallsPerRequest \(Show.number(limits.maxCallsPerRequest)) "
          + "(got \(Show.number(value))): failures compound once per call at every flow step; "
          + "raise limits.maxCallsPerRequest to allow it")
    }
    for (i, service) in scenario.platform.services.enumerated() {
      let p = entry("platform.services", service.name, index: i)
      concurrency(service.concurrencyPerPod, at: p.appending("concurrencyPerPod"), &self)
      calls(service.egressCallsPerRequest, at: p.appending("egressCallsPerRequest"), &self)
      for (j, call) in service.calls.enumerated() {
        let path = p.appending("calls").appending(j).appending("callsPerRequest")
        calls(call.callsPerRequest, at: path, &self)
      }
    }
    let database = scenario.platform.database
    concurrency(database.concurrency, at: Self.path("platform.database.concurrency"), &self)
    let cache = scenario.platform.cache
    if cache.enabled {
      concurrency(cache.concurrency, at: Self.path("platform.cache.concurrency"), &self)
    }
  }
}
