import SimKernel
import Testing

@testable import PlatformModel

/// Image pulls need egress: a node without the image pulls it through its zone's NAT route;
/// without one the pod waits in ImagePullBackOff.
@Suite("Image pulls and egress")
struct ImagePullTests {
  /// The reference with backend pods requesting 500m on 2 nodes under Karpenter, a 5x load
  /// step from 1 h to 2 h, and the single NAT gateway (zone a) down from 50 min to 1 h 30.
  private func scenario(needEgress: Bool) -> PlatformScenario {
    var scenario = PlatformScenario.flatReference(hours: 3)
    scenario.platform.services[1].cpuRequestMillicores = 500
    scenario.platform.services[1].cpuLimitMillicores = 1_000
    scenario.platform.nodeGroups[0].desiredNodes = 2
    scenario.platform.imagePullsNeedEgress = needEgress
    scenario.faults = [
      FaultConfiguration(
        kind: .trafficSpike(multiplier: 5), timing: .scheduled(at: .hours(1), duration: .hours(1))),
      FaultConfiguration(
        kind: .natGatewayFailure(zone: "eu-central-1a"),
        timing: .scheduled(at: .minutes(50), duration: .minutes(40))),
    ]
    return scenario
  }

  @Test("kubelet's image back-off: 10 s doubling to 5 minutes")
  func backOffDoublesToFiveMinutes() {
    let seconds = (0..<8).map { PlatformWorld.kubeletBackOff(afterFailures: $0).inSeconds }
    #expect(seconds == [10, 20, 40, 80, 160, 300, 300, 300])
  }

  @Test("pods on new nodes wait for egress to pull their image; with images reachable without egress they start at once")
  func podsOnNewNodesWaitForEgress() throws {
    let blocked = simulate(scenario(needEgress: true))
    let backOffs = blocked.events.filter { $0.kind == .podImagePullBackOff }
    #expect(!backOffs.isEmpty, "new nodes lack the image while the NAT gateway is down")
    // The gateway is down from 50 min until it is repaired (the operator may mitigate early).
    let repaired = try #require(
      blocked.events.first { $0.kind == .faultEnd && $0.subject.hasPrefix("natGatewayFailure") })
    let natDown = SimTime(sinceStart: .minutes(50))..<repaired.time
    #expect(backOffs.allSatisfy { natDown.contains($0.time) })
    // No pod that backed off became ready before the gateway was repaired.
    for backOff in backOffs {
      let ready = blocked.events.first {
        $0.kind == .podReady && $0.subject == backOff.subject && $0.time > backOff.time
      }
      if let ready { #expect(ready.time >= natDown.upperBound, "\(backOff.subject)") }
    }
    let free = simulate(scenario(needEgress: false))
    #expect(!free.events.contains { $0.kind == .podImagePullBackOff })
    #expect(free.totals.failed <= blocked.totals.failed)
  }
}
