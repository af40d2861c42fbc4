import Testing

@testable import PlatformModel

extension RolloutsTests {
  @Suite("Deployment rolling update (upstream pkg/controller/deployment)")
  struct RollingUpdateStrategyTests {
    private func counts(_ spec: Int, available: Int) -> ReplicaSetCounts {
      ReplicaSetCounts(specReplicas: spec, availableReplicas: available)
    }

    /// Source: `TestNewRSNewReplicas`, kubernetes/kubernetes pkg/controller/deployment/util/
    /// deployment_util_test.go, its rolling-update rows (maxUnavailable 1; the other ReplicaSets
    /// hold 5 pods).
    @Test("the new ReplicaSet grows into the surge room but not past the desired count")
    func newRSNewReplicas() {
      let cannot = RollingUpdateStrategy(maxSurge: .count(1), maxUnavailable: .count(1))
      #expect(cannot.newReplicaSetScaleUp(replicas: 1, newReplicaSet: 5, allReplicaSets: 5) == 5)
      let up = RollingUpdateStrategy(maxSurge: .count(10), maxUnavailable: .count(1))
      #expect(up.newReplicaSetScaleUp(replicas: 6, newReplicaSet: 2, allReplicaSets: 5) == 6)
    }

    /// Source: `TestDeploymentController_reconcileNewReplicaSet`, kubernetes/kubernetes
    /// pkg/controller/deployment/rolling_test.go (10 replicas, maxUnavailable 0), as
    /// (maxSurge, old, new, expected new).
    @Test(
      "reconcileNewReplicaSet scales up by the surge and down to the desired count",
      arguments: [(0, 10, 0, 0), (2, 10, 0, 2), (2, 5, 0, 7), (2, 10, 2, 2), (2, 2, 11, 10)])
    func reconcileNewReplicaSet(maxSurge: Int, old: Int, new: Int, expected: Int) {
      let strategy = RollingUpdateStrategy(maxSurge: .count(maxSurge), maxUnavailable: .count(0))
      #expect(
        strategy.newReplicaSetTarget(replicas: 10, newReplicaSet: new, allReplicaSets: old + new)
          == expected)
    }

    /// Source: `TestDeploymentController_reconcileOldReplicaSets`, kubernetes/kubernetes
    /// pkg/controller/deployment/rolling_test.go (10 replicas, maxSurge 0), as (maxUnavailable,
    /// old, new, available old, available new, expected old).
    @Test(
      "reconcileOldReplicaSets removes unhealthy old pods first and keeps the minimum available",
      arguments: [
        (0, 10, 0, 10, 0, 9),  // both limits 0: one may be unavailable
        (2, 10, 0, 10, 0, 8),
        (2, 10, 0, 8, 0, 8),  // the two unhealthy pods go
        (2, 10, 0, 9, 0, 8),  // one unhealthy and one healthy pod go
        (2, 8, 2, 8, 0, 8),  // the new ReplicaSet's unavailable pods block any scale-down
      ])
    func reconcileOldReplicaSets(
      maxUnavailable: Int, old: Int, new: Int, oldAvailable: Int, newAvailable: Int, expected: Int
    ) {
      let strategy = RollingUpdateStrategy(
        maxSurge: .count(0), maxUnavailable: .count(maxUnavailable))
      let targets = strategy.oldReplicaSetTargets(
        replicas: 10, newReplicaSet: counts(new, available: newAvailable),
        old: [counts(old, available: oldAvailable)])
      #expect(targets == [expected])
    }

    /// Source: `TestDeploymentController_cleanupUnhealthyReplicas`, kubernetes/kubernetes
    /// pkg/controller/deployment/rolling_test.go (10 old replicas), as (ready, limit, removed).
    @Test(
      "cleanupUnhealthyReplicas removes at most the limit and only unavailable pods",
      arguments: [(8, 1, 1), (8, 3, 2), (8, 0, 0), (10, 3, 0)])
    func cleanupUnhealthyReplicas(ready: Int, limit: Int, removed: Int) {
      let result = RollingUpdateStrategy.removingUnavailable(
        from: [counts(10, available: ready)], limit: limit)
      #expect(result.removed == removed)
      #expect(result.old.map(\.specReplicas) == [10 - removed])
    }

