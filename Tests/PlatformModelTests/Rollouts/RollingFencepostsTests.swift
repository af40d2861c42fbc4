import Testing

@testable import PlatformModel

extension RolloutsTests {
  @Suite("Rolling-update fenceposts (upstream deployment_util_test.go)")
  struct RollingFencepostsTests {
    /// Source: `TestResolveFenceposts`, kubernetes/kubernetes pkg/controller/deployment/util/
    /// deployment_util_test.go, its rows without parse errors (the "oops"/"urg" rows test string
    /// parsing, which belongs to scenario decoding), as (maxSurge, maxUnavailable, desired,
    /// surge, unavailable).
    @Test(
      "surge rounds up, unavailability down, missing is 0, and both 0 becomes one unavailable",
      arguments: [
        (IntOrPercent?.some(.percent(0)), IntOrPercent?.some(.percent(0)), 0, 0, 1),
        (.percent(39), .percent(39), 10, 4, 3),
        (nil, .percent(39), 10, 0, 3),
        (.percent(39), nil, 10, 4, 0),
        (nil, nil, 10, 0, 1),
      ])
    func resolveFenceposts(
      maxSurge: IntOrPercent?, maxUnavailable: IntOrPercent?, desired: Int, surge: Int,
      unavailable: Int
    ) {
      let resolved = RollingFenceposts.resolve(
        maxSurge: maxSurge, maxUnavailable: maxUnavailable, desired: desired)
      #expect(resolved == RollingFenceposts(maxSurge: surge, maxUnavailable: unavailable))
    }
  }

  @Suite("ReplicaSet counts (upstream utils/replicaset/canary_test.go)")
  struct ReplicaSetCountsTests {
    /// Source: `TestGetReplicasForScaleDown`, argoproj/argo-rollouts
    /// utils/replicaset/canary_test.go (its nil-ReplicaSet row is the callers' `?? 0`).
    @Test("scale-down counts the spec when more are available or availability is ignored")
    func replicasForScaleDown() {
      #expect(
        ReplicaSetCounts(specReplicas: 3, availableReplicas: 5)
          .replicasForScaleDown(ignoringAvailability: false) == 3)
      #expect(
        ReplicaSetCounts(specReplicas: 3, availableReplicas: 2)
          .replicasForScaleDown(ignoringAvailability: true) == 3)
      #expect(
        ReplicaSetCounts(specReplicas: 3, availableReplicas: 2)
          .replicasForScaleDown(ignoringAvailability: false) == 2)
    }
  }
}
