import SimKernel

/// How a service rolls out a new revision, and the analysis templates its rollouts use.
package struct DeliveryConfiguration: Sendable, Equatable {
  /// The strategy.
  package var strategy: DeliveryStrategy
  /// Analysis templates by name, for canary steps, background analysis and blue/green.
  package var analysisTemplates: [AnalysisTemplate] = []

  /// A strategy with no templates.
  package init(strategy: DeliveryStrategy, analysisTemplates: [AnalysisTemplate] = []) {
    self.strategy = strategy
    self.analysisTemplates = analysisTemplates
  }

  /// A Kubernetes Deployment's default: a rolling update with 25 % surge and 25 % unavailable.
  package static let deploymentDefault = DeliveryConfiguration(
    strategy: .rolling(RollingUpdateStrategy()))

  /// The checks of the templates named `names`, in order; unknown names are skipped (the
  /// validator reports them).
  package func checks(_ analysis: RolloutAnalysis) -> [AnalysisCheck] {
    analysis.templateNames.flatMap { name in
      analysisTemplates.first { $0.name == name }?.checks ?? []
    }
  }
}

/// The three ways of shipping a revision the model compares.
package enum DeliveryStrategy: Sendable, Equatable {
  /// A Deployment rolling update (no analysis; a stuck rollout stops at its progress deadline).
  case rolling(RollingUpdateStrategy)
  /// An Argo Rollouts canary.
  case canary(CanaryStrategy)
  /// An Argo Rollouts blue/green.
  case blueGreen(BlueGreenStrategy)

  /// `rolling`, `canary` or `blueGreen`.
  package var name: String {
    switch self {
    case .rolling: "rolling"
    case .canary: "canary"
    case .blueGreen: "blueGreen"
    }
  }
}

/// An Argo Rollouts blue/green strategy: the new revision comes up as a preview at full size
/// with no production traffic, optionally passes a pre-promotion analysis, then takes all the
/// traffic at once; the old revision stays (idle) for `scaleDownDelay` so an abort can switch
/// back, and a post-promotion analysis may still abort.
package struct BlueGreenStrategy: Sendable, Equatable {
  /// Analysis on the preview before the switch, if any.
  package var prePromotionAnalysis: RolloutAnalysis? = nil
  /// Analysis after the switch, if any.
  package var postPromotionAnalysis: RolloutAnalysis? = nil
  /// Switch automatically this long after the preview is ready; `nil` waits for a promotion.
  package var autoPromotionDelay: SimDuration? = .zero
  /// How long the old revision stays after the switch (`scaleDownDelaySeconds`, 30 s).
  package var scaleDownDelay: SimDuration = RolloutDefaults.scaleDownDelay

  /// The defaults: promote as soon as the preview is ready, no analysis.
  package init() {}
}

/// A named set of checks, as an AnalysisTemplate.
package struct AnalysisTemplate: Sendable, Equatable {
  /// The template's name.
  package var name: String
  /// Its metrics.
  package var checks: [AnalysisCheck]

  /// Creates a template.
  package init(name: String, checks: [AnalysisCheck]) {
    self.name = name
    self.checks = checks
  }
}

/// One metric of an analysis: when to measure (the upstream fields) and what (our provider).
package struct AnalysisCheck: Sendable, Equatable {
  /// Name, interval, count and limits, as upstream.
  package var metric: AnalysisMetric
  /// The quantity measured.
  package var measure: AnalysisMeasure
  /// Whose pods: the new revision's only, or the whole service.
  package var scope: AnalysisScope
  /// The success condition; a measurement that fails it counts as failed.
  package var condition: AnalysisCondition

  /// Creates a check.
  package init(
    metric: AnalysisMetric, measure: AnalysisMeasure, scope: AnalysisScope = .canary,
    condition: AnalysisCondition
  ) {
    self.metric = metric
    self.measure = measure
    self.scope = scope
    self.condition = condition
  }
}