    /// Source: `TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate`,
    /// kubernetes/kubernetes pkg/controller/deployment/rolling_test.go (10 replicas, maxSurge 0,
    /// no new ReplicaSet), as (maxUnavailable, ready, old, expected old).
    @Test(
      "scaleDownOldReplicaSetsForRollingUpdate removes only available pods above the minimum",
      arguments: [(0, 10, 10, 9), (2, 10, 10, 8), (2, 8, 10, 10), (2, 10, 0, 0), (2, 1, 10, 10)])
    func scaleDownOldReplicaSets(maxUnavailable: Int, ready: Int, old: Int, expected: Int) {
      let strategy = RollingUpdateStrategy(
        maxSurge: .count(0), maxUnavailable: .count(maxUnavailable))
      let result = strategy.removingAvailable(
        replicas: 10, newReplicaSet: nil, old: [counts(old, available: ready)])
      #expect(result.old.map(\.specReplicas) == [expected])
      #expect(result.removed == old - expected)
    }

    /// Source: `TestMaxUnavailable` and `TestMinAvailable`, kubernetes/kubernetes
    /// pkg/controller/deployment/util/deployment_util_test.go (maxSurge 1), as (replicas,
    /// maxUnavailable, expected max unavailable, expected min available).
    @Test(
      "maxUnavailable is clamped to the replicas and is 0 without them",
      arguments: [
        (10, IntOrPercent.count(5), 5, 5), (10, .count(10), 10, 0), (5, .count(10), 5, 0),
        (0, .count(10), 0, 0), (10, .percent(50), 5, 5), (10, .percent(100), 10, 0),
        (5, .percent(100), 5, 0), (10, .percent(60), 6, 4),
      ])
    func maxUnavailableAndMinAvailable(
      replicas: Int, maxUnavailable: IntOrPercent, expectedMax: Int, expectedMin: Int
    ) {
      let strategy = RollingUpdateStrategy(maxSurge: .count(1), maxUnavailable: maxUnavailable)
      #expect(strategy.maxUnavailablePods(replicas: replicas) == expectedMax)
      #expect(strategy.minAvailablePods(replicas: replicas) == expectedMin)
    }

    /// Source: `ResolveFenceposts`' doc comment, kubernetes/kubernetes
    /// pkg/controller/deployment/util/deployment_util.go, played out with pods that become
    /// available as soon as they are created: which side moves first depends on the surge.
    @Test(
      "with no surge the update goes old −1 then new +1; with surge new +1 then old −1",
      arguments: [
        (
          2, IntOrPercent.percent(1), IntOrPercent.percent(0), ["old-1", "new+1", "old-1", "new+1"]
        ),
        (1, .percent(1), .percent(0), ["old-1", "new+1"]),
        (2, .percent(25), .percent(1), ["new+1", "old-1", "new+1", "old-1"]),
        (1, .percent(25), .percent(1), ["new+1", "old-1"]),
        (2, .percent(0), .percent(1), ["new+1", "old-1", "new+1", "old-1"]),
        (1, .percent(0), .percent(1), ["new+1", "old-1"]),
      ])
    func fencepostExamples(
      desired: Int, maxUnavailable: IntOrPercent, maxSurge: IntOrPercent, expected: [String]
    ) {
      let strategy = RollingUpdateStrategy(maxSurge: maxSurge, maxUnavailable: maxUnavailable)
      var new = 0
      var old = desired
      var moves: [String] = []
      for _ in 0..<(4 * desired) where new < desired || old > 0 {
        let next = strategy.reconcile(
          replicas: desired, newReplicaSet: counts(new, available: new),
          old: [counts(old, available: old)])
        if next.newReplicaSet != new {
          moves.append("new\(next.newReplicaSet > new ? "+" : "")\(next.newReplicaSet - new)")
        }
        if next.old[0] != old { moves.append("old\(next.old[0] - old)") }
        new = next.newReplicaSet
        old = next.old[0]
      }
      #expect(moves == expected)
    }

    /// A full rolling update with the apps/v1 defaults (25 % / 25 %) of 10 replicas, pods
    /// available at once: 3 surge pods, then old pods go in steps that keep 8 available.
    @Test("a default rolling update of 10 replicas completes, never below 8 available nor above 13")
    func defaultRollingUpdateCompletes() {
      let strategy = RollingUpdateStrategy()
      #expect(strategy.maxSurgePods(replicas: 10) == 3)
      #expect(strategy.minAvailablePods(replicas: 10) == 8)
      var new = 0
      var old = 10
      var steps = 0
      while (new != 10 || old != 0) && steps < 50 {
        let next = strategy.reconcile(
          replicas: 10, newReplicaSet: counts(new, available: new),
          old: [counts(old, available: old)])
        new = next.newReplicaSet
        old = next.old[0]
        #expect(new + old <= 13)
        // Before the new pods become available, only the old ones are.
        #expect(old + min(new, 10) >= 8)
        steps += 1
      }
      #expect(new == 10 && old == 0)
    }
  }
}
