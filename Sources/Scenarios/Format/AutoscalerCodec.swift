import PlatformModel

/// A service's HorizontalPodAutoscaler (`autoscaler`), with Kubernetes autoscaling/v2 names.
///
/// ```json
/// {"minReplicas": 2, "maxReplicas": 15,
///  "metrics": [{"resource": "cpu", "averageUtilization": 70},
///              {"resource": "memory", "averageValue": "512Mi"}],
///  "behavior": {"scaleUp": {"stabilizationWindowSeconds": 60, "selectPolicy": "Max",
///                           "policies": [{"type": "Percent", "value": 50, "periodSeconds": 30}]}}}
/// ```
///
/// `null` removes the autoscaler. An object overlays the service's autoscaler; a service
/// without one starts from ``HorizontalPodAutoscalerSpec/init(maxReplicas:)`` and the object
/// must state `maxReplicas`. `behavior` overlays the same way: `null` is upstream's path
/// without a `behavior` stanza, an object overlays the current behaviour or, if there is none,
/// the upstream default (``HPABehavior/init(scaleUp:scaleDown:)``). `metrics` and `policies`
/// are replaced as a whole.
///
/// Single-field ranges are checked here (upstream's limits: `periodSeconds` 1 … 1800,
/// `stabilizationWindowSeconds` 0 … 3600); ``ScenarioValidator`` checks the rest
/// (`minReplicas` ≤ `maxReplicas`, `replicas` between them, at least one metric and one policy,
/// no resource twice).
enum AutoscalerCodec {
  /// The `autoscaler` field's codec.
  static var codec: Codec<HorizontalPodAutoscalerSpec?> {
    nullableObject(
      spec, required: ["maxReplicas"], noun: "autoscaler",
      makeNew: { HorizontalPodAutoscalerSpec(maxReplicas: 1) })
  }

  static var spec: ObjectSchema<HorizontalPodAutoscalerSpec> {
    ObjectSchema(fields: [
      // minReplicas 0 needs the HPAScaleToZero alpha gate and an object or external metric.
      Field(
        "minReplicas", \.minReplicas, .integer(.atLeast(1).atMost(ScenarioSchema.mostReplicas))),
      Field(
        "maxReplicas", \.maxReplicas, .integer(.atLeast(1).atMost(ScenarioSchema.mostReplicas))),
      Field("metrics", \.metrics, .list(readMetric, encode: encodeMetric)),
      Field(
        "behavior", \.behavior,
        nullableObject(behavior, required: [], noun: "behavior", makeNew: { HPABehavior() })),
    ])
  }

  static var behavior: ObjectSchema<HPABehavior> {
    ObjectSchema(fields: [
      Field("scaleUp", \.scaleUp, rules.codec),
      Field("scaleDown", \.scaleDown, rules.codec),
    ])
  }

  static var rules: ObjectSchema<HPAScalingRules> {
    ObjectSchema(fields: [
      Field(
        "stabilizationWindowSeconds", \.stabilizationWindowSeconds,
        .nullable(.integer(.between(0, 3600)), initial: { 0 })),
      Field(
        "selectPolicy", \.selectPolicy,
        .replacing(
          { json, path, d in
            d.choice(json, path, selectPolicies.map(\.rawValue)).flatMap(
              HPASelectPolicy.init(rawValue:))
          }, encode: { .string($0.rawValue) })),
      Field("policies", \.policies, .list(readPolicy, encode: encodePolicy)),
      Field("tolerance", \.tolerance, .nullable(.number(.atLeast(0)), initial: { 0 })),
    ])
  }

  /// `Max`, `Min`, `Disabled`, in the order messages list them.
  static let selectPolicies: [HPASelectPolicy] = [.max, .min, .disabled]

  // MARK: - Optional objects

  /// An optional object: `null` is `nil`; an object overlays the current value, or
  /// `makeNew()` when there is none, in which case it must state `required`.
  static func nullableObject<T>(
    _ schema: ObjectSchema<T>, required: [String], noun: String, makeNew: @escaping () -> T
  ) -> Codec<T?> {
    Codec(
      decode: { value, json, path, d in
        switch json {
        case .null:
          value = nil
        case .object:
          if value == nil {
            let missing = required.filter { json[$0] == nil }
            if !missing.isEmpty {
              d.reportMissing(missing, at: path, suffix: " for a new \(noun)")
              return
            }
          }
          if let new = schema.codec.read(onto: value ?? makeNew(), json, path, d) { value = new }
        default:
          d.mismatch(path, "null or an object", json)
        }
      },
      encode: { value in value.map(schema.encode) ?? .null })
  }

