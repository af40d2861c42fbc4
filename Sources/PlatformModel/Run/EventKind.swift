/// What an entry of the event log (events.csv) records. The raw value is the `kind` column;
/// docs/reports.md lists them, and this is the one list the model, the reports and the tests
/// share.
package enum EventKind: String, Sendable, Hashable, CaseIterable {
  // Faults and the operator
  case faultStart = "fault-start"
  case faultEnd = "fault-end"
  case operatorMitigation = "operator-mitigation"
  case operatorRollback = "operator-rollback"
  // Nodes
  case nodeFailed = "node-failed"
  case nodeNotReady = "node-not-ready"
  case nodeReady = "node-ready"
  case podImagePullBackOff = "pod-image-pull-backoff"
  case nodeLaunch = "node-launch"
  case nodeLaunchFailed = "node-launch-failed"
  case nodeDrain = "node-drain"
  case nodeDrainFailed = "node-drain-failed"
  case nodeRemoved = "node-removed"
  case spotInterruption = "spot-interruption"
  case clusterAutoscalerScaleUp = "ca-scale-up"
  case karpenterConsolidate = "karpenter-consolidate"
  // Pods and rotation
  case podsEvicted = "pods-evicted"
  case podEvicted = "pod-evicted"
  case podScheduled = "pod-scheduled"
  case podPending = "pod-pending"
  case podReady = "pod-ready"
  case podCrashed = "pod-crashed"
  case outOfRotation = "out-of-rotation"
  case hpaScale = "hpa-scale"
  // Data stores
  case databaseFailover = "database-failover"
  case databaseDown = "database-down"
  case databaseUp = "database-up"
  case cacheFailover = "cache-failover"
  case cacheDown = "cache-down"
  case cacheUp = "cache-up"
  // Alerts
  case alertFiring = "alert-firing"
  case alertResolved = "alert-resolved"
  // Releases
  case releaseMerged = "release-merged"
  case rolloutStart = "rollout-start"
  case rolloutWeight = "rollout-weight"
  case newRevisionInRotation = "new-revision-in-rotation"
  case analysisStart = "analysis-start"
  case analysisSuccessful = "analysis-successful"
  case analysisFailed = "analysis-failed"
  case analysisError = "analysis-error"
  case analysisInconclusive = "analysis-inconclusive"
  case rolloutAborted = "rollout-aborted"
  case rolloutSwitch = "rollout-switch"
  case rolloutPromote = "rollout-promote"
  case rolloutPromoted = "rollout-promoted"
  case rolloutStuck = "rollout-stuck"

  /// The entry for an analysis that ended in `phase`.
  ///
  /// - Precondition: `phase.isCompleted`.
  package static func analysisEnded(_ phase: AnalysisPhase) -> EventKind {
    switch phase {
    case .successful: .analysisSuccessful
    case .failed: .analysisFailed
    case .error: .analysisError
    case .inconclusive: .analysisInconclusive
    case .pending, .running: preconditionFailure("EventKind: analysis \(phase) has not ended")
    }
  }
}
