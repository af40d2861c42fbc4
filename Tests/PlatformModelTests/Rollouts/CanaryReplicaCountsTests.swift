import SimKernel
import Testing

@testable import PlatformModel

/// One row of `TestCalculateReplicaCountsForCanary` (argoproj/argo-rollouts
/// utils/replicaset/canary_test.go), with upstream's harness: a rollout whose single step sets
/// the weight (and, if given, the canary scale), current pod hash "canary" and stable "stable".
struct BasicOrRoutedCanaryCase: Sendable, CustomTestStringConvertible {
  var name: String
  var replicas: Int
  var setWeight = 0
  var maxSurge = IntOrPercent.count(0)
  var maxUnavailable = IntOrPercent.count(0)
  var promoteFull = false
  var stable: (spec: Int, available: Int)
  var canary: (spec: Int, available: Int) = (0, 0)
  var expected: (canary: Int, stable: Int)
  var older: ReplicaSetCounts? = nil
  var setCanaryScale: SetCanaryScale? = nil
  var trafficRouting = false
  var abortScaleDownDelay: SimDuration? = nil
  var aborted = false
  var minPodsPerReplicaSet: Int? = nil

  var testDescription: String { name }

  /// Upstream puts `setWeight` and `setCanaryScale` in one step; here they are two steps with
  /// the second current, which the backward scans of `GetCurrentSetWeight` and
  /// `UseSetCanaryScale` read the same way.
  var strategy: CanaryStrategy {
    var steps: [CanaryStep] = [.setWeight(setWeight)]
    if let setCanaryScale { steps.append(.setCanaryScale(setCanaryScale)) }
    return CanaryStrategy(
      steps: steps, maxSurge: maxSurge, maxUnavailable: maxUnavailable,
      usesTrafficRouting: trafficRouting, minPodsPerReplicaSet: minPodsPerReplicaSet,
      abortScaleDownDelay: abortScaleDownDelay)
  }

  var status: CanaryStatus {
    CanaryStatus(
      currentStepIndex: setCanaryScale == nil ? 0 : 1, isAborted: aborted,
      isPromotingFully: promoteFull)
  }

  func counts() -> CanaryReplicaCounts {
    if trafficRouting {
      return strategy.trafficRoutedReplicaCounts(
        replicas: replicas, status: status, actualWeights: nil)
    }
    return strategy.basicReplicaCounts(
      replicas: replicas, status: status,
      canary: ReplicaSetCounts(specReplicas: canary.spec, availableReplicas: canary.available),
      stable: .separate(
        ReplicaSetCounts(specReplicas: stable.spec, availableReplicas: stable.available)),
      older: older.map { [$0] } ?? [])
  }
}

