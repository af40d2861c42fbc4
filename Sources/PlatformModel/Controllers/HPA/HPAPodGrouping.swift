import SimKernel

/// Upstream's rule for which of the replica calculator's four groups one pod joins, and until
/// when time alone leaves it there: the loop body of `groupPods` in kubernetes
/// `pkg/controller/podautoscaler/replica_calculator.go`.
///
/// In order, for one resource:
/// 1. A pod with a deletion timestamp, or in phase `Failed`, is ignored.
/// 2. A `Pending` pod is unready.
/// 3. A pod the metrics API returned no sample for is missing.
/// 4. For CPU only, a pod is unready if it has no `Ready` condition or no start time; if it
///    started less than `cpuInitializationPeriod` ago, if it is not ready or its sample was
///    taken before a whole window had passed since its readiness last changed; if it is older,
///    only if it is not ready and its readiness last changed within
///    `delayOfInitialReadinessStatus` of its start (it has never been ready).
/// 5. Otherwise it is ready. (Memory samples of running pods count whatever their readiness.)
///
/// This is the one place the rule is written. ``ReplicaCalculator/groupPods(_:resource:now:)``
/// applies it to per-pod records; `PlatformWorld.countPods` applies it to the cluster's pods
/// as it counts them into an ``HPAPodCensus``, and bounds how long that census stays true
/// with ``groupLasts(startTime:readyCondition:sample:resource:now:)``.
package struct HPAPodGrouping: Sendable, Equatable {
  /// How long after a pod's start its CPU samples are trusted only once it is ready and a
  /// whole window has passed since (`--horizontal-pod-autoscaler-cpu-initialization-period`).
  package var cpuInitializationPeriod: SimDuration
  /// How soon after its start a pod's readiness may change for an unready pod to count as
  /// never having been ready (`--horizontal-pod-autoscaler-initial-readiness-delay`).
  package var delayOfInitialReadinessStatus: SimDuration

  /// The rule with the given controller settings' periods.
  package init(settings: HPAControllerSettings) {
    cpuInitializationPeriod = settings.cpuInitializationPeriod
    delayOfInitialReadinessStatus = settings.delayOfInitialReadinessStatus
  }

  /// The group one pod joins for `resource` at `now`.
  ///
  /// - Parameters:
  ///   - phase: the pod's phase.
  ///   - isDeleting: whether the pod has a deletion timestamp.
  ///   - startTime: when the kubelet started the pod (`status.startTime`), if it has.
  ///   - readyCondition: the pod's `Ready` condition, if it has one.
  ///   - sample: the pod's latest sample of `resource`, if the metrics API has one (only its
  ///     timestamp and window are read).
  ///   - resource: the metric's resource.
  ///   - now: the sync time.
  /// - Complexity: O(1).
  @inline(__always)
  package func group(
    phase: HPAPodPhase, isDeleting: Bool, startTime: SimTime?,
    readyCondition: HPAPodReadyCondition?, sample: HPAMetricSample?, resource: HPAResourceName,
    now: SimTime
  ) -> HPAPodGroup {
    if isDeleting || phase == .failed { return .ignored }
    if phase == .pending { return .unready }
    guard let sample else { return .missing }
    if resource == .cpu {
      guard let condition = readyCondition, let start = startTime else { return .unready }
      let unready: Bool
      if start + cpuInitializationPeriod > now {
        unready =
          !condition.isReady || sample.timestamp < condition.lastTransitionTime + sample.window
      } else {
        unready =
          !condition.isReady && start + delayOfInitialReadinessStatus > condition.lastTransitionTime
      }
      if unready { return .unready }
    }
    return .ready
  }

  /// Until when a pod with a sample keeps the group that
  /// ``group(phase:isDeleting:startTime:readyCondition:sample:resource:now:)``
  /// gives it, as time alone passes: its status and the sample's window unchanged, and the
  /// sample still there.
  ///
  /// Time enters the rule only in step 4, through two thresholds: the sync time at which the
  /// pod leaves its CPU initialization period, and the sample timestamp from which a whole
  /// window has passed since its readiness last changed (which matters only inside that
  /// period). Whether the pod has a sample at all is the metrics source's business, not the
  /// rule's.
  ///
  /// - Parameters: as for
  ///   ``group(phase:isDeleting:startTime:readyCondition:sample:resource:now:)``.
  /// - Returns: the first sync time after `now`, and the first sample timestamp after
  ///   `sample`'s, at which the pod could join another group; `SimTime.distantFuture` where
  ///   there is none. Syncs before the one and samples before the other leave the group as it
  ///   is.
  /// - Complexity: O(1).
  @inline(__always)
  package func groupLasts(
    startTime: SimTime?, readyCondition: HPAPodReadyCondition?, sample: HPAMetricSample,
    resource: HPAResourceName, now: SimTime
  ) -> (syncTimesEnd: SimTime, sampleTimesEnd: SimTime) {
    guard resource == .cpu, let condition = readyCondition, let start = startTime else {
      return (.distantFuture, .distantFuture)
    }
    let initialized = start + cpuInitializationPeriod
    guard initialized > now else { return (.distantFuture, .distantFuture) }
    let trustedFrom = condition.lastTransitionTime + sample.window
    return (initialized, trustedFrom > sample.timestamp ? trustedFrom : .distantFuture)
  }
}

/// How the calculator treats one pod (which of upstream's four sets ``HPAPodGrouping`` puts it
/// in).
package enum HPAPodGroup: Sendable, Equatable {
  /// Its sample counts as it is.
  case ready
  /// Pending or (CPU) not yet trustworthy: dropped, or counted at 0 on a scale-up.
  case unready
  /// Without a sample: filled in pessimistically.
  case missing
  /// Failed or terminating: left out entirely.
  case ignored
}
