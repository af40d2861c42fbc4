/// The analysis a rollout runs at a step or in the background (`RolloutAnalysis`).
///
/// Upstream names AnalysisTemplates; their metrics are flattened into one run
/// (`FlattenTemplates`, argoproj/argo-rollouts utils/analysis/helpers.go), which rejects two
/// metrics of the same name. Here a reference may also carry metrics inline, which the wiring
/// step appends after the named templates' metrics.
package struct RolloutAnalysis: Sendable, Hashable {
  /// Names of the AnalysisTemplates to run, in order.
  package var templateNames: [String]
  /// Metrics given directly rather than through a template.
  package var inlineMetrics: [AnalysisMetric]

  /// Creates an analysis reference.
  package init(templateNames: [String] = [], inlineMetrics: [AnalysisMetric] = []) {
    self.templateNames = templateNames
    self.inlineMetrics = inlineMetrics
  }
}
