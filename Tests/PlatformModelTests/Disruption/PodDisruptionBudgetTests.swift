import Testing

@testable import PlatformModel

/// Cases from kubernetes/kubernetes pkg/controller/disruption/disruption_test.go; the expected
/// tuples are that file's `VerifyPdbStatus(disruptionsAllowed, currentHealthy, desiredHealthy,
/// expectedPods)`.
@Suite struct PodDisruptionBudgetTests {
  private func pdb(_ rule: PodDisruptionBudget.Rule) -> PodDisruptionBudget {
    PodDisruptionBudget(id: 1, rule: rule)
  }

  private func tuple(_ s: PodDisruptionBudget.Status) -> [Int] {
    [s.disruptionsAllowed, s.currentHealthy, s.desiredHealthy, s.expectedPods]
  }

  @Test("percentages round up: 34% of 3 is 2, 30% of 7 is 3, 1% of 1 is 1, 25% of 2 is 1")
  func percentRounding() {
    #expect(IntOrPercent.percent(34).scaled(against: 3, roundingUp: true) == 2)
    #expect(IntOrPercent.percent(30).scaled(against: 7, roundingUp: true) == 3)
    #expect(IntOrPercent.percent(1).scaled(against: 1, roundingUp: true) == 1)
    #expect(IntOrPercent.percent(25).scaled(against: 2, roundingUp: true) == 1)
    #expect(IntOrPercent.percent(25).scaled(against: 2, roundingUp: false) == 0)
    #expect(IntOrPercent.percent(100).scaled(against: 5, roundingUp: true) == 5)
    #expect(IntOrPercent.count(3).scaled(against: 100, roundingUp: true) == 3)
  }

