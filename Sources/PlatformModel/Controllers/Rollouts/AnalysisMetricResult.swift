import SimKernel

/// What one metric has measured so far (`MetricResult`): tallies of measurement outcomes, the
/// last measurement, and the metric's assessed phase.
///
/// Only the last measurement is kept, since the assessment and the measurement schedule read no
/// other; the tallies carry the history. Counting follows `runMeasurements`
/// (argoproj/argo-rollouts analysis/analysis.go): `count` grows with every successful, failed or
/// inconclusive measurement but not with an erroneous one, and any non-error outcome resets
/// `consecutiveErrors`.
package struct AnalysisMetricResult: Sendable, Hashable {
  /// The last measurement taken (`Measurement`).
  package struct Measurement: Sendable, Hashable {
    /// `running` while in flight, then the outcome.
    package var phase: AnalysisPhase
    /// When it started.
    package var startedAt: SimTime
    /// When it finished; `nil` while in flight.
    package var finishedAt: SimTime?
  }

  /// The metric's assessed phase; once completed it no longer changes.
  package var phase: AnalysisPhase = .pending
  /// Completed measurements other than errors.
  package private(set) var count = 0
  /// Successful measurements.
  package private(set) var successful = 0
  /// Failed measurements.
  package private(set) var failed = 0
  /// Inconclusive measurements.
  package private(set) var inconclusive = 0
  /// Erroneous measurements.
  package private(set) var errors = 0
  /// Erroneous measurements since the last non-error outcome.
  package private(set) var consecutiveErrors = 0
  /// The last measurement started, or `nil` before the first.
  package private(set) var lastMeasurement: Measurement?

  /// An empty result: nothing measured.
  package init() {}

  /// A result with the given tallies, as upstream tests write them.
  ///
  /// - Parameters:
  ///   - phase: the stored phase.
  ///   - count: completed measurements other than errors.
  ///   - successful: successful measurements.
  ///   - failed: failed measurements.
  ///   - inconclusive: inconclusive measurements.
  ///   - errors: erroneous measurements.
  ///   - consecutiveErrors: erroneous measurements since the last other outcome.
  ///   - lastMeasurementPhase: the last measurement's phase (`running` for one in flight), or
  ///     `nil` for none.
  ///   - lastMeasurementAt: when the last measurement started and, if completed, finished.
  package init(
    phase: AnalysisPhase = .running, count: Int = 0, successful: Int = 0, failed: Int = 0,
    inconclusive: Int = 0, errors: Int = 0, consecutiveErrors: Int = 0,
    lastMeasurementPhase: AnalysisPhase?, lastMeasurementAt: SimTime = .zero
  ) {
    self.phase = phase
    self.count = count
    self.successful = successful
    self.failed = failed
    self.inconclusive = inconclusive
    self.errors = errors
    self.consecutiveErrors = consecutiveErrors
    self.lastMeasurement = lastMeasurementPhase.map {
      Measurement(
        phase: $0, startedAt: lastMeasurementAt,
        finishedAt: $0.isCompleted ? lastMeasurementAt : nil)
    }
  }

  /// Whether a measurement has started and not finished.
  package var hasMeasurementInFlight: Bool {
    lastMeasurement.map { !$0.phase.isCompleted } ?? false
  }

  /// Records that a measurement started at `time` and is still in flight.
  ///
  /// The first measurement turns a pending result `running`, as upstream creates the result in
  /// that phase.
  /// - Precondition: no measurement is in flight.
  package mutating func beginMeasurement(at time: SimTime) {
    precondition(!hasMeasurementInFlight, "a measurement is already in flight")
    if phase == .pending { phase = .running }
    lastMeasurement = Measurement(phase: .running, startedAt: time, finishedAt: nil)
  }

  /// Records a measurement's outcome at `time`: it finishes the one in flight, or else is a
  /// measurement taken instantly.
  ///
  /// - Precondition: `outcome.isCompleted`.
  package mutating func completeMeasurement(_ outcome: AnalysisPhase, at time: SimTime) {
    precondition(outcome.isCompleted, "a measurement ends in a completed phase")
    if phase == .pending { phase = .running }
    let startedAt = hasMeasurementInFlight ? lastMeasurement?.startedAt ?? time : time
    lastMeasurement = Measurement(phase: outcome, startedAt: startedAt, finishedAt: time)
    switch outcome {
    case .successful: successful += 1
    case .failed: failed += 1
    case .inconclusive: inconclusive += 1
    case .error: errors += 1
    case .pending, .running: break
    }
    if outcome == .error {
      consecutiveErrors += 1
    } else {
      count += 1
      consecutiveErrors = 0
    }
  }
}
