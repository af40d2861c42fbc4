/// What a HorizontalPodAutoscaler (autoscaling/v2) asks for: replica bounds, the metrics to
/// track and, optionally, how fast to scale.
///
/// Defaults follow `pkg/apis/autoscaling/v2/defaults.go`: `minReplicas` 1 and, when no metric is
/// given, one CPU metric at 80 % average utilization. Only `Resource` metrics (cpu, memory) are
/// modelled; the simulator has no custom or external metrics pipeline.
package struct HorizontalPodAutoscalerSpec: Sendable, Equatable {
  /// The fewest replicas the autoscaler leaves (`minReplicas`). 0 is allowed (scale to zero
  /// then needs a non-resource metric upstream, which we do not model).
  package var minReplicas: Int = 1
  /// The most replicas the autoscaler creates (`maxReplicas`).
  package var maxReplicas: Int
  /// The metrics; the autoscaler follows the one that asks for the most replicas.
  package var metrics: [HPAMetricSpec] = [
    HPAMetricSpec(resource: .cpu, target: .averageUtilization(80))
  ]
  /// Scaling behaviour (`spec.behavior`).
  ///
  /// `nil` is what an HPA without a `behavior` stanza gets: upstream then takes its legacy path
  /// (`normalizeDesiredReplicas`): scale-down stabilized over the controller's
  /// `downscaleStabilizationWindow`, scale-up capped at max(2 × current, 4) per sync, and no
  /// scale events are recorded. A non-nil value takes `normalizeDesiredReplicasWithBehaviors`;
  /// `HPABehavior()` is the documented default behaviour (4 pods or 100 % per 15 s up, 100 % per
  /// 15 s down after a 300 s window).
  package var behavior: HPABehavior? = nil

  /// An autoscaler with at most `maxReplicas` replicas and the defaults above.
  /// - Precondition: `maxReplicas >= 1`.
  package init(maxReplicas: Int) {
    precondition(maxReplicas >= 1, "maxReplicas must be at least 1")
    self.maxReplicas = maxReplicas
  }

  /// An autoscaler with every field given.
  /// - Precondition: `0 <= minReplicas <= maxReplicas`, `maxReplicas >= 1`.
  package init(
    minReplicas: Int = 1, maxReplicas: Int, metrics: [HPAMetricSpec], behavior: HPABehavior? = nil
  ) {
    precondition(maxReplicas >= 1, "maxReplicas must be at least 1")
    precondition(
      minReplicas >= 0 && minReplicas <= maxReplicas, "need 0 <= minReplicas <= maxReplicas")
    self.minReplicas = minReplicas
    self.maxReplicas = maxReplicas
    self.metrics = metrics
    self.behavior = behavior
  }
}

/// A compute resource a `Resource` metric can track.
package enum HPAResourceName: String, Sendable, Equatable, CaseIterable {
  /// CPU; values are millicores. Only CPU gets the initialization-period readiness rules.
  case cpu
  /// Memory; values are bytes.
  case memory
}

/// One `Resource` metric of an autoscaler (`type: Resource`).
package struct HPAMetricSpec: Sendable, Equatable {
  /// The resource tracked.
  package var resource: HPAResourceName
  /// The level to hold it at.
  package var target: HPAMetricTarget

  /// Creates a resource metric.
  package init(resource: HPAResourceName, target: HPAMetricTarget) {
    self.resource = resource
    self.target = target
  }
}

/// A resource metric's target (`MetricTarget`).
package enum HPAMetricTarget: Sendable, Equatable {
  /// `type: Utilization`: mean usage as a whole percentage of the pods' requests.
  case averageUtilization(Int)
  /// `type: AverageValue`: mean usage per pod, in the resource's unit (millicores or bytes).
  case averageValue(Int64)
}
