import SimKernel

/// The HorizontalPodAutoscaler's sync loop: every sync period it reads metrics-server's figures
/// for the service's pods, runs the upstream replica calculation and behavior, and scales.
extension PlatformWorld {
  /// Schedules each autoscaled service's first sync, staggered by service index so that
  /// controllers do not all act at the same instant.
  mutating func startAutoscalers(in simulation: inout Simulation<WorldEvent>) {
    for (s, service) in services.enumerated() {
      guard let spec = service.autoscaler else { continue }
      autoscalers[s] = HorizontalPodAutoscaler(spec: spec)
      let period = autoscalers[s]?.settings.syncPeriod ?? .seconds(15)
      simulation.schedule(
        .autoscalerSync(service: s), after: period + .milliseconds(Int64(s) * 100))
    }
  }

  /// One sync of service `service`'s autoscaler.
  ///
  /// The pods are counted into a census rather than listed, and the autoscaler is synced in
  /// place in `autoscalers`; what each metric proposed is recomputed only to log a rescale.
  mutating func autoscalerSync(_ service: Int, in simulation: inout Simulation<WorldEvent>) {
    guard let calculator = Self.calculator(of: &autoscalers[service]) else { return }
    let now = simulation.now
    let current = replicaTarget[service]
    var census = HPAPodCensus(
      cpuRequestMillicores: Int64(services[service].cpuRequestMillicores),
      memoryRequestBytes: Int64(services[service].memoryRequestMiB) * 1_048_576)
    Self.countPods(
      of: service, pods: pods, nodes: nodes, metrics: metrics[service], groupedBy: calculator,
      at: now, into: &census)
    guard
      let decision = autoscalers[service]?.sync(
        currentReplicas: current, census: census, now: now)
    else { return }
    simulation.schedule(.autoscalerSync(service: service), after: calculator.settings.syncPeriod)
    guard decision.rescale, decision.desiredReplicas != current else { return }
    logRescale(of: service, census: census, from: current, to: decision.desiredReplicas, at: now)
    replicaTarget[service] = decision.desiredReplicas
    scaleService(service, to: decision.desiredReplicas, in: &simulation)
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

  /// The calculator of `autoscaler`, read in place.
  ///
  /// Reading it through the array's getter would copy the whole autoscaler out first, retaining
  /// and releasing every array it holds; a mutable access projects the one field.
  private static func calculator(of autoscaler: inout HorizontalPodAutoscaler?)
    -> ReplicaCalculator?
  {
    autoscaler?.calculator
  }

  /// Counts what the autoscaler sees of the pods of `service` into `census`, grouped by
  /// `calculator` at `now`.
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
  ///   - census: a census with the service's requests.
  /// - Complexity: O(*p*) in the number of pod slots.
  static func countPods(
    of service: Int, pods: [PodState], nodes: [NodeState], metrics sample: ServiceMetrics,
    groupedBy calculator: ReplicaCalculator, at now: SimTime, into census: inout HPAPodCensus
  ) {
    let cpuRequestMillicores = census.cpuRequestMillicores
    let memoryRequestBytes = census.memoryRequestBytes
    // The figures, converted once when the first measured pod needs them.
    var usage: (cpu: HPAMetricSample, memory: HPAMetricSample)?
    for p in pods.indices where pods[p].service == service && pods[p].phase != .deleted {
      let phase = pods[p].phase
      let node = pods[p].node
      var input = HPAPodMetrics(
        startTime: pods[p].created,
        readyCondition: HPAPodReadyCondition(
          isReady: phase == .ready && (node < 0 || nodes[node].ready),
          lastTransitionTime: pods[p].readySince ?? pods[p].created),
        cpuRequestMillicores: cpuRequestMillicores, memoryRequestBytes: memoryRequestBytes)
      switch phase {
      case .pending, .starting: input.phase = .pending
      case .ready, .crashed, .lost, .terminating, .deleted: input.phase = .running
      }
      input.isDeleting = phase == .terminating
      // metrics-server has figures for a pod whose container ran through a whole window
      // before the last scrape, on a node whose kubelet answers.
      let measured = phase == .ready && node >= 0 && nodes[node].up
        && pods[p].runningSince <= sample.timestamp - sample.window && sample.window > .zero
      if measured {
        if usage == nil {
          let cpu = HPAMetricSample(
            value: Int64((sample.cpuCoresPerPod * 1_000).rounded()), timestamp: sample.timestamp,
            window: sample.window)
          let memory = HPAMetricSample(
            value: Int64((sample.memoryMiBPerPod * 1_048_576).rounded()),
            timestamp: sample.timestamp, window: sample.window)
          usage = (cpu, memory)
        }
        input.cpuUsage = usage?.cpu
        input.memoryUsage = usage?.memory
      }
      census.add(input, groupedBy: calculator, at: now)
    }
  }
}