  // MARK: - Metrics

  static let metricKeys = ["resource", "averageUtilization", "averageValue"]

  static func readMetric(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> HPAMetricSpec?
  {
    guard let m = d.members(json, path, allowed: metricKeys, required: ["resource"]) else {
      return nil
    }
    let resource = m.read("resource") { json, path in
      d.choice(json, path, HPAResourceName.allCases.map(\.rawValue)).flatMap(
        HPAResourceName.init(rawValue:))
    }
    var target: HPAMetricTarget?
    switch (m["averageUtilization"], m["averageValue"]) {
    case (.some, .some):
      d.report(path, "expected either \"averageUtilization\" or \"averageValue\", not both")
    case (nil, nil):
      d.report(path, "missing the target: expected \"averageUtilization\" or \"averageValue\"")
    case (.some, nil):
      target = m.decode("averageUtilization", .integer(.between(1, 1000)), initial: 0, d).map {
        .averageUtilization($0)
      }
    case (nil, .some):
      // The quantity's unit depends on the resource; without a valid resource it cannot be read.
      guard let resource else { return nil }
      target = m.read("averageValue") { readAverageValue($0, $1, resource, d) }
    }
    guard let resource, let target else { return nil }
    return HPAMetricSpec(resource: resource, target: target)
  }

  /// A target per pod: a cpu quantity (`"250m"`, `"0.5"`) as millicores or a memory quantity
  /// (`"512Mi"`, `"1G"`) as bytes, greater than 0. Numbers are rejected: Kubernetes reads `250`
  /// as 250 cores, the scenario format's CPU keys as 250 millicores.
  static func readAverageValue(
    _ json: JSONValue, _ path: JSONPath, _ resource: HPAResourceName, _ d: ScenarioDecoder
  ) -> HPAMetricTarget? {
    guard case .string(let text) = json else {
      switch resource {
      case .cpu: d.mismatch(path, "a cpu quantity string such as \"250m\" or \"0.5\"", json)
      case .memory: d.mismatch(path, "a memory quantity string such as \"512Mi\" or \"1Gi\"", json)
      }
      return nil
    }
    let value: Int64
    switch resource {
    case .cpu:
      guard let m = d.millicores(json, path) else { return nil }
      value = Int64(m)
    case .memory:
      switch ResourceQuantity.bytes(parsing: text) {
      case .success(let bytes): value = bytes
      case .failure(let e):
        d.report(path, "invalid memory quantity \(ScenarioDecoder.quote(text)): \(e.message)")
        return nil
      }
    }
    guard value > 0 else {
      d.report(path, "must be greater than 0 (got \(ScenarioDecoder.quote(json)))")
      return nil
    }
    return .averageValue(value)
  }

  static func encodeMetric(_ metric: HPAMetricSpec) -> JSONValue {
    let target: (key: String, value: JSONValue)
    switch (metric.target, metric.resource) {
    case (.averageUtilization(let percent), _):
      target = ("averageUtilization", .integer(percent))
    case (.averageValue(let millicores), .cpu):
      target = ("averageValue", .string(ResourceQuantity.cpuText(millicores: Int(millicores))))
    case (.averageValue(let bytes), .memory):
      target = ("averageValue", .string(ResourceQuantity.memoryText(bytes: bytes)))
    }
    return .object([("resource", .string(metric.resource.rawValue)), target])
  }

  // MARK: - Policies

  static func readPolicy(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> HPAScalingPolicy?
  {
    let keys = ["type", "value", "periodSeconds"]
    guard let m = d.members(json, path, allowed: keys, required: keys), m.hasAll(keys) else {
      return nil
    }
    let type = m.read("type") { json, path in
      d.choice(json, path, ["Pods", "Percent"]).flatMap(HPAScalingPolicyType.init(rawValue:))
    }
    // At most 100,000 (pods, or percent): a value near 2^63 overflowed the scale-up limit.
    let value = m.decode("value", .integer(.greaterThan(0).atMost(100_000)), initial: 0, d)
    let period = m.decode("periodSeconds", .integer(.between(1, 1800)), initial: 0, d)
    guard let type, let value, let period else { return nil }
    return HPAScalingPolicy(type: type, value: value, periodSeconds: period)
  }

  static func encodePolicy(_ policy: HPAScalingPolicy) -> JSONValue {
    .object([
      ("type", .string(policy.type.rawValue)), ("value", .integer(policy.value)),
      ("periodSeconds", .integer(policy.periodSeconds)),
    ])
  }
}
