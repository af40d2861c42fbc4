/// Everything that can happen to the platform, as the kernel's closed event type.
///
/// Payloads are indices into the world's tables plus the generation the event was scheduled
/// for; an event whose generation no longer matches its target's is stale and ignored.
package enum WorldEvent: Sendable, Equatable {
  /// Close a reporting interval: record its row and evaluate alert rules.
  case reportTick
  /// Fault `index` starts (its next occurrence).
  case faultStart(index: Int)
  /// Occurrence `occurrence` of fault `index` ends.
  case faultEnd(index: Int, occurrence: Int)
  /// A pod's container is running and its readiness probe passed.
  case podReady(pod: PodID, generation: Int)
  /// A pod that became ready starts receiving traffic (load balancer health check passed).
  case podIntoRotation(pod: PodID, generation: Int)
  /// A failed pod stops receiving traffic (its failure was noticed).
  case podOutOfRotation(pod: PodID, generation: Int)
  /// A crashed container has been restarted.
  case podRestarted(pod: PodID, generation: Int)
  /// A pod whose image could not be pulled tries again (ImagePullBackOff ended).
  case podImagePullRetry(pod: PodID, generation: Int)
  /// A failed node's grace period passed: the control plane marks it NotReady.
  case nodeNotReady(node: NodeID, generation: Int)
  /// A NotReady node's pods are evicted after the toleration and rescheduled.
  case nodeEvictPods(node: NodeID, generation: Int)
  /// The database is reachable again after a failover or recovery.
  case databaseRecovered(generation: Int)
  /// The cache is reachable again after a failover or replacement.
  case cacheRecovered(generation: Int)
  /// An operator finishes mitigating the incident.
  case operatorMitigates(incident: Int)
  /// A terminating pod's grace period ended.
  case podTerminated(pod: PodID, generation: Int)
  /// metrics-server scrapes the kubelets; then every horizontal pod autoscaler syncs (the
  /// HPA controller's sync period is the scrape's resolution, 15 s).
  case metricsScrape
  /// The node autoscaler (Cluster Autoscaler or Karpenter) scans the cluster.
  case nodeAutoscalerScan
  /// A launched node registered with the cluster and is Ready.
  case nodeRegistered(node: NodeID, generation: Int)
  /// A draining node retries the evictions its pods' disruption budgets refused.
  case nodeDrainRetry(node: NodeID, generation: Int)
  /// EC2 sends a spot node its two-minute interruption notice.
  case spotInterruptionNotice(node: NodeID, generation: Int)
  /// EC2 reclaims an interrupted spot node.
  case spotReclaimed(node: NodeID, generation: Int)
  /// A release is merged (its index among the release records).
  case releaseMerged(release: ReleaseID)
  /// The release stream's next release is merged.
  case releaseStreamNext
  /// A merged release's rollout starts (after the GitOps delay).
  case rolloutStart(release: ReleaseID)
  /// A rollout's timed pause ended, or it should look again.
  case rolloutReconcile(service: ServiceID, generation: Int)
  /// A rollout's progress deadline check.
  case rolloutProgressCheck(service: ServiceID, generation: Int)
  /// A manual promotion of a service's rollout.
  case rolloutPromote(service: ServiceID)
  /// A revision's scale-down delay ended.
  case revisionScaleDown(service: ServiceID, revision: Int)
  /// Analysis measurements of a service's rollout are due.
  case analysisMeasure(service: ServiceID, generation: Int)
  /// A pod of a leaking revision reached its memory limit.
  case podOutOfMemory(pod: PodID, generation: Int)
}
