import SimKernel

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

/// A container image: one revision of one service.
struct ImageRef: Sendable, Equatable {
  var service: ServiceID
  var revision: Int
}

/// One node's state.
struct NodeState: Sendable {
  /// Its node group (the Karpenter pool for a pool's nodes).
  var group: NodeGroupID
  var zone: ZoneID
  /// Whether the machine is registered and running (false while provisioning, after a
  /// failure and once removed).
  var up: Bool
  /// Whether the control plane considers it Ready (false from the grace period after a failure).
  var ready: Bool
  var allocatableCPUMillicores: Int
  var allocatableMemoryMiB: Int
  /// Pod slots for service pods (the instance type's `maxPods` less the DaemonSet pods).
  var allocatablePods: Int
  var requestedCPUMillicores: Int = 0
  var requestedMemoryMiB: Int = 0
  /// Service pods bound to it (each takes a slot, until it is unbound).
  var boundPods: Int = 0
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
  /// The images (service and revision) its container runtime holds: a pod of one of them
  /// starts without a pull (`imagePullPolicy: IfNotPresent`).
  var images: [ImageRef] = []

  /// Whether it failed: it should be running but is not.
  var isFailed: Bool { !up && (lifecycle == .running || lifecycle == .draining) }
  /// Whether new pods may be placed on it.
  var isSchedulable: Bool { up && ready && lifecycle == .running }
}
