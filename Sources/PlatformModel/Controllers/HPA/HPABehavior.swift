/// How fast an autoscaler may scale each way (`HorizontalPodAutoscalerBehavior`).
///
/// `HPABehavior()` is the upstream default (`defaults.go`): scale-up with no stabilization and
/// the larger of +4 pods or +100 % per 15 s; scale-down after the controller's 300 s window, by
/// at most 100 % per 15 s.
package struct HPABehavior: Sendable, Equatable {
  /// Rules for growing.
  package var scaleUp: HPAScalingRules = .defaultScaleUp
  /// Rules for shrinking.
  package var scaleDown: HPAScalingRules = .defaultScaleDown

  /// The default behaviour, with optional overrides for either direction.
  package init(
    scaleUp: HPAScalingRules = .defaultScaleUp, scaleDown: HPAScalingRules = .defaultScaleDown
  ) {
    self.scaleUp = scaleUp
    self.scaleDown = scaleDown
  }
}

/// Limits for one direction of scaling (`HPAScalingRules`).
package struct HPAScalingRules: Sendable, Equatable {
  /// How far back recommendations are remembered for stabilization, in seconds.
  ///
  /// `nil` (the scale-down default) means the controller's `downscaleStabilizationWindow`
  /// (300 s unless configured), as upstream's `maybeInitScaleDownStabilizationWindow` does. For
  /// scale-up `nil` means 0.
  package var stabilizationWindowSeconds: Int?
  /// Which policy wins when several apply.
  package var selectPolicy: HPASelectPolicy
  /// The rate limits.
  package var policies: [HPAScalingPolicy]
  /// This direction's tolerance (the 1.33 alpha `HPAConfigurableTolerance` field); `nil` uses the
  /// controller's tolerance (0.1).
  package var tolerance: Double?

  /// Creates scaling rules.
  package init(
    stabilizationWindowSeconds: Int?, selectPolicy: HPASelectPolicy = .max,
    policies: [HPAScalingPolicy], tolerance: Double? = nil
  ) {
    self.stabilizationWindowSeconds = stabilizationWindowSeconds
    self.selectPolicy = selectPolicy
    self.policies = policies
    self.tolerance = tolerance
  }

  /// Upstream's default scale-up rules: window 0, `Max` of 4 pods / 15 s and 100 % / 15 s.
  package static var defaultScaleUp: HPAScalingRules {
    HPAScalingRules(
      stabilizationWindowSeconds: 0, selectPolicy: .max,
      policies: [
        HPAScalingPolicy(type: .pods, value: 4, periodSeconds: 15),
        HPAScalingPolicy(type: .percent, value: 100, periodSeconds: 15),
      ])
  }

  /// Upstream's default scale-down rules: the controller's window, `Max` of 100 % / 15 s.
  package static var defaultScaleDown: HPAScalingRules {
    HPAScalingRules(
      stabilizationWindowSeconds: nil, selectPolicy: .max,
      policies: [HPAScalingPolicy(type: .percent, value: 100, periodSeconds: 15)])
  }

  /// The longest policy period, in seconds (0 without policies); scale events older than this
  /// are no longer needed (`getLongestPolicyPeriod`).
  package var longestPolicyPeriodSeconds: Int {
    policies.reduce(0) { Swift.max($0, $1.periodSeconds) }
  }
}

/// Which of several policies applies (`ScalingPolicySelect`).
package enum HPASelectPolicy: String, Sendable, Equatable {
  /// The policy allowing the largest change (the default).
  case max = "Max"
  /// The policy allowing the smallest change.
  case min = "Min"
  /// No scaling in this direction at all.
  case disabled = "Disabled"
}

/// One rate limit (`HPAScalingPolicy`): at most `value` pods or `value` percent per
/// `periodSeconds`.
package struct HPAScalingPolicy: Sendable, Equatable {
  /// Whether `value` counts pods or percent.
  package var type: HPAScalingPolicyType
  /// The allowed change per period.
  package var value: Int
  /// The sliding window the change is measured over, in seconds (1 to 1800 upstream).
  package var periodSeconds: Int

  /// Creates a policy.
  package init(type: HPAScalingPolicyType, value: Int, periodSeconds: Int) {
    self.type = type
    self.value = value
    self.periodSeconds = periodSeconds
  }
}

/// The unit of a scaling policy's `value`.
package enum HPAScalingPolicyType: String, Sendable, Equatable {
  /// An absolute number of pods.
  case pods = "Pods"
  /// A percentage of the replicas at the start of the period.
  case percent = "Percent"
}
