/// One pod of a service as an M/M/c queue at a given arrival rate: `concurrencyPerPod` workers,
/// each holding a request for its CPU time (slowed when the CPU limit is below one core) plus
/// its I/O and downstream waits.
///
/// Load beyond what the pod can serve (by CPU limit or by workers) is turned away in
/// proportion (`overloadFailure`); of the requests served, those slower than the timeout fail
/// (`timeoutFailure`). See docs/model.md, "Per-pod queues".
struct PodQueue {
  /// The share of arriving requests turned away because the pod is over capacity.
  let overloadFailure: Double
  /// The share of served requests that exceed the timeout.
  let timeoutFailure: Double
  /// Requests per second the pod serves.
  let servedRate: Double
  /// CPU seconds one request costs (with a revision's CPU regression).
  let cpuPerRequest: Double
  /// The response-time distribution of served requests.
  let sojourn: SojournTime

  /// The queue of a pod of `service` receiving `rate` requests per second, each also waiting
  /// `extraSeconds` (downstream calls, injected latency) and changed by `effects`.
  init(service: ServiceFlowParameters, rate: Double, extraSeconds: Double, effects: RevisionEffects) {
    let limitCores = service.cpuLimitCores
    cpuPerRequest = service.cpuSecondsPerRequest * effects.cpuFactor
    let serviceTime =
      service.baseLatencySeconds + cpuPerRequest / min(1, limitCores) + extraSeconds
      + effects.addedLatencySeconds
    let servers = max(1, service.concurrencyPerPod)
    let overload = max(1, rate * cpuPerRequest / limitCores, rate * serviceTime / Double(servers))
    overloadFailure = 1 - 1 / overload
    servedRate = rate / overload
    sojourn = PlatformWorld.sojourn(
      rate: min(servedRate, 0.99 * Double(servers) / serviceTime), serviceTime: serviceTime,
      servers: servers)
    timeoutFailure = sojourn.tail(service.timeoutSeconds)
  }

  /// The share of arriving requests the pod itself fails (overload or timeout).
  var ownFailure: Double { 1 - (1 - overloadFailure) * (1 - timeoutFailure) }
  /// CPU cores a running pod uses, idle share included.
  var cpuCores: Double { servedRate * cpuPerRequest + PlatformWorld.idleCPUCores }
}
