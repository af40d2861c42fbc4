import SimKernel
import Testing

@testable import PlatformModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The pod's flow-equivalent server against the normalising constants summed out in extended
/// precision, and against the oracle's figures.
@Suite struct FlowEquivalentServerTests {
  /// `X(m) = G(m-1)/G(m)`, `G(m) = Σ_k W^(m-k)/(m-k)!·Π_{j≤k} S/min(j, L)`, in logs.
  static func direct(_ m: Int, wait: Double, cpu: Double, cores: Double) -> Double {
    func logG(_ m: Int) -> Float80 {
      var terms: [Float80] = []
      var logProduct: Float80 = 0
      for k in 0...m {
        if k > 0 { logProduct += log(Float80(cpu) / Float80(min(Double(k), cores))) }
        let rest = Float80(m - k)
        let delay: Float80 =
          m == k ? 0 : rest * log(Float80(wait)) - Float80(lgamma(Double(rest + 1)))
        terms.append(delay + logProduct)
      }
      let top = terms.max()!
      return top + log(terms.reduce(0) { $0 + exp($1 - top) })
    }
    return Double(exp(logG(m - 1) - logG(m)))
  }

  static func throughputs(_ c: Int, wait: Double, cpu: Double, cores: Double) -> [Double] {
    withUnsafeTemporaryAllocation(
      of: Double.self, capacity: FlowEquivalentServer.storageCount(requests: c)
    ) { storage in
      var server = FlowEquivalentServer(
        nonCPUSeconds: wait, cpuSeconds: cpu, cores: cores, requests: c, storage: storage)
      return (1...c).map { _ in server.next() }
    }
  }

  @Test("X(m) is the ratio of normalising constants", arguments: 0..<10)
  func normalisingConstants(seed: UInt64) {
    var stream = RandomStream(seed: seed)
    for _ in 0..<20 {
      let c = 1 + Int(stream.nextUnitInterval() * 40)
      let cores = pow(10, -1 + 2 * stream.nextUnitInterval())
      let cpu = pow(10, -4 + 3 * stream.nextUnitInterval())
      let wait = cpu * pow(10, -2 + 4 * stream.nextUnitInterval())
      let xs = Self.throughputs(c, wait: wait, cpu: cpu, cores: cores)
      for m in 1...c {
        let expected = Self.direct(m, wait: wait, cpu: cpu, cores: cores)
        #expect(
          abs(xs[m - 1] / expected - 1) < 1e-10,
          "c \(c), L \(cores), S \(cpu), W \(wait): X(\(m)) \(xs[m - 1]) instead of \(expected)")
      }
    }
  }

  @Test("without waiting or without CPU the throughput is a closed form")
  func specialCases() {
    #expect(Self.throughputs(5, wait: 0, cpu: 0.01, cores: 2) == [100, 200, 200, 200, 200])
    #expect(Self.throughputs(3, wait: 0.5, cpu: 0, cores: 1) == [2, 4, 6])
    // With enough cores, c requests cycle freely: m/(W + S).
    let free = Self.throughputs(4, wait: 0.3, cpu: 0.1, cores: 8)
    for m in 1...4 { #expect(abs(free[m - 1] - Double(m) / 0.4) < 1e-12) }
  }

  @Test("the oracle's capacities: X(4) with 2 cores and W = 2S, X(8) on half a core")
  func oracleCapacities() {
    // closed_form.fes_throughputs: 1.2643678160919543 (D-c4-L2-W2), 0.4999954379978286
    // (C-c8-L0.5-W2), so that ρ = λ/X(c) in the grid.
    #expect(abs(Self.throughputs(4, wait: 2, cpu: 1, cores: 2)[3] - 1.2643678160919543) < 1e-12)
    #expect(abs(Self.throughputs(8, wait: 2, cpu: 1, cores: 0.5)[7] - 0.4999954379978286) < 1e-12)
  }

  @Test("ten thousand workers on half a core saturate early and stay at L/S")
  func manyWorkers() {
    let xs = Self.throughputs(10_000, wait: 1, cpu: 0.001, cores: 0.5)
    #expect(xs.allSatisfy { $0 <= 500 })
    #expect(abs(xs[9_999] - 500) < 1e-9)
    for m in 1..<xs.count { #expect(xs[m] >= xs[m - 1] * (1 - 1e-12)) }
  }
}