/// `TestCalculateReplicaCountsForCanary`, every row, in upstream's order.
let calculateReplicaCountsForCanaryCases: [BasicOrRoutedCanaryCase] = [
  .init(
    name: "Do not add extra RSs in scaleDownCount when .Spec.Replica < AvailableReplicas",
    replicas: 10, setWeight: 100, maxSurge: .count(3), maxUnavailable: .count(0),
    stable: (7, 8), canary: (6, 3), expected: (6, 7)),
  .init(
    name: "Use max surge int to scale up canary", replicas: 10, setWeight: 20,
    maxSurge: .count(2), stable: (10, 10), expected: (2, 10)),
  .init(
    name: "Use max surge percentage to scale up canary", replicas: 10, setWeight: 20,
    maxSurge: .percent(20), stable: (10, 10), expected: (2, 10)),
  .init(
    name: "Scale down extra stable replicas", replicas: 10, setWeight: 20,
    maxSurge: .percent(20), stable: (10, 10), canary: (2, 2), expected: (2, 8)),
  .init(
    name: "Do not go past max surge", replicas: 10, setWeight: 30, maxSurge: .count(2),
    stable: (10, 10), expected: (2, 10)),
  .init(
    name: "Use max unavailable int to scale down stableRS", replicas: 10, setWeight: 20,
    maxUnavailable: .count(2), stable: (10, 10), expected: (0, 8)),
  .init(
    name: "Use max surge percentage to scale down stableRS", replicas: 10, setWeight: 20,
    maxUnavailable: .percent(20), stable: (10, 10), expected: (0, 8)),
  .init(
    name: "Do not go past max unavailable", replicas: 10, setWeight: 30,
    maxUnavailable: .count(2), stable: (10, 10), expected: (0, 8)),
  .init(
    name: "Use Max Surge and Max Unavailable", replicas: 10, setWeight: 50, maxSurge: .count(2),
    maxUnavailable: .count(1), stable: (10, 10), expected: (2, 9)),
  .init(
    name: "Scale canaryRS to zero on setWeight of 0%", replicas: 10, setWeight: 0,
    maxSurge: .count(1), maxUnavailable: .count(1), stable: (10, 10), canary: (1, 1),
    expected: (0, 10)),
  .init(
    name: "Scale stable to zero on setWeight of 100%", replicas: 10, setWeight: 100,
    maxSurge: .count(1), maxUnavailable: .count(1), stable: (1, 1), canary: (10, 10),
    expected: (10, 0)),
  .init(
    name: "Do not scale newRS down to zero on non-zero weight", replicas: 1, setWeight: 20,
    maxSurge: .count(1), stable: (1, 1), expected: (1, 1)),
  .init(
    name: "Do not scale canaryRS down to zero on non-100 weight", replicas: 1, setWeight: 90,
    maxSurge: .count(1), stable: (1, 1), expected: (1, 1)),
  .init(
    name: "Scale up Stable before newRS", replicas: 10, setWeight: 30, maxSurge: .count(1),
    stable: (1, 1), expected: (1, 7),
    older: ReplicaSetCounts(specReplicas: 3, availableReplicas: 3)),
  .init(
    name: "Scale down newRS and stable", replicas: 10, setWeight: 30,
    maxUnavailable: .count(3), stable: (8, 5), canary: (4, 4), expected: (3, 7)),
  .init(
    name: "Scale down stable and canary available", replicas: 10, setWeight: 100,
    maxSurge: .count(1), stable: (10, 2), canary: (10, 8), expected: (9, 2)),
  .init(
    name: "Do not scale down newRS or stable when older RS count >= scaleDownCount",
    replicas: 10, setWeight: 30, maxUnavailable: .count(1), stable: (8, 6), canary: (4, 2),
    expected: (4, 8), older: ReplicaSetCounts(specReplicas: 3, availableReplicas: 3)),
  .init(
    name: "Do not round past maxSurge with uneven setWeight divisor", replicas: 10,
    setWeight: 5, maxUnavailable: .count(1), stable: (10, 10), expected: (0, 9)),
  .init(
    name: "Do not round past maxSurge with uneven setWeight divisor (part 2)", replicas: 10,
    setWeight: 5, maxUnavailable: .count(1), stable: (9, 9), expected: (1, 9)),
  .init(
    name:
      "Use maxUnavailable of 1 when percentage of maxUnavailable and maxSurge result in 0 replicas",
    replicas: 10, setWeight: 10, maxSurge: .percent(0), maxUnavailable: .percent(0),
    stable: (10, 10), expected: (0, 9)),
  .init(
    name:
      "For canary replicas, use setCanaryScale.replicas when specified along with "
      + "trafficRouting (and ignore setWeight)",
    replicas: 1, setWeight: 100, stable: (1, 1), expected: (9, 1),
    setCanaryScale: SetCanaryScale(replicas: 9), trafficRouting: true),
  .init(
    name:
      "Use setCanaryScale.weight for canary replicas when specified with trafficRouting "
      + "(and ignore setWeight)",
    replicas: 4, setWeight: 100, stable: (4, 4), expected: (8, 4),
    setCanaryScale: SetCanaryScale(weight: 200), trafficRouting: true),
  .init(
    name: "Ignore setCanaryScale replicas/weight when matchTrafficWeight is true", replicas: 10,
    setWeight: 20, maxSurge: .percent(20), stable: (10, 10), expected: (2, 10),
    setCanaryScale: SetCanaryScale(replicas: 9, weight: 100, matchTrafficWeight: true),
    trafficRouting: true),
  .init(
    name: "Ignore setCanaryScale when trafficRouting is missing and use setWeight for replicas",
    replicas: 10, setWeight: 20, maxSurge: .percent(20), stable: (10, 10), expected: (2, 10),
    setCanaryScale: SetCanaryScale(replicas: 9, weight: 100)),
  .init(
    name: "honor maxSurge during scale up when stableRS unavailable", replicas: 4,
    setWeight: 100, maxSurge: .count(1), stable: (4, 1), expected: (1, 4)),
  .init(
    name: "scale down to maxunavailable without exceeding maxSurge", replicas: 3, setWeight: 99,
    maxUnavailable: .count(2), stable: (3, 3), expected: (0, 1)),
  .init(
    name: "scale down to maxunavailable without exceeding maxSurge (part 2)", replicas: 3,
    setWeight: 99, maxUnavailable: .count(2), stable: (1, 1), expected: (2, 1)),
  .init(
    name: "honor maxUnavailable during scale down stableRS unavailable", replicas: 4,
    setWeight: 100, maxSurge: .count(1), stable: (4, 1), canary: (1, 1), expected: (1, 3)),
  .init(
    name: "honor maxUnavailable when aborting or reducing weight part 1", replicas: 4,
    setWeight: 0, maxSurge: .count(1), stable: (0, 0), canary: (4, 4), expected: (4, 1)),
  .init(
    name: "honor maxUnavailable when aborting or reducing weight part 2", replicas: 4,
    setWeight: 0, maxSurge: .count(1), stable: (1, 0), canary: (4, 4), expected: (4, 1)),
  .init(
    name: "honor maxUnavailable when aborting or reducing weight part 3", replicas: 4,
    setWeight: 0, maxSurge: .count(1), stable: (1, 1), canary: (4, 4), expected: (3, 1)),
  .init(
    name: "promote full does not consider weight", replicas: 4, setWeight: 1,
    maxSurge: .count(4), maxUnavailable: .count(4), promoteFull: true, stable: (4, 4),
    expected: (4, 0)),
  .init(
    name: "promote full still honors maxSurge/maxUnavailable", replicas: 4, setWeight: 1,
    maxSurge: .count(3), promoteFull: true, stable: (4, 4), expected: (3, 4)),
  .init(
    name: "aborted with abortScaleDownDelaySeconds:0 and setCanaryScale", replicas: 1,
    stable: (1, 1), canary: (1, 1), expected: (1, 1), setCanaryScale: SetCanaryScale(replicas: 1),
    trafficRouting: true, abortScaleDownDelay: .zero, aborted: true),
  .init(
    name: "aborted with abortScaleDownDelaySeconds>0 and setCanaryScale", replicas: 1,
    stable: (1, 1), canary: (1, 1), expected: (0, 1), setCanaryScale: SetCanaryScale(replicas: 1),
    trafficRouting: true, abortScaleDownDelay: .seconds(30), aborted: true),
  .init(
    name: "Honor MinPodsPerReplicaSet when using trafficRouting and starting canary",
    replicas: 10, setWeight: 5, stable: (10, 10), expected: (2, 10), trafficRouting: true,
    minPodsPerReplicaSet: 2),
]

