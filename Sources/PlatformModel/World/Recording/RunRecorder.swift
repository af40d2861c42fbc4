import SimKernel

/// Everything a run records for its reports, as the run goes: the event log, the incidents
/// (and which are still open), the current reporting interval's sums and latency, the run's
/// totals and latency histogram, capacity shortfalls, alert state, the time series' sink and
/// running totals, and the worker nodes' bill.
///
/// The platform's subsystems write to it through the world's handlers (``log(_:_:_:_:)``,
/// ``openIncident(cause:at:)``, the flow's accumulation, the report tick); nothing in the
/// model reads it back to decide anything, except the alerting that detects incidents and the
/// incident list itself. `simulate` turns it into the run result. Not `Sendable`: the time
/// series sink it holds is a reference the run owns.
struct RunRecorder {
  /// The event log (events.csv), in time order.
  var events: [EventRecord] = []
  /// Every incident so far, by index.
  var incidents: [IncidentRecord] = []
  /// Incidents not yet recovered, by index.
  var openIncidents: [Int] = []
  /// Per incident: whether its fault has ended.
  var incidentFaultEnded: [Bool] = []
  /// The current reporting interval's sums.
  var interval = RunTotals()
  /// The latency of the interval's successful requests so far: each stretch of it under one
  /// flow adds its entry groups' response times, weighted by their successful requests.
  var intervalLatency = LatencyMixture()
  /// The whole run's sums.
  var totals = RunTotals()
  var latencyHistogram = LatencyHistogram()
  var capacity: CapacityTracker
  var alerting: AlertState
  /// The time series: each interval's row to its sink, and running totals for the reports.
  var timeSeries = TimeSeriesRecorder()
  /// Worker node time, billed per node from launch to deletion.
  var nodeBill = CostLedger()

  init(capacity: CapacityTracker, alerting: AlertState) {
    self.capacity = capacity
    self.alerting = alerting
  }

  /// Appends to the event log.
  mutating func log(_ time: SimTime, _ kind: EventKind, _ subject: String, _ detail: String) {
    events.append(EventRecord(time: time, kind: kind, subject: subject, detail: detail))
  }

  /// Opens an incident for `cause` starting (and, until an interval goes bad, mitigated) at
  /// `time`; returns its index.
  mutating func openIncident(cause: String, at time: SimTime) -> Int {
    incidents.append(
      IncidentRecord(
        id: incidents.count + 1, cause: cause, start: time, detected: nil, detectedBy: nil,
        severity: nil, acknowledged: nil, mitigated: time, recovered: nil, failedRequests: 0,
        errorBudgetSpent: 0))
    let index = incidents.count - 1
    openIncidents.append(index)
    incidentFaultEnded.append(false)
    return index
  }
}
