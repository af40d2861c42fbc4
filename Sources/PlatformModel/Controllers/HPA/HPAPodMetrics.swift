import SimKernel

/// What the autoscaler sees of one pod matched by its target's selector: the pod's status from
/// the API server and its latest sample from the resource metrics API.
///
/// Requests and samples use the resource's unit: millicores for CPU, bytes for memory (upstream
/// compares milli-values; only ratios and averages come out, so the scale does not matter as long
/// as requests, samples and `averageValue` targets agree).
package struct HPAPodMetrics: Sendable, Equatable {
  /// The pod's phase.
  package var phase: HPAPodPhase = .running
  /// Whether the pod has a deletion timestamp (it is terminating).
  package var isDeleting: Bool = false
  /// When the kubelet started the pod (`status.startTime`); `nil` if not yet started.
  package var startTime: SimTime?
  /// The pod's `Ready` condition; `nil` if it has none yet.
  package var readyCondition: HPAPodReadyCondition?
  /// Sum of the containers' CPU requests in millicores; `nil` if any container lacks one.
  package var cpuRequestMillicores: Int64?
  /// Sum of the containers' memory requests in bytes; `nil` if any container lacks one.
  package var memoryRequestBytes: Int64?
  /// The latest CPU sample; `nil` if the metrics API has none for this pod.
  package var cpuUsage: HPAMetricSample?
  /// The latest memory sample; `nil` if the metrics API has none for this pod.
  package var memoryUsage: HPAMetricSample?

  /// A running pod with nothing else known.
  package init() {}

  /// A pod with the given status, requests and samples.
  package init(
    phase: HPAPodPhase = .running, isDeleting: Bool = false, startTime: SimTime?,
    readyCondition: HPAPodReadyCondition?, cpuRequestMillicores: Int64? = nil,
    memoryRequestBytes: Int64? = nil, cpuUsage: HPAMetricSample? = nil,
    memoryUsage: HPAMetricSample? = nil
  ) {
    self.phase = phase
    self.isDeleting = isDeleting
    self.startTime = startTime
    self.readyCondition = readyCondition
    self.cpuRequestMillicores = cpuRequestMillicores
    self.memoryRequestBytes = memoryRequestBytes
    self.cpuUsage = cpuUsage
    self.memoryUsage = memoryUsage
  }

  /// The pod's request for `resource`, or `nil` if a container has none.
  package func request(for resource: HPAResourceName) -> Int64? {
    switch resource {
    case .cpu: cpuRequestMillicores
    case .memory: memoryRequestBytes
    }
  }

  /// The pod's latest sample of `resource`, or `nil` if it is missing.
  package func usage(of resource: HPAResourceName) -> HPAMetricSample? {
    switch resource {
    case .cpu: cpuUsage
    case .memory: memoryUsage
    }
  }
}

/// A pod's lifecycle phase, as far as the autoscaler cares.
package enum HPAPodPhase: String, Sendable, Equatable {
  /// Accepted but not running yet (unscheduled, pulling images); always counted as unready.
  case pending = "Pending"
  /// Bound to a node with its containers started.
  case running = "Running"
  /// All containers exited successfully; grouped like a running pod (as upstream does).
  case succeeded = "Succeeded"
  /// A container failed for good; ignored.
  case failed = "Failed"
}

/// A pod's `Ready` condition.
package struct HPAPodReadyCondition: Sendable, Equatable {
  /// `status: "True"`.
  package var isReady: Bool
  /// When the condition last changed (`lastTransitionTime`).
  package var lastTransitionTime: SimTime

  /// Creates a ready condition.
  package init(isReady: Bool, lastTransitionTime: SimTime) {
    self.isReady = isReady
    self.lastTransitionTime = lastTransitionTime
  }
}

/// One pod's usage of a resource from the metrics API (`PodMetric`).
package struct HPAMetricSample: Sendable, Equatable {
  /// Usage summed over the pod's containers, in the resource's unit.
  package var value: Int64
  /// When the sample was taken (the end of its window).
  package var timestamp: SimTime
  /// The interval the usage was averaged over (metrics-server reports its scrape window).
  package var window: SimDuration

  /// Creates a sample.
  package init(value: Int64, timestamp: SimTime, window: SimDuration) {
    self.value = value
    self.timestamp = timestamp
    self.window = window
  }
}
