import PlatformModel
import SimKernel

/// The platform's node autoscaler (`platform.nodeAutoscaling`) and a service's
/// PodDisruptionBudget (`disruptionBudget`).
///
/// ```json
/// "nodeAutoscaling": {"mode": "karpenter", "capacityTypes": ["spot", "on-demand"],
///                     "instanceTypes": ["t3.medium", "m5.large"], "cpuLimitCores": 10,
///                     "consolidateAfter": "1m", "spotInterruptionsPerNodeMonth": 0.2}
/// "disruptionBudget": {"minAvailable": 1}        or {"maxUnavailable": "25%"}
/// ```
///
/// `null` removes either. A new `nodeAutoscaling` object must state `mode` and starts from that
/// mode's defaults (``NodeAutoscalingConfiguration/clusterAutoscaler`` or
/// ``NodeAutoscalingConfiguration/karpenter(instanceTypes:)`` with every instance type of the
/// price table); an object on an existing one of the same mode overlays it, and one that
/// changes `mode` starts from the new mode's defaults (so a switch from Karpenter keeps neither
/// its 45-75 s provisioning time nor its pool settings). A budget states exactly one of `minAvailable` and `maxUnavailable`, each an integer
/// or a percentage string, as Kubernetes' `policy/v1` does.
enum NodeAutoscalingCodec {
  /// The `nodeAutoscaling` field's codec; new objects draw instance types from `instanceTypes`.
  static func codec(instanceTypes: [String]) -> Codec<NodeAutoscalingConfiguration?> {
    Codec(
      decode: { value, json, path, d in
        switch json {
        case .null:
          value = nil
        case .object:
          var start = value
          if start == nil {
            guard let modeJSON = json["mode"] else {
              d.reportMissing(["mode"], at: path, suffix: " for a new node autoscaler")
              return
            }
            guard let mode = readMode(modeJSON, path.appending("mode"), d) else { return }
            start = defaults(for: mode, instanceTypes: instanceTypes)
          } else if let modeJSON = json["mode"], let current = start?.mode {
            // Another mode replaces the autoscaler: none of the old mode's settings (its
            // provisioning time above all) carries over.
            guard let mode = readMode(modeJSON, path.appending("mode"), d) else { return }
            if mode != current { start = defaults(for: mode, instanceTypes: instanceTypes) }
          }
          if let start, let new = schema.codec.read(onto: start, json, path, d) { value = new }
        default:
          d.mismatch(path, "null or an object", json)
        }
      },
      encode: { value in value.map(schema.encode) ?? .null })
  }

  /// A new autoscaler of `mode` with that mode's defaults.
  static func defaults(for mode: NodeAutoscalingConfiguration.Mode, instanceTypes: [String])
    -> NodeAutoscalingConfiguration
  {
    mode == .karpenter ? .karpenter(instanceTypes: instanceTypes) : .clusterAutoscaler
  }

