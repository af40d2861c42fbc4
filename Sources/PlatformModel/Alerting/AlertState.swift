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
  /// Per rule: its window in whole intervals (burn-rate rules: the long one).
  private let windows: [Int]
  /// Per burn-rate rule: its short window in whole intervals (0 for other rules).
  private let shortWindows: [Int]
  /// Per rule: whether it is firing now.
  package private(set) var firing: [Bool]
  /// Per rule: whether the last evaluation started or resolved it.
  private(set) var changed: [Bool]
  /// Whether the last evaluation started or resolved any rule.
  private(set) var anyChanged = false
  /// Rules firing now.
  private(set) var firingCount = 0

  /// Creates the state for `rules`, keeping enough history for windows of `interval`s.
  ///
  /// A run of `horizon` evaluates at most about horizon / interval times, and a window never
  /// looks back before the start, so the history is kept for the shorter of the longest window
  /// and the horizon: a burn-rate window of 1000 years evaluated every second used to allocate
  /// hundreds of gigabytes (a fuzz crasher).
  init(rules: [AlertRule], interval: SimDuration, horizon: SimDuration = .max) {
    self.rules = rules
    firing = Array(repeating: false, count: rules.count)
    changed = firing
    streaks = Array(repeating: 0, count: rules.count)
    var longest = 1
    for rule in rules {
      if case .burnRate(_, let long, let short) = rule.condition {
        longest = max(longest, Self.length(long, interval), Self.length(short, interval))
      }
    }
    windows = rules.map { rule in
      switch rule.condition {
      case .errorRateAbove(_, let duration), .latencyP95Above(_, let duration),
        .noReadyPods(let duration):
        Self.length(duration, interval)
      case .burnRate(_, let long, _): Self.length(long, interval)
      }
    }
    shortWindows = rules.map { rule in
      guard case .burnRate(_, _, let short) = rule.condition else { return 0 }
      return Self.length(short, interval)
    }
    longest = min(longest, Self.length(min(horizon, .saturation), interval) + 2)
    cumulativeRequests = Array(repeating: 0, count: longest + 1)
    cumulativeFailed = Array(repeating: 0, count: longest + 1)
  }

  /// Whole intervals in `duration`, at least one.
  static func length(_ duration: SimDuration, _ interval: SimDuration) -> Int {
    max(1, Int((duration.microseconds + interval.microseconds - 1) / interval.microseconds))
  }

  /// Records one interval and updates which rules fire (``firing``), which of them changed
  /// (``changed``, ``anyChanged``) and how many fire (``firingCount``).
  ///
  /// Allocates nothing.
  ///
  /// - Complexity: O(*r*) for *r* rules.
  mutating func evaluate(_ sample: Sample, availabilityObjective: Double) {
    intervalsSeen += 1
    runningRequests += sample.requests
    runningFailed += sample.failed
    let slots = cumulativeRequests.count
    cumulativeRequests[intervalsSeen % slots] = runningRequests
    cumulativeFailed[intervalsSeen % slots] = runningFailed
    let budget = 1 - availabilityObjective
    anyChanged = false
    firingCount = 0
    for r in rules.indices {
      let fires: Bool
      switch rules[r].condition {
      case .errorRateAbove(let threshold, _):
        let bad = sample.requests > 0 && sample.failed / sample.requests > threshold
        streaks[r] = bad ? streaks[r] + 1 : 0
        fires = streaks[r] >= windows[r]
      case .latencyP95Above(let threshold, _):
        streaks[r] = sample.latencyP95 > threshold.inSeconds ? streaks[r] + 1 : 0
        fires = streaks[r] >= windows[r]
      case .noReadyPods:
        streaks[r] = sample.fewestReadyPods == 0 ? streaks[r] + 1 : 0
        fires = streaks[r] >= windows[r]
      case .burnRate(let factor, _, _):
        fires = burnRate(over: windows[r]) / budget > factor
          && burnRate(over: shortWindows[r]) / budget > factor
      }
      changed[r] = fires != firing[r]
      if changed[r] {
        anyChanged = true
        firing[r] = fires
      }
      if fires { firingCount += 1 }
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
