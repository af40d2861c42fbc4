import SimKernel
import Testing

@testable import PlatformModel

extension RolloutsTests {
  @Suite("Analysis metric assessment (upstream analysis/analysis_test.go)")
  struct AnalysisAssessmentTests {
    /// A result whose last measurement finished with `phase`, with the given tallies.
    private func result(
      last phase: AnalysisPhase?, count: Int = 0, successful: Int = 0, failed: Int = 0,
      inconclusive: Int = 0, consecutiveErrors: Int = 0
    ) -> AnalysisMetricResult {
      AnalysisMetricResult(
        count: count, successful: successful, failed: failed, inconclusive: inconclusive,
        consecutiveErrors: consecutiveErrors, lastMeasurementPhase: phase)
    }

    /// Source: `TestAssessMetricStatusNoMeasurements`, argoproj/argo-rollouts
    /// analysis/analysis_test.go.
    @Test("with no measurement a metric is pending, or successful if the run is terminating")
    func noMeasurements() {
      let metric = AnalysisMetric(name: "success-rate")
      let empty = AnalysisMetricResult()
      #expect(metric.phase(of: empty, isTerminating: false) == .pending)
      #expect(metric.phase(of: empty, isTerminating: true) == .successful)
    }

    /// Source: `TestAssessMetricStatusInFlightMeasurement`, argoproj/argo-rollouts
    /// analysis/analysis_test.go.
    @Test("a measurement in flight keeps the metric running even when terminating")
    func inFlightMeasurement() {
      let metric = AnalysisMetric(name: "success-rate")
      var inFlight = AnalysisMetricResult()
      inFlight.completeMeasurement(.successful, at: .zero)
      inFlight.beginMeasurement(at: SimTime(sinceStart: .seconds(60)))
      #expect(metric.phase(of: inFlight, isTerminating: false) == .running)
      #expect(metric.phase(of: inFlight, isTerminating: true) == .running)
    }

    /// Source: `TestAssessMetricStatusFailureLimit`, argoproj/argo-rollouts
    /// analysis/analysis_test.go.
    @Test("failures above failureLimit fail the metric; at the limit it keeps running")
    func failureLimit() {
      let failures = result(last: .failed, count: 3, failed: 3)
      let strict = AnalysisMetric(name: "success-rate", interval: .seconds(60), failureLimit: 2)
      #expect(strict.phase(of: failures, isTerminating: false) == .failed)
      #expect(strict.phase(of: failures, isTerminating: true) == .failed)
      let lenient = AnalysisMetric(name: "success-rate", interval: .seconds(60), failureLimit: 3)
      #expect(lenient.phase(of: failures, isTerminating: false) == .running)
      #expect(lenient.phase(of: failures, isTerminating: true) == .successful)
    }

    /// Source: `TestAssessMetricStatusInconclusiveLimit`, argoproj/argo-rollouts
    /// analysis/analysis_test.go.
    @Test("inconclusive results above inconclusiveLimit make the metric inconclusive")
    func inconclusiveLimit() {
      let results = result(last: .inconclusive, count: 3, inconclusive: 3)
      let strict = AnalysisMetric(
        name: "success-rate", interval: .seconds(60), inconclusiveLimit: 2)
      #expect(strict.phase(of: results, isTerminating: false) == .inconclusive)
      #expect(strict.phase(of: results, isTerminating: true) == .inconclusive)
      let lenient = AnalysisMetric(
        name: "success-rate", interval: .seconds(60), inconclusiveLimit: 3)
      #expect(lenient.phase(of: results, isTerminating: false) == .running)
      #expect(lenient.phase(of: results, isTerminating: true) == .successful)
    }

    /// Source: `TestAssessMetricStatusConsecutiveErrors`, argoproj/argo-rollouts
    /// analysis/analysis_test.go: the default limit 4 tolerates four errors in a row, not five.
    @Test("more consecutive errors than the default limit of 4 error the metric")
    func consecutiveErrors() {
      let metric = AnalysisMetric(name: "success-rate", interval: .seconds(60))
      let five = result(last: .error, count: 5, consecutiveErrors: 5)
      #expect(metric.phase(of: five, isTerminating: false) == .error)
      #expect(metric.phase(of: five, isTerminating: true) == .error)
      let four = result(last: .error, count: 5, consecutiveErrors: 4)
      #expect(metric.phase(of: four, isTerminating: true) == .successful)
      #expect(metric.phase(of: four, isTerminating: false) == .running)
    }

