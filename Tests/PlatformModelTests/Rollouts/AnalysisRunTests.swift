import SimKernel
import Testing

@testable import PlatformModel

extension RolloutsTests {
  @Suite("Analysis run assessment (upstream analysis/analysis_test.go)")
  struct AnalysisRunTests {
    private static let start = SimTime.zero

    /// A run of two metrics with results already in place.
    private func run(
      _ metrics: [AnalysisMetric], _ results: [AnalysisMetricResult], terminate: Bool = false
    ) -> AnalysisRun {
      var run = AnalysisRun(metrics: metrics, startedAt: Self.start)
      run.results = results
      run.isTerminationRequested = terminate
      return run
    }

    /// Source: `TestAssessRunStatus`, argoproj/argo-rollouts analysis/analysis_test.go.
    @Test("a run is running while any metric is, then takes the worst completed phase")
    func assessRunStatus() {
      let metrics = [AnalysisMetric(name: "latency"), AnalysisMetric(name: "success-rate")]
      var stillRunning = run(
        metrics,
        [
          AnalysisMetricResult(phase: .successful, lastMeasurementPhase: .successful),
          AnalysisMetricResult(phase: .running, lastMeasurementPhase: .running),
        ])
      #expect(stillRunning.assess() == .running)
      #expect(stillRunning.message == "")
      var worst = run(
        metrics,
        [
          AnalysisMetricResult(phase: .successful, lastMeasurementPhase: .successful),
          AnalysisMetricResult(phase: .failed, lastMeasurementPhase: .failed),
        ])
      #expect(worst.assess() == .failed)
    }

    /// Source: `TestAssessRunStatusUpdateResult`, argoproj/argo-rollouts
    /// analysis/analysis_test.go: a metric flips to failed while its sibling still measures, and
    /// the run stays running until the next assessment sees it terminating.
    @Test("a failed metric is marked failed while the run waits for its sibling")
    func assessRunStatusUpdateResult() {
      var run = run(
        [AnalysisMetric(name: "sleep-infinity"), AnalysisMetric(name: "fail-after-30")],
        [
          AnalysisMetricResult(phase: .running, lastMeasurementPhase: .running),
          AnalysisMetricResult(phase: .running, count: 1, failed: 1, lastMeasurementPhase: .failed),
        ])
      #expect(run.assess() == .running)
      #expect(run.results[1].phase == .failed)
      #expect(run.isTerminating)
    }

    /// Source: `TestReconcileAnalysisRunTerminateSiblingAfterFail`, argoproj/argo-rollouts
    /// analysis/analysis_test.go (`newTerminatingRun`): once a metric failed, errored or turned
    /// inconclusive, an unbounded sibling whose in-flight measurement was terminated counts as
    /// successful and the run takes the bad phase.
    @Test("a terminating run takes its bad metric's phase and its unbounded sibling succeeds")
    func terminateSiblingAfterFail() {
      for bad in [AnalysisPhase.failed, .inconclusive, .error] {
        var failing = AnalysisMetricResult(phase: bad, lastMeasurementPhase: bad)
        if bad == .failed {
          failing = .init(phase: bad, count: 1, failed: 1, lastMeasurementPhase: bad)
        }
        var forever = AnalysisMetricResult(phase: .running, lastMeasurementPhase: nil)
        forever.beginMeasurement(at: Self.start)
        // The in-flight measurement is terminated, which upstream records as successful.
        forever.completeMeasurement(.successful, at: SimTime(sinceStart: .seconds(60)))
        var run = run(
          [AnalysisMetric(name: "run-forever"), AnalysisMetric(name: "failed-metric")],
          [forever, failing])
        #expect(run.isTerminating)
        #expect(run.assess() == bad)
        #expect(run.results[0].phase == .successful)
        #expect(run.results[1].phase == bad)
      }
    }

