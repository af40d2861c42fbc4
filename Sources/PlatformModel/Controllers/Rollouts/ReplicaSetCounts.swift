/// The three pod counts of one ReplicaSet that rollout arithmetic reads.
///
/// Mirrors the fields the Deployment controller and Argo Rollouts look at: `spec.replicas` (what
/// the ReplicaSet is asked to run), `status.replicas` (pods it has created and not yet deleted)
/// and `status.availableReplicas` (pods ready for at least `minReadySeconds`).
package struct ReplicaSetCounts: Sendable, Hashable {
  /// `spec.replicas`: the pods the ReplicaSet should run.
  package var specReplicas: Int
  /// `status.replicas`: the pods it currently has.
  package var statusReplicas: Int
  /// `status.availableReplicas`: the pods that are available.
  package var availableReplicas: Int

  /// Creates the counts; `statusReplicas` defaults to `specReplicas` (a settled ReplicaSet).
  ///
  /// - Precondition: all counts are non-negative.
  package init(specReplicas: Int, availableReplicas: Int, statusReplicas: Int? = nil) {
    precondition(specReplicas >= 0 && availableReplicas >= 0, "negative replica count")
    self.specReplicas = specReplicas
    self.availableReplicas = availableReplicas
    self.statusReplicas = statusReplicas ?? specReplicas
    precondition(self.statusReplicas >= 0, "negative replica count")
  }

  /// How many replicas may be counted on when deciding how far to scale this ReplicaSet down.
  ///
  /// Mirrors `GetReplicasForScaleDown` (argoproj/argo-rollouts utils/replicaset/canary.go): when
  /// more pods are available than the spec asks for, only the spec counts, since the surplus is
  /// already going away; when `ignoringAvailability`, the spec counts even if pods are not
  /// available (so a crash-looping ReplicaSet can still be scaled down); otherwise the available
  /// pods count.
  package func replicasForScaleDown(ignoringAvailability: Bool) -> Int {
    if specReplicas < availableReplicas { return specReplicas }
    return ignoringAvailability ? specReplicas : availableReplicas
  }
}
