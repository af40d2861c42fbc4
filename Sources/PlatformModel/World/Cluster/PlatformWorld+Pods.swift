import SimKernel

/// Nodes, pod placement and the pod lifecycle.
extension PlatformWorld {
  /// Delay before a crashed container restarts (CrashLoopBackOff's first back-off).
  static let crashRestartDelay = SimDuration.seconds(10)

  /// Places every service's initial replicas, already running and in rotation at time zero.
  mutating func placeInitialPods() {
    for (serviceIndex, service) in zip(services.indices, services) {
      for _ in 0..<service.replicas {
        let pod = cluster.createPod(service: serviceIndex, revision: 0, at: .zero)
        if let node = cluster.chooseNode(for: pod) {
          cluster.bind(pod, to: node, at: flowCursor.integratedUntil)
          cluster.recordImage(ImageRef(service: serviceIndex, revision: 0), on: node)
          cluster[pod].phase = .ready
          cluster[pod].inRotation = true
        }
      }
    }
  }

  /// Tries to place `pod` and start it; leaves it Pending when nothing fits.
  mutating func schedule(_ pod: PodID, in simulation: inout Simulation<WorldEvent>) {
    flowCursor.invalidate()
    cluster[pod].generation += 1
    cluster[pod].inRotation = false
    guard let node = cluster.chooseNode(for: pod) else {
      cluster[pod].phase = .pending
      cluster.markSchedulingChanged()
      log(simulation.now, .podPending, podName(pod), "no node has room")
      return
    }
    cluster.bind(pod, to: node, at: flowCursor.integratedUntil)
    cluster[pod].phase = .starting
    cluster[pod].imagePullFailures = 0
    log(simulation.now, .podScheduled, podName(pod), "node-\(node) in \(zoneName(cluster[node].zone))")
    startContainer(pod, on: node, in: &simulation)
  }

  /// Starts `pod`'s container on `node`: after its `startupTime` (image pull and start) and a
  /// readiness period it is ready. When the node lacks the image and cannot reach the registry
  /// (``PlatformConfiguration/imagePullsNeedEgress`` and no egress from its zone), the pull
  /// fails and is retried with ImagePullBackOff: 10 s, doubling to 5 minutes (kubelet's
  /// image back-off).
  mutating func startContainer(_ pod: PodID, on node: NodeID, in simulation: inout Simulation<WorldEvent>) {
    let image = ImageRef(service: cluster[pod].service, revision: cluster[pod].revision)
    let service = services[image.service]
    let held = cluster[node].images.contains(image)
    if !held && scenario.platform.imagePullsNeedEgress && !network.hasEgress(zone: cluster[node].zone) {
      if cluster[pod].imagePullFailures == 0 {
        log(
          simulation.now, .podImagePullBackOff, podName(pod),
          "no egress from \(zoneName(cluster[node].zone)) to pull the image")
      }
      let backOff = Self.kubeletBackOff(afterFailures: cluster[pod].imagePullFailures)
      cluster[pod].imagePullFailures += 1
      // Not running yet: at the earliest, after the retry pulls and starts it.
      cluster[pod].runningSince = simulation.now + backOff + service.startupTime
      simulation.schedule(
        .podImagePullRetry(pod: pod, generation: cluster[pod].generation), after: backOff)
      return
    }
    if !held { cluster.recordImage(image, on: node) }
    cluster[pod].runningSince = simulation.now + service.startupTime
    simulation.schedule(
      .podReady(pod: pod, generation: cluster[pod].generation),
      after: service.startupTime + service.readinessProbe.period)
  }

  /// kubelet's back-off after `failures` failures, the same for crashed containers
  /// (CrashLoopBackOff) and failed image pulls (ImagePullBackOff): 10 s, doubling, at most
  /// 5 minutes.
  static func kubeletBackOff(afterFailures failures: Int) -> SimDuration {
    min(crashRestartDelay * Int64(1 << min(failures, 8)), maximumCrashBackOff)
  }

  /// Schedules every Pending pod that now fits.
  mutating func schedulePendingPods(in simulation: inout Simulation<WorldEvent>) {
    for pod in cluster.pendingPods {
      schedule(pod, in: &simulation)
    }
  }

  /// A starting pod passed its readiness probe: it joins rotation, at once for cluster-internal
  /// callers, after the first passing health check for load-balancer targets.
  mutating func podBecameReady(_ pod: PodID, in simulation: inout Simulation<WorldEvent>) {
    guard cluster[pod].phase == .starting, let node = cluster[pod].node, cluster[node].up else { return }
    let service = cluster[pod].service
    let quality = delivery.revisionQuality[service][cluster[pod].revision]
    if quality == .crashOnStart {
      crash(pod, reason: "container exited at start (bad release)", in: &simulation)
      return
    }
    cluster[pod].phase = .ready
    cluster[pod].readySince = simulation.now
    log(simulation.now, .podReady, podName(pod), "readiness probe passed")
    if case .memoryLeak(let perHour) = quality, perHour > 0 {
      let room = Double(services[service].memoryLimitMiB - services[service].memoryWorkingSetMiB)
      simulation.schedule(
        .podOutOfMemory(pod: pod, generation: cluster[pod].generation),
        after: SimDuration(seconds: max(0, room) / perHour * 3_600))
    }
    if !mayJoinRotation(pod) {
      // A blue/green preview: ready, but no production traffic until the switch.
    } else if resolved.routeShare[service] > 0 {
      let interval = scenario.platform.loadBalancer.healthCheckInterval
      let wait = SimDuration(microseconds: Int64(
        healthCheckStream.nextUnitInterval() * Double(interval.microseconds)))
      simulation.schedule(.podIntoRotation(pod: pod, generation: cluster[pod].generation), after: wait)
    } else {
      cluster[pod].inRotation = true
    }
    rolloutPodReady(pod, in: &simulation)
  }

