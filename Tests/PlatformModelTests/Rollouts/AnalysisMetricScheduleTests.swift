import SimKernel
import Testing

@testable import PlatformModel

extension RolloutsTests {
  @Suite("Analysis measurement schedule (upstream analysis/analysis_test.go)")
  struct AnalysisMetricScheduleTests {
    private static let now = SimTime(sinceStart: .hours(1))

    /// A result whose one measurement finished `ago` before ``now`` with `phase`.
    private func measured(_ phase: AnalysisPhase, ago: SimDuration, count: Int = 0)
      -> AnalysisMetricResult
    {
      AnalysisMetricResult(
        count: count, lastMeasurementPhase: phase, lastMeasurementAt: Self.now - ago)
    }

    /// Source: `TestGenerateMetricTasksInterval`, argoproj/argo-rollouts analysis/analysis_test.go:
    /// 50 s after a measurement with a 60 s interval nothing is due; 61 s after, it is.
    @Test("the next measurement is due one interval after the last finished")
    func interval() {
      let metric = AnalysisMetric(name: "success-rate", interval: .seconds(60))
      let due50 = metric.nextMeasurementTime(
        result: measured(.successful, ago: .seconds(50), count: 1), runStartedAt: .zero,
        isTerminating: false)
      #expect(due50 == Self.now + .seconds(10))
      let due61 = metric.nextMeasurementTime(
        result: measured(.successful, ago: .seconds(61), count: 1), runStartedAt: .zero,
        isTerminating: false)
      #expect(due61.map { $0 < Self.now } == true)
    }

    /// Source: `TestGenerateMetricTasksFailing`, argoproj/argo-rollouts analysis/analysis_test.go:
    /// once a sibling failed, no metric starts a measurement; with no results, both do.
    @Test("a terminating run starts no measurements; a fresh run starts all")
    func failingSiblingStopsMeasurements() {
      var run = AnalysisRun(
        metrics: [AnalysisMetric(name: "success-rate"), AnalysisMetric(name: "latency")],
        startedAt: Self.now)
      #expect(run.nextMeasurementTimes == [Self.now, Self.now])
      run.results[1] = AnalysisMetricResult(phase: .failed, lastMeasurementPhase: .failed)
      #expect(run.isTerminating)
      #expect(run.nextMeasurementTimes == [nil, nil])
    }

    /// Source: `TestGenerateMetricTasksNoIntervalOrCount`, argoproj/argo-rollouts
    /// analysis/analysis_test.go.
    @Test("without interval or count one measurement is all")
    func noIntervalOrCount() {
      let metric = AnalysisMetric(name: "success-rate")
      #expect(
        metric.nextMeasurementTime(
          result: measured(.successful, ago: .seconds(50), count: 1), runStartedAt: .zero,
          isTerminating: false) == nil)
      #expect(
        metric.nextMeasurementTime(
          result: AnalysisMetricResult(), runStartedAt: Self.now, isTerminating: false) == Self.now)
    }

    /// Source: `TestGenerateMetricTasksIncomplete`, argoproj/argo-rollouts
    /// analysis/analysis_test.go: an in-flight measurement is resumed, not doubled.
    @Test("no new measurement starts while one is in flight")
    func incomplete() {
      let metric = AnalysisMetric(name: "success-rate")
      #expect(
        metric.nextMeasurementTime(
          result: measured(.running, ago: .seconds(50)), runStartedAt: .zero, isTerminating: false)
          == nil)
    }

    /// Source: `TestGenerateMetricTasksHonorInitialDelay` and
    /// `TestCalculateNextReconcileTimeInitialDelay`, argoproj/argo-rollouts
    /// analysis/analysis_test.go.
    @Test("the first measurement waits out the initial delay from the run's start")
    func initialDelay() {
      let metric = AnalysisMetric(
        name: "start-delay", interval: .seconds(60), initialDelay: .seconds(20))
      let fresh = AnalysisMetricResult()
      // Started 10 s ago: due in 10 s. Started 20 s ago: due now.
      #expect(
        metric.nextMeasurementTime(
          result: fresh, runStartedAt: Self.now - .seconds(10), isTerminating: false)
          == Self.now + .seconds(10))
      #expect(
        metric.nextMeasurementTime(
          result: fresh, runStartedAt: Self.now - .seconds(20), isTerminating: false) == Self.now)
    }

    /// Source: `TestGenerateMetricTasksError` and `TestCalculateNextReconcileUponError`,
    /// argoproj/argo-rollouts analysis/analysis_test.go: after an error the retry is 10 s later,
    /// whatever the interval.
    @Test("an erroneous measurement is retried after 10 s, even with a 5 min interval")
    func errorRetry() {
      for interval in [nil, SimDuration.minutes(5)] {
        let metric = AnalysisMetric(name: "success-rate", interval: interval)
        #expect(
          metric.nextMeasurementTime(
            result: measured(.error, ago: .zero), runStartedAt: .zero, isTerminating: false)
            == Self.now + .seconds(10))
      }
    }

    /// Source: `TestCalculateNextReconcileTimeInterval`, `TestCalculateNextReconcileTimeNoInterval`
    /// and `TestCalculateNextReconcileEarliestMetric`, argoproj/argo-rollouts
    /// analysis/analysis_test.go.
    @Test("completed metrics and reached counts schedule nothing; each metric keeps its own time")
    func nextReconcile() {
      var run = AnalysisRun(
        metrics: [
          AnalysisMetric(name: "success-rate", interval: .seconds(60)),
          AnalysisMetric(name: "latency", interval: .seconds(60)),
        ], startedAt: .zero)
      run.results = [
        measured(.successful, ago: .seconds(30)), measured(.successful, ago: .seconds(50)),
      ]
      #expect(run.nextMeasurementTimes == [Self.now + .seconds(30), Self.now + .seconds(10)])
      run.results[0].phase = .successful
      #expect(run.nextMeasurementTimes[0] == nil)
      let once = AnalysisMetric(name: "success-rate", count: 1)
      #expect(
        once.nextMeasurementTime(
          result: measured(.successful, ago: .zero, count: 1), runStartedAt: .zero,
          isTerminating: false) == nil)
    }
  }
}
