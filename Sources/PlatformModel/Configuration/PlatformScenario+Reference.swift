import SimKernel

extension PlatformScenario {
  /// The built-in reference scenario: the TByte production platform (../shared/reference/
  /// platform-facts.md) under a normal month of traffic, with no injected faults.
  ///
  /// Settings taken from TByte: eu-central-1 with 3 zones and one NAT gateway in zone a;
  /// t3.medium on-demand nodes, min 2 / desired 3 / max 10; frontend requests 100m / 128Mi,
  /// limits 500m / 256Mi, 5-10 replicas; backend requests 200m / 256Mi, limits 1000m / 512Mi,
  /// 2-15 replicas; no topology spread; RDS PostgreSQL db.t3.small Multi-AZ; Redis 2 x
  /// cache.t3.micro with automatic failover; ALB defaults; SLO 99.9 %, p95 < 500 ms.
  /// Workload figures (CPU per request, latencies, traffic) are this project's assumptions,
  /// chosen to give TByte's claimed 15 % CPU utilisation at the mean rate.
  package static var reference: PlatformScenario {
    var frontend = ServiceConfiguration(name: "frontend")
    frontend.cpuRequestMillicores = 100
    frontend.memoryRequestMiB = 128
    frontend.cpuLimitMillicores = 500
    frontend.memoryLimitMiB = 256
    frontend.replicas = 5
    frontend.minReplicas = 5
    frontend.maxReplicas = 10
    frontend.cpuSecondsPerRequest = 0.001
    frontend.baseLatency = .milliseconds(2)
    frontend.concurrencyPerPod = 8
    frontend.memoryWorkingSetMiB = 60
    frontend.timeout = .seconds(60)
    frontend.readinessProbe.period = .seconds(5)
    frontend.calls = [DependencyCall(target: .service("backend"), callsPerRequest: 0.5)]
    // TByte's frontend HPA: 5-10 replicas at CPU 70 % / memory 80 %, with its own behavior.
    frontend.autoscaler = HorizontalPodAutoscalerSpec(
      minReplicas: 5, maxReplicas: 10,
      metrics: [
        HPAMetricSpec(resource: .cpu, target: .averageUtilization(70)),
        HPAMetricSpec(resource: .memory, target: .averageUtilization(80)),
      ],
      behavior: HPABehavior(
        scaleUp: HPAScalingRules(
          stabilizationWindowSeconds: 60, selectPolicy: .max,
          policies: [HPAScalingPolicy(type: .percent, value: 50, periodSeconds: 30)]),
        scaleDown: HPAScalingRules(
          stabilizationWindowSeconds: 300, selectPolicy: .max,
          policies: [HPAScalingPolicy(type: .percent, value: 10, periodSeconds: 60)])))

    // TByte's PodDisruptionBudgets: minAvailable 1 for both workloads.
    frontend.disruptionBudget = .minAvailable(.count(1))
    frontend.delivery = .tbyteCanary

    var backend = ServiceConfiguration(name: "backend")
    backend.cpuRequestMillicores = 200
    backend.memoryRequestMiB = 256
    backend.cpuLimitMillicores = 1_000
    backend.memoryLimitMiB = 512
    backend.replicas = 2
    backend.minReplicas = 2
    backend.maxReplicas = 15
    backend.cpuSecondsPerRequest = 0.004
    backend.baseLatency = .milliseconds(10)
    backend.concurrencyPerPod = 16
    // Node.js runs a request's JavaScript on one event-loop thread: at most one core.
    backend.cpuThreads = 1
    backend.memoryWorkingSetMiB = 150
    backend.timeout = .seconds(30)
    backend.egressCallsPerRequest = 0.05
    backend.calls = [
      DependencyCall(target: .cache, callsPerRequest: 1),
      DependencyCall(target: .database, callsPerRequest: 0.2),
    ]
    // TByte's backend HPA: 2-15 replicas at CPU 70 % / memory 80 %, no `behavior:` stanza.
    backend.disruptionBudget = .minAvailable(.count(1))
    backend.autoscaler = HorizontalPodAutoscalerSpec(
      minReplicas: 2, maxReplicas: 15,
      metrics: [
        HPAMetricSpec(resource: .cpu, target: .averageUtilization(70)),
        HPAMetricSpec(resource: .memory, target: .averageUtilization(80)),
      ])

    let zones = ["eu-central-1a", "eu-central-1b", "eu-central-1c"]
    var platform = PlatformConfiguration(
      region: "eu-central-1", zones: zones, natGateways: .single(zone: "eu-central-1a"),
      nodeGroups: [
        NodeGroupConfiguration(
          name: "general", instanceType: "t3.medium", purchase: .onDemand, minNodes: 2,
          desiredNodes: 3, maxNodes: 10, zones: [])
      ],
      services: [frontend, backend], loadBalancer: LoadBalancerConfiguration(),
      database: DatabaseConfiguration(), cache: CacheConfiguration())
    // TByte's Karpenter NodePool beside the managed group: spot and on-demand, 10 vCPU,
    // consolidation after 1 minute.
    platform.nodeAutoscaling = .karpenter(instanceTypes: ["t3.medium", "t3.large", "m5.large"])
    return PlatformScenario(
      name: "reference", seed: 1, horizon: .days(30), flowStep: .minutes(1),
      reportingInterval: .minutes(1), platform: platform, traffic: TrafficConfiguration(),
      faults: [], objectives: ServiceLevelObjectives(), alerting: AlertingConfiguration(),
      prices: PriceTable())
  }
}
