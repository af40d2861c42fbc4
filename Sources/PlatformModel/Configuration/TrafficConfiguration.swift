import SimKernel

/// The load offered to the platform: a base rate shaped by the time of day and week, optional
/// spikes, or a recorded trace of rates; and how the load balancer splits it among services.
package struct TrafficConfiguration: Sendable, Equatable {
  /// Mean requests per second over a weekday.
  package var baseRequestsPerSecond: Double = 50
  /// Busiest hour's rate over the quietest hour's (1 means flat).
  package var peakToTroughRatio: Double = 3
  /// Hour of day (0-24, UTC) of the peak.
  package var peakHour: Double = 14
  /// Weekend rate as a share of the weekday rate.
  package var weekendFactor: Double = 0.7
  /// Temporary multipliers on top of the shape.
  package var spikes: [TrafficSpike] = []
  /// A recorded rate per interval, replacing the shape when present (from a CSV trace).
  package var trace: TrafficTrace? = nil
  /// Share of requests the load balancer routes to each entry service; shares sum to 1.
  package var routes: [TrafficRoute] = [
    TrafficRoute(service: "frontend", share: 0.6), TrafficRoute(service: "backend", share: 0.4),
  ]

  /// The reference platform's traffic.
  package init() {}
}

/// A temporary multiplier on the traffic rate: ramps up, holds, and ramps down as fast.
package struct TrafficSpike: Sendable, Equatable {
  /// When the ramp starts.
  package var at: SimDuration
  /// How long the spike lasts, ramps included.
  package var duration: SimDuration
  /// The rate multiplier at full height (5 means five times the normal rate).
  package var multiplier: Double
  /// How long the rate takes to reach full height.
  package var rampUp: SimDuration

  /// Creates a spike.
  package init(at: SimDuration, duration: SimDuration, multiplier: Double, rampUp: SimDuration) {
    self.at = at
    self.duration = duration
    self.multiplier = multiplier
    self.rampUp = rampUp
  }
}

/// Requests per second recorded at a fixed interval; the last value holds past the end.
package struct TrafficTrace: Sendable, Equatable {
  /// Time between consecutive rates.
  package var interval: SimDuration
  /// Requests per second in each interval.
  package var requestsPerSecond: [Double]

  /// Creates a trace.
  package init(interval: SimDuration, requestsPerSecond: [Double]) {
    self.interval = interval
    self.requestsPerSecond = requestsPerSecond
  }
}

/// The share of incoming requests the load balancer sends to one service.
package struct TrafficRoute: Sendable, Equatable {
  /// The entry service's name.
  package var service: String
  /// Its share of requests, 0-1.
  package var share: Double

  /// Creates a route.
  package init(service: String, share: Double) {
    self.service = service
    self.share = share
  }
}
