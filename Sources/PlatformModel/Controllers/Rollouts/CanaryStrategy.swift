import SimKernel

/// An Argo Rollouts canary strategy (`spec.strategy.canary`).
///
/// Without a traffic router the canary's share of traffic is its share of pods, so the weights
/// are met by scaling the canary and stable ReplicaSets within `maxSurge` and `maxUnavailable`.
/// With one, the router splits traffic and the stable ReplicaSet stays fully scaled unless
/// `dynamicStableScale` shrinks it as traffic leaves.
package struct CanaryStrategy: Sendable, Hashable {
  /// The steps, run in order; after the last the canary is promoted to 100 %.
  package var steps: [CanaryStep]
  /// Pods allowed above `spec.replicas` while scaling; default 25 %.
  package var maxSurge: IntOrPercent
  /// Pods of `spec.replicas` allowed to be unavailable while scaling; default 25 %.
  package var maxUnavailable: IntOrPercent
  /// Whether a traffic router (service mesh or ingress) splits traffic by weight.
  package var usesTrafficRouting: Bool
  /// With a traffic router, scale the stable ReplicaSet down as its traffic share falls.
  package var dynamicStableScale: Bool
  /// With a traffic router, the fewest pods a non-empty canary or stable ReplicaSet may have.
  package var minPodsPerReplicaSet: Int?
  /// `abortScaleDownDelaySeconds`: `nil` for the default; zero keeps the canary scaled up after
  /// an abort. See ``abortScaleDown``.
  package var abortScaleDownDelay: SimDuration?
  /// `scaleDownDelaySeconds`: `nil` for the default. See ``resolvedScaleDownDelay``.
  package var scaleDownDelay: SimDuration?
  /// Analysis run alongside the steps, if any.
  package var backgroundAnalysis: CanaryBackgroundAnalysis?

  /// Creates a canary strategy with upstream's defaults for whatever is left out.
  package init(
    steps: [CanaryStep], maxSurge: IntOrPercent = RolloutDefaults.maxSurge,
    maxUnavailable: IntOrPercent = RolloutDefaults.maxUnavailable,
    usesTrafficRouting: Bool = false, dynamicStableScale: Bool = false,
    minPodsPerReplicaSet: Int? = nil, abortScaleDownDelay: SimDuration? = nil,
    scaleDownDelay: SimDuration? = nil, backgroundAnalysis: CanaryBackgroundAnalysis? = nil
  ) {
    self.steps = steps
    self.maxSurge = maxSurge
    self.maxUnavailable = maxUnavailable
    self.usesTrafficRouting = usesTrafficRouting
    self.dynamicStableScale = dynamicStableScale
    self.minPodsPerReplicaSet = minPodsPerReplicaSet
    self.abortScaleDownDelay = abortScaleDownDelay
    self.scaleDownDelay = scaleDownDelay
    self.backgroundAnalysis = backgroundAnalysis
  }

  /// `maxSurge` and `maxUnavailable` resolved for `replicas` desired pods.
  ///
  /// Mirrors `MaxSurge` and `MaxUnavailable` (argoproj/argo-rollouts utils/replicaset/
  /// replicaset.go): both come from
  /// ``RollingFenceposts/resolve(maxSurge:maxUnavailable:desired:)``; `maxUnavailable` is then 0
  /// for no replicas and at most `replicas`.
  package func fenceposts(replicas: Int) -> RollingFenceposts {
    let resolved = RollingFenceposts.resolve(
      maxSurge: maxSurge, maxUnavailable: maxUnavailable, desired: replicas)
    return RollingFenceposts(
      maxSurge: resolved.maxSurge,
      maxUnavailable: resolved.clampedMaxUnavailable(replicas: replicas))
  }

  /// What happens to the canary after an abort.
  package enum AbortScaleDown: Sendable, Hashable {
    /// Scale the canary down after the delay (zero: at once).
    case after(SimDuration)
    /// Leave the canary scaled up (`abortScaleDownDelaySeconds: 0` with a traffic router).
    case never
  }

  /// What happens to the canary after an abort.
  ///
  /// Mirrors the canary branch of `GetAbortScaleDownDelaySecondsOrDefault`
  /// (argoproj/argo-rollouts utils/defaults/defaults.go): without a traffic router the canary is
  /// scaled down at once and the field is ignored; with one the delay defaults to 30 s and an
  /// explicit zero means never.
  package var abortScaleDown: AbortScaleDown {
    guard usesTrafficRouting else { return .after(.zero) }
    guard let delay = abortScaleDownDelay else {
      return .after(RolloutDefaults.abortScaleDownDelay)
    }
    return delay == .zero ? .never : .after(delay)
  }

  /// How long the old stable ReplicaSet stays up after promotion.
  ///
  /// Mirrors the canary branch of `GetScaleDownDelaySecondsOrDefault`
  /// (argoproj/argo-rollouts utils/defaults/defaults.go): zero without a traffic router, since
  /// it serves no traffic once scaled; with one, `scaleDownDelay` or 30 s.
  package var resolvedScaleDownDelay: SimDuration {
    guard usesTrafficRouting else { return .zero }
    return scaleDownDelay ?? RolloutDefaults.scaleDownDelay
  }
}