  @Test("TestUnavailable: minAvailable 3 allows one eviction only at four healthy pods")
  func unavailable() {
    let budget = pdb(.minAvailable(.count(3)))
    for pods in 0...3 {
      let status = budget.status(healthyPods: pods, matchingPods: pods, desiredReplicas: 99)
      #expect(tuple(status) == [0, pods, 3, pods])
    }
    #expect(
      tuple(budget.status(healthyPods: 4, matchingPods: 4, desiredReplicas: 99)) == [1, 4, 3, 4])
    // One pod turns unready.
    #expect(
      tuple(budget.status(healthyPods: 3, matchingPods: 4, desiredReplicas: 99)) == [0, 3, 3, 4])
  }

  @Test(
    "TestIntegerMaxUnavailableWithScaling: maxUnavailable 2 of 7 replicas wants 5, of 5 wants 3")
  func integerMaxUnavailableWithScaling() {
    let budget = pdb(.maxUnavailable(.count(2)))
    #expect(
      tuple(budget.status(healthyPods: 1, matchingPods: 1, desiredReplicas: 7)) == [0, 1, 5, 7])
    #expect(
      tuple(budget.status(healthyPods: 1, matchingPods: 1, desiredReplicas: 5)) == [0, 1, 3, 5])
  }

  @Test("TestPercentageMaxUnavailableWithScaling: 30% of 7 replicas wants 4, of 3 wants 2")
  func percentageMaxUnavailableWithScaling() {
    let budget = pdb(.maxUnavailable(.percent(30)))
    #expect(
      tuple(budget.status(healthyPods: 1, matchingPods: 1, desiredReplicas: 7)) == [0, 1, 4, 7])
    #expect(
      tuple(budget.status(healthyPods: 1, matchingPods: 1, desiredReplicas: 3)) == [0, 1, 2, 3])
  }

  @Test("TestReplicaSet: minAvailable 20% of 10 replicas wants 2")
  func replicaSet() {
    let budget = pdb(.minAvailable(.percent(20)))
    #expect(
      tuple(budget.status(healthyPods: 1, matchingPods: 1, desiredReplicas: 10)) == [0, 1, 2, 10])
  }

  @Test("TestReplicationController: minAvailable 34% of 3 wants 2, so 3 healthy allow 1")
  func replicationController() {
    let budget = pdb(.minAvailable(.percent(34)))
    #expect(
      tuple(budget.status(healthyPods: 1, matchingPods: 1, desiredReplicas: 3)) == [0, 1, 2, 3])
    #expect(
      tuple(budget.status(healthyPods: 2, matchingPods: 2, desiredReplicas: 3)) == [0, 2, 2, 3])
    #expect(
      tuple(budget.status(healthyPods: 3, matchingPods: 3, desiredReplicas: 3)) == [1, 3, 2, 3])
  }

  @Test("TestScaleResource: maxUnavailable 5 of 10 replicas with 4 pods allows none")
  func scaleResource() {
    let budget = pdb(.maxUnavailable(.count(5)))
    #expect(
      tuple(budget.status(healthyPods: 4, matchingPods: 4, desiredReplicas: 10)) == [0, 4, 5, 10])
  }

  @Test("TestMultipleControllers: 1% of one replica with two healthy pods allows 1")
  func onePercent() {
    let budget = pdb(.minAvailable(.percent(1)))
    #expect(
      budget.status(healthyPods: 2, matchingPods: 2, desiredReplicas: 1).disruptionsAllowed == 1)
  }

  @Test("no expected pods allow no disruption (TestNoSelector, TestIntegerMaxUnavailable)")
  func nothingExpected() {
    #expect(
      tuple(
        pdb(.minAvailable(.count(3))).status(healthyPods: 0, matchingPods: 0, desiredReplicas: 0))
        == [0, 0, 3, 0])
    #expect(
      pdb(.maxUnavailable(.count(1))).allowedDisruptions(healthyPods: 0, expectedPods: 0) == 0)
    // A pod with no controller: maxUnavailable counts replicas, of which there are none.
    #expect(
      pdb(.maxUnavailable(.count(1))).status(healthyPods: 1, matchingPods: 1, desiredReplicas: 0)
        .disruptionsAllowed == 0)
  }

  @Test("TByte: minAvailable 1 lets 4 of 5 frontend pods and 1 of 2 backend pods go")
  func tbyte() {
    let budget = pdb(.minAvailable(.count(1)))
    #expect(budget.allowedDisruptions(healthyPods: 5, expectedPods: 5) == 4)
    #expect(budget.allowedDisruptions(healthyPods: 2, expectedPods: 2) == 1)
    #expect(budget.allowedDisruptions(healthyPods: 1, expectedPods: 2) == 0)
  }

  @Test("a ready pod needs an allowed disruption; evicting spends it")
  func evictReady() {
    let budget = pdb(.minAvailable(.count(1)))
    var status = budget.status(healthyPods: 2, expectedPods: 2)
    #expect(budget.canEvict(podIsReady: true, status: status))
    let first = budget.evict(podIsReady: true, status: &status)
    #expect(first)
    #expect(status.disruptionsAllowed == 0 && status.currentHealthy == 1)
    #expect(!budget.canEvict(podIsReady: true, status: status))
    let second = budget.evict(podIsReady: true, status: &status)
    #expect(!second)
  }

  @Test("an unready pod goes free while the budget is healthy, or always under AlwaysAllow")
  func evictUnready() {
    let budget = pdb(.minAvailable(.count(3)))
    let healthy = budget.status(healthyPods: 3, expectedPods: 4)  // 0 allowed, 3 >= 3
    #expect(healthy.disruptionsAllowed == 0)
    #expect(budget.canEvict(podIsReady: false, status: healthy))
    #expect(!budget.canEvict(podIsReady: true, status: healthy))
    let short = budget.status(healthyPods: 2, expectedPods: 4)
    #expect(!budget.canEvict(podIsReady: false, status: short))
    let lenient = PodDisruptionBudget(
      id: 2, rule: .minAvailable(.count(3)), unhealthyPodEvictionPolicy: .alwaysAllow)
    #expect(lenient.canEvict(podIsReady: false, status: short))
    // Pending pods ignore budgets.
    #expect(budget.canEvict(podIsReady: false, podIsRunning: false, status: short))
  }
}

@Suite struct DisruptionEvictionBudgetTests {
  @Test("pods of one budget may go together only while it allows them all")
  func ledger() {
    var ledger = EvictionBudget(disruptionsAllowed: [1: 1, 2: 3])
    #expect(ledger.allows(budgetIDs: [1, 2, 2, nil]))
    #expect(!ledger.allows(budgetIDs: [1, 1]))
    #expect(!ledger.allows(budgetIDs: [9]))  // an unknown budget allows nothing
    #expect(ledger.allows(budgetIDs: [nil, nil]))
    let both = ledger.spend(budgetIDs: [1, 1])
    #expect(!both)
    #expect(ledger.remaining == [1: 1, 2: 3])
    let pair = ledger.spend(budgetIDs: [1, 2])
    #expect(pair)
    #expect(ledger.remaining == [1: 0, 2: 2])
    let another = ledger.spend(budgetID: 1)
    #expect(!another)
    let unbudgeted = ledger.spend(budgetID: nil)
    #expect(unbudgeted)
  }
}
