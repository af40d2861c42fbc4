import SimKernel

/// What the platform is judged against.
package struct ServiceLevelObjectives: Sendable, Equatable {
  /// Share of requests that must succeed (0.999 is "three nines").
  package var availability: Double = 0.999
  /// The 95th percentile latency must stay below this.
  package var latencyP95: SimDuration = .milliseconds(500)
  /// The SLO's compliance window; the error budget is `(1 - availability)` of it.
  package var window: SimDuration = .reportingMonth

  /// The reference platform's objectives.
  package init() {}
}

/// How incidents are detected and answered.
package struct AlertingConfiguration: Sendable, Equatable {
  /// How often alert rules are evaluated.
  package var evaluationInterval: SimDuration = .minutes(1)
  /// The rules.
  package var rules: [AlertRule] = AlertRule.reference
  /// How long an operator takes to start working on an incident, by severity (SEV1 first).
  package var responseTimes: [SimDuration] = [.minutes(5), .minutes(15), .hours(1), .hours(4)]
  /// How long an operator's mitigation takes once they respond (restart, failover, rollback).
  package var mitigationTime: SimDuration = .minutes(5)

  /// The reference platform's alerting.
  package init() {}
}

/// One alerting rule.
package struct AlertRule: Sendable, Equatable {
  /// The rule's name, shown on incidents.
  package var name: String
  /// 1 (most severe) to 4.
  package var severity: Int
  /// When it fires.
  package var condition: AlertCondition

  /// Creates a rule.
  package init(name: String, severity: Int, condition: AlertCondition) {
    self.name = name
    self.severity = severity
    self.condition = condition
  }

  /// TByte's alerts plus the SRE workbook's multi-window burn-rate pages and tickets.
  package static let reference: [AlertRule] = [
    AlertRule(name: "no-ready-pods", severity: 1, condition: .noReadyPods(for: .minutes(2))),
    AlertRule(
      name: "error-rate-5pct", severity: 2,
      condition: .errorRateAbove(0.05, for: .minutes(5))),
    AlertRule(
      name: "latency-p95", severity: 3, condition: .latencyP95Above(.milliseconds(500), for: .minutes(2))),
    AlertRule(
      name: "burn-rate-page-fast", severity: 2,
      condition: .burnRate(factor: 14.4, longWindow: .hours(1), shortWindow: .minutes(5))),
    AlertRule(
      name: "burn-rate-page-slow", severity: 2,
      condition: .burnRate(factor: 6, longWindow: .hours(6), shortWindow: .minutes(30))),
    AlertRule(
      name: "burn-rate-ticket", severity: 4,
      condition: .burnRate(factor: 3, longWindow: .days(1), shortWindow: .hours(2))),
  ]
}

/// What makes an alert fire.
package enum AlertCondition: Sendable, Equatable {
  /// The failed share of requests stays above the threshold for the whole duration.
  case errorRateAbove(Double, for: SimDuration)
  /// Both windows burn the error budget faster than `factor` times the sustainable rate.
  case burnRate(factor: Double, longWindow: SimDuration, shortWindow: SimDuration)
  /// The 95th percentile latency stays above the threshold for the whole duration.
  case latencyP95Above(SimDuration, for: SimDuration)
  /// Some service has no ready pod for the whole duration.
  case noReadyPods(for: SimDuration)
}
