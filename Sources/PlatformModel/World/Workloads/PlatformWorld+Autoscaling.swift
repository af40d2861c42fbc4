import SimKernel

/// The HorizontalPodAutoscaler's sync loop: every sync period it reads metrics-server's figures
/// for the service's pods, runs the upstream replica calculation and behavior, and scales.
///
/// The HPA controller's sync period and metrics-server's resolution are both 15 s, so the two
/// run as one periodic event (`metricsScrape`): the scrape, then each autoscaler's sync in
/// service order, all at the same instant (see ``syncAutoscalers(in:)``).
extension PlatformWorld {
  /// Creates each autoscaled service's autoscaler.
  mutating func startAutoscalers() {
    for (s, service) in zip(services.indices, services) {
      guard let spec = service.autoscaler else { continue }
      let autoscaler = HorizontalPodAutoscaler(spec: spec)
      precondition(
        autoscaler.settings.syncPeriod == Self.metricsResolution,
        "the HPA sync runs with the metrics scrape: their periods must be equal")
      workloads.autoscalers.append(ServiceAutoscaler(service: s, autoscaler: autoscaler))
    }
  }

  /// Syncs every autoscaler, in service order, after a metrics scrape.
  mutating func syncAutoscalers(in simulation: inout Simulation<WorldEvent>) {
    for index in workloads.autoscalers.indices { autoscalerSync(index, in: &simulation) }
  }

  /// One sync of the autoscaler at `index` in `autoscalers`.
  ///
  /// The pods are counted into a census rather than listed, and counted again only when the
  /// last count no longer holds (``HPAPodCensusMemo``); the autoscaler is synced in place. What
  /// each metric proposed is recomputed only to log a rescale.
  mutating func autoscalerSync(_ index: Int, in simulation: inout Simulation<WorldEvent>) {
    let now = simulation.now
    let service = workloads.autoscalers[index].service
    let current = workloads.replicaTarget[service]
    let sample = workloads.metricsServer.latest(service)
    if !workloads.autoscalers[index].podCensus.holds(version: cluster.version, metrics: sample, at: now) {
      let settings = workloads.autoscalers[index].autoscaler.settings
      workloads.autoscalers[index].podCensus = Self.countPods(
        of: service, settings: settings, in: cluster, services: services, metrics: sample, at: now)
    }
    #if DEBUG
      // Every reuse checked where the tests run (PlatformModel is optimised in debug builds too,
      // so `assert` would not do).
      precondition(
        reusedCensusIsCurrent(for: workloads.autoscalers[index], metrics: sample, at: now),
        "the reused pod census of service \(service) differs from a recount at \(now)")
    #endif
    let decision = workloads.autoscalers[index].sync(currentReplicas: current, metrics: sample, at: now)
    guard decision.rescale, decision.desiredReplicas != current else { return }
    logRescale(of: workloads.autoscalers[index], from: current, to: decision.desiredReplicas, at: now)
    workloads.replicaTarget[service] = decision.desiredReplicas
    scaleService(service, to: decision.desiredReplicas, in: &simulation)
  }

  /// Counts the pods of `service` now, with the autoscaler's `settings` and the service's
  /// requests.
  ///
  /// Static: as a method called from a mutating one, it would be passed a copy of the whole
  /// world (retaining each of its arrays).
  ///
  /// - Returns: the census at zero usage and the inputs it holds for.
  private static func countPods(
    of service: ServiceID, settings: HPAControllerSettings, in cluster: Cluster,
    services: PerService<ServiceConfiguration>, metrics sample: ServiceMetrics, at now: SimTime
  ) -> HPAPodCensusMemo {
    countPods(
      of: service, in: cluster, metrics: sample, settings: settings,
      cpuRequestMillicores: Int64(services[service].cpuRequestMillicores),
      memoryRequestBytes: Int64(services[service].memoryRequestMiB) * 1_048_576, at: now,
      version: cluster.version)
  }

  /// Whether the census `slot` keeps equals a recount now, both with `sample` applied (the
  /// debug-build check of every reuse).
  private func reusedCensusIsCurrent(
    for slot: ServiceAutoscaler, metrics sample: ServiceMetrics, at now: SimTime
  ) -> Bool {
    var kept = slot.podCensus
    var recount = Self.countPods(
      of: slot.service, settings: slot.autoscaler.settings, in: cluster, services: services,
      metrics: sample, at: now)
    kept.apply(sample)
    recount.apply(sample)
    return kept.census == recount.census
  }

