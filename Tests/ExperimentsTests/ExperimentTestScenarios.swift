import PlatformModel
import Scenarios

/// Small scenarios whose replications run in milliseconds in a debug build.
enum ExperimentTestScenarios {
  /// One backend pod that calls the single-AZ database once per request and the internet once
  /// (through the single NAT gateway), under a flat 10 requests/s, with no alert rules (so no
  /// operator ever cuts a fault short) and coarse reporting. A request fails exactly while the
  /// database or the NAT gateway is down, so availability has a closed form.
  ///
  /// - Parameters:
  ///   - horizon: the run's length.
  ///   - recovery: the database's single-AZ recovery time distribution, JSON.
  ///   - faults: the `faults` array, JSON.
  static func closedForm(horizon: String = "20d", recovery: String, faults: String) -> String {
    """
    {
      "name": "closed-form",
      "horizon": "\(horizon)",
      "flowStep": "1d",
      "reportingInterval": "1d",
      "platform": {
        "natGateways": {"layout": "single", "zone": "eu-central-1a"},
        "nodeAutoscaling": null,
        "nodeGroups": [{"name": "general", "minNodes": 1, "desiredNodes": 1, "maxNodes": 1,
                        "zones": ["eu-central-1a"]}],
        "services": {"replace": [{"name": "backend", "replicas": 1, "minReplicas": 1,
          "maxReplicas": 1, "readinessProbe": {"period": "1d"}, "egressCallsPerRequest": 1,
          "calls": [{"target": "database", "callsPerRequest": 1}]}]},
        "loadBalancer": {"healthCheckInterval": "1d"},
        "database": {"multiAZ": false, "singleAZRecoveryTime": \(recovery)},
        "cache": {"enabled": false}
      },
      "traffic": {"baseRequestsPerSecond": 10, "peakToTroughRatio": 1, "weekendFactor": 1,
                  "routes": [{"service": "backend", "share": 1}]},
      "alerting": {"rules": {"replace": []}, "evaluationInterval": "1d"},
      "faults": \(faults)
    }
    """
  }

  /// Two redundant backend pods, one on each of two single-node groups in different zones,
  /// behind the ALB; each pod's CPU request leaves no room for a second pod on a node, so a pod
  /// whose node fails stays Pending until that node is back. A node failure is noticed by the
  /// ALB's health checks within seconds (5 s checks), after which the other pod serves all
  /// requests: requests fail (apart from those seconds) exactly while both nodes are down. The
  /// two groups' `nodeFailure` faults (`faults`, JSON) use different random streams.
  static func redundantPair(horizon: String = "20d", faults: String) -> String {
    """
    {
      "name": "redundant-pair",
      "horizon": "\(horizon)",
      "flowStep": "1d",
      "reportingInterval": "1d",
      "platform": {
        "natGateways": {"layout": "none"},
        "nodeAutoscaling": null,
        "nodeGroups": {"replace": [
          {"name": "a", "instanceType": "t3.medium", "minNodes": 1, "desiredNodes": 1,
           "maxNodes": 1, "zones": ["eu-central-1a"]},
          {"name": "b", "instanceType": "t3.medium", "minNodes": 1, "desiredNodes": 1,
           "maxNodes": 1, "zones": ["eu-central-1b"]}]},
        "services": {"replace": [{"name": "backend", "replicas": 2, "minReplicas": 2,
          "maxReplicas": 2, "cpuRequestMillicores": 1500, "cpuLimitMillicores": 1500,
          "readinessProbe": {"period": "5s"}, "egressCallsPerRequest": 0, "calls": []}]},
        "loadBalancer": {"healthCheckInterval": "5s", "healthCheckTimeout": "2s"},
        "cache": {"enabled": false}
      },
      "traffic": {"baseRequestsPerSecond": 10, "peakToTroughRatio": 1, "weekendFactor": 1,
                  "routes": [{"service": "backend", "share": 1}]},
      "alerting": {"rules": {"replace": []}, "evaluationInterval": "1d"},
      "faults": \(faults)
    }
    """
  }

  /// Database failures every 2 days on average (exponential), each down for an exponential
  /// 6 hours on average.
  static let databaseFailures = closedForm(
    recovery: #"{"exponential": {"mean": "6h"}}"#,
    faults: """
      [{"kind": "databaseFailure", "timeBetweenFailures": {"exponential": {"mean": "2d"}},
        "repairTime": {"constant": 0}}]
      """)

  /// `text` decoded.
  static func scenario(_ text: String) throws -> PlatformScenario {
    try ScenarioLoader.decode(text, file: "test.json", baseDirectory: ".")
  }
}
