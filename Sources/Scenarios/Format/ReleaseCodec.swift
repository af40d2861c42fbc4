import Foundation
import PlatformModel
import SimKernel

/// The scenario's `releases` section and a service's `delivery`, with Argo Rollouts' names.
///
/// ```json
/// "releases": {"scheduled": [{"service": "frontend", "at": "1d10h", "quality": {"errorRate": 0.2}}],
///              "stream": {"perWeek": 12, "badProbability": 0.1, "services": ["frontend"],
///                         "badQualities": [{"errorRate": 0.2}, "crashOnStart"]},
///              "promotions": [{"service": "frontend", "at": "1d11h"}],
///              "gitOpsDelay": {"uniform": {"min": "4m", "max": "10m"}}, "operatorRollsBack": true}
/// "delivery": {"strategy": "canary", "trafficRouting": true,
///              "steps": [{"setWeight": 10}, {"pause": {"duration": "30s"}}, {"pause": {}},
///                        {"analysis": {"templates": ["errors"]}}],
///              "backgroundAnalysis": {"templates": ["errors"], "startingStep": 1},
///              "analysisTemplates": [{"name": "errors", "metrics": [
///                 {"name": "error-rate", "measure": "errorRate", "successCondition": "<= 0.05",
///                  "interval": "15s", "failureLimit": 2}]}]}
/// ```
///
/// `releases` overlays field by field (its lists are replaced). `delivery` replaces the
/// service's delivery as a whole: what it does not state takes the strategy's defaults.
enum ReleaseCodec {
  // MARK: - Releases

  static var releases: ObjectSchema<ReleaseConfiguration> {
    ObjectSchema(fields: [
      Field("scheduled", \.scheduled, .list(readScheduled, encode: encodeScheduled)),
      Field("stream", \.stream, .replacing(readStream, encode: encodeStream)),
      Field("promotions", \.promotions, .list(readPromotion, encode: encodePromotion)),
      Field("gitOpsDelay", \.gitOpsDelay, DistributionCodec.codec(nonNegative: true)),
      Field("operatorRollsBack", \.operatorRollsBack, .boolean),
    ])
  }

