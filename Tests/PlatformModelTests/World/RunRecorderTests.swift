import SimKernel
import Testing

@testable import PlatformModel

/// Incidents through the recorder: opening, charging failures, mitigation and recovery.
@Suite("Run recorder: incidents")
struct RunRecorderTests {
  static func recorder() -> RunRecorder {
    RunRecorder(
      capacity: CapacityTracker(autoscalers: []),
      alerting: AlertState(rules: [], interval: .minutes(1)))
  }

  static func at(_ minutes: Int64) -> SimTime { SimTime(sinceStart: .minutes(minutes)) }

  @Test("an incident recovers at the first whole interval after its fault ended, not before")
  func recoveryWaitsForTheFaultToEnd() {
    var recorder = Self.recorder()
    let first = recorder.openIncident(cause: "podCrash a", at: Self.at(0))
    let second = recorder.openIncident(cause: "nodeFailure g", at: Self.at(1))
    #expect(recorder.incidents[first].id == 1 && recorder.incidents[second].id == 2)
    #expect(recorder.awaitingRecovery.isEmpty)
    recorder.faultEnded(incident: first)
    recorder.faultEnded(incident: first)  // twice is once
    #expect(recorder.awaitingRecovery == [first])
    recorder.recoverAwaiting(at: Self.at(3))
    #expect(recorder.incidents[first].recovered == Self.at(3))
    #expect(recorder.incidents[second].recovered == nil)
    #expect(recorder.openIncidents == [second] && recorder.awaitingRecovery.isEmpty)
  }

  @Test("a bad interval moves every open incident's mitigation to its end")
  func badIntervalMitigatesOpenIncidents() {
    var recorder = Self.recorder()
    let a = recorder.openIncident(cause: "a", at: Self.at(0))
    let b = recorder.openIncident(cause: "b", at: Self.at(2))
    #expect(recorder.incidents[b].mitigated == Self.at(2))
    recorder.badIntervalEnded(at: Self.at(5))
    #expect(recorder.incidents[a].mitigated == Self.at(5) && recorder.incidents[b].mitigated == Self.at(5))
    recorder.faultEnded(incident: a)
    recorder.recoverAwaiting(at: Self.at(6))
    recorder.badIntervalEnded(at: Self.at(7))
    #expect(recorder.incidents[a].mitigated == Self.at(5), "a recovered incident stays as it was")
    #expect(recorder.incidents[b].mitigated == Self.at(7))
  }

  @Test("failed requests are charged to every open incident, and zero changes nothing")
  func failuresChargeOpenIncidents() {
    var recorder = Self.recorder()
    let a = recorder.openIncident(cause: "a", at: Self.at(0))
    recorder.chargeOpenIncidents(failed: 2.5)
    let b = recorder.openIncident(cause: "b", at: Self.at(1))
    recorder.chargeOpenIncidents(failed: 1)
    recorder.chargeOpenIncidents(failed: 0)
    recorder.faultEnded(incident: a)
    recorder.recoverAwaiting(at: Self.at(2))
    recorder.chargeOpenIncidents(failed: 4)
    #expect(recorder.incidents[a].failedRequests == 3.5)
    #expect(recorder.incidents[b].failedRequests == 5)
  }

  @Test("the event log goes to a sink once one is given, starting with what was kept")
  func eventLogStreamsToASink() {
    final class Collected: EventSink {
      var events: [EventRecord] = []
      func record(_ event: EventRecord) { events.append(event) }
    }
    var recorder = Self.recorder()
    recorder.log(Self.at(0), .podReady, "a-0", "before")
    let sink = Collected()
    recorder.stream(eventsTo: sink)
    recorder.log(Self.at(1), .podReady, "a-1", "after")
    #expect(recorder.events.isEmpty)
    #expect(sink.events.map(\.detail) == ["before", "after"])
  }
}
