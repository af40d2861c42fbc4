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
  /// The event log (events.csv), in time order, unless it is streamed to ``eventSink``.
  private(set) var events: [EventRecord] = []
  /// Where the event log goes as it is written, if anywhere; then ``events`` stays empty.
  private(set) var eventSink: (any EventSink)?
  /// Every incident so far, by index.
  var incidents: [IncidentRecord] = []
  /// Incidents not yet recovered, by index.
  var openIncidents: [Int] = []
  /// Per incident: whether its fault has ended.
  private(set) var incidentFaultEnded: [Bool] = []
  /// Open incidents whose fault has ended: they recover at the first interval end at which
  /// the platform is whole.
  private(set) var awaitingRecovery: [Int] = []
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

  /// A recorder with nothing recorded yet, keeping the time series in memory (a run hands it
  /// its sinks, see `simulate`) with one node column per group of `nodeGroups`.
  init(capacity: CapacityTracker, alerting: AlertState, nodeGroups: Int = 0) {
    self.capacity = capacity
    self.alerting = alerting
    timeSeries = TimeSeriesRecorder(nodeGroups: nodeGroups)
  }

  /// Adds `seconds` of `flow` to the interval's and the run's sums and the interval's latency
  /// (each entry group's response times, weighted by its successful requests).
  mutating func addFlow(_ flow: FlowSnapshot, seconds: Double) {
    interval.add(flow, seconds: seconds)
    for group in flow.groups where group.entryWeight > 0 {
      if let time = group.response { intervalLatency.merge(time, weight: group.entryWeight * seconds) }
    }
    totals.add(flow, seconds: seconds)
  }

  /// Appends to the event log, or hands the event to the sink.
  mutating func log(_ time: SimTime, _ kind: EventKind, _ subject: String, _ detail: String) {
    let event = EventRecord(time: time, kind: kind, subject: subject, detail: detail)
    if let eventSink {
      eventSink.record(event)
    } else {
      events.append(event)
    }
  }

  /// From now on the event log goes to `sink`, starting with the events logged so far.
  mutating func stream(eventsTo sink: any EventSink) {
    for event in events { sink.record(event) }
    events = []
    eventSink = sink
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

  /// The fault behind open incident `incident` has ended.
  mutating func faultEnded(incident: Int) {
    guard !incidentFaultEnded[incident] else { return }
    incidentFaultEnded[incident] = true
    awaitingRecovery.append(incident)
  }

  /// A bad interval ended at `time`: every open incident is mitigated no earlier than that.
  mutating func badIntervalEnded(at time: SimTime) {
    for incident in openIncidents { incidents[incident].mitigated = time }
  }

  /// The platform is whole at the interval end `time`: the incidents awaiting recovery
  /// recover and close.
  ///
  /// With ``badIntervalEnded(at:)`` this makes a quiet interval O(1) however many incidents
  /// stay open (ones whose fault never ended, or a platform that never becomes whole again):
  /// a loop over them per interval made long runs superlinear in the horizon.
  mutating func recoverAwaiting(at time: SimTime) {
    for incident in awaitingRecovery { incidents[incident].recovered = time }
    openIncidents.removeAll { incidents[$0].recovered != nil }
    awaitingRecovery.removeAll()
  }

  /// Adds `failed` requests to every open incident (skipped when there are none to add, which
  /// is exact: adding zero changes no sum).
  mutating func chargeOpenIncidents(failed: Double) {
    guard failed != 0 else { return }
    for incident in openIncidents { incidents[incident].failedRequests += failed }
  }
}
