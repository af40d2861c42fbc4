import SimKernel
import Testing

@testable import PlatformModel

/// The one grouping rule, on its own: upstream's `TestGroupPods` table, the readiness
/// thresholds around it, and how long a pod keeps its group.
@Suite("HPA pod grouping rule (upstream groupPods)")
struct HPAPodGroupingTests {
  static let now = HPAGroupPodsTests.now
  static let grouping = HPAPodGrouping(settings: .upstreamTesting)

  /// The rule applied to each pod of `pods`, gathered as `groupPods` gathers them.
  static func groups(_ pods: [HPAPodMetrics], resource: HPAResourceName, now: SimTime)
    -> HPAPodGroups
  {
    var groups = HPAPodGroups()
    for (i, pod) in pods.enumerated() {
      switch group(pod, resource: resource, now: now) {
      case .ready: groups.readyCount += 1
      case .unready: groups.unready.append(i)
      case .missing: groups.missing.append(i)
      case .ignored: groups.ignored.append(i)
      }
    }
    return groups
  }

  static func group(_ pod: HPAPodMetrics, resource: HPAResourceName, now: SimTime)
    -> HPAPodGroup
  {
    grouping.group(
      phase: pod.phase, isDeleting: pod.isDeleting, startTime: pod.startTime,
      readyCondition: pod.readyCondition, sample: pod.usage(of: resource), resource: resource,
      now: now)
  }

  @Test("groups upstream's TestGroupPods pods as upstream", arguments: HPAGroupPodsTests.cases)
  func upstreamTable(_ c: HPAGroupPodsTests.Case) {
    #expect(Self.groups(c.pods, resource: c.resource, now: Self.now) == c.expected)
  }

  /// Cases upstream's table leaves out: each threshold of step 4 on both sides (upstream test
  /// settings: 2 min initialization, 10 s readiness delay).
  @Test("each CPU readiness threshold on both sides")
  func thresholds() {
    typealias Pod = HPAGroupPodsTests
    let cases: [(String, HPAPodMetrics, HPAPodGroup)] = [
      // Started exactly 2 min ago: out of its initialization period (`After` is strict), so a
      // sample from before a window has passed since readiness counts.
      (
        "initialization just over, ready 10 s ago, 30 s window",
        Pod.pod(start: .minutes(2), ready: (true, .seconds(10)), sample: (.zero, .seconds(30))),
        .ready
      ),
      (
        "initialization a microsecond from over, ready 10 s ago, 30 s window",
        Pod.pod(
          start: .minutes(2) - .microseconds(1), ready: (true, .seconds(10)),
          sample: (.zero, .seconds(30))),
        .unready
      ),
      (
        "initialization over, never ready (changed 5 s after start)",
        Pod.pod(
          start: .minutes(3), ready: (false, .minutes(3) - .seconds(5)),
          sample: (.zero, .seconds(30))),
        .unready
      ),
      (
        "initialization over, not ready, readiness changed 11 s after start",
        Pod.pod(
          start: .minutes(3), ready: (false, .minutes(3) - .seconds(11)),
          sample: (.zero, .seconds(30))),
        .ready
      ),
      (
        "initializing, ready, sample window ends exactly a window after readiness",
        Pod.pod(start: .minutes(1), ready: (true, .seconds(30)), sample: (.zero, .seconds(30))),
        .ready
      ),
      (
        "initializing, ready, sample a microsecond too early",
        Pod.pod(
          start: .minutes(1), ready: (true, .seconds(30)),
          sample: (.microseconds(1), .seconds(30))),
        .unready
      ),
      (
        "initializing but without a start time",
        Pod.pod(ready: (true, .minutes(5)), sample: (.zero, .seconds(30))),
        .unready
      ),
    ]
    for (name, pod, expected) in cases {
      #expect(Self.group(pod, resource: .cpu, now: Self.now) == expected, "\(name)")
      // Memory samples of running pods count whatever their readiness.
      #expect(Self.group(pod, resource: .memory, now: Self.now) == .ready, "\(name)")
    }
  }

  @Test("a pod keeps its group for every sync and sample before the times groupLasts gives")
  func groupLasts() {
    var changed = 0
    for seed in UInt64(0)..<2_000 {
      var rng = XorShift(seed: seed)
      let settings =
        Bool.random(using: &rng) ? HPAControllerSettings() : HPAControllerSettings.upstreamTesting
      let grouping = HPAPodGrouping(settings: settings)
      let now = Self.now + .seconds(Int64.random(in: 0...60, using: &rng))
      let start = now - .seconds(Int64.random(in: 0...600, using: &rng))
      let condition = HPAPodReadyCondition(
        isReady: Int.random(in: 0..<4, using: &rng) != 0,
        lastTransitionTime: start + .seconds(Int64.random(in: 0...120, using: &rng)))
      let sample = HPAMetricSample(
        value: 0, timestamp: now - .seconds(Int64.random(in: 0...30, using: &rng)),
        window: .seconds([15, 30, 60].randomElement(using: &rng) ?? 15))
      for resource in HPAResourceName.allCases {
        func group(at time: SimTime, sampledAt timestamp: SimTime) -> HPAPodGroup {
          var taken = sample
          taken.timestamp = timestamp
          return grouping.group(
            phase: .running, isDeleting: false, startTime: start, readyCondition: condition,
            sample: taken, resource: resource, now: time)
        }
        let lasts = grouping.groupLasts(
          startTime: start, readyCondition: condition, sample: sample, resource: resource,
          now: now)
        #expect(lasts.syncTimesEnd > now && lasts.sampleTimesEnd > sample.timestamp)
        let counted = group(at: now, sampledAt: sample.timestamp)
        let syncLimit = Swift.min(lasts.syncTimesEnd, now + .minutes(10))
        let sampleLimit = Swift.min(lasts.sampleTimesEnd, sample.timestamp + .minutes(10))
        for _ in 0..<8 {
          let time = SimTime(
            microsecondsSinceStart: Int64.random(
              in: now.microsecondsSinceStart..<syncLimit.microsecondsSinceStart, using: &rng))
          let timestamp = SimTime(
            microsecondsSinceStart: Int64.random(
              in: sample.timestamp.microsecondsSinceStart..<sampleLimit.microsecondsSinceStart,
              using: &rng))
          #expect(
            group(at: time, sampledAt: timestamp) == counted,
            "seed \(seed), \(resource): at \(time), sampled at \(timestamp)")
        }
        // The bounds are where the group may change; count how often it does.
        if lasts.syncTimesEnd != .distantFuture,
          group(at: lasts.syncTimesEnd, sampledAt: sample.timestamp) != counted
        {
          changed += 1
        }
      }
    }
    #expect(changed > 50, "the bounds should often be where the group changes (\(changed))")
  }
}
