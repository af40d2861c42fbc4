import SimKernel

/// Nodes, pod placement and the pod lifecycle.
extension PlatformWorld {
  /// Delay before a crashed container restarts (CrashLoopBackOff's first back-off).
  static let crashRestartDelay = SimDuration.seconds(10)

  /// Places every service's initial replicas, already running and in rotation at time zero.
  mutating func placeInitialPods() {
    for (serviceIndex, service) in services.enumerated() {
      for _ in 0..<service.replicas {
        let pod = pods.count
        pods.append(
          PodState(service: serviceIndex, node: -1, phase: .pending, inRotation: false, generation: 0))
        if let node = chooseNode(for: pod) {
          bind(pod, to: node)
          pods[pod].phase = .ready
          pods[pod].inRotation = true
        }
      }
    }
  }

  /// The node the scheduler picks for `pod`, or nil when none has room.
  ///
  /// Filters nodes that are up, Ready and have the pod's requests free; with zone spread, keeps
  /// only the zones with the fewest replicas of the service; then scores by most free CPU
  /// (the default LeastAllocated strategy), ties to the lowest node index.
  func chooseNode(for pod: Int) -> Int? {
    let service = services[pods[pod].service]
    let fits = nodes.indices.filter { n in
      let node = nodes[n]
      return node.isSchedulable
        && node.allocatableCPUMillicores - node.requestedCPUMillicores >= service.cpuRequestMillicores
        && node.allocatableMemoryMiB - node.requestedMemoryMiB >= service.memoryRequestMiB
    }
    var candidates = fits
    if service.zoneSpread {
      var perZone = [Int](repeating: 0, count: zoneUp.count)
      for other in pods where other.service == pods[pod].service && other.node >= 0 {
        perZone[nodes[other.node].zone] += 1
      }
      let fewest = fits.map { perZone[nodes[$0].zone] }.min()
      candidates = fits.filter { perZone[nodes[$0].zone] == fewest }
    }
    return candidates.max { a, b in
      let freeA = nodes[a].allocatableCPUMillicores - nodes[a].requestedCPUMillicores
      let freeB = nodes[b].allocatableCPUMillicores - nodes[b].requestedCPUMillicores
      return freeA != freeB ? freeA < freeB : a > b
    }
  }

  /// Records that `pod` runs on `node`.
  mutating func bind(_ pod: Int, to node: Int) {
    let service = services[pods[pod].service]
    pods[pod].node = node
    nodes[node].lastPodChange = integratedUntil
    clusterVersion &+= 1
    nodes[node].requestedCPUMillicores += service.cpuRequestMillicores
    nodes[node].requestedMemoryMiB += service.memoryRequestMiB
  }

  /// Releases `pod`'s requests from its node.
  mutating func unbind(_ pod: Int) {
    let node = pods[pod].node
    guard node >= 0 else { return }
    let service = services[pods[pod].service]
    nodes[node].requestedCPUMillicores -= service.cpuRequestMillicores
    nodes[node].requestedMemoryMiB -= service.memoryRequestMiB
    nodes[node].lastPodChange = integratedUntil
    clusterVersion &+= 1
    pods[pod].node = -1
  }

  /// Tries to place `pod` and start it; leaves it Pending when nothing fits.
  mutating func schedule(_ pod: Int, in simulation: inout Simulation<WorldEvent>) {
    flowIsStale = true
    pods[pod].generation += 1
    pods[pod].inRotation = false
    guard let node = chooseNode(for: pod) else {
      pods[pod].phase = .pending
      clusterVersion &+= 1
      log(simulation.now, .podPending, podName(pod), "no node has room")
      return
    }
    bind(pod, to: node)
    pods[pod].phase = .starting
    pods[pod].runningSince = simulation.now + services[pods[pod].service].startupTime
    log(simulation.now, .podScheduled, podName(pod), "node-\(node) in \(zoneName(nodes[node].zone))")
    let service = services[pods[pod].service]
    simulation.schedule(
      .podReady(pod: pod, generation: pods[pod].generation),
      after: service.startupTime + service.readinessProbe.period)
  }

  /// Schedules every Pending pod that now fits.
  mutating func schedulePendingPods(in simulation: inout Simulation<WorldEvent>) {
    for pod in pods.indices where pods[pod].phase == .pending {
      schedule(pod, in: &simulation)
    }
  }

