import SimKernel

/// One row of the time series: what happened during one reporting interval.
package struct IntervalRecord: Sendable, Equatable {
  /// The interval's end.
  package var end: SimTime
  /// Offered requests per second, averaged over the interval.
  package var requestsPerSecond: Double
  /// Requests offered during the interval.
  package var requests: Double
  /// Requests that failed during the interval.
  package var failedRequests: Double
  /// Latency quantiles of successful requests at the interval's end, in seconds.
  package var latencyP50: Double
  /// 95th percentile, seconds.
  package var latencyP95: Double
  /// 99th percentile, seconds.
  package var latencyP99: Double
  /// Ready pods per service, in the platform's service order.
  package var readyPods: [Int]
  /// Replicas each service's workload asks for (set by its autoscaler, if any).
  package var desiredReplicas: [Int]
  /// Pods waiting for a node with room, over all services.
  package var pendingPods: Int
  /// Nodes up.
  package var nodesUp: Int
  /// Per node group (the Karpenter pool last, when there is one): nodes launched and not yet
  /// deleted, at the interval's end.
  package var nodesPerGroup: [Int]
  /// Used CPU over requested CPU of running pods, averaged over the interval.
  package var cpuOfRequests: Double
  /// Used CPU over node CPU capacity.
  package var cpuOfCapacity: Double
  /// Used memory over requested memory of running pods.
  package var memoryOfRequests: Double
  /// Used memory over node memory capacity.
  package var memoryOfCapacity: Double
  /// The database's state at the interval's end.
  package var database: String
  /// The cache's state at the interval's end.
  package var cache: String
  /// NAT gateways up at the interval's end.
  package var natGatewaysUp: Int
  /// Alert rules firing at the interval's end.
  package var alertsFiring: Int
}

/// One incident: a fault occurrence from its start to the platform's recovery.
package struct IncidentRecord: Sendable, Equatable {
  /// Sequence number, from 1.
  package var id: Int
  /// The fault that caused it, e.g. `zoneOutage eu-central-1a`.
  package var cause: String
  /// When the fault struck (impact start).
  package var start: SimTime
  /// When the first alert fired, if one did.
  package var detected: SimTime?
  /// The alert that detected it.
  package var detectedBy: String?
  /// Severity of the most severe alert that fired (1-4), if any did.
  package var severity: Int?
  /// When an operator responded (detection plus the severity's response time).
  package var acknowledged: SimTime?
  /// When errors stopped (the end of the last bad interval, or the start if there was none).
  package var mitigated: SimTime
  /// When the fault was over and every component was healthy again.
  package var recovered: SimTime?
  /// Requests that failed while the incident was open.
  package var failedRequests: Double
  /// Share of the SLO window's error budget those failures spent.
  package var errorBudgetSpent: Double

  /// Time to detect, if detected.
  package var timeToDetect: SimDuration? { detected.map { $0 - start } }
  /// Time to restore service (DORA's time to restore): mitigation minus start.
  package var timeToRestore: SimDuration { mitigated - start }
}

/// One entry of the event log: a fault, failover, health transition or scaling action.
package struct EventRecord: Sendable, Equatable {
  /// When it happened.
  package var time: SimTime
  /// What kind of thing happened (its `rawValue` is the `kind` column: `fault-start`, ...).
  package var kind: EventKind
  /// What it happened to, e.g. `frontend-3`, `node-2`, `database`.
  package var subject: String
  /// Free-text detail.
  package var detail: String
}