/// One row of `TestApproximateWeightedNewStableReplicaCounts` (argoproj/argo-rollouts
/// utils/replicaset/canary_test.go).
struct ApproximationCase: Sendable, CustomTestStringConvertible {
  var replicas: Int
  var weight: Int
  var maxSurge: Int
  var canary: Int
  var stable: Int
  var testDescription: String {
    "replicas:\(replicas)_weight:\(weight)_surge:\(maxSurge) -> \(canary)/\(stable)"
  }
}

/// Every row of `TestApproximateWeightedNewStableReplicaCounts`, as (replicas, weight, surge,
/// canary, stable).
private let approximationRows: [(Int, Int, Int, Int, Int)] = [
  (0, 0, 0, 0, 0), (0, 50, 0, 0, 0), (0, 100, 0, 0, 0),
  (0, 0, 1, 0, 0), (0, 50, 1, 0, 0), (0, 100, 1, 0, 0),
  (1, 0, 0, 0, 1), (1, 1, 0, 0, 1), (1, 49, 0, 0, 1), (1, 50, 0, 1, 0), (1, 99, 0, 1, 0),
  (1, 100, 0, 1, 0),
  (1, 0, 1, 0, 1), (1, 1, 1, 1, 1), (1, 49, 1, 1, 1), (1, 50, 1, 1, 1), (1, 99, 1, 1, 1),
  (1, 100, 1, 1, 0),
  (2, 0, 0, 0, 2), (2, 1, 0, 1, 1), (2, 50, 0, 1, 1), (2, 99, 0, 1, 1), (2, 100, 0, 2, 0),
  (2, 0, 1, 0, 2), (2, 1, 1, 1, 2), (2, 50, 1, 1, 1), (2, 99, 1, 2, 1), (2, 100, 1, 2, 0),
  (3, 10, 0, 1, 2), (3, 25, 0, 1, 2), (3, 33, 0, 1, 2), (3, 34, 0, 1, 2), (3, 49, 0, 1, 2),
  (3, 50, 0, 2, 1),
  (3, 10, 1, 1, 3), (3, 25, 1, 1, 3), (3, 33, 1, 1, 2), (3, 34, 1, 1, 2), (3, 49, 1, 2, 2),
  (3, 50, 1, 2, 2),
  (10, 0, 1, 0, 10), (10, 1, 0, 1, 9), (10, 14, 0, 1, 9), (10, 15, 0, 2, 8), (10, 16, 0, 2, 8),
  (10, 99, 0, 9, 1), (10, 100, 1, 10, 0),
  (10, 0, 1, 0, 10), (10, 1, 1, 1, 10), (10, 18, 1, 2, 9), (10, 19, 1, 2, 9), (10, 20, 1, 2, 8),
  (10, 23, 1, 2, 8), (10, 24, 1, 3, 8), (10, 25, 1, 3, 8), (10, 99, 1, 10, 1),
  (10, 100, 1, 10, 0),
]