  /// A starting pod passed its readiness probe: it joins rotation, at once for cluster-internal
  /// callers, after the first passing health check for load-balancer targets.
  mutating func podBecameReady(_ pod: Int, in simulation: inout Simulation<WorldEvent>) {
    guard pods[pod].phase == .starting, pods[pod].node >= 0, nodes[pods[pod].node].up else { return }
    let service = pods[pod].service
    let quality = revisionQuality[service][pods[pod].revision]
    if quality == .crashOnStart {
      crash(pod, reason: "container exited at start (bad release)", in: &simulation)
      return
    }
    pods[pod].phase = .ready
    pods[pod].readySince = simulation.now
    log(simulation.now, .podReady, podName(pod), "readiness probe passed")
    if case .memoryLeak(let perHour) = quality, perHour > 0 {
      let room = Double(services[service].memoryLimitMiB - services[service].memoryWorkingSetMiB)
      simulation.schedule(
        .podOutOfMemory(pod: pod, generation: pods[pod].generation),
        after: SimDuration(seconds: max(0, room) / perHour * 3_600))
    }
    if !mayJoinRotation(pod) {
      // A blue/green preview: ready, but no production traffic until the switch.
    } else if routeShare[service] > 0 {
      let interval = scenario.platform.loadBalancer.healthCheckInterval
      let wait = SimDuration(microseconds: Int64(
        healthCheckStream.nextUnitInterval() * Double(interval.microseconds)))
      simulation.schedule(.podIntoRotation(pod: pod, generation: pods[pod].generation), after: wait)
    } else {
      pods[pod].inRotation = true
    }
    rolloutPodReady(pod, in: &simulation)
  }

  /// When a silently failed pod stops getting traffic: kube-proxy drops it when the node goes
  /// NotReady (the grace period); the ALB also drops it after `unhealthyThreshold` failed
  /// checks, whichever comes first.
  mutating func silentFailureNoticed(for pod: Int) -> SimDuration {
    let grace = Self.nodeMonitorGracePeriod
    guard routeShare[pods[pod].service] > 0 else { return grace }
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
  mutating func failNode(_ node: Int, reason: String, in simulation: inout Simulation<WorldEvent>) {
    guard nodes[node].up else { return }
    nodes[node].up = false
    nodes[node].generation += 1
    log(simulation.now, .nodeFailed, "node-\(node)", reason)
    for pod in pods.indices where pods[pod].node == node {
      let wasServing = pods[pod].inRotation
      pods[pod].phase = .lost
      pods[pod].generation += 1
      if wasServing {
        simulation.schedule(
          .podOutOfRotation(pod: pod, generation: pods[pod].generation),
          after: silentFailureNoticed(for: pod))
      }
    }
    let generation = nodes[node].generation
    simulation.schedule(.nodeNotReady(node: node, generation: generation), after: Self.nodeMonitorGracePeriod)
    simulation.schedule(
      .nodeEvictPods(node: node, generation: generation),
      after: Self.nodeMonitorGracePeriod + Self.evictionToleration)
  }

  /// Brings `node` back, empty and Ready; Pending pods may now fit.
  mutating func repairNode(_ node: Int, in simulation: inout Simulation<WorldEvent>) {
    guard !nodes[node].up else { return }
    nodes[node].up = true
    nodes[node].ready = true
    nodes[node].generation += 1
    log(simulation.now, .nodeReady, "node-\(node)", "node back")
    // Pods still bound to it were lost; they restart there as new containers.
    for pod in pods.indices where pods[pod].node == node {
      unbind(pod)
      schedule(pod, in: &simulation)
    }
    schedulePendingPods(in: &simulation)
  }

  /// Evicts a NotReady node's pods and reschedules them elsewhere.
  mutating func evictPods(from node: Int, in simulation: inout Simulation<WorldEvent>) {
    log(simulation.now, .podsEvicted, "node-\(node)", "toleration elapsed")
    for pod in pods.indices where pods[pod].node == node {
      unbind(pod)
      schedule(pod, in: &simulation)
    }
  }

  /// Crashes a ready pod of `service` chosen with `stream`.
  mutating func crashPod(of service: Int, stream: inout RandomStream, in simulation: inout Simulation<WorldEvent>) {
    let candidates = pods.indices.filter { pods[$0].service == service && pods[$0].phase == .ready }
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
  mutating func crash(_ pod: Int, reason: String, in simulation: inout Simulation<WorldEvent>) {
    flowIsStale = true
    if simulation.now - pods[pod].runningSince >= Self.crashBackOffReset { pods[pod].restarts = 0 }
    let delay = min(Self.crashRestartDelay * Int64(1 << min(pods[pod].restarts, 8)), Self.maximumCrashBackOff)
    pods[pod].restarts += 1
    pods[pod].phase = .crashed
    pods[pod].inRotation = false
    pods[pod].readySince = nil
    pods[pod].generation += 1
    log(simulation.now, .podCrashed, podName(pod), "\(reason); restart \(pods[pod].restarts) in \(delay)")
    simulation.schedule(.podRestarted(pod: pod, generation: pods[pod].generation), after: delay)
  }
}
