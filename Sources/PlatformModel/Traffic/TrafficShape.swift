#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif
import SimKernel

/// The offered request rate as a function of simulated time.
///
/// Without a trace: `base · daily(t) · weekly(t)`, where `daily` is a cosine with its maximum
/// at `peakHour` whose peak-to-trough ratio is `peakToTroughRatio` and whose weekday mean is 1,
/// and `weekly` is `weekendFactor` on days 6 and 7 of each week (the run starts on a Monday
/// at 00:00 UTC). Spikes multiply on top, ramping linearly up over `rampUp`, holding, and
/// ramping down over the same time at the end of `duration`.
package struct TrafficShape: Sendable {
  private let configuration: TrafficConfiguration
  private let amplitude: Double

  /// The shape of `configuration`.
  package init(_ configuration: TrafficConfiguration) {
    self.configuration = configuration
    let r = max(1, configuration.peakToTroughRatio)
    amplitude = (r - 1) / (r + 1)
  }

  /// Requests per second at `time`.
  package func rate(at time: SimTime) -> Double {
    let seconds = time.secondsSinceStart
    var rate: Double
    if let trace = configuration.trace, !trace.requestsPerSecond.isEmpty {
      let index = Int(time.microsecondsSinceStart / trace.interval.microseconds)
      rate = trace.requestsPerSecond[min(index, trace.requestsPerSecond.count - 1)]
    } else {
      let hour = seconds / 3_600
      let phase = 2 * Double.pi * (hour - configuration.peakHour) / 24
      rate = configuration.baseRequestsPerSecond * (1 + amplitude * cos(phase))
      let day = Int(seconds / 86_400) % 7
      if day >= 5 { rate *= configuration.weekendFactor }
    }
    for spike in configuration.spikes { rate *= Self.multiplier(of: spike, at: time) }
    return rate
  }

  /// Whether the rate may change fast somewhere in `start..<end`: a recorded trace, or a
  /// spike ramping or holding there. Elsewhere the rate follows the daily cosine and the
  /// weekend step (at midnight), and a flow step of a minute holds it to within a fraction of
  /// a percent.
  package func changesFast(from start: SimTime, to end: SimTime) -> Bool {
    if let trace = configuration.trace, !trace.requestsPerSecond.isEmpty { return true }
    for spike in configuration.spikes {
      let spikeStart = SimTime(sinceStart: spike.at)
      if spikeStart < end && start < spikeStart + spike.duration { return true }
    }
    return false
  }

  /// The spike's multiplier at `time`: 1 outside it, ramps in and out linearly.
  static func multiplier(of spike: TrafficSpike, at time: SimTime) -> Double {
    let since = (time - SimTime(sinceStart: spike.at)).inSeconds
    let length = spike.duration.inSeconds
    guard since >= 0, since < length else { return 1 }
    let ramp = spike.rampUp.inSeconds
    var height = 1.0
    if ramp > 0 { height = min(1, since / ramp, (length - since) / ramp) }
    return 1 + (spike.multiplier - 1) * max(0, height)
  }
}