  /// Logs an `hpa-scale` event: what each metric measured and proposed, and the change.
  private mutating func logRescale(
    of slot: ServiceAutoscaler, from current: Int, to desired: Int, at now: SimTime
  ) {
    let proposals = slot.autoscaler.proposals(
      currentReplicas: current, census: slot.podCensus.census, now: now)
    let seen = proposals.compactMap { try? $0.get() }
      .map { proposal in proposal.utilization.map { "\($0)%" } ?? "\(proposal.averageValue)" }
      .joined(separator: "/")
    let proposed = proposals.compactMap { try? $0.get().replicas }.max() ?? desired
    log(
      now, .hpaScale, services[slot.service].name,
      "utilisation \(seen) (cpu/memory); proposed \(proposed); applied \(desired) "
        + "from \(current)")
  }

  /// What the autoscaler sees of pod `pod`: its status and, if metrics-server measured it,
  /// `sample`'s figures.
  ///
  /// This is the definition
  /// ``countPods(of:in:metrics:settings:cpuRequestMillicores:memoryRequestBytes:at:version:)``
  /// counts without building it: a pod is measured when it is ready, on a node whose kubelet
  /// answers, and its container ran through a whole window before the last scrape.
  ///
  /// - Parameters:
  ///   - pod: the pod's state (not deleted).
  ///   - nodes: the world's node table.
  ///   - sample: the service's latest metrics-server figures.
  ///   - cpuRequestMillicores: the service's CPU request.
  ///   - memoryRequestBytes: the service's memory request.
  static func podMetrics(
    of pod: PodState, nodes: [NodeState], metrics sample: ServiceMetrics,
    cpuRequestMillicores: Int64?, memoryRequestBytes: Int64?
  ) -> HPAPodMetrics {
    let phase = pod.phase
    let node = pod.node
    var input = HPAPodMetrics(
      startTime: pod.created,
      readyCondition: HPAPodReadyCondition(
        isReady: phase == .ready && (node.map { nodes[$0.index].ready } ?? true),
        lastTransitionTime: pod.readySince ?? pod.created),
      cpuRequestMillicores: cpuRequestMillicores, memoryRequestBytes: memoryRequestBytes)
    switch phase {
    case .pending, .starting: input.phase = .pending
    case .ready, .crashed, .lost, .terminating, .deleted: input.phase = .running
    }
    input.isDeleting = phase == .terminating
    let measured =
      phase == .ready && (node.map { nodes[$0.index].up } ?? false)
      && pod.runningSince <= sample.timestamp - sample.window && sample.window > .zero
    if measured {
      input.cpuUsage = HPAMetricSample(
        value: Self.roundedToInt64(sample.cpuCoresPerPod * 1_000), timestamp: sample.timestamp,
        window: sample.window)
      input.memoryUsage = HPAMetricSample(
        value: Self.roundedToInt64(sample.memoryMiBPerPod * 1_048_576),
        timestamp: sample.timestamp, window: sample.window)
    }
    return input
  }

