import SimKernel

/// Where a pod is in its life.
package enum PodPhase: String, Sendable, Equatable {
  /// Waiting for a node with room.
  case pending
  /// Scheduled; the container is starting.
  case starting
  /// Running and ready.
  case ready
  /// The container crashed and is restarting.
  case crashed
  /// Its node failed; the pod is gone but the control plane has not noticed yet.
  case lost
  /// Being deleted (scale-down): out of rotation, still holding its node's resources until
  /// the termination grace period ends.
  case terminating
  /// Deleted; the slot may be reused by a new pod.
  case deleted
}

/// One pod's state.
struct PodState: Sendable {
  var service: ServiceID
  /// The revision of the service it runs (0 for the one the run starts with).
  var revision: Int = 0
  /// The node it is bound to, if it is.
  var node: NodeID?
  var phase: PodPhase
  /// Whether load balancers and kube-proxy send it traffic.
  var inRotation: Bool
  /// Bumped on every change that makes scheduled events for the pod stale.
  var generation: Int
  /// When the pod was created (scheduled or, for initial pods, time zero).
  var created: SimTime = .zero
  /// When it last became ready, if it has been.
  var readySince: SimTime? = nil
  /// Container restarts so far (for CrashLoopBackOff).
  var restarts: Int = 0
  /// When the container last started running.
  var runningSince: SimTime = .zero
  /// Failed image pulls since it was scheduled (for ImagePullBackOff).
  var imagePullFailures: Int = 0
}