/// ``approximationRows`` as test cases.
let approximationCases = approximationRows.map { row in
  ApproximationCase(
    replicas: row.0, weight: row.1, maxSurge: row.2, canary: row.3, stable: row.4)
}

extension RolloutsTests {
  @Suite("Canary replica counts (upstream utils/replicaset/canary_test.go)")
  struct CanaryReplicaCountsTests {
    /// Source: `TestCalculateReplicaCountsForCanary`, argoproj/argo-rollouts
    /// utils/replicaset/canary_test.go; each row checks `CalculateReplicaCountsForBasicCanary`, or
    /// `CalculateReplicaCountsForTrafficRoutedCanary` with no current weights when the row has a
    /// traffic router.
    @Test(
      "each upstream row gives upstream's canary and stable counts",
      arguments: calculateReplicaCountsForCanaryCases)
    func calculateReplicaCountsForCanary(_ row: BasicOrRoutedCanaryCase) {
      let counts = row.counts()
      #expect(
        counts == CanaryReplicaCounts(canary: row.expected.canary, stable: row.expected.stable))
    }

    /// Source: `TestApproximateWeightedNewStableReplicaCounts`, argoproj/argo-rollouts
    /// utils/replicaset/canary_test.go (`approximateWeightedCanaryStableReplicaCounts`).
    @Test(
      "the split closest to the weight wins, surging one pod when allowed and closer",
      arguments: approximationCases)
    func approximateWeightedCanaryStableReplicaCounts(_ row: ApproximationCase) {
      let counts = CanaryReplicaCounts.approximating(
        weight: row.weight, replicas: row.replicas, maxSurge: row.maxSurge)
      #expect(counts == CanaryReplicaCounts(canary: row.canary, stable: row.stable))
    }

    /// Source: the examples in `CalculateReplicaCountsForBasicCanary`'s doc comment
    /// (argoproj/argo-rollouts utils/replicaset/canary.go), all pods available. Its fourth
    /// example (weight 5 of 10 with surge 1 → 1/9) predates the weight approximation, which now
    /// keeps all 10 stable pods beside the surge canary, and is left out.
    @Test("the doc-comment examples of CalculateReplicaCountsForBasicCanary hold")
    func docCommentExamples() {
      func counts(_ replicas: Int, weight: Int, unavailable: Int, surge: Int) -> CanaryReplicaCounts
      {
        CanaryStrategy(
          steps: [.setWeight(weight)], maxSurge: .count(surge), maxUnavailable: .count(unavailable)
        ).basicReplicaCounts(
          replicas: replicas, status: CanaryStatus(),
          canary: ReplicaSetCounts(specReplicas: 0, availableReplicas: 0),
          stable: .separate(ReplicaSetCounts(specReplicas: replicas, availableReplicas: replicas)),
          older: [])
      }
      #expect(counts(10, weight: 10, unavailable: 1, surge: 1) == .init(canary: 1, stable: 9))
      #expect(counts(10, weight: 30, unavailable: 0, surge: 3) == .init(canary: 3, stable: 10))
      #expect(counts(10, weight: 30, unavailable: 5, surge: 0) == .init(canary: 0, stable: 7))
      #expect(counts(1, weight: 5, unavailable: 0, surge: 1) == .init(canary: 1, stable: 1))
      #expect(counts(1, weight: 95, unavailable: 0, surge: 1) == .init(canary: 1, stable: 1))
    }

