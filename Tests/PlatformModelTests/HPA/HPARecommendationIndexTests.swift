import SimKernel
import Testing

@testable import PlatformModel

/// The indexed stabilization against upstream's scan of the recommendation log.
@Suite("HPA recommendation index (differential against the upstream scan)")
struct HPARecommendationIndexTests {
  /// Upstream's legacy stabilization over an array log.
  static func scanLegacy(
    _ log: inout [HPARecommendation]?, desired: Int, now: SimTime, window: SimDuration
  ) -> Int {
    var entries = log ?? []
    var maxRecommendation = desired
    var oldIndex = -1
    let cutoff = now - window
    for i in entries.indices {
      if entries[i].time < cutoff {
        oldIndex = i
      } else if entries[i].replicas > maxRecommendation {
        maxRecommendation = entries[i].replicas
      }
    }
    let entry = HPARecommendation(replicas: desired, time: now)
    if oldIndex >= 0 { entries[oldIndex] = entry } else { entries.append(entry) }
    log = entries
    return maxRecommendation
  }

  /// Upstream's behavior stabilization over an array log.
  static func scanBehavior(
    _ log: inout [HPARecommendation]?, desired: Int, current: Int, up: SimDuration,
    down: SimDuration, now: SimTime
  ) -> Int {
    var entries = log ?? []
    let upCutoff = now - up
    let downCutoff = now - down
    var upRecommendation = desired
    var downRecommendation = desired
    var oldIndex = -1
    let staleCutoff = Swift.min(upCutoff, downCutoff)
    for i in entries.indices {
      let rec = entries[i]
      if rec.time > upCutoff { upRecommendation = Swift.min(rec.replicas, upRecommendation) }
      if rec.time > downCutoff { downRecommendation = Swift.max(rec.replicas, downRecommendation) }
      if rec.time < staleCutoff { oldIndex = i }
    }
    var recommendation = current
    if recommendation < upRecommendation { recommendation = upRecommendation }
    if recommendation > downRecommendation { recommendation = downRecommendation }
    let entry = HPARecommendation(replicas: desired, time: now)
    if oldIndex >= 0 { entries[oldIndex] = entry } else { entries.append(entry) }
    log = entries
    return recommendation
  }

  @Test(
    "indexed stabilization returns and records exactly what the scan does", arguments: 0..<100)
  func matchesScan(seedBlock: Int) {
    for seed in UInt64(seedBlock * 10)..<UInt64(seedBlock * 10 + 10) {
      var rng = XorShift(seed: seed)
      let legacy = Bool.random(using: &rng)
      let up = SimDuration.seconds([0, 15, 60, 300].randomElement(using: &rng) ?? 0)
      let down = SimDuration.seconds([0, 30, 120, 300].randomElement(using: &rng) ?? 0)
      var settings = HPAControllerSettings()
      settings.downscaleStabilizationWindow = down
      var controller = HPABehaviorController(settings: settings)
      let behavior = HPABehavior(
        scaleUp: HPAScalingRules(
          stabilizationWindowSeconds: Int(up.microseconds / 1_000_000), policies: []),
        scaleDown: HPAScalingRules(
          stabilizationWindowSeconds: Int(down.microseconds / 1_000_000), policies: []))
      var reference: [HPARecommendation]? = nil
      var t = SimTime(sinceStart: .hours(1))
      let level = Int.random(in: 1...10, using: &rng)
      for step in 0..<300 {
        // Gaps (skipped syncs), equal times, long steady stretches and jumps.
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: t += .seconds(Int64.random(in: 0...600, using: &rng))
        case 1: break
        default: t += .seconds(15)
        }
        if Int.random(in: 0..<40, using: &rng) == 0 {
          // The log replaced from outside, as tests and upstream's initial record do.
          let log = (0..<Int.random(in: 0...6, using: &rng)).map { _ in
            HPARecommendation(
              replicas: Int.random(in: 1...10, using: &rng),
              time: t - .seconds(Int64.random(in: 0...400, using: &rng)))
          }
          controller.recommendations = log
          reference = log
        }
        let desired =
          Int.random(in: 0..<3, using: &rng) == 0 ? Int.random(in: 1...12, using: &rng) : level
        let current = Int.random(in: 1...12, using: &rng)
        if legacy {
          let expected = Self.scanLegacy(&reference, desired: desired, now: t, window: down)
          let actual = controller.stabilizeRecommendation(desired: desired, now: t)
          #expect(actual == expected, "seed \(seed), step \(step)")
        } else {
          let expected = Self.scanBehavior(
            &reference, desired: desired, current: current, up: up, down: down, now: t)
          let (actual, _) = controller.stabilizeRecommendationWithBehaviors(
            desired: desired, current: current, behavior: behavior, now: t)
          #expect(actual == expected, "seed \(seed), step \(step)")
        }
        #expect(controller.recommendations == reference, "seed \(seed), step \(step)")
      }
    }
  }

  @Test("time going back falls back to the scan and keeps answering exactly")
  func timeGoingBack() {
    var controller = HPABehaviorController()
    var reference: [HPARecommendation]? = nil
    let base = SimTime(sinceStart: .hours(1))
    for (step, (seconds, desired)) in [(0, 3), (15, 5), (400, 2), (100, 7), (415, 4), (430, 1)]
      .enumerated()
    {
      let now = base + .seconds(Int64(seconds))
      let expected = Self.scanLegacy(
        &reference, desired: desired, now: now, window: .minutes(5))
      #expect(controller.stabilizeRecommendation(desired: desired, now: now) == expected, "\(step)")
      #expect(controller.recommendations == reference, "\(step)")
    }
  }
}