  static func readMode(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> NodeAutoscalingConfiguration.Mode?
  {
    d.choice(json, path, NodeAutoscalingConfiguration.Mode.allCases.map(\.rawValue))
      .flatMap(NodeAutoscalingConfiguration.Mode.init(rawValue:))
  }

  static var schema: ObjectSchema<NodeAutoscalingConfiguration> {
    ObjectSchema(fields: [
      Field("mode", \.mode, .replacing(readMode, encode: { .string($0.rawValue) })),
      Field("scanInterval", \.scanInterval, .duration(.atLeast(ScenarioSchema.shortestPeriod))),
      Field("provisioningTime", \.provisioningTime, DistributionCodec.codec(nonNegative: true)),
      Field("scaleDownUnneededTime", \.scaleDownUnneededTime, .duration(.atLeast(.zero))),
      Field("scaleDownDelayAfterAdd", \.scaleDownDelayAfterAdd, .duration(.atLeast(.zero))),
      Field(
        "scaleDownUtilizationThreshold", \.scaleDownUtilizationThreshold,
        .number(.between(0, 1))),
      Field("maxPodEvictionTime", \.maxPodEvictionTime, .duration(.greaterThan(.zero))),
      Field("instanceTypes", \.instanceTypes, .list(of: .string(), initial: "")),
      Field(
        "capacityTypes", \.capacityTypes,
        .list(
          of: .replacing(
            { json, path, d in
              d.choice(json, path, PurchaseOption.allCases.map(\.rawValue))
                .flatMap(PurchaseOption.init(rawValue:))
            }, encode: { .string($0.rawValue) }), initial: .onDemand, nonEmpty: true)),
      Field(
        "cpuLimitCores", \.cpuLimitCores,
        // Kept in millicores by the model: 10^9 cores is 10^12 millicores, far inside Int.
        .nullable(.integer(.greaterThan(0).atMost(1_000_000_000)), initial: { 1 })),
      Field(
        "consolidationPolicy", \.consolidationPolicy,
        .replacing(
          { json, path, d in
            d.choice(json, path, ["WhenEmpty", "WhenEmptyOrUnderutilized"])
              .flatMap(Karpenter.ConsolidationPolicy.init(rawValue:))
          }, encode: { .string($0.rawValue) })),
      Field("consolidateAfter", \.consolidateAfter, .duration(.atLeast(.zero))),
      Field(
        "spotInterruptionsPerNodeMonth", \.spotInterruptionsPerNodeMonth,
        // 1000 a node-month is one every 43 minutes per node; 1e308 drew gaps of 0 µs (a hang).
        .number(.atLeast(0).atMost(1_000))),
    ])
  }

  // MARK: - Disruption budgets

  /// The `disruptionBudget` field's codec.
  static var disruptionBudget: Codec<PodDisruptionBudget.Rule?> {
    Codec(
      decode: { value, json, path, d in
        if case .null = json {
          value = nil
          return
        }
        let keys = ["minAvailable", "maxUnavailable"]
        guard
          let m = d.members(
            json, path, allowed: keys, required: [],
            what: "an object such as {\"minAvailable\": 1} or {\"maxUnavailable\": \"25%\"}")
        else { return }
        switch (m["minAvailable"], m["maxUnavailable"]) {
        case (let amount?, nil):
          if let x = readIntOrPercent(amount, path.appending("minAvailable"), d) {
            value = .minAvailable(x)
          }
        case (nil, let amount?):
          if let x = readIntOrPercent(amount, path.appending("maxUnavailable"), d) {
            value = .maxUnavailable(x)
          }
        default:
          d.report(path, "expected exactly one of \"minAvailable\" and \"maxUnavailable\"")
        }
      },
      encode: { rule in
        switch rule {
        case nil: .null
        case .minAvailable(let x)?: .object([("minAvailable", encodeIntOrPercent(x))])
        case .maxUnavailable(let x)?: .object([("maxUnavailable", encodeIntOrPercent(x))])
        }
      })
  }

  /// A non-negative integer or a percentage string such as `"25%"`.
  /// The largest pod count of `maxSurge`, `maxUnavailable`, `minAvailable`.
  static let mostPodsInABudget = 100_000

  static func readIntOrPercent(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> IntOrPercent?
  {
    if case .string(let text) = json, text.hasSuffix("%"),
      let percent = Int(text.dropLast()), percent >= 0, percent <= 100
    {
      return .percent(percent)
    }
    // At most 100,000, the most pods a service may have: a surge near 2^63 overflowed
    // `replicas + maxSurge` in the rolling update.
    if case .number = json,
      let count = Codec<Int>.integer(.atLeast(0).atMost(mostPodsInABudget))
        .read(onto: 0, json, path, d)
    {
      return .count(count)
    }
    if case .number = json { return nil }
    d.mismatch(path, "a non-negative integer or a percentage such as \"25%\"", json)
    return nil
  }

  static func encodeIntOrPercent(_ value: IntOrPercent) -> JSONValue {
    switch value {
    case .count(let count): .integer(count)
    case .percent(let percent): .string("\(percent)%")
    }
  }
}
