import SimKernel

/// The HorizontalPodAutoscaler's sync loop: every sync period it reads metrics-server's figures
/// for the service's pods, runs the upstream replica calculation and behavior, and scales.
///
/// The HPA controller's sync period and metrics-server's resolution are both 15 s, so the two
/// run as one periodic event (`metricsScrape`): the scrape, then each autoscaler's sync in
/// service order, all at the same instant (see ``syncAutoscalers(in:)``).
extension PlatformWorld {
  /// Creates each autoscaled service's autoscaler.
  mutating func startAutoscalers(in simulation: inout Simulation<WorldEvent>) {
    for (s, service) in services.enumerated() {
      guard let spec = service.autoscaler else { continue }
      autoscalers[s] = HorizontalPodAutoscaler(spec: spec)
      autoscaledServices.append(s)
      precondition(
        autoscalers[s]?.settings.syncPeriod == Self.metricsResolution,
        "the HPA sync runs with the metrics scrape: their periods must be equal")
    }
  }

  /// Syncs every autoscaler, in service order, after a metrics scrape.
  mutating func syncAutoscalers(in simulation: inout Simulation<WorldEvent>) {
    for s in autoscaledServices { autoscalerSync(s, in: &simulation) }
  }

  /// One sync of service `service`'s autoscaler.
  ///
  /// The pods are counted into a census rather than listed, and the autoscaler is synced in
  /// place in `autoscalers`; what each metric proposed is recomputed only to log a rescale.
  mutating func autoscalerSync(_ service: Int, in simulation: inout Simulation<WorldEvent>) {
    let now = simulation.now
    let current = replicaTarget[service]
    var census = HPAPodCensus(
      cpuRequestMillicores: Int64(services[service].cpuRequestMillicores),
      memoryRequestBytes: Int64(services[service].memoryRequestMiB) * 1_048_576)
    guard
      let decision = Self.sync(
        &autoscalers[service], of: service, currentReplicas: current, pods: pods, nodes: nodes,
        metrics: metrics[service], at: now, census: &census)
    else { return }
    guard decision.rescale, decision.desiredReplicas != current else { return }
    logRescale(of: service, census: census, from: current, to: decision.desiredReplicas, at: now)
    replicaTarget[service] = decision.desiredReplicas
    scaleService(service, to: decision.desiredReplicas, in: &simulation)
  }

  /// Counts the pods of `service` into `census` and syncs `autoscaler` from it, in one access
  /// to the autoscaler (reading it through the array's getter would copy it out first,
  /// retaining and releasing every array it holds).
  ///
  /// - Returns: the decision, or `nil` if the service has no autoscaler.
  private static func sync(
    _ autoscaler: inout HorizontalPodAutoscaler?, of service: Int, currentReplicas: Int,
    pods: [PodState], nodes: [NodeState], metrics sample: ServiceMetrics, at now: SimTime,
    census: inout HPAPodCensus
  ) -> HPAScaleDecision? {
    // Optional chaining through the `inout` projects the fields without copying the autoscaler.
    guard let calculator = autoscaler?.calculator else { return nil }
    countPods(
      of: service, pods: pods, nodes: nodes, metrics: sample, groupedBy: calculator, at: now,
      into: &census)
    return autoscaler?.sync(currentReplicas: currentReplicas, census: census, now: now)
  }

  /// Logs an `hpa-scale` event: what each metric measured and proposed, and the change.
  private mutating func logRescale(
    of service: Int, census: HPAPodCensus, from current: Int, to desired: Int, at now: SimTime
  ) {
    let proposals =
      autoscalers[service]?.proposals(currentReplicas: current, census: census, now: now) ?? []
    let seen = proposals.compactMap { try? $0.get() }
      .map { proposal in proposal.utilization.map { "\($0)%" } ?? "\(proposal.averageValue)" }
      .joined(separator: "/")
    let proposed = proposals.compactMap { try? $0.get().replicas }.max() ?? desired
    log(
      now, "hpa-scale", services[service].name,
      "utilisation \(seen) (cpu/memory); proposed \(proposed); applied \(desired) "
        + "from \(current)")
  }

