import SimKernel

/// One autoscaler's memory across syncs, and the normalization that uses it (upstream's
/// `recommendations`, `scaleUpEvents` and `scaleDownEvents` maps, for one key).
///
/// ``normalize(desired:current:minReplicas:maxReplicas:behavior:now:)`` turns the metrics'
/// proposal into the replicas to apply, exactly as `normalizeDesiredReplicasWithBehaviors` (or,
/// without a behavior, the legacy `normalizeDesiredReplicas`) does:
/// 1. Stabilize: the proposal is pulled into [min of the recommendations inside the scale-up
///    window, max of those inside the scale-down window], starting from the current replicas;
///    the unstabilized proposal is then recorded.
/// 2. Rate-limit by the policies, counting the scale events inside each policy's period, and
///    clamp to `maxReplicas` (growing) or `minReplicas` (shrinking).
///
/// ``storeScaleEvent(behavior:from:to:at:)`` must be called after every applied change.
package struct HPABehaviorController: Sendable, Equatable {
  /// The controller settings (the default scale-down window is read here).
  package var settings: HPAControllerSettings
  /// Unstabilized proposals with their times; `nil` until the first sync, as upstream's missing
  /// map entry. Stale entries are overwritten in place rather than removed.
  package var recommendations: [HPARecommendation]? {
    get { recommendationLog }
    set {
      recommendationLog = newValue
      recommendationIndex = HPARecommendationIndex()
    }
  }
  /// The log behind `recommendations`.
  private var recommendationLog: [HPARecommendation]?
  /// A time-ordered index of the log that answers the stabilization scans; built by the next
  /// stabilization after the log was set, or when it could not answer.
  private var recommendationIndex = HPARecommendationIndex()
  /// Past scale-ups, newest appended or written over an outdated entry.
  package var scaleUpEvents: [HPAScaleEvent] = []
  /// Past scale-downs, likewise.
  package var scaleDownEvents: [HPAScaleEvent] = []

  /// A fresh autoscaler state.
  package init(settings: HPAControllerSettings = HPAControllerSettings()) {
    self.settings = settings
  }

  /// Records the current replica count as the first recommendation, if nothing is recorded yet
  /// (`recordInitialRecommendation`; upstream calls it at the start of every reconcile).
  @inline(__always)
  package mutating func recordInitialRecommendation(_ currentReplicas: Int, at now: SimTime) {
    if recommendationLog == nil {
      recommendations = [HPARecommendation(replicas: currentReplicas, time: now)]
    }
  }

  /// Stabilizes, rate-limits and clamps a proposal, and records the proposal.
  ///
  /// - Parameters:
  ///   - desired: the metrics' proposal (the largest over all metrics).
  ///   - current: the target's current `spec.replicas`.
  ///   - minReplicas: the spec's lower bound.
  ///   - maxReplicas: the spec's upper bound.
  ///   - behavior: the spec's behavior; `nil` takes the legacy path.
  ///   - now: the sync time.
  /// - Returns: the replicas to apply and why.
  /// - Complexity: O(*r* + *e*·*p*): recommendations, events, policies.
  package mutating func normalize(
    desired: Int, current: Int, minReplicas: Int, maxReplicas: Int, behavior: HPABehavior?,
    now: SimTime
  ) -> HPANormalization {
    guard let behavior else {
      let stabilized = stabilizeRecommendation(desired: desired, now: now)
      let stabilization: HPAStabilizationReason =
        stabilized != desired ? .scaleDownStabilized : .readyForNewScale
      let (replicas, limit) = Self.convertDesiredReplicasWithRules(
        current: current, desired: stabilized, minReplicas: minReplicas, maxReplicas: maxReplicas)
      return HPANormalization(
        replicas: replicas, stabilizedRecommendation: stabilized, stabilization: stabilization,
        limit: limit)
    }
    let (stabilized, direction) = stabilizeRecommendationWithBehaviors(
      desired: desired, current: current, behavior: behavior, now: now)
    let stabilization = stabilized != desired ? direction : .readyForNewScale
    let (replicas, limit) = Self.convertDesiredReplicasWithBehaviorRate(
      desired: stabilized, current: current, minReplicas: minReplicas, maxReplicas: maxReplicas,
      behavior: behavior, scaleUpEvents: scaleUpEvents, scaleDownEvents: scaleDownEvents,
      now: now)
    return HPANormalization(
      replicas: replicas, stabilizedRecommendation: stabilized, stabilization: stabilization,
      limit: limit)
  }

  /// Legacy stabilization (`stabilizeRecommendation`): the largest recommendation of the last
  /// `downscaleStabilizationWindow`, including `desired`, which is then recorded over the last
  /// stale entry or appended.
  ///
  /// - Complexity: O(*r*).
  package mutating func stabilizeRecommendation(desired: Int, now: SimTime) -> Int {
    // Taken out, not copied, so that the entry is written in place (no copy-on-write).
    var log = recommendationLog.take() ?? []
    defer { recommendationLog = log }
    let cutoff = (now - settings.downscaleStabilizationWindow).microsecondsSinceStart
    var maximum = desired
    var minimum = desired
    if recommendationIndex.record(
      desired, at: now, in: &log, staleCutoff: cutoff, maximumCutoff: cutoff,
      minimumCutoff: .min, isBehavior: false, maximum: &maximum, minimum: &minimum)
    {
      return maximum
    }
    // Upstream's scan; the index is rebuilt next time.
    recommendationIndex = HPARecommendationIndex()
    let (maxRecommendation, oldIndex) = log.withUnsafeBufferPointer { entries in
      Self.scanLegacy(entries, desired: desired, cutoff: cutoff)
    }
    let entry = HPARecommendation(replicas: desired, time: now)
    if oldIndex >= 0 { log[oldIndex] = entry } else { log.append(entry) }
    return maxRecommendation
  }

  /// The legacy scan: the largest of `desired` and the recommendations at or after `cutoff`,
  /// and the last index of one before it (-1: none).
  ///
  /// Written with selects rather than branches, over raw microseconds, so that a pass costs a
  /// few instructions per entry.
  ///
  /// - Complexity: O(*r*).
  @inline(__always)
  private static func scanLegacy(
    _ entries: UnsafeBufferPointer<HPARecommendation>, desired: Int, cutoff: Int64
  ) -> (maxRecommendation: Int, oldIndex: Int) {
    var maxRecommendation = desired
    var oldIndex = -1  // none
    for i in 0..<entries.count {
      let time = entries[i].time.microsecondsSinceStart
      let replicas = entries[i].replicas
      let stale = time < cutoff
      oldIndex = stale ? i : oldIndex
      maxRecommendation = !stale && replicas > maxRecommendation ? replicas : maxRecommendation
    }
    return (maxRecommendation, oldIndex)
  }

  /// Behavior stabilization (`stabilizeRecommendationWithBehaviors`).
  ///
  /// The lower limit is the smallest recommendation newer than the scale-up window, the upper
  /// limit the largest newer than the scale-down window (both including `desired`); the result
  /// is `current` moved into [lower, upper]. `desired` is then recorded over the last entry
  /// older than both windows, or appended.
  ///
  /// - Returns: the stabilized recommendation and which direction's stabilization would explain
  ///   a difference from `desired`.
  /// - Complexity: O(*r*).
  @inline(__always)
  package mutating func stabilizeRecommendationWithBehaviors(
    desired: Int, current: Int, behavior: HPABehavior, now: SimTime
  ) -> (replicas: Int, direction: HPAStabilizationReason) {
    // The windows read here, so that a caller passes two times rather than a copy of the
    // behavior.
    stabilizeRecommendationWithBehaviors(
      desired: desired, current: current,
      upCutoff: now - .seconds(Int64(behavior.scaleUp.stabilizationWindowSeconds ?? 0)),
      downCutoff: now - downscaleWindow(behavior), now: now)
  }

  /// ``stabilizeRecommendationWithBehaviors(desired:current:behavior:now:)`` with the windows'
  /// cutoffs: recommendations newer than `upCutoff` count for the lower limit, newer than
  /// `downCutoff` for the upper.
  private mutating func stabilizeRecommendationWithBehaviors(
    desired: Int, current: Int, upCutoff: SimTime, downCutoff: SimTime, now: SimTime
  ) -> (replicas: Int, direction: HPAStabilizationReason) {
    // Taken out, not copied, so that the entry is written in place (no copy-on-write).
    var log = recommendationLog.take() ?? []
    defer { recommendationLog = log }
    var upRecommendation = desired
    var downRecommendation = desired
    // Older than both cutoffs is older than the earlier one.
    let staleCutoff = Swift.min(upCutoff, downCutoff)
    let up = upCutoff.microsecondsSinceStart
    let down = downCutoff.microsecondsSinceStart
    let stale = staleCutoff.microsecondsSinceStart
    if !recommendationIndex.record(
      desired, at: now, in: &log, staleCutoff: stale, maximumCutoff: down, minimumCutoff: up,
      isBehavior: true, maximum: &downRecommendation, minimum: &upRecommendation)
    {
      // Upstream's scan; the index is rebuilt next time.
      recommendationIndex = HPARecommendationIndex()
      var oldIndex = -1  // none
      log.withUnsafeBufferPointer { entries in
        // Selects rather than branches, over raw microseconds.
        for i in 0..<entries.count {
          let time = entries[i].time.microsecondsSinceStart
          let replicas = entries[i].replicas
          upRecommendation =
            time > up && replicas < upRecommendation ? replicas : upRecommendation
          downRecommendation =
            time > down && replicas > downRecommendation ? replicas : downRecommendation
          oldIndex = time < stale ? i : oldIndex
        }
      }
      let entry = HPARecommendation(replicas: desired, time: now)
      if oldIndex >= 0 { log[oldIndex] = entry } else { log.append(entry) }
    }
    var recommendation = current
    if recommendation < upRecommendation { recommendation = upRecommendation }
    if recommendation > downRecommendation { recommendation = downRecommendation }
    return (recommendation, desired >= current ? .scaleUpStabilized : .scaleDownStabilized)
  }

  /// Behavior rate limiting and clamping (`convertDesiredReplicasWithBehaviorRate`).
  ///
  /// Growing, the limit is the policies' scale-up limit (never below `current`) or
  /// `maxReplicas`, whichever is lower; shrinking, the scale-down limit (never above `current`)
  /// or `minReplicas`, whichever is higher.
  ///
  /// The policies' limit is computed only when it can decide: growing from `maxReplicas` or
  /// more, the limit (never below `current`) cannot be lower than `maxReplicas`, so
  /// `maxReplicas` applies as upstream's comparison would find; shrinking from `minReplicas` or
  /// less, likewise `minReplicas`.
  ///
  /// A static function of the scale events rather than a method: a sync that calls it would
  /// otherwise copy the whole controller to pass it.
  ///
  /// - Complexity: O(*e*·*p*).
  package static func convertDesiredReplicasWithBehaviorRate(
    desired: Int, current: Int, minReplicas: Int, maxReplicas: Int, behavior: HPABehavior,
    scaleUpEvents: [HPAScaleEvent], scaleDownEvents: [HPAScaleEvent], now: SimTime
  ) -> (replicas: Int, limit: HPAScalingLimitReason) {
    if desired > current {
      var maximumAllowed = maxReplicas
      var reason = HPAScalingLimitReason.tooManyReplicas
      if maxReplicas > current {
        var scaleUpLimit = Self.scaleUpLimit(
          current: current, scaleUpEvents: scaleUpEvents, scaleDownEvents: scaleDownEvents,
          rules: behavior.scaleUp, now: now)
        if scaleUpLimit < current { scaleUpLimit = current }
        if maximumAllowed > scaleUpLimit {
          maximumAllowed = scaleUpLimit
          reason = .scaleUpLimit
        }
      }
      if desired > maximumAllowed { return (maximumAllowed, reason) }
    } else if desired < current {
      var minimumAllowed = minReplicas
      var reason = HPAScalingLimitReason.tooFewReplicas
      if minReplicas < current {
        var scaleDownLimit = Self.scaleDownLimit(
          current: current, scaleUpEvents: scaleUpEvents, scaleDownEvents: scaleDownEvents,
          rules: behavior.scaleDown, now: now)
        if scaleDownLimit > current { scaleDownLimit = current }
        if minimumAllowed < scaleDownLimit {
          minimumAllowed = scaleDownLimit
          reason = .scaleDownLimit
        }
      }
      if desired < minimumAllowed { return (minimumAllowed, reason) }
    }
    return (desired, .desiredWithinRange)
  }

  /// Legacy clamping (`convertDesiredReplicasWithRules`): at least `minReplicas`, at most
  /// `maxReplicas` and at most max(2 × current, 4).
  ///
  /// - Complexity: O(1).
  package static func convertDesiredReplicasWithRules(
    current: Int, desired: Int, minReplicas: Int, maxReplicas: Int
  ) -> (replicas: Int, limit: HPAScalingLimitReason) {
    let scaleUpLimit = legacyScaleUpLimit(current: current)
    let maximumAllowed: Int
    let reason: HPAScalingLimitReason
    if maxReplicas > scaleUpLimit {
      maximumAllowed = scaleUpLimit
      reason = .scaleUpLimit
    } else {
      maximumAllowed = maxReplicas
      reason = .tooManyReplicas
    }
    if desired < minReplicas { return (minReplicas, .tooFewReplicas) }
    if desired > maximumAllowed { return (maximumAllowed, reason) }
    return (desired, .desiredWithinRange)
  }

  /// The legacy per-sync scale-up cap, max(2 × current, 4) (`calculateScaleUpLimit`).
  ///
  /// Upstream computes it in floating point; below 2⁵² that is exact, so integers give the same
  /// count there.
  @inline(__always)
  package static func legacyScaleUpLimit(current: Int) -> Int {
    guard current.magnitude < 1 << 52 else { return Int(Swift.max(2.0 * Double(current), 4.0)) }
    return Swift.max(2 * current, 4)
  }

  /// The most replicas the scale-up policies allow now (`calculateScaleUpLimitWithScalingRules`).
  ///
  /// Each policy starts from the replicas at the start of its period (current − added + removed
  /// inside the period) and adds `value` pods or ⌈`value` %⌉; `Max` takes the largest result,
  /// `Min` the smallest, `Disabled` returns `current`.
  ///
  /// - Complexity: O(*e*·*p*).
  package static func scaleUpLimit(
    current: Int, scaleUpEvents: [HPAScaleEvent], scaleDownEvents: [HPAScaleEvent],
    rules: HPAScalingRules, now: SimTime
  ) -> Int {
    var result: Int
    switch rules.selectPolicy {
    case .disabled: return current
    case .min: result = Int(Int32.max)
    case .max: result = Int(Int32.min)
    }
    for policy in rules.policies {
      let added = replicasChange(inLast: policy.periodSeconds, events: scaleUpEvents, now: now)
      let removed = replicasChange(inLast: policy.periodSeconds, events: scaleDownEvents, now: now)
      let periodStart = current - added + removed
      let proposed: Int
      switch policy.type {
      case .pods: proposed = periodStart + policy.value
      case .percent:
        // Rounded up so a small percentage still allows one more pod.
        proposed = Int((Double(periodStart) * (1 + Double(policy.value) / 100)).rounded(.up))
      }
      result =
        rules.selectPolicy == .min ? Swift.min(result, proposed) : Swift.max(result, proposed)
    }
    return result
  }

  /// The fewest replicas the scale-down policies allow now
  /// (`calculateScaleDownLimitWithBehaviors`).
  ///
  /// Each policy starts from the replicas at the start of its period and removes `value` pods or
  /// `value` % (truncated); `Max` (largest change) takes the smallest result, `Min` the largest,
  /// `Disabled` returns `current`.
  ///
  /// - Complexity: O(*e*·*p*).
  package static func scaleDownLimit(
    current: Int, scaleUpEvents: [HPAScaleEvent], scaleDownEvents: [HPAScaleEvent],
    rules: HPAScalingRules, now: SimTime
  ) -> Int {
    var result: Int
    switch rules.selectPolicy {
    case .disabled: return current
    case .min: result = Int(Int32.min)
    case .max: result = Int(Int32.max)
    }
    for policy in rules.policies {
      let added = replicasChange(inLast: policy.periodSeconds, events: scaleUpEvents, now: now)
      let removed = replicasChange(inLast: policy.periodSeconds, events: scaleDownEvents, now: now)
      let periodStart = current - added + removed
      let proposed: Int
      switch policy.type {
      case .pods: proposed = periodStart - policy.value
      case .percent: proposed = Int(Double(periodStart) * (1 - Double(policy.value) / 100))
      }
      result =
        rules.selectPolicy == .min ? Swift.max(result, proposed) : Swift.min(result, proposed)
    }
    return result
  }

  /// The replicas changed by events strictly after `now − periodSeconds`
  /// (`getReplicasChangePerPeriod`).
  ///
  /// - Complexity: O(*e*).
  package static func replicasChange(
    inLast periodSeconds: Int, events: [HPAScaleEvent], now: SimTime
  )
    -> Int
  {
    let cutoff = now - .seconds(Int64(periodSeconds))
    return events.reduce(0) { $0 + ($1.time > cutoff ? $1.replicaChange : 0) }
  }

  /// Records an applied change from `previous` to `new` replicas (`storeScaleEvent`).
  ///
  /// Without a behavior nothing is stored (the legacy path never reads events). Otherwise the
  /// events of that direction older than its longest policy period are marked outdated and the
  /// new event overwrites the last outdated one, or is appended.
  ///
  /// - Complexity: O(*e*).
  package mutating func storeScaleEvent(
    behavior: HPABehavior?, from previous: Int, to new: Int, at now: SimTime
  ) {
    guard let behavior else { return }
    if new > previous {
      Self.store(
        HPAScaleEvent(replicaChange: new - previous, time: now), in: &scaleUpEvents,
        longestPeriodSeconds: behavior.scaleUp.longestPolicyPeriodSeconds, now: now)
    } else {
      Self.store(
        HPAScaleEvent(replicaChange: previous - new, time: now), in: &scaleDownEvents,
        longestPeriodSeconds: behavior.scaleDown.longestPolicyPeriodSeconds, now: now)
    }
  }

  private static func store(
    _ event: HPAScaleEvent, in events: inout [HPAScaleEvent], longestPeriodSeconds: Int,
    now: SimTime
  ) {
    let cutoff = now - .seconds(Int64(longestPeriodSeconds))
    var oldIndex: Int?
    for i in events.indices {
      if events[i].time < cutoff { events[i].isOutdated = true }
      if events[i].isOutdated { oldIndex = i }
    }
    if let oldIndex { events[oldIndex] = event } else { events.append(event) }
  }

  /// The scale-down stabilization window in force for `behavior`.
  private func downscaleWindow(_ behavior: HPABehavior) -> SimDuration {
    if let seconds = behavior.scaleDown.stabilizationWindowSeconds {
      return .seconds(Int64(seconds))
    }
    return settings.downscaleStabilizationWindow
  }
}