    /// Source: `TestCalculateReplicaCountsForNewDeployment`, argoproj/argo-rollouts
    /// utils/replicaset/canary_test.go: the "stable" ReplicaSet is the new one, so the steps do
    /// not apply.
    @Test("when the stable ReplicaSet is the canary, the canary goes to all replicas")
    func newDeployment() {
      let strategy = CanaryStrategy(
        steps: [.setWeight(10)], maxSurge: .count(0), maxUnavailable: .count(1))
      let counts = strategy.basicReplicaCounts(
        replicas: 10, status: CanaryStatus(),
        canary: ReplicaSetCounts(specReplicas: 10, availableReplicas: 0), stable: .sameAsCanary,
        older: [])
      #expect(counts == CanaryReplicaCounts(canary: 10, stable: 0))
    }

    /// Source: `TestCalculateReplicaCountsForCanaryStableRSdEdgeCases`, argoproj/argo-rollouts
    /// utils/replicaset/canary_test.go: no stable revision in the status, and either no stable
    /// ReplicaSet or the canary one.
    @Test("without a separate stable revision the canary is brought to 100 %")
    func stableEdgeCases() {
      let strategy = CanaryStrategy(
        steps: [.setWeight(10)], maxSurge: .count(0), maxUnavailable: .count(1))
      let status = CanaryStatus(hasSeparateStable: false)
      let canary = ReplicaSetCounts(specReplicas: 9, availableReplicas: 9)
      for stable in [CanaryStableReplicaSet.absent, .sameAsCanary] {
        let counts = strategy.basicReplicaCounts(
          replicas: 10, status: status, canary: canary, stable: stable, older: [])
        #expect(counts == CanaryReplicaCounts(canary: 10, stable: 0))
      }
    }

    /// Source: `TestCalculateReplicaCountsForCanaryTrafficRouting`, argoproj/argo-rollouts
    /// utils/replicaset/canary_test.go.
    @Test("with a traffic router the stable keeps all replicas and the canary its weight's share")
    func trafficRouting() {
      let strategy = CanaryStrategy(
        steps: [.setWeight(10)], maxSurge: .count(0), maxUnavailable: .count(1),
        usesTrafficRouting: true)
      let counts = strategy.trafficRoutedReplicaCounts(
        replicas: 10, status: CanaryStatus(), actualWeights: nil)
      #expect(counts == CanaryReplicaCounts(canary: 1, stable: 10))
    }

    /// Source: `TestCalculateReplicaCountsForCanaryTrafficRoutingDynamicScale`,
    /// argoproj/argo-rollouts utils/replicaset/canary_test.go, its four blocks.
    @Test("dynamic stable scaling follows the larger of desired and actual traffic weights")
    func trafficRoutingDynamicScale() {
      func counts(weight: Int, aborted: Bool, actual: (canary: Int, stable: Int))
        -> CanaryReplicaCounts
      {
        CanaryStrategy(
          steps: [.setWeight(weight)], maxSurge: .count(0), maxUnavailable: .count(1),
          usesTrafficRouting: true, dynamicStableScale: true
        ).trafficRoutedReplicaCounts(
          replicas: 10, status: CanaryStatus(isAborted: aborted),
          actualWeights: CanaryTrafficWeights(canary: actual.canary, stable: actual.stable))
      }
      // Scale the stable down with its traffic.
      #expect(counts(weight: 10, aborted: false, actual: (10, 90)) == .init(canary: 1, stable: 9))
      // The canary takes the desired 20 % over the actual 10 %; the stable keeps its actual 90 %.
      #expect(counts(weight: 20, aborted: false, actual: (10, 90)) == .init(canary: 2, stable: 9))
      // After an abort the canary stays up while traffic still reaches it...
      #expect(counts(weight: 20, aborted: true, actual: (20, 80)) == .init(canary: 2, stable: 10))
      // ...and shrinks as traffic leaves it.
      #expect(counts(weight: 20, aborted: true, actual: (10, 90)) == .init(canary: 1, stable: 10))
    }