    /// Source: `TestAssessRunStatusErrorMessageAnalysisPhaseFail` and
    /// `TestAssessRunStatusMultipleFailures`, argoproj/argo-rollouts analysis/analysis_test.go:
    /// the message names the first metric with the worst phase.
    @Test("the run's message names the first worst metric and its limit")
    func errorMessages() {
      let metrics = [AnalysisMetric(name: "run-forever"), AnalysisMetric(name: "failed-metric")]
      let failed = AnalysisMetricResult(
        phase: .failed, count: 1, failed: 1, lastMeasurementPhase: .failed)
      var oneFailure = run(
        metrics, [AnalysisMetricResult(phase: .successful, lastMeasurementPhase: .running), failed])
      #expect(oneFailure.assess() == .failed)
      #expect(
        oneFailure.message
          == "Metric \"failed-metric\" assessed Failed due to failed (1) > failureLimit (0)")
      var twoFailures = run(
        metrics,
        [AnalysisMetricResult(phase: .failed, failed: 1, lastMeasurementPhase: .running), failed])
      #expect(twoFailures.assess() == .failed)
      #expect(
        twoFailures.message
          == "Metric \"run-forever\" assessed Failed due to failed (1) > failureLimit (0)")
    }

    /// Source: the dry-run variants of the same tests and
    /// `TestAssessRunStatusWithOnlyDryRunMetrics`, argoproj/argo-rollouts
    /// analysis/analysis_test.go.
    @Test("dry-run metrics never fail the run")
    func dryRun() {
      let metrics = [
        AnalysisMetric(name: "run-forever", isDryRun: true),
        AnalysisMetric(name: "failed-metric", isDryRun: true),
      ]
      var run = run(
        metrics,
        [
          AnalysisMetricResult(phase: .successful, lastMeasurementPhase: .running),
          AnalysisMetricResult(phase: .failed, count: 1, failed: 1, lastMeasurementPhase: .failed),
        ])
      #expect(!run.isTerminating)
      #expect(run.assess() == .successful)
      #expect(run.message == "")
    }

    /// Source: `TestAssessRunStatusWithMixedMetrics`, argoproj/argo-rollouts
    /// analysis/analysis_test.go: the real metric, already one inconclusive over its limit, has its
    /// in-flight measurement resume successfully; the dry-run metric's failure is ignored.
    @Test("with mixed metrics only the real one decides the run")
    func mixedMetrics() {
      var real = AnalysisMetricResult(
        phase: .running, inconclusive: 1, lastMeasurementPhase: .running)
      real.completeMeasurement(.successful, at: SimTime(sinceStart: .seconds(60)))
      let dry = AnalysisMetricResult(
        phase: .successful, count: 1, failed: 1, lastMeasurementPhase: .failed)
      var run = run(
        [
          AnalysisMetric(name: "run-forever"),
          AnalysisMetric(name: "success-metric", isDryRun: true),
        ],
        [real, dry])
      #expect(run.assess() == .inconclusive)
      #expect(
        run.message
          == "Metric \"run-forever\" assessed Inconclusive due to "
          + "inconclusive (1) > inconclusiveLimit (0)"
      )
    }

    /// Source: `TestTerminateAnalysisRun`, argoproj/argo-rollouts analysis/analysis_test.go: a
    /// run told to terminate before its metric's initial delay passed ends successful.
    @Test("a run terminated before measuring succeeds with \"Run Terminated\"")
    func terminateBeforeMeasuring() {
      var run = AnalysisRun(
        metrics: [
          AnalysisMetric(name: "success-rate", interval: .seconds(20), initialDelay: .seconds(20))
        ],
        startedAt: Self.start)
      run.isTerminationRequested = true
      #expect(run.nextMeasurementTimes == [nil])
      #expect(run.assess() == .successful)
      #expect(run.message == "Run Terminated")
    }

    /// Source: `TestReconcileAnalysisRunInitial`, argoproj/argo-rollouts analysis/analysis_test.go:
    /// one successful measurement keeps an unbounded metric running and completes a metric with
    /// count 1, or with neither count nor interval.
    @Test("one success completes a single-measurement metric but not an unbounded one")
    func reconcileInitial() {
      for (metric, expected) in [
        (AnalysisMetric(name: "success-rate", interval: .seconds(60)), AnalysisPhase.running),
        (AnalysisMetric(name: "success-rate", interval: .seconds(60), count: 1), .successful),
        (AnalysisMetric(name: "success-rate", count: 0), .successful),
      ] {
        var run = AnalysisRun(metrics: [metric], startedAt: Self.start)
        run.results[0].completeMeasurement(.successful, at: Self.start)
        #expect(run.assess() == expected)
        #expect(run.results[0].phase == expected)
      }
    }

    /// `reconcileAnalysisRun` (argoproj/argo-rollouts analysis/analysis.go) leaves a completed
    /// run alone, and a metric's completed phase is sticky.
    @Test("a completed run and a completed metric do not change")
    func completedIsFinal() {
      var run = AnalysisRun(metrics: [AnalysisMetric(name: "m", count: 1)], startedAt: Self.start)
      run.results[0].completeMeasurement(.failed, at: Self.start)
      #expect(run.assess() == .failed)
      run.isTerminationRequested = true
      #expect(run.assess() == .failed)
      #expect(run.isCompleted)
    }
  }
}
