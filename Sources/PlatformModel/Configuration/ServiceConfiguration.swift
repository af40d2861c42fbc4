import SimKernel

/// A Kubernetes workload: its pods' requests and limits, how much work a request is, what it
/// calls, and how its pods become ready.
///
/// Flow fidelity treats each ready pod as `c = concurrencyPerPod` workers in front of a CPU of
/// `min(cpuLimit, cpuThreads)` cores shared by processor sharing: a request holds a worker for
/// `baseLatency` and its downstream calls (I/O) plus its `cpuSecondsPerRequest` of CPU (see
/// docs/model.md, "Per-pod queues").
package struct ServiceConfiguration: Sendable, Equatable {
  /// The service's name, unique in the platform.
  package var name: String
  /// CPU request per pod in millicores (Kubernetes `resources.requests.cpu`).
  package var cpuRequestMillicores: Int = 100
  /// Memory request per pod in MiB.
  package var memoryRequestMiB: Int = 128
  /// CPU limit per pod in millicores.
  package var cpuLimitMillicores: Int = 500
  /// Memory limit per pod in MiB.
  package var memoryLimitMiB: Int = 256
  /// Replicas at the start of the run (and throughout, until autoscaling lands).
  package var replicas: Int = 2
  /// The fewest replicas an autoscaler may leave (HorizontalPodAutoscaler `minReplicas`).
  package var minReplicas: Int = 2
  /// The most replicas an autoscaler may create (`maxReplicas`).
  package var maxReplicas: Int = 10
  /// CPU time one request costs, in core-seconds.
  package var cpuSecondsPerRequest: Double = 0.002
  /// Time a request holds a worker without using CPU (I/O, framework overhead).
  package var baseLatency: SimDuration = .milliseconds(5)
  /// Requests one pod serves at once (nginx workers, Node.js event-loop concurrency).
  package var concurrencyPerPod: Int = 4
  /// The most cores one pod's request work can use at once: its threads that run requests
  /// (1 for a Node.js event loop). `nil`: one thread per request, so `concurrencyPerPod`.
  package var cpuThreads: Int? = nil
  /// Memory a pod uses when idle, in MiB.
  package var memoryWorkingSetMiB: Int = 80
  /// A request slower than this fails (the caller's timeout).
  package var timeout: SimDuration = .seconds(30)
  /// From a pod being scheduled to its container running (image pull and start).
  package var startupTime: SimDuration = .seconds(30)
  /// Spread replicas evenly over zones (topologySpreadConstraints on the zone key).
  package var zoneSpread: Bool = false
  /// The readiness probe that gates traffic to a pod.
  package var readinessProbe: ProbeConfiguration = ProbeConfiguration()
  /// Whether a request needs egress through NAT (a third-party API), and how often.
  package var egressCallsPerRequest: Double = 0
  /// What one request of this service calls downstream.
  package var calls: [DependencyCall] = []
  /// The HorizontalPodAutoscaler scaling this service, if any (`replicas` is then only the
  /// starting point).
  package var autoscaler: HorizontalPodAutoscalerSpec? = nil
  /// The PodDisruptionBudget covering the service's pods, if any: it limits voluntary
  /// evictions (drains, consolidation), never node failures.
  package var disruptionBudget: PodDisruptionBudget.Rule? = nil
  /// How new revisions roll out (a Deployment's rolling update unless set).
  package var delivery: DeliveryConfiguration = .deploymentDefault

  /// A service named `name` with the defaults above.
  package init(name: String) { self.name = name }
}

/// A Kubernetes probe's timing.
package struct ProbeConfiguration: Sendable, Equatable {
  /// How often the probe runs (`periodSeconds`).
  package var period: SimDuration = .seconds(10)
  /// How long one probe may take (`timeoutSeconds`).
  package var timeout: SimDuration = .seconds(1)
  /// Consecutive failures that mark the pod unready (`failureThreshold`).
  package var failureThreshold: Int = 3
  /// Consecutive successes that mark it ready again (`successThreshold`).
  package var successThreshold: Int = 1

  /// The Kubernetes defaults.
  package init() {}
}

/// One downstream dependency of a service and how many calls a request makes to it.
package struct DependencyCall: Sendable, Equatable {
  /// What is called.
  package var target: DependencyTarget
  /// Calls per request, on average (0.3 means three requests in ten make one call).
  package var callsPerRequest: Double

  /// Creates a dependency call.
  package init(target: DependencyTarget, callsPerRequest: Double) {
    self.target = target
    self.callsPerRequest = callsPerRequest
  }
}

/// The kinds of thing a service can call.
package enum DependencyTarget: Sendable, Equatable {
  /// Another service of the platform, by name.
  case service(String)
  /// The cache; misses fall through to the database.
  case cache
  /// The database directly.
  case database
}
