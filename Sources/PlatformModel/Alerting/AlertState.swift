import SimKernel

/// The alert rules' view of the recent past, evaluated once per reporting interval.
///
/// "Above X for D" conditions keep a streak of consecutive intervals that met them; burn-rate
/// windows are differences of running sums of requests and failures kept in a ring as long as
/// the longest window, so each evaluation is O(rules) whatever the window lengths.
package struct AlertState: Sendable {
  /// One reporting interval as the rules see it.
  struct Sample: Sendable {
    var requests: Double
    var failed: Double
    var latencyP95: Double
    var fewestReadyPods: Int
  }

  let rules: [AlertRule]
  /// Running totals of requests and failures after each interval, in a ring.
  private var cumulativeRequests: [Double] = [0]
  private var cumulativeFailed: [Double] = [0]
  private var intervalsSeen = 0
  private var runningRequests = 0.0
  private var runningFailed = 0.0
  private var streaks: [Int]
  /// Per rule: whether it is firing now.
  package private(set) var firing: [Bool]

  /// Creates the state for `rules`, keeping enough history for windows of `interval`s.
  init(rules: [AlertRule], interval: SimDuration) {
    self.rules = rules
    firing = Array(repeating: false, count: rules.count)
    streaks = Array(repeating: 0, count: rules.count)
    var longest = 1
    for rule in rules {
      if case .burnRate(_, let long, let short) = rule.condition {
        longest = max(longest, Self.length(long, interval), Self.length(short, interval))
      }
    }
    cumulativeRequests = Array(repeating: 0, count: longest + 1)
    cumulativeFailed = Array(repeating: 0, count: longest + 1)
  }

  /// Whole intervals in `duration`, at least one.
  static func length(_ duration: SimDuration, _ interval: SimDuration) -> Int {
    max(1, Int((duration.microseconds + interval.microseconds - 1) / interval.microseconds))
  }

  /// Records one interval and updates which rules fire.
  mutating func evaluate(_ sample: Sample, interval: SimDuration, availabilityObjective: Double) {
    intervalsSeen += 1
    runningRequests += sample.requests
    runningFailed += sample.failed
    let slots = cumulativeRequests.count
    cumulativeRequests[intervalsSeen % slots] = runningRequests
    cumulativeFailed[intervalsSeen % slots] = runningFailed
    let budget = 1 - availabilityObjective
    for (r, rule) in rules.enumerated() {
      switch rule.condition {
      case .errorRateAbove(let threshold, let duration):
        let bad = sample.requests > 0 && sample.failed / sample.requests > threshold
        streaks[r] = bad ? streaks[r] + 1 : 0
        firing[r] = streaks[r] >= Self.length(duration, interval)
      case .latencyP95Above(let threshold, let duration):
        streaks[r] = sample.latencyP95 > threshold.inSeconds ? streaks[r] + 1 : 0
        firing[r] = streaks[r] >= Self.length(duration, interval)
      case .noReadyPods(let duration):
        streaks[r] = sample.fewestReadyPods == 0 ? streaks[r] + 1 : 0
        firing[r] = streaks[r] >= Self.length(duration, interval)
      case .burnRate(let factor, let long, let short):
        firing[r] = burnRate(over: Self.length(long, interval)) / budget > factor
          && burnRate(over: Self.length(short, interval)) / budget > factor
      }
    }
  }

  /// The failed share of requests over the last `n` intervals (fewer at the start of a run).
  private func burnRate(over n: Int) -> Double {
    let slots = cumulativeRequests.count
    let back = min(n, intervalsSeen, slots - 1)
    let then = (intervalsSeen - back) % slots
    let requests = runningRequests - cumulativeRequests[then]
    let failed = runningFailed - cumulativeFailed[then]
    return requests > 0 ? failed / requests : 0
  }
}
