import PlatformModel
import SimKernel
import Testing

@testable import Scenarios

/// The `autoscaler` field of services: decoding, overlay, `null`, validation and explaining.
@Suite struct AutoscalerTests {
  static func decode(_ text: String) throws -> PlatformScenario {
    try ScenarioLoader.decode(text, file: "hpa.json")
  }

  /// The reference scenario with `change` applied to the service named `name`.
  static func reference(
    _ name: String, _ change: (inout ServiceConfiguration) -> Void
  ) -> PlatformScenario {
    var scenario = PlatformScenario.reference
    let index = scenario.platform.services.firstIndex { $0.name == name }!
    change(&scenario.platform.services[index])
    return scenario
  }

  static var frontendAutoscaler: HorizontalPodAutoscalerSpec {
    PlatformScenario.reference.platform.services[0].autoscaler!
  }

  static var backendAutoscaler: HorizontalPodAutoscalerSpec {
    PlatformScenario.reference.platform.services[1].autoscaler!
  }

  // MARK: - Decoding

  @Test("a complete autoscaler decodes with Kubernetes autoscaling/v2 names")
  func complete() throws {
    let scenario = try Self.decode(
      """
      {"platform": {"services": [{"name": "backend", "replicas": 3, "autoscaler": {
        "minReplicas": 3, "maxReplicas": 12,
        "metrics": [{"resource": "cpu", "averageUtilization": 65},
                    {"resource": "memory", "averageValue": "512Mi"}],
        "behavior": {
          "scaleUp": {"stabilizationWindowSeconds": 30, "selectPolicy": "Min",
                      "policies": [{"type": "Pods", "value": 2, "periodSeconds": 60},
                                   {"type": "Percent", "value": 50, "periodSeconds": 30}],
                      "tolerance": 0.05},
          "scaleDown": {"stabilizationWindowSeconds": null, "selectPolicy": "Disabled",
                        "policies": [{"type": "Percent", "value": 10, "periodSeconds": 1800}]}}}}]}}
      """)
    let autoscaler = HorizontalPodAutoscalerSpec(
      minReplicas: 3, maxReplicas: 12,
      metrics: [
        HPAMetricSpec(resource: .cpu, target: .averageUtilization(65)),
        HPAMetricSpec(resource: .memory, target: .averageValue(512 << 20)),
      ],
      behavior: HPABehavior(
        scaleUp: HPAScalingRules(
          stabilizationWindowSeconds: 30, selectPolicy: .min,
          policies: [
            HPAScalingPolicy(type: .pods, value: 2, periodSeconds: 60),
            HPAScalingPolicy(type: .percent, value: 50, periodSeconds: 30),
          ], tolerance: 0.05),
        scaleDown: HPAScalingRules(
          stabilizationWindowSeconds: nil, selectPolicy: .disabled,
          policies: [HPAScalingPolicy(type: .percent, value: 10, periodSeconds: 1800)])))
    #expect(
      scenario
        == Self.reference("backend") {
          $0.replicas = 3
          $0.autoscaler = autoscaler
        })
  }

  @Test(
    "averageValue reads cpu quantities as millicores and memory quantities as bytes",
    arguments: [
      (#"{"resource": "cpu", "averageValue": "250m"}"#, HPAMetricTarget.averageValue(250)),
      (#"{"resource": "cpu", "averageValue": "0.5"}"#, .averageValue(500)),
      (#"{"resource": "cpu", "averageValue": "2"}"#, .averageValue(2_000)),
      (#"{"resource": "memory", "averageValue": "512Mi"}"#, .averageValue(536_870_912)),
      (#"{"resource": "memory", "averageValue": "1G"}"#, .averageValue(1_000_000_000)),
      (#"{"resource": "memory", "averageValue": "1.5Ki"}"#, .averageValue(1_536)),
      (#"{"resource": "memory", "averageValue": "0.5"}"#, .averageValue(1)),
      (#"{"averageUtilization": 1000, "resource": "memory"}"#, .averageUtilization(1_000)),
    ])
  func averageValues(metric: String, target: HPAMetricTarget) throws {
    let scenario = try Self.decode(
      #"{"platform": {"services": [{"name": "backend", "autoscaler": {"metrics": [\#(metric)]}}]}}"#
    )
    #expect(scenario.platform.services[1].autoscaler?.metrics.map(\.target) == [target])
  }

  // MARK: - Overlay and null

  @Test("an autoscaler object overlays the service's autoscaler")
  func overlay() throws {
    let scenario = try Self.decode(
      #"{"platform": {"services": [{"name": "backend", "autoscaler": {"maxReplicas": 20}}]}}"#)
    var expected = Self.backendAutoscaler
    expected.maxReplicas = 20
    #expect(scenario == Self.reference("backend") { $0.autoscaler = expected })
  }

  @Test("behavior overlays the current behaviour, rules field by field")
  func behaviorOverlay() throws {
    let scenario = try Self.decode(
      """
      {"platform": {"services": [{"name": "frontend", "autoscaler": {"behavior": {
        "scaleDown": {"stabilizationWindowSeconds": 600}}}}]}}
      """)
    var expected = Self.frontendAutoscaler
    expected.behavior?.scaleDown.stabilizationWindowSeconds = 600
    #expect(scenario == Self.reference("frontend") { $0.autoscaler = expected })
  }

  @Test("behavior on an autoscaler without one starts from the upstream default behaviour")
  func behaviorFromDefault() throws {
    let scenario = try Self.decode(
      """
      {"platform": {"services": [{"name": "backend", "autoscaler": {"behavior": {
        "scaleUp": {"selectPolicy": "Min"}}}}]}}
      """)
    var behavior = HPABehavior()
    behavior.scaleUp.selectPolicy = .min
    #expect(scenario.platform.services[1].autoscaler?.behavior == behavior)
    let empty = try Self.decode(
      #"{"platform": {"services": [{"name": "backend", "autoscaler": {"behavior": {}}}]}}"#)
    #expect(empty.platform.services[1].autoscaler?.behavior == HPABehavior())
  }

  @Test("metrics and policies are replaced as a whole")
  func listsReplaced() throws {
    let scenario = try Self.decode(
      """
      {"platform": {"services": [{"name": "frontend", "autoscaler": {
        "metrics": [{"resource": "memory", "averageValue": "100Mi"}],
        "behavior": {"scaleUp": {"policies": [{"type": "Pods", "value": 1, "periodSeconds": 15}]}}}}]}}
      """)
    let autoscaler = try #require(scenario.platform.services[0].autoscaler)
    #expect(
      autoscaler.metrics == [HPAMetricSpec(resource: .memory, target: .averageValue(100 << 20))])
    #expect(
      autoscaler.behavior?.scaleUp.policies == [
        HPAScalingPolicy(type: .pods, value: 1, periodSeconds: 15)
      ])
    #expect(autoscaler.behavior?.scaleUp.stabilizationWindowSeconds == 60)
  }

  @Test("null turns autoscaling off, removes the behaviour, or uses the controller's window")
  func nulls() throws {
    let off = try Self.decode(
      #"{"platform": {"services": [{"name": "frontend", "autoscaler": null}]}}"#)
    #expect(off == Self.reference("frontend") { $0.autoscaler = nil })

    let noBehavior = try Self.decode(
      #"{"platform": {"services": [{"name": "frontend", "autoscaler": {"behavior": null}}]}}"#)
    #expect(noBehavior == Self.reference("frontend") { $0.autoscaler?.behavior = nil })

    let window = try Self.decode(
      """
      {"platform": {"services": [{"name": "frontend", "autoscaler": {"behavior": {
        "scaleDown": {"stabilizationWindowSeconds": null}}}}]}}
      """)
    #expect(
      window.platform.services[0].autoscaler?.behavior?.scaleDown.stabilizationWindowSeconds == nil)
    #expect(
      window.platform.services[0].autoscaler?.behavior?.scaleUp.stabilizationWindowSeconds == 60)
  }

  @Test("a service without an autoscaler gets one from HorizontalPodAutoscalerSpec(maxReplicas:)")
  func newAutoscaler() throws {
    let scenario = try Self.decode(
      """
      {"platform": {"services": [
        {"name": "frontend", "calls": [{"target": {"service": "backend"}, "callsPerRequest": 0.5},
                                       {"target": {"service": "search"}, "callsPerRequest": 0.1}]},
        {"name": "search", "autoscaler": {"maxReplicas": 6}}
      ]}}
      """)
    #expect(scenario.platform.services[2].autoscaler == HorizontalPodAutoscalerSpec(maxReplicas: 6))
    #expect(ServiceConfiguration(name: "search").autoscaler == nil)
  }

  @Test("with an autoscaler the service's own minReplicas and maxReplicas are not checked")
  func ownBoundsIgnored() throws {
    let scenario = try Self.decode(
      #"{"platform": {"services": [{"name": "frontend", "maxReplicas": 3}]}}"#)
    #expect(scenario.platform.services[0].maxReplicas == 3)
    #expect(scenario.platform.services[0].autoscaler == Self.frontendAutoscaler)
  }

  // MARK: - Validation

  static let frontendCallingSearch =
    #"{"name": "frontend", "calls": [{"target": {"service": "backend"}, "callsPerRequest": 0.5}, {"target": {"service": "search"}, "callsPerRequest": 0.1}]}"#

  /// A file setting `autoscaler` on backend to `json`.
  static func backend(_ json: String) -> String {
    #"{"platform": {"services": [{"name": "backend", "autoscaler": \#(json)}]}}"#
  }

  /// A file setting `autoscaler.behavior.scaleUp` on backend to `json`.
  static func scaleUp(_ json: String) -> String {
    backend(#"{"behavior": {"scaleUp": \#(json)}}"#)
  }

  /// A file setting backend's autoscaler metrics to `json`.
  static func metrics(_ json: String) -> String {
    backend(#"{"metrics": \#(json)}"#)
  }

  static let a = "bad.json: platform.services[0].autoscaler"

  static let cases: [DiagnosticCase] = [
    // Replica bounds.
    DiagnosticCase(
      "minReplicas 0", backend(#"{"minReplicas": 0}"#),
      "\(a).minReplicas: must be at least 1 (got 0)"),
    DiagnosticCase(
      "maxReplicas 0", backend(#"{"maxReplicas": 0}"#),
      "\(a).maxReplicas: must be at least 1 (got 0)"),
    DiagnosticCase(
      "maxReplicas below minReplicas",
      #"{"platform": {"services": [{"name": "frontend", "autoscaler": {"minReplicas": 12}}]}}"#,
      "\(a).maxReplicas: must be at least minReplicas 12 (got 10)"),
    DiagnosticCase(
      "replicas below the autoscaler's minimum", backend(#"{"minReplicas": 3}"#),
      "bad.json: platform.services[0].replicas: must be between autoscaler.minReplicas 3 and autoscaler.maxReplicas 15 (got 2)"
    ),
    DiagnosticCase(
      "replicas above the autoscaler's maximum",
      #"{"platform": {"services": [{"name": "frontend", "replicas": 11}]}}"#,
      "bad.json: platform.services[0].replicas: must be between autoscaler.minReplicas 5 and autoscaler.maxReplicas 10 (got 11)"
    ),
    DiagnosticCase(
      "new autoscaler without maxReplicas",
      #"{"platform": {"services": [\#(frontendCallingSearch), {"name": "search", "autoscaler": {"minReplicas": 2}}]}}"#,
      #"bad.json: platform.services[1].autoscaler: missing required key "maxReplicas" for a new autoscaler"#
    ),
    DiagnosticCase(
      "autoscaler after null in a replaced list needs maxReplicas",
      #"{"platform": {"services": {"replace": [{"name": "api", "autoscaler": {}}]}}, "traffic": {"routes": [{"service": "api", "share": 1}]}}"#,
      #"bad.json: platform.services.replace[0].autoscaler: missing required key "maxReplicas" for a new autoscaler"#
    ),
    DiagnosticCase(
      "autoscaler as a number", backend("5"), "\(a): expected null or an object (got 5)"),
    DiagnosticCase(
      "misspelt autoscaler key", backend(#"{"maxReplica": 4}"#),
      #"\#(a): unknown key "maxReplica" (did you mean "maxReplicas"?)"#),
    // Metrics.
    DiagnosticCase(
      "no metrics", metrics("[]"), "\(a).metrics: must have at least one metric"),
    DiagnosticCase(
      "a resource twice",
      metrics(
        #"[{"resource": "cpu", "averageUtilization": 70}, {"resource": "memory", "averageUtilization": 80}, {"resource": "cpu", "averageValue": "250m"}]"#
      ),
      #"\#(a).metrics[2].resource: duplicate resource "cpu" (also at platform.services[0].autoscaler.metrics[0])"#
    ),
    DiagnosticCase(
      "utilization 0", metrics(#"[{"resource": "cpu", "averageUtilization": 0}]"#),
      "\(a).metrics[0].averageUtilization: must be between 1 and 1000 (got 0)"),
    DiagnosticCase(
      "utilization 1001", metrics(#"[{"resource": "cpu", "averageUtilization": 1001}]"#),
      "\(a).metrics[0].averageUtilization: must be between 1 and 1000 (got 1001)"),
    DiagnosticCase(
      "fractional utilization", metrics(#"[{"resource": "cpu", "averageUtilization": 70.5}]"#),
      "\(a).metrics[0].averageUtilization: expected an integer (got 70.5)"),
    DiagnosticCase(
      "unknown resource", metrics(#"[{"resource": "storage", "averageUtilization": 70}]"#),
      #"\#(a).metrics[0].resource: expected "cpu" or "memory" (got "storage")"#),
    DiagnosticCase(
      "metric without a resource", metrics(#"[{"averageUtilization": 70}]"#),
      #"\#(a).metrics[0]: missing required key "resource""#),
    DiagnosticCase(
      "both targets",
      metrics(#"[{"resource": "cpu", "averageUtilization": 70, "averageValue": "250m"}]"#),
      #"\#(a).metrics[0]: expected either "averageUtilization" or "averageValue", not both"#),
    DiagnosticCase(
      "no target", metrics(#"[{"resource": "cpu"}]"#),
      #"\#(a).metrics[0]: missing the target: expected "averageUtilization" or "averageValue""#),
    DiagnosticCase(
      "misspelt target", metrics(#"[{"resource": "cpu", "averageUtilisation": 70}]"#),
      #"\#(a).metrics[0]: unknown key "averageUtilisation" (did you mean "averageUtilization"?)"#,
      #"\#(a).metrics[0]: missing the target: expected "averageUtilization" or "averageValue""#),
    DiagnosticCase(
      "cpu average value as a number", metrics(#"[{"resource": "cpu", "averageValue": 250}]"#),
      #"\#(a).metrics[0].averageValue: expected a cpu quantity string such as "250m" or "0.5" (got 250)"#
    ),
    DiagnosticCase(
      "memory average value as a number",
      metrics(#"[{"resource": "memory", "averageValue": 512}]"#),
      #"\#(a).metrics[0].averageValue: expected a memory quantity string such as "512Mi" or "1Gi" (got 512)"#
    ),
    DiagnosticCase(
      "zero cpu average value", metrics(#"[{"resource": "cpu", "averageValue": "0m"}]"#),
      #"\#(a).metrics[0].averageValue: must be greater than 0 (got "0m")"#),
    DiagnosticCase(
      "negative memory average value",
      metrics(#"[{"resource": "memory", "averageValue": "-1Mi"}]"#),
      #"\#(a).metrics[0].averageValue: must be greater than 0 (got "-1Mi")"#),
    DiagnosticCase(
      "bad cpu average value", metrics(#"[{"resource": "cpu", "averageValue": "0.0001"}]"#),
      #"\#(a).metrics[0].averageValue: invalid cpu quantity "0.0001": is finer than 1m (a thousandth of a cpu)"#
    ),
    DiagnosticCase(
      "bad memory average value", metrics(#"[{"resource": "memory", "averageValue": "512MB"}]"#),
      #"\#(a).metrics[0].averageValue: invalid memory quantity "512MB": expected a memory quantity such as "512Mi", "1Gi" or "1G" (suffixes Ki, Mi, Gi, Ti, Pi, Ei, k, M, G, T, P, E; none means bytes)"#
    ),
    DiagnosticCase(
      "metrics as an object", metrics(#"{"resource": "cpu"}"#),
      #"\#(a).metrics: expected an array (got {"resource":"cpu"})"#),
    // Behaviour.
    DiagnosticCase(
      "behavior as an array", backend(#"{"behavior": []}"#),
      "\(a).behavior: expected null or an object (got [])"),
    DiagnosticCase(
      "scaleUp null", backend(#"{"behavior": {"scaleUp": null}}"#),
      "\(a).behavior.scaleUp: expected an object (got null)"),
    DiagnosticCase(
      "misspelt direction", backend(#"{"behavior": {"scaleDwn": {}}}"#),
      #"\#(a).behavior: unknown key "scaleDwn" (did you mean "scaleDown"?)"#),
    DiagnosticCase(
      "stabilization window above an hour", scaleUp(#"{"stabilizationWindowSeconds": 3601}"#),
      "\(a).behavior.scaleUp.stabilizationWindowSeconds: must be between 0 and 3600 (got 3601)"),
    DiagnosticCase(
      "negative stabilization window", scaleUp(#"{"stabilizationWindowSeconds": -1}"#),
      "\(a).behavior.scaleUp.stabilizationWindowSeconds: must be between 0 and 3600 (got -1)"),
    DiagnosticCase(
      "stabilization window as a duration", scaleUp(#"{"stabilizationWindowSeconds": "60s"}"#),
      #"\#(a).behavior.scaleUp.stabilizationWindowSeconds: expected an integer (got "60s")"#),
    DiagnosticCase(
      "select policy in lowercase", scaleUp(#"{"selectPolicy": "max"}"#),
      #"\#(a).behavior.scaleUp.selectPolicy: expected "Max", "Min" or "Disabled" (got "max"); did you mean "Max"?"#
    ),
    DiagnosticCase(
      "no policies", scaleUp(#"{"policies": []}"#),
      "\(a).behavior.scaleUp.policies: must have at least one policy"),
    DiagnosticCase(
      "policy value 0",
      scaleUp(#"{"policies": [{"type": "Pods", "value": 0, "periodSeconds": 15}]}"#),
      "\(a).behavior.scaleUp.policies[0].value: must be greater than 0 (got 0)"),
    DiagnosticCase(
      "policy period 0",
      scaleUp(#"{"policies": [{"type": "Pods", "value": 4, "periodSeconds": 0}]}"#),
      "\(a).behavior.scaleUp.policies[0].periodSeconds: must be between 1 and 1800 (got 0)"),
    DiagnosticCase(
      "policy period above 30 minutes",
      scaleUp(#"{"policies": [{"type": "Percent", "value": 100, "periodSeconds": 1801}]}"#),
      "\(a).behavior.scaleUp.policies[0].periodSeconds: must be between 1 and 1800 (got 1801)"),
    DiagnosticCase(
      "policy type in lowercase",
      scaleUp(#"{"policies": [{"type": "percent", "value": 100, "periodSeconds": 15}]}"#),
      #"\#(a).behavior.scaleUp.policies[0].type: expected "Pods" or "Percent" (got "percent"); did you mean "Percent"?"#
    ),
    DiagnosticCase(
      "policy without a period", scaleUp(#"{"policies": [{"type": "Pods", "value": 4}]}"#),
      #"\#(a).behavior.scaleUp.policies[0]: missing required key "periodSeconds""#),
    DiagnosticCase(
      "negative tolerance", scaleUp(#"{"tolerance": -0.1}"#),
      "\(a).behavior.scaleUp.tolerance: must be at least 0 (got -0.1)"),
  ]

  @Test("each invalid autoscaler gives its exact messages", arguments: cases)
  func diagnostics(_ c: DiagnosticCase) {
    do {
      _ = try ScenarioLoader.decode(c.text, file: "bad.json")
      Issue.record("decoding should have failed")
    } catch {
      #expect(error.issues.map(\.description) == c.expected)
    }
  }

  @Test("autoscalers built in code are checked by validationIssues")
  func validateInCode() {
    var scenario = PlatformScenario.reference
    scenario.platform.services[0].autoscaler?.maxReplicas = 4
    scenario.platform.services[1].autoscaler?.metrics.append(
      HPAMetricSpec(resource: .memory, target: .averageValue(1 << 30)))
    scenario.platform.services[1].autoscaler?.behavior = HPABehavior(
      scaleUp: HPAScalingRules(stabilizationWindowSeconds: 0, policies: []))
    #expect(
      ScenarioLoader.validationIssues(in: scenario, file: "code").map(\.description) == [
        "code: platform.services[0].autoscaler.maxReplicas: must be at least minReplicas 5 (got 4)",
        #"code: platform.services[1].autoscaler.metrics[2].resource: duplicate resource "memory" (also at platform.services[1].autoscaler.metrics[1])"#,
        "code: platform.services[1].autoscaler.behavior.scaleUp.policies: must have at least one policy",
      ])
  }

  // MARK: - Explaining

  @Test("explaining writes the autoscaler with every field, null where unset")
  func explained() throws {
    let services = PlatformScenario.reference.explainedValue["platform"]?["services"]
    guard case .array(let list) = services, list.count == 2 else {
      Issue.record("services should be a plain array of two")
      return
    }
    let frontend = JSONWriter(style: .compact, sortsKeys: false).string(
      from: list[0]["autoscaler"] ?? .null)
    #expect(
      frontend
        == #"{"minReplicas":5,"maxReplicas":10,"metrics":[{"resource":"cpu","averageUtilization":70},{"resource":"memory","averageUtilization":80}],"behavior":{"scaleUp":{"stabilizationWindowSeconds":60,"selectPolicy":"Max","policies":[{"type":"Percent","value":50,"periodSeconds":30}],"tolerance":null},"scaleDown":{"stabilizationWindowSeconds":300,"selectPolicy":"Max","policies":[{"type":"Percent","value":10,"periodSeconds":60}],"tolerance":null}}}"#
    )
    #expect(list[1]["autoscaler"]?["behavior"] == .null)

    var off = PlatformScenario.reference
    off.platform.services[1].autoscaler = nil
    guard case .array(let offList) = off.explainedValue["platform"]?["services"] else {
      Issue.record("services should be a plain array")
      return
    }
    #expect(offList[1]["autoscaler"] == .null)
  }

  @Test("autoscalers built in code explain and decode back to an equal scenario")
  func roundTripInCode() throws {
    var scenario = PlatformScenario.reference
    scenario.platform.services[0].autoscaler?.metrics = [
      HPAMetricSpec(resource: .cpu, target: .averageValue(333)),
      HPAMetricSpec(resource: .memory, target: .averageValue(1_000_000_000)),
    ]
    scenario.platform.services[0].autoscaler?.behavior?.scaleDown.tolerance = 0.025
    scenario.platform.services[0].autoscaler?.behavior?.scaleDown.stabilizationWindowSeconds = nil
    scenario.platform.services[1].autoscaler = nil
    scenario.platform.services[1].minReplicas = 1
    var search = ServiceConfiguration(name: "search")
    search.autoscaler = HorizontalPodAutoscalerSpec(maxReplicas: 4)
    search.autoscaler?.metrics = [
      HPAMetricSpec(resource: .cpu, target: .averageUtilization(1_000)),
      HPAMetricSpec(resource: .memory, target: .averageValue(3_072)),
    ]
    search.autoscaler?.behavior = HPABehavior()
    scenario.platform.services.append(search)
    scenario.platform.services[0].calls.append(
      DependencyCall(target: .service("search"), callsPerRequest: 0.1))
    #expect(ScenarioLoader.validationIssues(in: scenario, file: "code").isEmpty)
    let explained = scenario.explainedJSON
    for text in ["333m", "1000000000", "3Ki"] {
      #expect(explained.contains(#""averageValue": "\#(text)""#))
    }
    let back = try ScenarioLoader.decode(explained, file: "explained.json")
    #expect(back == scenario)
    #expect(back.explainedJSON == explained)
  }
}

/// `platform.nodeAutoscaling` and `disruptionBudget` in scenario files.
@Suite struct NodeAutoscalingFormatTests {
  private func load(_ text: String) throws -> PlatformScenario {
    try ScenarioLoader.decode(text, file: "x.json")
  }

  @Test("a new node autoscaler starts from its mode's defaults and overlays the rest")
  func newAutoscalerFromMode() throws {
    let off = try load("""
      {"platform": {"nodeAutoscaling": null}}
      """)
    #expect(off.platform.nodeAutoscaling == nil)
    let reference = try load("{}")
    #expect(reference.platform.nodeAutoscaling?.mode == .karpenter)
    let overlaid = try load("""
      {"platform": {"nodeAutoscaling": {"mode": "clusterAutoscaler", "scanInterval": "20s"}}}
      """)
    #expect(overlaid.platform.nodeAutoscaling?.mode == .clusterAutoscaler)
    #expect(overlaid.platform.nodeAutoscaling?.scanInterval == .seconds(20))
  }

  @Test("switching mode over the reference's Karpenter pool starts from the Cluster Autoscaler's defaults")
  func modeSwitchStartsFromDefaults() throws {
    let switched = try load("""
      {"platform": {"nodeAutoscaling": {"mode": "clusterAutoscaler"}}}
      """)
    #expect(switched.platform.nodeAutoscaling == .clusterAutoscaler)
    #expect(switched.platform.nodeAutoscaling?.provisioningTime.mean == 240)
    // The same mode overlays: the reference's pool settings stay.
    let same = try load("""
      {"platform": {"nodeAutoscaling": {"mode": "karpenter", "consolidateAfter": "5m"}}}
      """)
    #expect(same.platform.nodeAutoscaling?.cpuLimitCores == 10)
    #expect(same.platform.nodeAutoscaling?.provisioningTime.mean == 60)
    #expect(same.platform.nodeAutoscaling?.consolidateAfter == .minutes(5))
    // Fields given with the switch apply on top of the new mode's defaults.
    let tuned = try load("""
      {"platform": {"nodeAutoscaling": {"mode": "clusterAutoscaler", "scaleDownUnneededTime": "5m"}}}
      """)
    #expect(tuned.platform.nodeAutoscaling?.scaleDownUnneededTime == .minutes(5))
    #expect(tuned.platform.nodeAutoscaling?.cpuLimitCores == nil)
  }

  @Test("DaemonSets are a named list over the reference's four, and instance types carry their pod limit")
  func daemonSetsAndPodLimits() throws {
    let reference = try load("{}")
    #expect(reference.platform.daemonSets.map(\.name) == ["aws-node", "kube-proxy", "node-exporter", "promtail"])
    #expect(reference.prices.instances.first { $0.name == "t3.medium" }?.maxPods == 17)
    let changed = try load("""
      {"platform": {"daemonSets": [{"name": "fluent-bit", "cpuRequestMillicores": 500, "memoryRequestMiB": "100Mi"}]},
       "prices": {"instances": [{"name": "t3.medium", "maxPods": 110},
                                {"name": "x1.tiny", "vcpu": 1, "memoryMiB": 512, "onDemandPerHour": 0.01}]}}
      """)
    #expect(changed.platform.daemonSets.count == 5)
    #expect(changed.platform.daemonSets.last?.cpuRequestMillicores == 500)
    #expect(changed.platform.daemonSets.last?.memoryRequestMiB == 100)
    #expect(changed.prices.instances.first { $0.name == "t3.medium" }?.maxPods == 110)
    #expect(changed.prices.instances.first { $0.name == "x1.tiny" }?.maxPods == 110)
    let none = try load("""
      {"platform": {"daemonSets": {"replace": []}}}
      """)
    #expect(none.platform.daemonSets.isEmpty)
    do {
      _ = try load("""
        {"prices": {"instances": [{"name": "t3.medium", "maxPods": 0}]}}
        """)
      Issue.record("expected an error")
    } catch let error as ScenarioIssues {
      #expect("\(error)".contains("prices.instances[0].maxPods"))
    }
    // A node group whose type the DaemonSets fill is an error at the group's instance type.
    do {
      _ = try load("""
        {"prices": {"instances": [{"name": "t3.medium", "maxPods": 4}]}}
        """)
      Issue.record("expected an error")
    } catch let error as ScenarioIssues {
      #expect("\(error)".contains("platform.nodeGroups[0].instanceType"))
      #expect("\(error)".contains("DaemonSet pods"))
    }
  }

  @Test("budgets take an integer or a percentage, and exactly one of the two keys")
  func budgets() throws {
    let scenario = try load("""
      {"platform": {"services": [{"name": "frontend", "disruptionBudget": {"maxUnavailable": "25%"}},
                                 {"name": "backend", "disruptionBudget": {"minAvailable": 2}}]}}
      """)
    #expect(scenario.platform.services[0].disruptionBudget == .maxUnavailable(.percent(25)))
    #expect(scenario.platform.services[1].disruptionBudget == .minAvailable(.count(2)))
    #expect(throws: ScenarioIssues.self) {
      try load("""
        {"platform": {"services": [{"name": "frontend", "disruptionBudget": {"minAvailable": 1, "maxUnavailable": 1}}]}}
        """)
    }
    #expect(throws: ScenarioIssues.self) {
      try load("""
        {"platform": {"services": [{"name": "frontend", "disruptionBudget": {"minAvailable": "x%"}}]}}
        """)
    }
  }

  @Test("an unknown instance type in the pool is reported with its path")
  func unknownInstanceType() {
    do {
      _ = try load("""
        {"platform": {"nodeAutoscaling": {"instanceTypes": ["t9.huge"]}}}
        """)
      Issue.record("expected an error")
    } catch let error as ScenarioIssues {
      #expect("\(error)".contains("platform.nodeAutoscaling.instanceTypes[0]"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
