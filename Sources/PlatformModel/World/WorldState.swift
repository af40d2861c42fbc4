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
  var service: Int
  /// The revision of the service it runs (0 for the one the run starts with).
  var revision: Int = 0
  var node: Int
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
}

/// Where a node is in its life, from launch to deletion.
enum NodeLifecycle: Sendable, Equatable {
  /// Launched by an autoscaler; not yet registered and Ready.
  case provisioning
  /// Registered; pods may be scheduled on it (while it is up and Ready).
  case running
  /// Cordoned and being drained before deletion; no new pods land on it.
  case draining
  /// Deleted; kept only so indices stay stable.
  case removed
}

/// One node's state.
struct NodeState: Sendable {
  /// Index of its node group; one past the last group for a Karpenter pool's nodes.
  var group: Int
  var zone: Int
  /// Whether the machine is registered and running (false while provisioning, after a
  /// failure and once removed).
  var up: Bool
  /// Whether the control plane considers it Ready (false from the grace period after a failure).
  var ready: Bool
  var allocatableCPUMillicores: Int
  var allocatableMemoryMiB: Int
  var requestedCPUMillicores: Int = 0
  var requestedMemoryMiB: Int = 0
  var capacityCPUMillicores: Int
  var capacityMemoryMiB: Int
  var generation: Int = 0
  var lifecycle: NodeLifecycle = .running
  /// The EC2 instance type and purchase option it is billed as.
  var instanceType: String
  var purchase: PurchaseOption
  /// When it was launched (billing starts) and when a pod last arrived or left.
  var launchedAt: SimTime = .zero
  var lastPodChange: SimTime = .zero
  /// Since when the cluster autoscaler has found it unneeded, if it has.
  var unneededSince: SimTime? = nil
  /// When its current drain began, if it is draining.
  var drainStarted: SimTime? = nil

  /// Whether it failed: it should be running but is not.
  var isFailed: Bool { !up && (lifecycle == .running || lifecycle == .draining) }
  /// Whether new pods may be placed on it.
  var isSchedulable: Bool { up && ready && lifecycle == .running }
}

/// A managed data store's availability.
enum StoreState: String, Sendable, Equatable {
  case up
  case failingOver = "failing-over"
  case down
}
