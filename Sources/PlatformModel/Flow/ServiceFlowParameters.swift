import SimKernel

/// The figures of a service the flow computation reads every step, in a plain struct.
///
/// ``ServiceConfiguration`` holds arrays and optionals (calls, autoscaler, budget); copying it
/// in the flow's inner loop costs retains and releases on every step. These are the same
/// numbers, converted once.
struct ServiceFlowParameters: Sendable {
  var cpuRequestCores: Double
  var cpuLimitCores: Double
  var memoryRequestMiB: Double
  var memoryWorkingSetMiB: Double
  var cpuSecondsPerRequest: Double
  var baseLatencySeconds: Double
  var concurrencyPerPod: Int
  /// The cores a pod's requests can use at once: its CPU limit, or its threads if fewer.
  var cpuCores: Double
  var timeoutSeconds: Double
  var egressCallsPerRequest: Double

  /// The flow figures of `service`.
  init(_ service: ServiceConfiguration) {
    cpuRequestCores = Double(service.cpuRequestMillicores) / 1_000
    cpuLimitCores = Double(service.cpuLimitMillicores) / 1_000
    memoryRequestMiB = Double(service.memoryRequestMiB)
    memoryWorkingSetMiB = Double(service.memoryWorkingSetMiB)
    cpuSecondsPerRequest = service.cpuSecondsPerRequest
    baseLatencySeconds = service.baseLatency.inSeconds
    concurrencyPerPod = service.concurrencyPerPod
    cpuCores = min(cpuLimitCores, Double(service.cpuThreads ?? service.concurrencyPerPod))
    timeoutSeconds = service.timeout.inSeconds
    egressCallsPerRequest = service.egressCallsPerRequest
  }
}
