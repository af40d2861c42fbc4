import SimKernel

/// Replica changes (scale up, scale down with graceful termination) and the metrics pipeline
/// the autoscalers read.
extension PlatformWorld {
  /// Kubernetes' default `terminationGracePeriodSeconds`.
  static let terminationGracePeriod = SimDuration.seconds(30)
  /// metrics-server's default `--metric-resolution`: how often it scrapes kubelets, and the
  /// window each usage figure is averaged over.
  static let metricsResolution = SimDuration.seconds(15)

  /// Sets the replicas the workload of `service` asks for (its HPA or a drain's replacement):
  /// the stable revision takes them all, or a rollout in progress splits them.
  mutating func scaleService(_ service: ServiceID, to replicas: Int, in simulation: inout Simulation<WorldEvent>) {
    flowCursor.invalidate()
    if delivery[service].release != nil {
      reconcileRollout(service, in: &simulation)
    } else {
      scaleRevision(service, delivery[service].stableRevision, to: replicas, in: &simulation)
    }
  }

  /// Creates or deletes pods of one revision of `service` until it has `replicas` (its
  /// ReplicaSet's `spec.replicas`).
  ///
  /// New pods are scheduled at once (or stay Pending). Deleted pods are chosen in the order
  /// the ReplicaSet controller uses: unscheduled before scheduled, pending before starting
  /// before running, not ready before ready, ready for less time first, more restarts first,
  /// newer first. A deleted pod leaves rotation at once and frees its node after the grace
  /// period.
  mutating func scaleRevision(
    _ service: ServiceID, _ revision: Int, to replicas: Int, in simulation: inout Simulation<WorldEvent>
  ) {
    flowCursor.invalidate()
    let current = cluster.replicaPods(of: service, revision: revision)
    if replicas > current.count {
      for _ in 0..<(replicas - current.count) {
        let pod = cluster.createPod(service: service, revision: revision, at: simulation.now)
        schedule(pod, in: &simulation)
      }
    } else if replicas < current.count {
      // Ranks first: a sort closure calling a method of `self` copies the world per comparison.
      var ranked: [(rank: DeletionRank, pod: PodID)] = []
      for pod in current { ranked.append((deletionRank(pod), pod)) }
      ranked.sort { $0.rank < $1.rank }
      for victim in ranked.prefix(current.count - replicas) { terminate(victim.pod, in: &simulation) }
    }
  }

  /// Lower ranks are deleted first.
  private typealias DeletionRank = (Int, Int, Int, Int64, Int, Int64)

  private func deletionRank(_ pod: PodID) -> DeletionRank {
    let p = cluster[pod]
    let phaseRank: Int
    switch p.phase {
    case .pending: phaseRank = 0
    case .starting: phaseRank = 1
    case .crashed, .lost: phaseRank = 2
    case .ready, .terminating, .deleted: phaseRank = 3
    }
    let readyFor = p.readySince.map { -$0.microsecondsSinceStart } ?? Int64.min
    return (p.node == nil ? 0 : 1, phaseRank, p.phase == .ready ? 1 : 0, readyFor, -p.restarts,
      -p.created.microsecondsSinceStart)
  }

  /// Starts graceful termination of `pod`.
  mutating func terminate(_ pod: PodID, in simulation: inout Simulation<WorldEvent>) {
    flowCursor.invalidate()
    let wasPending = cluster[pod].phase == .pending
    cluster[pod].phase = .terminating
    cluster[pod].inRotation = false
    cluster[pod].generation += 1
    if wasPending || cluster[pod].node == nil {
      cluster[pod].phase = .deleted
      return
    }
    simulation.schedule(
      .podTerminated(pod: pod, generation: cluster[pod].generation), after: Self.terminationGracePeriod)
  }

  /// The grace period ended: the pod is gone and its node has room again.
  mutating func podTerminated(_ pod: PodID, in simulation: inout Simulation<WorldEvent>) {
    let node = cluster[pod].node
    cluster.unbind(pod, at: flowCursor.integratedUntil)
    cluster[pod].phase = .deleted
    if let node { removeIfDrained(node, in: &simulation) }
    schedulePendingPods(in: &simulation)
    reconcileRollout(cluster[pod].service, in: &simulation)
  }

  /// metrics-server scrapes: each service's per-pod CPU and memory over the last resolution
  /// window become the figures autoscalers read until the next scrape. A pod whose memory
  /// exceeds its limit is OOM-killed.
  mutating func scrapeMetrics(in simulation: inout Simulation<WorldEvent>) {
    // The usage integrals up to now: as flushed, plus the current flow over the time since
    // (left unflushed, see flushFlow()).
    let unflushed = (flowCursor.integratedUntil - flowCursor.flushedUntil).inSeconds
    guard
      workloads.metricsServer.scrape(
        at: simulation.now, current: flowCursor.current.services, unflushedSeconds: unflushed)
    else { return }
    for s in services.indices {
      enforceMemoryLimit(
        of: s, memoryMiBPerPod: workloads.metricsServer.latest(s).memoryMiBPerPod, in: &simulation)
    }
  }

  /// OOM-kills the service's ready pods when their memory is over the limit.
  mutating func enforceMemoryLimit(
    of service: ServiceID, memoryMiBPerPod: Double, in simulation: inout Simulation<WorldEvent>
  ) {
    let limit = services[service].memoryLimitMiB
    guard memoryMiBPerPod > Double(limit) else { return }
    for pod in cluster.pods(of: service) where cluster[pod].phase == .ready {
      crash(pod, reason: "OOMKilled: memory over the \(limit)Mi limit", in: &simulation)
    }
  }
}
