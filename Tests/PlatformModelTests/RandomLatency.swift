#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif
import SimKernel

@testable import PlatformModel

/// Random M/M/c response times and mixtures for the latency tests.
enum RandomLatency {
  /// A random M/M/c response time: any load from idle to saturated (up to 99 % of capacity, or
  /// up to 99.99 % when `saturated`), critical queues (`(c-1)μ = λ`, `a = 0`) and queues near
  /// them on either side (`|a|` from 1e-9·μ to 1e-3·μ), Erlang C from exact to tiny, and
  /// service rates from a millionth per second (whose bulk lies beyond the top edge) to
  /// thousands.
  static func sojourn(_ stream: inout RandomStream, saturated: Bool = true) -> SojournTime {
    let servers = 1 + Int(stream.nextUnitInterval() * 32)
    let serviceRate = pow(10, -6 + 9.5 * stream.nextUnitInterval())
    let capacity = Double(servers) * serviceRate
    let rate: Double
    switch stream.nextUnitInterval() {
    case ..<0.1: return SojournTime(serviceRate: serviceRate)
    case ..<0.2 where servers > 1: rate = Double(servers - 1) * serviceRate
    case ..<0.3 where servers > 1:
      let offset = pow(10, -9 + 6 * stream.nextUnitInterval()) / Double(servers - 1)
      let sign: Double = stream.nextUnitInterval() < 0.5 ? -1 : 1
      rate = min(0.99 * capacity, Double(servers - 1) * serviceRate * (1 + sign * offset))
    case ..<0.4: rate = capacity * 0.05 * stream.nextUnitInterval()
    case ..<0.5 where saturated: rate = capacity * (1 - pow(10, -4 + 2 * stream.nextUnitInterval()))
    default: rate = capacity * 0.99 * stream.nextUnitInterval()
    }
    var waiting =
      rate > 0
      ? MMcQueue(arrivalRate: rate, serviceRate: serviceRate, servers: servers).probabilityOfWaiting
      : 0
    if stream.nextUnitInterval() < 0.2 {
      waiting = [0, 1e-30, 1e-17, 2e-16, 1e-15, 0.5, 1][Int(stream.nextUnitInterval() * 7)]
    }
    return SojournTime(
      arrivalRate: rate, serviceRate: serviceRate, servers: servers, waitingProbability: waiting)
  }

  /// A mixture of one to four random components with weights over six orders of magnitude.
  static func mixture(_ stream: inout RandomStream, saturated: Bool = true) -> LatencyMixture {
    var mixture = LatencyMixture()
    for _ in 0...Int(stream.nextUnitInterval() * 4) {
      mixture.add(
        sojourn(&stream, saturated: saturated),
        weight: pow(10, -3 + 6 * stream.nextUnitInterval()))
    }
    return mixture
  }

  /// The mixture's tail at `t` from each component's ``SojournTail/terms(at:)`` there: `exp`
  /// at every time, no doubling.
  static func directTail(_ mixture: LatencyMixture, _ t: Double) -> Double {
    var total = 0.0
    var weighted = 0.0
    for component in mixture.components {
      let tail = SojournTail(component.time)
      let (service, wait) = tail.terms(at: t)
      total += component.weight
      weighted += component.weight * (service + tail.waitFactor * wait)
    }
    return total > 0 ? min(1, max(0, weighted / total)) : 0
  }
}
