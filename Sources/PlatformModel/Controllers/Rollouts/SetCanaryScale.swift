/// A step that sizes the canary apart from its traffic weight (`SetCanaryScale`).
///
/// Only honoured with a traffic router (`UseSetCanaryScale`, argoproj/argo-rollouts
/// utils/replicaset/canary.go). `weight` may exceed 100: 200 % of 4 replicas is 8 canary pods.
package struct SetCanaryScale: Sendable, Hashable {
  /// An explicit canary pod count; wins over `weight`.
  package var replicas: Int?
  /// The canary size as a percentage of `spec.replicas`.
  package var weight: Int?
  /// Go back to sizing the canary from the traffic weight, cancelling earlier scale steps.
  package var matchTrafficWeight: Bool

  /// Creates a scale step; with neither `replicas` nor `weight` the traffic weight sizes the
  /// canary.
  ///
  /// - Precondition: `replicas` and `weight` are not negative.
  package init(replicas: Int? = nil, weight: Int? = nil, matchTrafficWeight: Bool = false) {
    precondition((replicas ?? 0) >= 0 && (weight ?? 0) >= 0, "negative canary scale")
    self.replicas = replicas
    self.weight = weight
    self.matchTrafficWeight = matchTrafficWeight
  }
}
