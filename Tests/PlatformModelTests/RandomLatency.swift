import SimKernel

@testable import PlatformModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Random response times and mixtures for the latency tests.
enum RandomLatency {
  /// A random response time: with or without a shift (up to seconds), nobody to everybody
  /// waiting, a wait that decays (at rates near the phases' or far), is flat or grows (overload,
  /// with a limit), limited or not, one or two phases, rates from a hundredth to a hundred
  /// thousand per second; and, when `mmc`, M/M/c sojourns as today's flow had them.
  static func response(_ stream: inout RandomStream, saturated: Bool = true) -> ResponseTime {
    if stream.nextUnitInterval() < 0.25 { return mmc(&stream, saturated: saturated) }
    let rate = { (stream: inout RandomStream) in pow(10, -2 + 7 * stream.nextUnitInterval()) }
    let first = rate(&stream)
    let second = stream.nextUnitInterval() < 0.3 ? first : rate(&stream)
    let weight = second == first ? 1 : stream.nextUnitInterval()
    let shift = stream.nextUnitInterval() < 0.3 ? 0 : pow(10, -5 + 5 * stream.nextUnitInterval())
    var probability = [0, 1e-17, 1e-6, 0.3, 0.9, 1][Int(stream.nextUnitInterval() * 6)]
    var limit =
      stream.nextUnitInterval() < 0.3
      ? Double.infinity : pow(10, -3 + 4 * stream.nextUnitInterval())
    var waitRate: Double
    switch stream.nextUnitInterval() {
    case ..<0.2: waitRate = first * (1 + (stream.nextUnitInterval() - 0.5) * 1e-6)  // near μ1
    case ..<0.3: waitRate = first
    case ..<0.4: waitRate = 0
    case ..<0.6: waitRate = -rate(&stream) / 100  // overload
    default: waitRate = rate(&stream)
    }
    if waitRate <= 0 && !limit.isFinite { limit = 10 * stream.nextUnitInterval() + 0.01 }
    // Keep the growing wait's exponent modest, as a flow step's would be within τ.
    if waitRate < 0 { limit = min(limit, 600 / -waitRate) }
    if probability > 0 && waitRate == 0 && !limit.isFinite { probability = 0 }
    return ResponseTime(
      shift: shift, waitProbability: probability, waitRate: waitRate, waitLimit: limit,
      phaseWeight: weight, firstPhaseRate: first, secondPhaseRate: second)
  }

  /// A random M/M/c sojourn: any load from idle to saturated (up to 99 % of capacity, or up to
  /// 99.99 % when `saturated`), critical queues (`(c-1)μ = λ`) and queues near them.
  static func mmc(_ stream: inout RandomStream, saturated: Bool = true) -> ResponseTime {
    let servers = 1 + Int(stream.nextUnitInterval() * 32)
    let serviceRate = pow(10, -2 + 6 * stream.nextUnitInterval())
    let capacity = Double(servers) * serviceRate
    let rate: Double
    switch stream.nextUnitInterval() {
    case ..<0.1: return ResponseTime(exponentialRate: serviceRate)
    case ..<0.2 where servers > 1: rate = Double(servers - 1) * serviceRate
    case ..<0.3 where servers > 1:
      let offset = pow(10, -9 + 6 * stream.nextUnitInterval()) / Double(servers - 1)
      let sign: Double = stream.nextUnitInterval() < 0.5 ? -1 : 1
      rate = min(0.99 * capacity, Double(servers - 1) * serviceRate * (1 + sign * offset))
    case ..<0.4: rate = capacity * 0.05 * stream.nextUnitInterval() + 1e-9
    case ..<0.5 where saturated: rate = capacity * (1 - pow(10, -4 + 2 * stream.nextUnitInterval()))
    default: rate = capacity * 0.99 * stream.nextUnitInterval() + 1e-9
    }
    return ResponseTime(
      mmc: MMcQueue(arrivalRate: rate, serviceRate: serviceRate, servers: servers))
  }

  /// A mixture of one to four random components with weights over six orders of magnitude.
  static func mixture(_ stream: inout RandomStream, saturated: Bool = true) -> LatencyMixture {
    var mixture = LatencyMixture()
    for _ in 0...Int(stream.nextUnitInterval() * 4) {
      mixture.add(
        response(&stream, saturated: saturated),
        weight: pow(10, -3 + 6 * stream.nextUnitInterval()))
    }
    return mixture
  }

  /// The mixture's tail at `t` from each component's prepared closed form there: `exp` at
  /// every time, no doubling.
  static func directTail(_ mixture: LatencyMixture, _ t: Double) -> Double {
    var total = 0.0
    var weighted = 0.0
    for component in mixture.components {
      total += component.weight
      weighted += component.weight * ResponseTail(component.time)(t)
    }
    return total > 0 ? min(1, max(0, weighted / total)) : 0
  }
}