    /// Source: `TestTrafficWeightToReplicas`, argoproj/argo-rollouts
    /// utils/replicaset/canary_test.go.
    @Test("a traffic weight's share of replicas rounds up")
    func trafficWeightToReplicas() {
      let shares = [0, 20, 25, 33, 99, 100].map {
        CanaryReplicaCounts.replicas(forTrafficWeight: $0, of: 10)
      }
      #expect(shares == [0, 2, 3, 4, 10, 10])
    }

    /// Source: `TestAtDesiredReplicaCountsForCanary`, argoproj/argo-rollouts
    /// utils/replicaset/canary_test.go, its five sub-tests (4 replicas, surge 1, unavailable 1,
    /// no traffic router, so the `setCanaryScale` steps there are ignored).
    @Test("a step is reached when the canary is all available and the stable all created")
    func atDesiredReplicaCounts() {
      func atDesired(
        weight: Int, canary: (spec: Int, available: Int, status: Int),
        stable: (spec: Int, available: Int, status: Int)
      ) -> Bool {
        CanaryStrategy(
          steps: [.setWeight(weight), .setCanaryScale(SetCanaryScale(replicas: 2, weight: 2))],
          maxSurge: .count(1), maxUnavailable: .count(1)
        ).isAtDesiredReplicaCounts(
          replicas: 4, status: CanaryStatus(currentStepIndex: 1),
          canary: ReplicaSetCounts(
            specReplicas: canary.spec, availableReplicas: canary.available,
            statusReplicas: canary.status),
          stable: .separate(
            ReplicaSetCounts(
              specReplicas: stable.spec, availableReplicas: stable.available,
              statusReplicas: stable.status)),
          older: [], actualWeights: CanaryTrafficWeights(canary: weight, stable: 100 - weight))
      }
      // We are at desired replica counts and availability.
      #expect(atDesired(weight: 50, canary: (2, 2, 2), stable: (2, 2, 2)))
      // The new ReplicaSet is not at desired counts or availability.
      #expect(!atDesired(weight: 50, canary: (2, 1, 2), stable: (2, 2, 2)))
      // The stable ReplicaSet is not at desired counts.
      #expect(!atDesired(weight: 75, canary: (3, 3, 3), stable: (2, 2, 2)))
      // The stable is at its count though not available: only its count matters.
      #expect(atDesired(weight: 75, canary: (3, 3, 1), stable: (1, 0, 1)))
      // The stable's status lags its spec.
      #expect(!atDesired(weight: 50, canary: (2, 2, 2), stable: (2, 2, 3)))
    }

    /// Without a router, older ReplicaSets with available pods still take traffic, so the step is
    /// not reached (`AtDesiredReplicaCountsForCanary`, argoproj/argo-rollouts
    /// utils/replicaset/canary.go); with a router they may linger.
    @Test("available pods in older ReplicaSets hold a basic canary step but not a routed one")
    func olderReplicaSetsHoldBasicCanary() {
      let older = [ReplicaSetCounts(specReplicas: 0, availableReplicas: 1)]
      let canary = ReplicaSetCounts(specReplicas: 2, availableReplicas: 2)
      let stable = CanaryStableReplicaSet.separate(
        ReplicaSetCounts(specReplicas: 2, availableReplicas: 2))
      let basic = CanaryStrategy(steps: [.setWeight(50)], maxSurge: .count(1))
      #expect(
        !basic.isAtDesiredReplicaCounts(
          replicas: 4, status: CanaryStatus(), canary: canary, stable: stable, older: older,
          actualWeights: nil))
      #expect(
        basic.isAtDesiredReplicaCounts(
          replicas: 4, status: CanaryStatus(), canary: canary, stable: stable, older: [],
          actualWeights: nil))
      var routed = basic
      routed.usesTrafficRouting = true
      let routedStable = CanaryStableReplicaSet.separate(
        ReplicaSetCounts(specReplicas: 4, availableReplicas: 4))
      #expect(
        routed.isAtDesiredReplicaCounts(
          replicas: 4, status: CanaryStatus(), canary: canary, stable: routedStable, older: older,
          actualWeights: nil))
    }
  }
}