  /// What the autoscaler sees of pod `pod`: its status and, if metrics-server measured it,
  /// `sample`'s figures.
  ///
  /// This is the definition ``countPods(of:pods:nodes:metrics:groupedBy:at:into:)`` counts
  /// without building it: a pod is measured when it is ready, on a node whose kubelet answers,
  /// and its container ran through a whole window before the last scrape.
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
        isReady: phase == .ready && (node < 0 || nodes[node].ready),
        lastTransitionTime: pod.readySince ?? pod.created),
      cpuRequestMillicores: cpuRequestMillicores, memoryRequestBytes: memoryRequestBytes)
    switch phase {
    case .pending, .starting: input.phase = .pending
    case .ready, .crashed, .lost, .terminating, .deleted: input.phase = .running
    }
    input.isDeleting = phase == .terminating
    let measured =
      phase == .ready && node >= 0 && nodes[node].up
      && pod.runningSince <= sample.timestamp - sample.window && sample.window > .zero
    if measured {
      input.cpuUsage = HPAMetricSample(
        value: Int64((sample.cpuCoresPerPod * 1_000).rounded()), timestamp: sample.timestamp,
        window: sample.window)
      input.memoryUsage = HPAMetricSample(
        value: Int64((sample.memoryMiBPerPod * 1_048_576).rounded()),
        timestamp: sample.timestamp, window: sample.window)
    }
    return input
  }

  /// Counts what the autoscaler sees of the pods of `service` into `census`, grouped by
  /// `calculator` at `now`.
  ///
  /// The census is the one ``HPAPodCensus/add(_:groupedBy:at:)`` builds from
  /// ``podMetrics(of:nodes:metrics:cpuRequestMillicores:memoryRequestBytes:)`` of every pod
  /// of the service, but each pod is classified straight from its state, once for both
  /// resources, as `ReplicaCalculator.group(of:resource:now:)` would classify that record:
  /// a terminating pod is ignored; a pending or starting one unready; a crashed, lost or
  /// unmeasured one missing; a measured one is ready for memory, and for CPU ready unless the
  /// calculator's readiness rules say otherwise (its `Ready` condition is its node's readiness,
  /// last changed when it became ready, else when it was created). Every measured pod has the
  /// same sample, so a group's usage is its count times the sample. `HPAPodCensusTests` checks
  /// this against the per-pod census over random pod and node states.
  ///
  /// metrics-server gives every measured pod of a service the same figures, `sample`: the
  /// service's per-pod CPU and memory over the last scrape window. A static function of the
  /// tables it reads: as a method called from a mutating one, it would be passed a copy of the
  /// whole world.
  ///
  /// - Parameters:
  ///   - service: the service whose pods are counted.
  ///   - pods: the world's pod table.
  ///   - nodes: the world's node table.
  ///   - sample: the service's latest metrics-server figures.
  ///   - calculator: the autoscaler's calculator, whose settings decide CPU readiness.
  ///   - now: the sync time.
  ///   - census: an empty census with the service's requests.
  /// - Complexity: O(*p*) in the number of pod slots.
  static func countPods(
    of service: Int, pods: [PodState], nodes: [NodeState], metrics sample: ServiceMetrics,
    groupedBy calculator: ReplicaCalculator, at now: SimTime, into census: inout HPAPodCensus
  ) {
    let settings = calculator.settings
    // A measured pod's container started by this time.
    let measuredStart = sample.timestamp - sample.window
    let hasWindow = sample.window > .zero
    var podCount = 0
    var ignored = 0  // terminating: both resources
    var unready = 0  // pending or starting: both resources
    var missing = 0  // not measured: both resources
    var measured = 0  // ready for memory
    var cpuUnready = 0  // measured, but unready for CPU
    pods.withUnsafeBufferPointer { pods in
      nodes.withUnsafeBufferPointer { nodes in
        for p in pods.indices where pods[p].service == service {
          let pod = pods[p]
          switch pod.phase {
          case .deleted: continue
          case .terminating: ignored &+= 1
          case .pending, .starting: unready &+= 1
          case .crashed, .lost: missing &+= 1
          case .ready:
            let node = pod.node
            guard node >= 0, nodes[node].up, pod.runningSince <= measuredStart, hasWindow else {
              missing &+= 1
              break
            }
            measured &+= 1
            let isReady = nodes[node].ready
            let start = pod.created
            let lastTransition = pod.readySince ?? start
            let unreadyForCPU =
              start + settings.cpuInitializationPeriod > now
              ? !isReady || sample.timestamp < lastTransition + sample.window
              : !isReady && start + settings.delayOfInitialReadinessStatus > lastTransition
            if unreadyForCPU { cpuUnready &+= 1 }
          }
          podCount &+= 1
        }
      }
    }
    guard podCount > 0 else { return }
    var cpuValue: Int64 = 0
    var memoryValue: Int64 = 0
    if measured > 0 {
      cpuValue = roundedToInt64(sample.cpuCoresPerPod * 1_000)
      memoryValue = roundedToInt64(sample.memoryMiBPerPod * 1_048_576)
    }
    let cpuReady = measured - cpuUnready
    census = HPAPodCensus(
      cpuRequestMillicores: census.cpuRequestMillicores,
      memoryRequestBytes: census.memoryRequestBytes, podCount: podCount,
      cpu: HPAResourceTally(
        readyCount: cpuReady, unreadyCount: unready + cpuUnready, missingCount: missing,
        ignoredCount: ignored, hasSamples: measured > 0,
        readyUsageTotal: Int64(cpuReady) * cpuValue),
      memory: HPAResourceTally(
        readyCount: measured, unreadyCount: unready, missingCount: missing,
        ignoredCount: ignored, hasSamples: measured > 0,
        readyUsageTotal: Int64(measured) * memoryValue))
  }

  /// `Int64(x.rounded())` (half away from zero) without the call to libm's `round`.
  ///
  /// Below 2⁵², `x` minus its truncation is exact (Sterbenz), so comparing it with one half
  /// rounds exactly as `round` does; larger values, infinities and NaN take `rounded()` itself.
  @inline(__always)
  static func roundedToInt64(_ x: Double) -> Int64 {
    guard x.magnitude < 4_503_599_627_370_496 else { return Int64(x.rounded()) }
    let truncated = Int64(x)
    let remainder = x - Double(truncated)
    if remainder >= 0.5 { return truncated + 1 }
    if remainder <= -0.5 { return truncated - 1 }
    return truncated
  }
}