/// What an analysis metric measures (our stand-in for a Prometheus query).
package enum AnalysisMeasure: String, Sendable, Equatable, CaseIterable {
  /// Failed over offered requests since the previous measurement.
  case errorRate
  /// The 95th percentile of response time at the measurement, in seconds.
  case latencyP95
  /// Mean CPU cores per pod since the previous measurement.
  case cpuCores
  /// Ready pods over pods past their first start (Pending pods and pods starting for the
  /// first time are left out), now.
  case readyRatio
}

/// Whose pods an analysis metric looks at.
package enum AnalysisScope: String, Sendable, Equatable, CaseIterable {
  /// The new revision's pods.
  case canary
  /// All the service's pods.
  case service
}

/// A success condition: the value must be at most or at least a threshold.
package enum AnalysisCondition: Sendable, Equatable {
  /// `result <= threshold`.
  case atMost(Double)
  /// `result >= threshold`.
  case atLeast(Double)

  /// Whether `value` meets the condition.
  package func isMet(by value: Double) -> Bool {
    switch self {
    case .atMost(let threshold): value <= threshold
    case .atLeast(let threshold): value >= threshold
    }
  }
}

extension DeliveryConfiguration {
  /// TByte's frontend Rollout: Istio traffic routing, setWeight 10 / 25 / 50 / 75 with 30 s
  /// pauses, then 100; background analysis from the first pause with the analysis its docs
  /// describe (ready ratio ≥ 0.8, error rate ≤ 0.05, p95 ≤ 0.5 s), every 15 s, failureLimit 2,
  /// until the rollout ends. (The template it deploys checks only ready ≥ 0.5 and CPU ≤ 0.9
  /// cores; ``tbyteDeployedAnalysis`` has it, for comparison.)
  package static var tbyteCanary: DeliveryConfiguration {
    let steps: [CanaryStep] = [
      .setWeight(10), .pause(duration: .seconds(30)), .setWeight(25),
      .pause(duration: .seconds(30)), .setWeight(50), .pause(duration: .seconds(30)),
      .setWeight(75), .pause(duration: .seconds(30)),
    ]
    let analysis = RolloutAnalysis(templateNames: ["tbyte-documented"])
    let strategy = CanaryStrategy(
      steps: steps, usesTrafficRouting: true,
      backgroundAnalysis: CanaryBackgroundAnalysis(analysis, startingStep: 1))
    func check(_ name: String, _ measure: AnalysisMeasure, _ condition: AnalysisCondition)
      -> AnalysisCheck
    {
      AnalysisCheck(
        metric: AnalysisMetric(name: name, interval: .seconds(15), failureLimit: 2),
        measure: measure, scope: .canary, condition: condition)
    }
    return DeliveryConfiguration(
      strategy: .canary(strategy),
      analysisTemplates: [
        AnalysisTemplate(
          name: "tbyte-documented",
          checks: [
            check("ready-ratio", .readyRatio, .atLeast(0.8)),
            check("error-rate", .errorRate, .atMost(0.05)),
            check("latency-p95", .latencyP95, .atMost(0.5)),
          ]),
        tbyteDeployedAnalysis,
      ])
  }

  /// The analysis TByte actually deploys: every 15 s, count 3, failureLimit 2, pod-ready ratio
  /// ≥ 0.5 and CPU ≤ 0.9 cores.
  package static var tbyteDeployedAnalysis: AnalysisTemplate {
    func check(_ name: String, _ measure: AnalysisMeasure, _ condition: AnalysisCondition)
      -> AnalysisCheck
    {
      AnalysisCheck(
        metric: AnalysisMetric(name: name, interval: .seconds(15), count: 3, failureLimit: 2),
        measure: measure, scope: .canary, condition: condition)
    }
    return AnalysisTemplate(
      name: "tbyte-deployed",
      checks: [check("ready-ratio", .readyRatio, .atLeast(0.5)), check("cpu", .cpuCores, .atMost(0.9))])
  }
}
