import SimKernel

/// Argo Rollouts' defaults for fields a manifest leaves out.
///
/// From argoproj/argo-rollouts utils/defaults/defaults.go (`DefaultMaxSurge`,
/// `DefaultMaxUnavailable`, `DefaultProgressDeadlineSeconds`, `DefaultScaleDownDelaySeconds`,
/// `DefaultAbortScaleDownDelaySeconds`, `DefaultConsecutiveErrorLimit`, `DefaultReplicas`) and
/// analysis/analysis.go (`DefaultErrorRetryInterval`, `DefaultMeasurementHistoryLimit`). Upstream
/// writes the surge and unavailability defaults as the string `"25"`, which the deprecated
/// `intstr.GetValueFromIntOrPercent` reads as a percentage with or without the `%`.
package enum RolloutDefaults {
  /// `spec.replicas` when unset: 1.
  package static let replicas = 1
  /// `maxSurge` when unset: 25 %.
  package static let maxSurge = IntOrPercent.percent(25)
  /// `maxUnavailable` when unset: 25 %.
  package static let maxUnavailable = IntOrPercent.percent(25)
  /// `progressDeadlineSeconds` when unset: 600 s.
  package static let progressDeadline = SimDuration.seconds(600)
  /// `scaleDownDelaySeconds` when unset: 30 s (blue/green always; canary only with a traffic
  /// router).
  package static let scaleDownDelay = SimDuration.seconds(30)
  /// `abortScaleDownDelaySeconds` when unset: 30 s (blue/green always; canary only with a
  /// traffic router).
  package static let abortScaleDownDelay = SimDuration.seconds(30)
  /// A metric's `consecutiveErrorLimit` when unset: 4.
  package static let consecutiveErrorLimit = 4
  /// How long after an erroneous measurement the next is taken, whatever the interval: 10 s.
  package static let errorRetryInterval = SimDuration.seconds(10)
  /// Measurements kept per metric before older ones are trimmed: 10.
  package static let measurementHistoryLimit = 10
}
