/// A window's load on the application load balancer in the four dimensions AWS meters, and the
/// load balancer capacity units (LCUs) it consumes.
///
/// AWS bills an ALB per LCU-hour on the one dimension with the highest usage. One LCU is
/// (AWS Elastic Load Balancing pricing page; see docs/cost-model.md):
/// - 25 new connections per second,
/// - 3,000 active connections (sampled per minute),
/// - 1 GB per hour processed, for EC2, container and IP targets (0.4 GB for Lambda targets,
///   which the platform does not use),
/// - 1,000 rule evaluations per second.
package struct LoadBalancerUsage: Sendable, Equatable {
  /// New connections opened per second, on average over the window.
  package var newConnectionsPerSecond: Double
  /// Connections open at once, on average over the window.
  package var activeConnections: Double
  /// Request and response bytes processed, in GB per hour.
  package var processedGBPerHour: Double
  /// Listener rule evaluations per second beyond the 10 free rules per request (see
  /// ``ruleEvaluationsPerSecond(requestsPerSecond:rulesProcessed:)``).
  package var ruleEvaluationsPerSecond: Double

  /// Creates a window's usage; dimensions left out are zero.
  ///
  /// - Precondition: every figure is finite and not negative.
  package init(
    newConnectionsPerSecond: Double = 0, activeConnections: Double = 0,
    processedGBPerHour: Double = 0, ruleEvaluationsPerSecond: Double = 0
  ) {
    for value in [
      newConnectionsPerSecond, activeConnections, processedGBPerHour, ruleEvaluationsPerSecond,
    ] {
      precondition(
        value.isFinite && value >= 0,
        "LoadBalancerUsage: figures must be finite and >= 0 (got \(value))")
    }
    self.newConnectionsPerSecond = newConnectionsPerSecond
    self.activeConnections = activeConnections
    self.processedGBPerHour = processedGBPerHour
    self.ruleEvaluationsPerSecond = ruleEvaluationsPerSecond
  }

  /// What one LCU covers in each dimension: 25 new connections/s, 3,000 active connections,
  /// 1 GB/hour processed (EC2 targets), 1,000 rule evaluations/s.
  package static let perCapacityUnit = LoadBalancerUsage(
    newConnectionsPerSecond: 25, activeConnections: 3_000, processedGBPerHour: 1,
    ruleEvaluationsPerSecond: 1_000)

  /// Rule evaluations per request that AWS does not charge for.
  package static let freeRulesPerRequest = 10

  /// The LCUs this usage consumes: the largest of the four dimensions, each divided by what one
  /// LCU covers.
  package var capacityUnits: Double {
    let unit = Self.perCapacityUnit
    return max(
      newConnectionsPerSecond / unit.newConnectionsPerSecond,
      activeConnections / unit.activeConnections,
      processedGBPerHour / unit.processedGBPerHour,
      ruleEvaluationsPerSecond / unit.ruleEvaluationsPerSecond)
  }

  /// Chargeable rule evaluations per second: the request rate times the rules processed per
  /// request beyond the first 10, which are free.
  ///
  /// - Parameters:
  ///   - requestsPerSecond: Requests reaching the listener per second.
  ///   - rulesProcessed: Listener rules evaluated per request.
  /// - Returns: `requestsPerSecond * max(0, rulesProcessed - 10)`.
  /// - Precondition: `requestsPerSecond` is finite and not negative, `rulesProcessed >= 0`.
  package static func ruleEvaluationsPerSecond(requestsPerSecond: Double, rulesProcessed: Int)
    -> Double
  {
    precondition(requestsPerSecond.isFinite && requestsPerSecond >= 0 && rulesProcessed >= 0)
    return requestsPerSecond * Double(max(0, rulesProcessed - freeRulesPerRequest))
  }
}
