import PlatformModel
import Scenarios
import SimKernel

/// The figures summary.json reports, derived from one run's result.
package struct RunSummary: Sendable {
  let result: PlatformRunResult

  /// The run judged against its objectives.
  let outcome: RunAssessment

  /// Summarises `result`.
  package init(_ result: PlatformRunResult) {
    self.result = result
    self.outcome = RunAssessment(result)
  }

  /// Successful over offered requests.
  package var availability: Double { outcome.availability }

  /// Share of the SLO window's error budget the run's failures spent.
  package var errorBudgetSpent: Double { outcome.errorBudgetSpent }

  /// Whether each objective was met: availability, p95 latency, error budget.
  package var verdicts: [(name: String, met: Bool, detail: String)] {
    let objectives = result.scenario.objectives
    let p95 = outcome.latencyP95Seconds ?? 0
    return [
      ("availability", outcome.availabilityMet,
       "\(availability) against \(objectives.availability)"),
      ("latencyP95", outcome.latencyP95Met,
       "\(p95) s against \(objectives.latencyP95.inSeconds) s"),
      ("errorBudget", outcome.errorBudgetMet, "\(errorBudgetSpent) of the budget spent"),
    ]
  }

  /// Per autoscaled service: how often and how long it ran short of capacity after a load
  /// step (utilisation above the HPA's CPU target beyond its tolerance until enough pods were
  /// ready).
  func capacitySection() -> JSONValue {
    let services = result.scenario.platform.services
    return .object(services.indices.filter(result.capacity.isTracked).map { s in
      let episodes = result.capacity.episodes[s]
      let total = episodes.reduce(0, +)
      return (services[s].name, .object([
        ("episodes", .integer(episodes.count)),
        ("meanTimeToCapacitySeconds", episodes.isEmpty ? .null : .double(total / Double(episodes.count))),
        ("maxTimeToCapacitySeconds", episodes.max().map(JSONValue.double) ?? .null),
        ("timeShortSeconds", .double(total)),
      ]))
    })
  }

  /// Per node group (the Karpenter pool last): nodes over the run's reporting intervals.
  func nodesSection() -> JSONValue {
    .object(zip(result.nodeGroupNames, result.nodesPerGroup).map { name, counts in
      (name, .object([
        ("mean", .double(counts.mean)), ("min", .integer(counts.minimum ?? 0)),
        ("max", .integer(counts.maximum ?? 0)),
      ]))
    })
  }

  /// The summary as JSON.
  func json(scenarioHash: String, toolVersion: String) -> JSONValue {
    let r = result
    let t = r.totals
    let scenario = r.scenario
    func ratio(_ a: Double, _ b: Double) -> JSONValue { .double(b > 0 ? a / b : 0) }
    func seconds(_ d: SimDuration?) -> JSONValue { d.map { .double($0.inSeconds) } ?? .null }
    let detected = r.incidents.compactMap(\.timeToDetect)
    let restored = r.incidents.map(\.timeToRestore)
    func mean(_ ds: [SimDuration]) -> JSONValue {
      ds.isEmpty ? .null : .double(ds.reduce(0) { $0 + $1.inSeconds } / Double(ds.count))
    }
    let incidents: [JSONValue] = r.incidents.map { i in
      .object([
        ("id", .integer(i.id)), ("cause", .string(i.cause)),
        ("startSeconds", .double(i.start.secondsSinceStart)),
        ("detectedSeconds", i.detected.map { .double($0.secondsSinceStart) } ?? .null),
        ("detectedBy", i.detectedBy.map(JSONValue.string) ?? .null),
        ("severity", i.severity.map(JSONValue.integer) ?? .null),
        ("mitigatedSeconds", .double(i.mitigated.secondsSinceStart)),
        ("recoveredSeconds", i.recovered.map { .double($0.secondsSinceStart) } ?? .null),
        ("timeToDetectSeconds", seconds(i.timeToDetect)),
        ("timeToRestoreSeconds", seconds(i.timeToRestore)),
        ("failedRequests", .double(i.failedRequests)),
        ("errorBudgetSpent", .double(i.errorBudgetSpent)),
      ])
    }
    let cost = r.cost
    let lineItems: [JSONValue] = cost.lineItems.map { item in
      .object([
        ("name", .string(item.name)), ("quantity", .double(item.quantity)),
        ("unit", .string(item.unit)), ("unitPriceUSD", .double(item.unitPrice)),
        ("dollars", .double(item.dollars)),
      ])
    }
    let causes: [(key: String, value: JSONValue)] = FailureCause.allCases.map {
      ($0.name, .double(t.failedByCause[$0.rawValue]))
    }
    return .object([
      ("schemaVersion", .integer(RunReport.schemaVersion)),
      ("tool", .object([("name", .string("platform-sim")), ("version", .string(toolVersion))])),
      ("scenario", .object([
        ("name", .string(scenario.name)), ("hash", .string(scenarioHash)),
        ("seed", .number(JSONNumber(scenario.seed))), ("replication", .number(JSONNumber(r.replication))),
        ("horizon", .string(scenario.horizon.description)),
        ("horizonSeconds", .double(scenario.horizon.inSeconds)),
        ("fidelity", .string("flow")),
      ])),
      ("requests", .object([
        ("total", .double(t.requests)), ("failed", .double(t.failed)),
        ("unserved", .double(t.unserved)),
        ("failedByCause", .object(causes)),
      ])),
      ("availability", .object([
        ("requests", .double(availability)),
        ("goodIntervals", ratio(Double(t.goodIntervals), Double(t.intervals))),
        ("objective", .double(scenario.objectives.availability)),
        ("errorBudgetSpent", .double(errorBudgetSpent)),
      ])),
      ("latencySeconds", .object([
        ("p50", result.latency.quantile(0.5).map(JSONValue.double) ?? .null),
        ("p95", result.latency.quantile(0.95).map(JSONValue.double) ?? .null),
        ("p99", result.latency.quantile(0.99).map(JSONValue.double) ?? .null),
        ("objectiveP95", .double(scenario.objectives.latencyP95.inSeconds)),
      ])),
      ("incidents", .object([
        ("count", .integer(r.incidents.count)),
        ("meanTimeToDetectSeconds", mean(detected)),
        ("meanTimeToRestoreSeconds", mean(restored)),
        ("list", .array(incidents)),
      ])),
      ("utilisation", .object([
        ("cpuOfRequests", ratio(t.cpuUsedCoreSeconds, t.cpuRequestedCoreSeconds)),
        ("cpuOfCapacity", ratio(t.cpuUsedCoreSeconds, t.cpuCapacityCoreSeconds)),
        ("memoryOfRequests", ratio(t.memoryUsedMiBSeconds, t.memoryRequestedMiBSeconds)),
        ("memoryOfCapacity", ratio(t.memoryUsedMiBSeconds, t.memoryCapacityMiBSeconds)),
      ])),
      ("capacity", capacitySection()),
      ("releases", ReleaseSummary(result: result).json),
      ("nodes", nodesSection()),
      ("costUSD", .object([
        ("total", .double(cost.total)), ("perHour", .double(cost.perHour)),
        ("per30DayMonth", .double(cost.perMonth)), ("lineItems", .array(lineItems)),
        ("priceTable", .object([
          ("date", .string(scenario.prices.date)), ("source", .string(scenario.prices.source)),
          ("regionMultiplier", .double(scenario.prices.regionMultiplier)),
        ])),
      ])),
      ("verdicts", .object(verdicts.map { ($0.name, .object([("met", .bool($0.met)), ("detail", .string($0.detail))])) })),
      ("kernel", .object([("eventsFired", .number(JSONNumber(r.eventsFired)))])),
    ])
  }
}
