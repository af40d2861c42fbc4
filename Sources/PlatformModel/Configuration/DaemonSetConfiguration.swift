/// A DaemonSet: one pod on every node, which takes one of the node's pod slots and its
/// requests from the node's allocatable before any service pod is placed.
package struct DaemonSetConfiguration: Sendable, Equatable {
  /// The DaemonSet's name, e.g. `aws-node`.
  package var name: String
  /// CPU its pod requests, in millicores.
  package var cpuRequestMillicores: Int = 0
  /// Memory its pod requests, in MiB.
  package var memoryRequestMiB: Int = 0

  /// A DaemonSet whose pod requests nothing.
  package init(name: String, cpuRequestMillicores: Int = 0, memoryRequestMiB: Int = 0) {
    self.name = name
    self.cpuRequestMillicores = cpuRequestMillicores
    self.memoryRequestMiB = memoryRequestMiB
  }

  /// The reference platform's DaemonSets (TByte's EKS cluster): the VPC CNI (`aws-node`,
  /// requests 25m: its chart's `resources.requests.cpu`), `kube-proxy` (the EKS add-on,
  /// 100m), and the monitoring stack's `node-exporter` (kube-prometheus-stack) and `promtail`
  /// (log shipping), which request nothing. Four pods per node: a t3.medium keeps 13 of its
  /// 17 slots for services.
  package static let reference: [DaemonSetConfiguration] = [
    DaemonSetConfiguration(name: "aws-node", cpuRequestMillicores: 25),
    DaemonSetConfiguration(name: "kube-proxy", cpuRequestMillicores: 100),
    DaemonSetConfiguration(name: "node-exporter"),
    DaemonSetConfiguration(name: "promtail"),
  ]
}

extension Sequence where Element == DaemonSetConfiguration {
  /// What the DaemonSets take from every node: their requests and one pod slot each.
  package var perNode: ResourceAmount {
    reduce(.zero) {
      $0 + ResourceAmount(cpuMillicores: $1.cpuRequestMillicores, memoryMiB: $1.memoryRequestMiB, pods: 1)
    }
  }
}