  /// When a silently failed pod stops getting traffic: kube-proxy drops it when the node goes
  /// NotReady (the grace period); the ALB also drops it after `unhealthyThreshold` failed
  /// checks, whichever comes first.
  mutating func silentFailureNoticed(for pod: PodID) -> SimDuration {
    let grace = Self.nodeMonitorGracePeriod
    guard resolved.routeShare[cluster[pod].service] > 0 else { return grace }
    let lb = scenario.platform.loadBalancer
    let phase = healthCheckStream.nextUnitInterval() * lb.healthCheckInterval.inSeconds
    let checks = Double(lb.unhealthyThreshold - 1) * lb.healthCheckInterval.inSeconds
    let albSeconds = phase + checks + lb.healthCheckTimeout.inSeconds
    return min(grace, SimDuration(seconds: albSeconds))
  }

  /// Kubernetes' node-monitor grace period (1.32 and later).
  static let nodeMonitorGracePeriod = SimDuration.seconds(50)
  /// The default `not-ready` / `unreachable` toleration before eviction.
  static let evictionToleration = SimDuration.seconds(300)

  /// Fails `node`: its pods are lost; the control plane notices after the grace period and
  /// evicts after the toleration.
  mutating func failNode(_ node: NodeID, reason: String, in simulation: inout Simulation<WorldEvent>) {
    guard cluster[node].up else { return }
    cluster[node].up = false
    cluster[node].generation += 1
    log(simulation.now, .nodeFailed, "node-\(node)", reason)
    for pod in cluster.pods(on: node) {
      let wasServing = cluster[pod].inRotation
      cluster[pod].phase = .lost
      cluster[pod].generation += 1
      if wasServing {
        simulation.schedule(
          .podOutOfRotation(pod: pod, generation: cluster[pod].generation),
          after: silentFailureNoticed(for: pod))
      }
    }
    let generation = cluster[node].generation
    simulation.schedule(.nodeNotReady(node: node, generation: generation), after: Self.nodeMonitorGracePeriod)
    simulation.schedule(
      .nodeEvictPods(node: node, generation: generation),
      after: Self.nodeMonitorGracePeriod + Self.evictionToleration)
  }

  /// Brings a failed `node` back, empty and Ready; Pending pods may now fit.
  ///
  /// Only a node that failed comes back: one removed meanwhile (deleted by an autoscaler, or
  /// evicted and scaled away) stays removed, and one still provisioning registers in its own
  /// time.
  mutating func repairNode(_ node: NodeID, in simulation: inout Simulation<WorldEvent>) {
    guard cluster[node].isFailed else { return }
    cluster[node].up = true
    cluster[node].ready = true
    cluster[node].generation += 1
    log(simulation.now, .nodeReady, "node-\(node)", "node back")
    // Pods still bound to it were lost; they restart there as new containers.
    for pod in cluster.pods(on: node) {
      cluster.unbind(pod, at: flowCursor.integratedUntil)
      schedule(pod, in: &simulation)
    }
    schedulePendingPods(in: &simulation)
  }

  /// Evicts a NotReady node's pods and reschedules them elsewhere.
  mutating func evictPods(from node: NodeID, in simulation: inout Simulation<WorldEvent>) {
    log(simulation.now, .podsEvicted, "node-\(node)", "toleration elapsed")
    for pod in cluster.pods(on: node) {
      cluster.unbind(pod, at: flowCursor.integratedUntil)
      schedule(pod, in: &simulation)
    }
  }

  /// Crashes a ready pod of `service` chosen with `stream`.
  mutating func crashPod(of service: ServiceID, stream: inout RandomStream, in simulation: inout Simulation<WorldEvent>) {
    let candidates = cluster.pods(of: service).filter { cluster[$0].phase == .ready }
    guard !candidates.isEmpty else { return }
    let pod = candidates[Int(stream.next() % UInt64(candidates.count))]
    crash(pod, reason: "container exited", in: &simulation)
  }

  /// The longest CrashLoopBackOff delay.
  static let maximumCrashBackOff = SimDuration.minutes(5)
  /// Running this long without a crash resets the back-off.
  static let crashBackOffReset = SimDuration.minutes(10)

  /// A running container exits: kubelet sees it at once, so the pod leaves rotation
  /// immediately; it restarts after CrashLoopBackOff's delay (10 s, doubling per restart up to
  /// 5 minutes, reset after 10 minutes of running) plus one readiness period.
  mutating func crash(_ pod: PodID, reason: String, in simulation: inout Simulation<WorldEvent>) {
    flowCursor.invalidate()
    if simulation.now - cluster[pod].runningSince >= Self.crashBackOffReset { cluster[pod].restarts = 0 }
    let delay = Self.kubeletBackOff(afterFailures: cluster[pod].restarts)
    cluster[pod].restarts += 1
    cluster[pod].phase = .crashed
    cluster[pod].inRotation = false
    cluster[pod].readySince = nil
    cluster[pod].generation += 1
    log(simulation.now, .podCrashed, podName(pod), "\(reason); restart \(cluster[pod].restarts) in \(delay)")
    simulation.schedule(.podRestarted(pod: pod, generation: cluster[pod].generation), after: delay)
  }
}