  /// Counts what the autoscaler sees of the pods of `service` into a census at zero usage, and
  /// finds until when it holds.
  ///
  /// With the sample's figures applied (``HPAPodCensusMemo/apply(_:)``), the census is the one
  /// ``HPAPodCensus/add(_:groupedBy:at:)`` builds from
  /// ``podMetrics(of:nodes:metrics:cpuRequestMillicores:memoryRequestBytes:)`` of every pod of
  /// the service, without building those records: each pod's state is read once, as upstream's
  /// terms (a terminating pod is deleting; a pending or starting one is `Pending`; a ready one
  /// is measured once its container ran through a whole window before the scrape, on a node
  /// that is up; its `Ready` condition is its node's readiness, last changed when it became
  /// ready, else when it was created), and ``HPAPodGrouping`` groups it for each resource.
  /// `PlatformWorldAutoscalingTests` checks this against the per-pod census over random pod and
  /// node states.
  ///
  /// Where a pod's group would change with time alone, the instant it would bounds the memo's
  /// ``HPAPodCensusMemo/sampleTimes`` (a ready pod becoming measured; the thresholds of
  /// ``HPAPodGrouping/groupLasts(startTime:readyCondition:sample:resource:now:)``) or
  /// ``HPAPodCensusMemo/syncTimes`` (likewise).
  ///
  /// A static function of the tables it reads: as a method called from a mutating one, it
  /// would be passed a copy of the whole world.
  ///
  /// - Parameters:
  ///   - service: the service whose pods are counted.
  ///   - cluster: the pods and nodes.
  ///   - sample: the service's latest metrics-server figures.
  ///   - settings: the autoscaler's controller settings, which decide CPU readiness.
  ///   - cpuRequestMillicores: the service's CPU request.
  ///   - memoryRequestBytes: the service's memory request.
  ///   - now: the sync time.
  ///   - version: the cluster's ``Cluster/version``.
  /// - Returns: the census at zero usage, with the version, window and times it holds for.
  /// - Complexity: O(*p*) in the number of the service's pod slots.
  static func countPods(
    of service: ServiceID, in cluster: Cluster, metrics sample: ServiceMetrics,
    settings: HPAControllerSettings, cpuRequestMillicores: Int64?, memoryRequestBytes: Int64?,
    at now: SimTime, version: UInt64
  ) -> HPAPodCensusMemo {
    let grouping = HPAPodGrouping(settings: settings)
    let window = sample.window
    // What a measured pod's samples say to the rule (their usage is applied later).
    let measurement = HPAMetricSample(value: 0, timestamp: sample.timestamp, window: window)
    var podCount = 0
    var cpu = HPAResourceTally()
    var memory = HPAResourceTally()
    // The first sample timestamp and sync time, after the given ones, at which a pod would
    // change group.
    var sampleChange = SimTime.distantFuture
    var syncChange = SimTime.distantFuture
    cluster.pods.withUnsafeBufferPointer { pods in
      cluster.nodes.withUnsafeBufferPointer { nodes in
        for p in cluster.pods(of: service) {
          let pod = pods[p.index]
          var phase = HPAPodPhase.running
          var isReady = false
          var measured: HPAMetricSample?
          switch pod.phase {
          case .deleted: continue
          case .pending, .starting: phase = .pending
          case .terminating, .crashed, .lost: break
          case .ready:
            isReady = pod.node.map { nodes[$0.index].ready } ?? true
            guard let node = pod.node?.index, nodes[node].up, window > .zero else { break }
            // Measured once its container has run through a whole window before the scrape.
            let measuredFrom = pod.runningSince + window
            if measuredFrom <= sample.timestamp {
              measured = measurement
            } else {
              sampleChange = Swift.min(sampleChange, measuredFrom)
            }
          }
          let readyCondition = HPAPodReadyCondition(
            isReady: isReady, lastTransitionTime: pod.readySince ?? pod.created)
          for resource in HPAResourceName.allCases {
            let group = grouping.group(
              phase: phase, isDeleting: pod.phase == .terminating, startTime: pod.created,
              readyCondition: readyCondition, sample: measured, resource: resource, now: now)
            switch resource {
            case .cpu: cpu.count(group, sample: measured)
            case .memory: memory.count(group, sample: measured)
            }
            if let measured {
              let lasts = grouping.groupLasts(
                startTime: pod.created, readyCondition: readyCondition, sample: measured,
                resource: resource, now: now)
              syncChange = Swift.min(syncChange, lasts.syncTimesEnd)
              sampleChange = Swift.min(sampleChange, lasts.sampleTimesEnd)
            }
          }
          podCount &+= 1
        }
      }
    }
    let census = HPAPodCensus(
      cpuRequestMillicores: cpuRequestMillicores, memoryRequestBytes: memoryRequestBytes,
      podCount: podCount, cpu: cpu, memory: memory)
    return HPAPodCensusMemo(
      census: census, version: version, window: window,
      sampleTimes: sample.timestamp..<sampleChange, syncTimes: now..<syncChange)
  }

  /// `Int64(x.rounded())` (half away from zero) without the call to libm's `round`, clamped to
  /// ±2⁴⁵ (NaN is 0).
  ///
  /// Below 2⁵², `x` minus its truncation is exact (Sterbenz), so comparing it with one half
  /// rounds exactly as `round` does. Per-pod usage beyond 2⁴⁵ (35 billion cores, 32 TiB) only
  /// comes from absurd scenario values (request rates near 1.8e308, an infinite quotient); it
  /// is clamped so that the census's sums over up to 10⁵ pods cannot overflow, where converting
  /// an infinity to Int64 used to trap.
  @inline(__always)
  static func roundedToInt64(_ x: Double) -> Int64 {
    let limit: Int64 = 1 << 45
    guard x.magnitude < 35_184_372_088_832 else {
      return x.isNaN ? 0 : x < 0 ? -limit : limit
    }
    let truncated = Int64(x)
    let remainder = x - Double(truncated)
    if remainder >= 0.5 { return truncated + 1 }
    if remainder <= -0.5 { return truncated - 1 }
    return truncated
  }
}