/// An unstabilized replica proposal and when it was made (`timestampedRecommendation`).
package struct HPARecommendation: Sendable, Equatable {
  /// The proposed replicas.
  package var replicas: Int
  /// When it was proposed.
  package var time: SimTime

  /// Creates a recommendation.
  package init(replicas: Int, time: SimTime) {
    self.replicas = replicas
    self.time = time
  }
}

/// An applied scaling step (`timestampedScaleEvent`).
package struct HPAScaleEvent: Sendable, Equatable {
  /// Replicas added (scale-up list) or removed (scale-down list); never negative.
  package var replicaChange: Int
  /// When it was applied.
  package var time: SimTime
  /// Older than every policy period, so free to be overwritten.
  package var isOutdated: Bool = false

  /// Creates a scale event.
  package init(replicaChange: Int, time: SimTime, isOutdated: Bool = false) {
    self.replicaChange = replicaChange
    self.time = time
    self.isOutdated = isOutdated
  }
}

/// The outcome of normalizing a proposal.
package struct HPANormalization: Sendable, Equatable {
  /// The replicas to apply.
  package var replicas: Int
  /// The proposal after stabilization, before rate limits and bounds.
  package var stabilizedRecommendation: Int
  /// The `AbleToScale` reason: whether stabilization changed the proposal.
  package var stabilization: HPAStabilizationReason
  /// The `ScalingLimited` reason: which limit, if any, applied.
  package var limit: HPAScalingLimitReason

  /// Creates a normalization result.
  package init(
    replicas: Int, stabilizedRecommendation: Int, stabilization: HPAStabilizationReason,
    limit: HPAScalingLimitReason
  ) {
    self.replicas = replicas
    self.stabilizedRecommendation = stabilizedRecommendation
    self.stabilization = stabilization
    self.limit = limit
  }

  /// Whether a limit cut the stabilized recommendation (`ScalingLimited` is `True`).
  package var isLimited: Bool { replicas != stabilizedRecommendation }
}

/// Why the stabilized recommendation differs from the proposal (the `AbleToScale` reason).
package enum HPAStabilizationReason: String, Sendable, Equatable {
  /// Stabilization left the proposal alone.
  case readyForNewScale = "ReadyForNewScale"
  /// Lower recent recommendations held a scale-up back.
  case scaleUpStabilized = "ScaleUpStabilized"
  /// Higher recent recommendations held a scale-down back.
  case scaleDownStabilized = "ScaleDownStabilized"
}

/// Which bound applied to the stabilized recommendation (the `ScalingLimited` reason).
package enum HPAScalingLimitReason: String, Sendable, Equatable {
  /// No bound applied.
  case desiredWithinRange = "DesiredWithinRange"
  /// The scale-up policies (or the legacy 2× / 4 cap) applied.
  case scaleUpLimit = "ScaleUpLimit"
  /// `maxReplicas` applied.
  case tooManyReplicas = "TooManyReplicas"
  /// The scale-down policies applied.
  case scaleDownLimit = "ScaleDownLimit"
  /// `minReplicas` applied.
  case tooFewReplicas = "TooFewReplicas"
}
