import SimKernel

/// How long each autoscaled service ran short of capacity: from the moment its pods' CPU
/// utilisation of requests rose above the autoscaler's target by more than the tolerance (a
/// load step, as the HPA would see it) to the moment enough ready pods brought it back within.
///
/// Fed once per flow step, so episode boundaries are exact to the flow step. An episode still
/// open at the end of the run counts up to the horizon.
package struct CapacityTracker: Sendable {
  /// Per service: its CPU target as a fraction of requests, or `nil` without a CPU metric.
  let targets: [Double?]
  /// The HPA's tolerance: utilisation within `target × (1 + tolerance)` is enough capacity.
  static let tolerance = 0.1
  /// Per service: when the open episode started, if one is open.
  var shortSince: [SimTime?]
  /// Per service: the durations of closed episodes, in seconds.
  package private(set) var episodes: [[Double]]

  /// A tracker for services whose autoscalers are `autoscalers` (index-aligned).
  init(autoscalers: [HorizontalPodAutoscalerSpec?]) {
    targets = autoscalers.map { spec in
      spec?.metrics.lazy.compactMap { metric -> Double? in
        guard metric.resource == .cpu, case .averageUtilization(let percent) = metric.target
        else { return nil }
        return Double(percent) / 100
      }.first
    }
    shortSince = Array(repeating: nil, count: autoscalers.count)
    episodes = Array(repeating: [], count: autoscalers.count)
  }

  /// Records service `service`'s utilisation over the step starting at `time`.
  mutating func observe(service: Int, cpuOfRequests: Double, readyPods: Int, at time: SimTime) {
    guard let target = targets[service] else { return }
    let short = readyPods == 0 || cpuOfRequests > target * (1 + Self.tolerance)
    switch (short, shortSince[service]) {
    case (true, nil): shortSince[service] = time
    case (false, let start?):
      episodes[service].append((time - start).inSeconds)
      shortSince[service] = nil
    default: break
    }
  }

  /// Closes open episodes at `time` (the end of the run).
  mutating func close(at time: SimTime) {
    for s in shortSince.indices {
      if let start = shortSince[s] {
        episodes[s].append((time - start).inSeconds)
        shortSince[s] = nil
      }
    }
  }

  /// Whether service `service` has a CPU target to measure against.
  package func isTracked(_ service: Int) -> Bool { targets[service] != nil }
}