  static func readScheduled(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> ScheduledRelease?
  {
    let keys = ["service", "at", "quality"]
    guard let m = d.members(json, path, allowed: keys, required: ["service", "at"]),
      m.hasAll(["service", "at"])
    else { return nil }
    let service = m.read("service") { d.string($0, $1) }
    let at = m.decode("at", .duration(.atLeast(.zero)), initial: .zero, d)
    let quality = m["quality"] == nil ? .good : m.read("quality") { readQuality($0, $1, d) }
    guard let service, let at, let quality else { return nil }
    return ScheduledRelease(service: service, at: at, quality: quality)
  }

  static func encodeScheduled(_ release: ScheduledRelease) -> JSONValue {
    .object([
      ("service", .string(release.service)), ("at", .string(release.at.description)),
      ("quality", encodeQuality(release.quality)),
    ])
  }

  static func readPromotion(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> ScheduledPromotion?
  {
    let keys = ["service", "at"]
    guard let m = d.members(json, path, allowed: keys, required: keys), m.hasAll(keys) else {
      return nil
    }
    let service = m.read("service") { d.string($0, $1) }
    let at = m.decode("at", .duration(.atLeast(.zero)), initial: .zero, d)
    guard let service, let at else { return nil }
    return ScheduledPromotion(service: service, at: at)
  }

  static func encodePromotion(_ promotion: ScheduledPromotion) -> JSONValue {
    .object([("service", .string(promotion.service)), ("at", .string(promotion.at.description))])
  }

  static func readStream(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> ReleaseStream??
  {
    if case .null = json { return .some(nil) }
    let keys = ["perWeek", "badProbability", "badQualities", "services"]
    guard let m = d.members(json, path, allowed: keys, required: ["perWeek", "services"]),
      m.hasAll(["perWeek", "services"])
    else { return nil }
    let perWeek = m.decode("perWeek", .number(.atLeast(0).atMost(100_000)), initial: 0, d)
    let bad = m["badProbability"] == nil
      ? 0 : m.decode("badProbability", .number(.between(0, 1)), initial: 0, d)
    let qualities: [ReleaseQuality]? = m["badQualities"] == nil
      ? [.errorRate(0.2)]
      : m.decode("badQualities", .list(readQuality, encode: encodeQuality), initial: [], d)
    let services = m.decode("services", .list(of: .string(), initial: "", nonEmpty: true), initial: [], d)
    guard let perWeek, let bad, let qualities, let services else { return nil }
    return .some(
      ReleaseStream(perWeek: perWeek, badProbability: bad, badQualities: qualities, services: services))
  }

  static func encodeStream(_ stream: ReleaseStream?) -> JSONValue {
    guard let stream else { return .null }
    return .object([
      ("perWeek", .double(stream.perWeek)), ("badProbability", .double(stream.badProbability)),
      ("badQualities", .array(stream.badQualities.map(encodeQuality))),
      ("services", .array(stream.services.map(JSONValue.string))),
    ])
  }

  /// `"good"`, `"crashOnStart"`, or an object with one key: `{"errorRate": 0.2}`,
  /// `{"addedLatency": "200ms"}`, `{"memoryLeak": 100}` (MiB an hour), `{"cpuRegression": 2}`.
  static func readQuality(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> ReleaseQuality?
  {
    let expected =
      "\"good\", \"crashOnStart\" or an object such as {\"errorRate\": 0.2}, {\"addedLatency\": \"200ms\"}, {\"memoryLeak\": 100}, {\"cpuRegression\": 2}"
    switch json {
    case .string("good"): return .good
    case .string("crashOnStart"): return .crashOnStart
    case .object(let members) where members.count == 1:
      let (key, value) = members[0]
      let at = path.appending(key)
      switch key {
      case "errorRate":
        return Codec<Double>.number(.between(0, 1)).read(onto: 0, value, at, d).map { .errorRate($0) }
      case "addedLatency":
        return Codec<SimDuration>.duration(.greaterThan(.zero)).read(onto: .zero, value, at, d)
          .map { .addedLatency($0) }
      case "memoryLeak":
        return Codec<Double>.number(.greaterThan(0)).read(onto: 0, value, at, d)
          .map { .memoryLeak(mibPerHour: $0) }
      case "cpuRegression":
        let factor = Codec<Double>.number(.greaterThan(0).atMost(ScenarioSchema.largestFactor))
        return factor.read(onto: 0, value, at, d)
          .map { .cpuRegression(factor: $0) }
      default:
        d.mismatch(path, expected, json)
        return nil
      }
    default:
      d.mismatch(path, expected, json)
      return nil
    }
  }

  static func encodeQuality(_ quality: ReleaseQuality) -> JSONValue {
    switch quality {
    case .good: .string("good")
    case .crashOnStart: .string("crashOnStart")
    case .errorRate(let rate): .object([("errorRate", .double(rate))])
    case .addedLatency(let added): .object([("addedLatency", .string(added.description))])
    case .memoryLeak(let perHour): .object([("memoryLeak", .double(perHour))])
    case .cpuRegression(let factor): .object([("cpuRegression", .double(factor))])
    }
  }

  // MARK: - Delivery

  static var delivery: Codec<DeliveryConfiguration> {
    .replacing(readDelivery, encode: encodeDelivery)
  }

  static let deliveryKeys = [
    "strategy", "steps", "trafficRouting", "maxSurge", "maxUnavailable", "dynamicStableScale",
    "abortScaleDownDelay", "scaleDownDelay", "backgroundAnalysis", "prePromotionAnalysis",
    "postPromotionAnalysis", "autoPromotionDelay", "analysisTemplates",
  ]

  static func readDelivery(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> DeliveryConfiguration?
  {
    guard let m = d.members(json, path, allowed: deliveryKeys, required: ["strategy"]),
      m.hasAll(["strategy"]),
      let strategy = m.read("strategy", { d.choice($0, $1, ["canary", "blueGreen", "rolling"]) })
    else { return nil }
    let allowed: Set<String>
    switch strategy {
    case "canary":
      allowed = ["strategy", "steps", "trafficRouting", "maxSurge", "maxUnavailable",
        "dynamicStableScale", "abortScaleDownDelay", "scaleDownDelay", "backgroundAnalysis",
        "analysisTemplates"]
    case "blueGreen":
      allowed = ["strategy", "prePromotionAnalysis", "postPromotionAnalysis",
        "autoPromotionDelay", "scaleDownDelay", "analysisTemplates"]
    default:
      allowed = ["strategy", "maxSurge", "maxUnavailable"]
    }
    for key in m.values.keys.sorted() where !allowed.contains(key) {
      d.report(path.appending(key), "not a field of a \(strategy) strategy")
    }
    let before = d.issues.count
    let templates = m["analysisTemplates"] == nil
      ? [] : m.decode("analysisTemplates", .list(readTemplate, encode: encodeTemplate), initial: [], d) ?? []
    let surge = m.read("maxSurge") { NodeAutoscalingCodec.readIntOrPercent($0, $1, d) }
    let unavailable = m.read("maxUnavailable") { NodeAutoscalingCodec.readIntOrPercent($0, $1, d) }
    let result: DeliveryStrategy
    switch strategy {
    case "canary":
      let steps = m.decode("steps", .list(readStep, encode: encodeStep), initial: [], d) ?? []
      let background = m.read("backgroundAnalysis") { readAnalysis($0, $1, d, startingStep: true) }
      var canary = CanaryStrategy(
        steps: steps, maxSurge: surge ?? RolloutDefaults.maxSurge,
        maxUnavailable: unavailable ?? RolloutDefaults.maxUnavailable,
        usesTrafficRouting: m.decode("trafficRouting", .boolean, initial: false, d) ?? false,
        dynamicStableScale: m.decode("dynamicStableScale", .boolean, initial: false, d) ?? false,
        abortScaleDownDelay: m.decode("abortScaleDownDelay", .duration(.atLeast(.zero)), initial: .zero, d),
        scaleDownDelay: m.decode("scaleDownDelay", .duration(.atLeast(.zero)), initial: .zero, d))
      canary.backgroundAnalysis = background.map {
        CanaryBackgroundAnalysis($0.analysis, startingStep: $0.startingStep)
      }
      result = .canary(canary)
    case "blueGreen":
      var blueGreen = BlueGreenStrategy()
      blueGreen.prePromotionAnalysis = m.read("prePromotionAnalysis") { readAnalysis($0, $1, d, startingStep: false) }?.analysis
      blueGreen.postPromotionAnalysis = m.read("postPromotionAnalysis") { readAnalysis($0, $1, d, startingStep: false) }?.analysis
      if let delay = m["autoPromotionDelay"] {
        if case .null = delay {
          blueGreen.autoPromotionDelay = nil
        } else {
          blueGreen.autoPromotionDelay = Codec<SimDuration>.duration(.atLeast(.zero))
            .read(onto: .zero, delay, path.appending("autoPromotionDelay"), d)
        }
      }
      if let delay = m.decode("scaleDownDelay", .duration(.atLeast(.zero)), initial: .zero, d) {
        blueGreen.scaleDownDelay = delay
      }
      result = .blueGreen(blueGreen)
    default:
      result = .rolling(RollingUpdateStrategy(maxSurge: surge ?? .percent(25), maxUnavailable: unavailable ?? .percent(25)))
    }
    guard d.issues.count == before else { return nil }
    let delivery = DeliveryConfiguration(strategy: result, analysisTemplates: templates)
    reportDuplicateMetrics(delivery, path, d)
    guard d.issues.count == before else { return nil }
    return delivery
  }

  /// Reports each analysis whose templates together name a metric twice: an analysis run
  /// measures its metrics by name (Argo Rollouts rejects such a run too), and the model's
  /// `AnalysisRun` requires unique names (a fuzz crasher: a template with a repeated metric).
  static func reportDuplicateMetrics(
    _ delivery: DeliveryConfiguration, _ path: JSONPath, _ d: ScenarioDecoder
  ) {
    var analyses: [(RolloutAnalysis, JSONPath)] = []
    switch delivery.strategy {
    case .canary(let canary):
      if let background = canary.backgroundAnalysis {
        analyses.append((background.analysis, path.appending("backgroundAnalysis")))
      }
      for (i, step) in canary.steps.enumerated() {
        if case .analysis(let analysis) = step {
          analyses.append((analysis, path.appending("steps").appending(i).appending("analysis")))
        }
      }
    case .blueGreen(let blueGreen):
      if let pre = blueGreen.prePromotionAnalysis {
        analyses.append((pre, path.appending("prePromotionAnalysis")))
      }
      if let post = blueGreen.postPromotionAnalysis {
        analyses.append((post, path.appending("postPromotionAnalysis")))
      }
    case .rolling: break
    }
    for (analysis, at) in analyses {
      var seen: Set<String> = []
      for check in delivery.checks(analysis) where !seen.insert(check.metric.name).inserted {
        d.report(
          at.appending("templates"),
          "metric \(ScenarioDecoder.quote(check.metric.name)) appears more than once in these "
            + "templates (an analysis run needs unique metric names)")
        break
      }
    }
  }

  static func readStep(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder) -> CanaryStep? {
    guard case .object(let members) = json, members.count == 1 else {
      d.mismatch(path, "an object with one key: setWeight, pause or analysis", json)
      return nil
    }
    let (key, value) = members[0]
    let at = path.appending(key)
    switch key {
    case "setWeight":
      return Codec<Int>.integer(.between(0, 100)).read(onto: 0, value, at, d).map { .setWeight($0) }
    case "pause":
      guard let m = d.members(value, at, allowed: ["duration"], what: "an object such as {\"duration\": \"30s\"} or {}")
      else { return nil }
      if m["duration"] == nil { return .pause(duration: nil) }
      return m.decode("duration", .duration(.atLeast(.zero)), initial: .zero, d).map { .pause(duration: $0) }
    case "analysis":
      return readAnalysis(value, at, d, startingStep: false).map { .analysis($0.analysis) }
    default:
      d.report(at, "expected setWeight, pause or analysis")
      return nil
    }
  }

  static func encodeStep(_ step: CanaryStep) -> JSONValue {
    switch step {
    case .setWeight(let weight): .object([("setWeight", .integer(weight))])
    case .pause(let duration):
      .object([("pause", .object(duration.map { [("duration", .string($0.description))] } ?? []))])
    case .analysis(let analysis): .object([("analysis", encodeAnalysis(analysis, startingStep: nil))])
    case .setCanaryScale: .object([("setCanaryScale", .object([]))])
    }
  }

  static func readAnalysis(
    _ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder, startingStep allowStart: Bool
  ) -> (analysis: RolloutAnalysis, startingStep: Int?)? {
    let keys = allowStart ? ["templates", "startingStep"] : ["templates"]
    guard let m = d.members(json, path, allowed: keys, required: ["templates"]),
      m.hasAll(["templates"]),
      let names = m.decode("templates", .list(of: .string(), initial: "", nonEmpty: true), initial: [], d)
    else { return nil }
    let start = m["startingStep"] == nil ? nil : m.decode("startingStep", .integer(.atLeast(0)), initial: 0, d)
    return (RolloutAnalysis(templateNames: names), start)
  }

  static func encodeAnalysis(_ analysis: RolloutAnalysis, startingStep: Int?) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("templates", .array(analysis.templateNames.map(JSONValue.string)))
    ]
    if let startingStep { members.append(("startingStep", .integer(startingStep))) }
    return .object(members)
  }

  static let metricKeys = [
    "name", "measure", "scope", "successCondition", "interval", "initialDelay", "count",
    "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit",
  ]

  static func readTemplate(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> AnalysisTemplate?
  {
    guard let m = d.members(json, path, allowed: ["name", "metrics"], required: ["name", "metrics"]),
      m.hasAll(["name", "metrics"]),
      let name = m.read("name", { d.string($0, $1) }),
      let checks = m.decode("metrics", .list(readCheck, encode: encodeCheck, nonEmpty: true), initial: [], d)
    else { return nil }
    return AnalysisTemplate(name: name, checks: checks)
  }

  static func encodeTemplate(_ template: AnalysisTemplate) -> JSONValue {
    .object([("name", .string(template.name)), ("metrics", .array(template.checks.map(encodeCheck)))])
  }

  static func readCheck(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder) -> AnalysisCheck? {
    let required = ["name", "measure", "successCondition"]
    guard let m = d.members(json, path, allowed: metricKeys, required: required), m.hasAll(required)
    else { return nil }
    let before = d.issues.count
    let name = m.read("name") { d.string($0, $1) }
    let measure = m.read("measure") { json, path in
      d.choice(json, path, AnalysisMeasure.allCases.map(\.rawValue)).flatMap(AnalysisMeasure.init(rawValue:))
    }
    let scope = m["scope"] == nil ? .canary : m.read("scope") { json, path in
      d.choice(json, path, AnalysisScope.allCases.map(\.rawValue)).flatMap(AnalysisScope.init(rawValue:))
    }
    let condition = m.read("successCondition") { readCondition($0, $1, d) }
    let interval = m.decode(
      "interval", .duration(.atLeast(ScenarioSchema.shortestPeriod)), initial: .zero, d)
    let initialDelay = m.decode("initialDelay", .duration(.atLeast(.zero)), initial: .zero, d)
    let count = m.decode("count", .integer(.atLeast(1)), initial: 0, d)
    let failureLimit = m.decode("failureLimit", .integer(.atLeast(0)), initial: 0, d) ?? 0
    let inconclusiveLimit = m.decode("inconclusiveLimit", .integer(.atLeast(0)), initial: 0, d) ?? 0
    let errorLimit = m.decode("consecutiveErrorLimit", .integer(.atLeast(0)), initial: 0, d)
      ?? RolloutDefaults.consecutiveErrorLimit
    guard d.issues.count == before, let name, let measure, let scope, let condition else { return nil }
    return AnalysisCheck(
      metric: AnalysisMetric(
        name: name, interval: interval, initialDelay: initialDelay, count: count,
        failureLimit: failureLimit, inconclusiveLimit: inconclusiveLimit,
        consecutiveErrorLimit: errorLimit),
      measure: measure, scope: scope, condition: condition)
  }

  static func encodeCheck(_ check: AnalysisCheck) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("name", .string(check.metric.name)), ("measure", .string(check.measure.rawValue)),
      ("scope", .string(check.scope.rawValue)),
    ]
    switch check.condition {
    case .atMost(let x): members.append(("successCondition", .string("<= \(JSONNumber(x)?.text ?? "\(x)")")))
    case .atLeast(let x): members.append(("successCondition", .string(">= \(JSONNumber(x)?.text ?? "\(x)")")))
    }
    if let interval = check.metric.interval { members.append(("interval", .string(interval.description))) }
    if let delay = check.metric.initialDelay { members.append(("initialDelay", .string(delay.description))) }
    if let count = check.metric.count { members.append(("count", .integer(count))) }
    members.append(("failureLimit", .integer(check.metric.failureLimit)))
    members.append(("inconclusiveLimit", .integer(check.metric.inconclusiveLimit)))
    members.append(("consecutiveErrorLimit", .integer(check.metric.consecutiveErrorLimit)))
    return .object(members)
  }

  /// `"<= 0.05"` or `">= 0.8"`.
  static func readCondition(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> AnalysisCondition?
  {
    let expected = "a condition such as \"<= 0.05\" or \">= 0.8\""
    guard case .string(let text) = json else {
      d.mismatch(path, expected, json)
      return nil
    }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    for (prefix, make) in [("<=", AnalysisCondition.atMost), (">=", AnalysisCondition.atLeast)] {
      if trimmed.hasPrefix(prefix),
        let value = Double(trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)), value.isFinite
      {
        return make(value)
      }
    }
    d.mismatch(path, expected, json)
    return nil
  }

  static func encodeDelivery(_ delivery: DeliveryConfiguration) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [("strategy", .string(delivery.strategy.name))]
    switch delivery.strategy {
    case .canary(let canary):
      members.append(("steps", .array(canary.steps.map(encodeStep))))
      members.append(("trafficRouting", .bool(canary.usesTrafficRouting)))
      members.append(("maxSurge", NodeAutoscalingCodec.encodeIntOrPercent(canary.maxSurge)))
      members.append(("maxUnavailable", NodeAutoscalingCodec.encodeIntOrPercent(canary.maxUnavailable)))
      members.append(("dynamicStableScale", .bool(canary.dynamicStableScale)))
      if let delay = canary.abortScaleDownDelay { members.append(("abortScaleDownDelay", .string(delay.description))) }
      if let delay = canary.scaleDownDelay { members.append(("scaleDownDelay", .string(delay.description))) }
      if let background = canary.backgroundAnalysis {
        members.append(("backgroundAnalysis", encodeAnalysis(background.analysis, startingStep: background.startingStep)))
      }
    case .blueGreen(let blueGreen):
      if let analysis = blueGreen.prePromotionAnalysis {
        members.append(("prePromotionAnalysis", encodeAnalysis(analysis, startingStep: nil)))
      }
      if let analysis = blueGreen.postPromotionAnalysis {
        members.append(("postPromotionAnalysis", encodeAnalysis(analysis, startingStep: nil)))
      }
      members.append(("autoPromotionDelay", blueGreen.autoPromotionDelay.map { .string($0.description) } ?? .null))
      members.append(("scaleDownDelay", .string(blueGreen.scaleDownDelay.description)))
    case .rolling(let rolling):
      members.append(("maxSurge", NodeAutoscalingCodec.encodeIntOrPercent(rolling.maxSurge ?? .percent(25))))
      members.append(("maxUnavailable", NodeAutoscalingCodec.encodeIntOrPercent(rolling.maxUnavailable ?? .percent(25))))
    }
    if !delivery.analysisTemplates.isEmpty {
      members.append(("analysisTemplates", .array(delivery.analysisTemplates.map(encodeTemplate))))
    }
    return .object(members)
  }
}