    /// Source: `TestAssessMetricStatusCountReached`, argoproj/argo-rollouts
    /// analysis/analysis_test.go.
    @Test("reaching the count succeeds unless a limit was exceeded on the way")
    func countReached() {
      let metric = AnalysisMetric(name: "success-rate", count: 10)
      #expect(
        metric.phase(of: result(last: .successful, count: 10, successful: 10), isTerminating: false)
          == .successful)
      #expect(
        metric.phase(
          of: result(last: .successful, count: 10, successful: 5, inconclusive: 5),
          isTerminating: false) == .inconclusive)
    }

    /// Source: `TestAssessMetricFailureInconclusiveOrError`, argoproj/argo-rollouts
    /// analysis/analysis_test.go: the phases and upstream's messages.
    @Test("each exceeded limit names itself in upstream's words")
    func failureInconclusiveOrError() {
      let metric = AnalysisMetric(name: "m")
      let cases: [(AnalysisMetricResult, AnalysisLimitBreach)] = [
        (
          result(last: .failed, failed: 1),
          .init(phase: .failed, message: "failed (1) > failureLimit (0)")
        ),
        (
          result(last: .inconclusive, inconclusive: 1),
          .init(phase: .inconclusive, message: "inconclusive (1) > inconclusiveLimit (0)")
        ),
        (
          result(last: .error, consecutiveErrors: 5),
          .init(phase: .error, message: "consecutiveErrors (5) > consecutiveErrorLimit (4)")
        ),
      ]
      for (result, breach) in cases {
        #expect(metric.limitBreach(in: result) == breach)
        #expect(metric.phase(of: result, isTerminating: true) == breach.phase)
      }
    }

    /// `assessMetricFailureInconclusiveOrError` (argoproj/argo-rollouts analysis/analysis.go)
    /// checks failed, then inconclusive, then errors, and the last match wins.
    @Test("errors outrank inconclusive results, which outrank failures")
    func laterLimitsWin() {
      let metric = AnalysisMetric(name: "m")
      let all = result(last: .error, failed: 1, inconclusive: 1, consecutiveErrors: 5)
      #expect(metric.limitBreach(in: all)?.phase == .error)
      let noErrors = result(last: .failed, failed: 1, inconclusive: 1)
      #expect(metric.limitBreach(in: noErrors)?.phase == .inconclusive)
    }

    /// `Metric.EffectiveCount` (argoproj/argo-rollouts pkg/apis/rollouts/v1alpha1/
    /// analysis_types.go).
    @Test("without a count a metric measures once, or forever with an interval")
    func effectiveCount() {
      #expect(AnalysisMetric(name: "m").effectiveCount == 1)
      #expect(AnalysisMetric(name: "m", count: 0).effectiveCount == 1)
      #expect(AnalysisMetric(name: "m", interval: .seconds(60)).effectiveCount == nil)
      #expect(AnalysisMetric(name: "m", interval: .seconds(60), count: 5).effectiveCount == 5)
      #expect(AnalysisMetric(name: "m", count: 3).effectiveCount == 3)
    }

    /// Source: `TestRunMeasurementsResetConsecutiveErrorCounter`, argoproj/argo-rollouts
    /// analysis/analysis_test.go, and `runMeasurements`' bookkeeping: an error adds to the error
    /// tallies but not to `count`; any other outcome counts and resets the error run.
    @Test("errors do not count as measurements and other outcomes reset the error streak")
    func measurementBookkeeping() {
      var result = AnalysisMetricResult()
      for _ in 0..<4 { result.completeMeasurement(.error, at: .zero) }
      result.completeMeasurement(.error, at: .zero)
      #expect(result.consecutiveErrors == 5 && result.errors == 5 && result.count == 0)
      result.completeMeasurement(.inconclusive, at: .zero)
      #expect(result.consecutiveErrors == 0 && result.errors == 5 && result.count == 1)
      result.completeMeasurement(.successful, at: .zero)
      result.completeMeasurement(.failed, at: .zero)
      #expect(result.count == 3 && result.successful == 1 && result.failed == 1)
      #expect(result.inconclusive == 1)
    }
  }

  @Suite("Analysis phase order (upstream utils/analysis/helpers_test.go)")
  struct AnalysisPhaseTests {
    /// Source: `TestIsWorst`, argoproj/argo-rollouts utils/analysis/helpers_test.go, all sixteen
    /// pairs of the four end phases.
    @Test("failed is worse than error, error than inconclusive, inconclusive than successful")
    func isWorse() {
      let order: [AnalysisPhase] = [.successful, .inconclusive, .error, .failed]
      for (i, current) in order.enumerated() {
        for (j, new) in order.enumerated() {
          #expect(new.isWorse(than: current) == (j > i), "\(new) vs \(current)")
        }
      }
    }

    /// Source: `TestWorst`, argoproj/argo-rollouts utils/analysis/helpers_test.go.
    @Test("the worst of successful and failed is failed either way round")
    func worst() {
      #expect(AnalysisPhase.worst(.successful, .failed) == .failed)
      #expect(AnalysisPhase.worst(.failed, .successful) == .failed)
    }

    /// `analysisStatusOrder` (argoproj/argo-rollouts utils/analysis/helpers.go) and
    /// `AnalysisPhase.Completed`.
    @Test("running and pending rank between successful and inconclusive and are not completed")
    func fullOrder() {
      let sorted = AnalysisPhase.allCases.sorted { $0.severity < $1.severity }
      #expect(sorted == [.successful, .running, .pending, .inconclusive, .error, .failed])
      #expect(AnalysisPhase.allCases.filter(\.isCompleted).count == 4)
      #expect(!AnalysisPhase.running.isCompleted && !AnalysisPhase.pending.isCompleted)
    }
  }
}
