import Testing

@testable import SimKernel

@Suite struct MMcQueueTests {
  /// The textbook sum, fine for small c, as an independent check of the recursion.
  private func textbookErlangC(a: Double, c: Int) -> Double {
    var term = 1.0
    var sum = 0.0
    for k in 0..<c {
      if k > 0 { term *= a / Double(k) }
      sum += term
    }
    let top = term * a / Double(c) / (1 - a / Double(c))
    return top / (sum + top)
  }

  @Test("Erlang C agrees with the textbook sum", arguments: [(1, 0.5), (4, 0.8), (10, 0.95), (32, 0.7)])
  func erlangCMatchesTextbook(servers: Int, rho: Double) {
    let queue = MMcQueue(arrivalRate: rho * Double(servers), serviceRate: 1, servers: servers)
    let expected = textbookErlangC(a: queue.offeredLoad, c: servers)
    #expect(abs(queue.probabilityOfWaiting - expected) < 1e-12 * max(1, expected))
  }

  /// Fuzz hang: a database concurrency of 2^31 ran Erlang's B recursion 2^31 times per flow step.
  @Test("Erlang B stops once the recursion underflows, with the same result")
  func erlangBStopsAtUnderflow() {
    let small = MMcQueue(arrivalRate: 2, serviceRate: 1, servers: 2_000)
    #expect(small.erlangB == 0)
    let huge = MMcQueue(arrivalRate: 2, serviceRate: 1, servers: 1 << 40)
    #expect(huge.erlangB == 0)  // returns at once instead of looping 2^40 times
    #expect(huge.probabilityOfWaiting == 0)
    let busy = MMcQueue(arrivalRate: 90, serviceRate: 1, servers: 100)
    #expect(busy.erlangB > 0 && busy.erlangB < 1)
  }

  @Test("M/M/1 reduces to its closed forms")
  func mm1ClosedForms() {
    let queue = MMcQueue(arrivalRate: 0.8, serviceRate: 1, servers: 1)
    #expect(abs(queue.probabilityOfWaiting - 0.8) < 1e-12)
    #expect(abs(queue.meanWait - 4.0) < 1e-12)  // rho / (mu - lambda)
    #expect(abs(queue.meanResponseTime - 5.0) < 1e-12)
  }

  @Test("the reference benchmark case: 4 servers at 80 % wait 0.7455 on average")
  func referenceBenchmarkCase() {
    let queue = MMcQueue(arrivalRate: 3.2, serviceRate: 1, servers: 4)
    #expect(abs(queue.probabilityOfWaiting - 0.596_432_471_787_404_6) < 1e-12)
    #expect(abs(queue.meanWait - 0.745_540_589_734_255_9) < 1e-12)
  }

  @Test("wait quantiles invert the wait tail")
  func waitQuantileInvertsTail() {
    let queue = MMcQueue(arrivalRate: 3.2, serviceRate: 1, servers: 4)
    for p in [0.5, 0.9, 0.95, 0.99] {
      let t = queue.waitQuantile(p)
      #expect(abs(queue.probabilityWaitExceeds(t) - (1 - p)) < 1e-12)
    }
    #expect(queue.waitQuantile(0.3) == 0)
  }

  @Test("an overloaded queue has no steady state")
  func unstable() {
    let queue = MMcQueue(arrivalRate: 5, serviceRate: 1, servers: 4)
    #expect(!queue.isStable)
    #expect(queue.meanWait == .infinity)
  }

  @Test("very many servers do not overflow")
  func manyServers() {
    let queue = MMcQueue(arrivalRate: 900, serviceRate: 1, servers: 1_000)
    #expect(queue.probabilityOfWaiting.isFinite)
    #expect(queue.probabilityOfWaiting > 0 && queue.probabilityOfWaiting < 1)
  }
}
