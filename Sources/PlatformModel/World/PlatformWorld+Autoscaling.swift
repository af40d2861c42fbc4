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
  mutating func autoscalerSync(_ service: Int, in simulation: inout Simulation<WorldEvent>) {
    // Taken out (not copied) so that its history arrays are mutated in place.
    guard var autoscaler = autoscalers[service].take() else { return }
    let now = simulation.now
    var inputs: [HPAPodMetrics] = []
    swap(&inputs, &hpaInputScratch)  // reuse the buffer: no allocation per sync
    podMetrics(of: service, at: now, into: &inputs)
    let result = autoscaler.sync(currentReplicas: replicaTarget[service], pods: inputs, now: now)
    swap(&inputs, &hpaInputScratch)
    autoscalers[service] = autoscaler
    simulation.schedule(.autoscalerSync(service: service), after: autoscaler.settings.syncPeriod)
    guard result.rescale, result.desiredReplicas != replicaTarget[service] else { return }
    let seen = result.proposals.compactMap { try? $0.get() }
      .map { proposal in proposal.utilization.map { "\($0)%" } ?? "\(proposal.averageValue)" }
      .joined(separator: "/")
    let proposed = result.proposals.compactMap { try? $0.get().replicas }.max() ?? result.desiredReplicas
    log(
      now, "hpa-scale", services[service].name,
      "utilisation \(seen) (cpu/memory); proposed \(proposed); applied \(result.desiredReplicas) "
        + "from \(replicaTarget[service])")
    replicaTarget[service] = result.desiredReplicas
    scaleService(service, to: result.desiredReplicas, in: &simulation)
  }

  /// What the autoscaler sees of each of the service's pods.
  func podMetrics(of service: Int, at now: SimTime, into inputs: inout [HPAPodMetrics]) {
    let cpuRequest = Int64(services[service].cpuRequestMillicores)
    let memoryRequest = Int64(services[service].memoryRequestMiB) * 1_048_576
    let sample = metrics[service]
    inputs.removeAll(keepingCapacity: true)
    for pod in pods where pod.service == service && pod.phase != .deleted {
      var input = HPAPodMetrics(
        startTime: pod.created,
        readyCondition: HPAPodReadyCondition(
          isReady: pod.phase == .ready && (pod.node < 0 || nodes[pod.node].ready),
          lastTransitionTime: pod.readySince ?? pod.created),
        cpuRequestMillicores: cpuRequest, memoryRequestBytes: memoryRequest)
      switch pod.phase {
      case .pending, .starting: input.phase = .pending
      case .ready, .crashed, .lost, .terminating, .deleted: input.phase = .running
      }
      input.isDeleting = pod.phase == .terminating
      // metrics-server has figures for a pod whose container ran through a whole window
      // before the last scrape, on a node whose kubelet answers.
      let measured = pod.phase == .ready && pod.node >= 0 && nodes[pod.node].up
        && pod.runningSince <= sample.timestamp - sample.window && sample.window > .zero
      if measured {
        input.cpuUsage = HPAMetricSample(
          value: Int64((sample.cpuCoresPerPod * 1_000).rounded()), timestamp: sample.timestamp,
          window: sample.window)
        input.memoryUsage = HPAMetricSample(
          value: Int64((sample.memoryMiBPerPod * 1_048_576).rounded()), timestamp: sample.timestamp,
          window: sample.window)
      }
      inputs.append(input)
    }
  }
}
