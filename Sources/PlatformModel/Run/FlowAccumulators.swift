/// The flow integrated over a stretch of time: a whole run's totals, or one reporting
/// interval's sums.
package struct RunTotals: Sendable {
  /// Seconds integrated.
  package var seconds = 0.0
  /// Requests offered.
  package var requests = 0.0
  /// Requests failed.
  package var failed = 0.0
  /// Of the failed requests, those lost to too little pod capacity (unserved demand).
  package var unserved = 0.0
  /// Failed requests by ``FailureCause``.
  package var failedByCause = [Double](repeating: 0, count: FailureCause.allCases.count)
  /// Core-seconds used, requested and available.
  package var cpuUsedCoreSeconds = 0.0
  package var cpuRequestedCoreSeconds = 0.0
  package var cpuCapacityCoreSeconds = 0.0
  /// MiB-seconds used, requested and available.
  package var memoryUsedMiBSeconds = 0.0
  package var memoryRequestedMiBSeconds = 0.0
  package var memoryCapacityMiBSeconds = 0.0
  /// Gigabytes through the load balancer, the NAT gateways and between zones.
  package var processedGB = 0.0
  package var natGB = 0.0
  package var interZoneGB = 0.0
  /// Reporting intervals, and those that met the objectives.
  package var intervals = 0
  package var goodIntervals = 0

  /// Zeroes every figure, as a fresh value has them, reusing the storage of `failedByCause`.
  ///
  /// Lists every stored property: keep it in step with them.
  mutating func clear() {
    seconds = 0
    requests = 0
    failed = 0
    unserved = 0
    for cause in failedByCause.indices { failedByCause[cause] = 0 }
    cpuUsedCoreSeconds = 0
    cpuRequestedCoreSeconds = 0
    cpuCapacityCoreSeconds = 0
    memoryUsedMiBSeconds = 0
    memoryRequestedMiBSeconds = 0
    memoryCapacityMiBSeconds = 0
    processedGB = 0
    natGB = 0
    interZoneGB = 0
    intervals = 0
    goodIntervals = 0
  }

  /// Adds `seconds` of `flow`.
  mutating func add(_ flow: FlowSnapshot, seconds: Double) {
    self.seconds += seconds
    requests += flow.offeredPerSecond * seconds
    failed += flow.failedPerSecond * seconds
    unserved += flow.unservedPerSecond * seconds
    for cause in failedByCause.indices { failedByCause[cause] += flow.failedByCause[cause] * seconds }
    cpuUsedCoreSeconds += flow.cpuUsedCores * seconds
    cpuRequestedCoreSeconds += flow.cpuRequestedCores * seconds
    cpuCapacityCoreSeconds += flow.cpuCapacityCores * seconds
    memoryUsedMiBSeconds += flow.memoryUsedMiB * seconds
    memoryRequestedMiBSeconds += flow.memoryRequestedMiB * seconds
    memoryCapacityMiBSeconds += flow.memoryCapacityMiB * seconds
    processedGB += flow.processedGBPerSecond * seconds
    natGB += flow.natGBPerSecond * seconds
    interZoneGB += flow.interZoneGBPerSecond * seconds
  }
}
