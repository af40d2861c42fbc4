/// An amount of CPU, memory and pod slots: a pod's requests, a node's allocatable or its free
/// room.
///
/// Pod slots are a resource as in Kubernetes (`allocatable.pods`, checked by the scheduler's
/// NodeResourcesFit filter and by both node autoscalers' packing): a pod takes one, a node
/// offers its instance type's `maxPods` less its DaemonSet pods. Amounts built without `pods`
/// (the controllers' upstream test cases) have none and need none.
package struct ResourceAmount: Sendable, Hashable, CustomStringConvertible {
  /// CPU in millicores (1000 = one vCPU).
  package var cpuMillicores: Int
  /// Memory in MiB.
  package var memoryMiB: Int
  /// Pod slots.
  package var pods: Int

  /// Creates an amount.
  package init(cpuMillicores: Int, memoryMiB: Int, pods: Int = 0) {
    self.cpuMillicores = cpuMillicores
    self.memoryMiB = memoryMiB
    self.pods = pods
  }

  /// No CPU, no memory, no pod slots.
  package static let zero = ResourceAmount(cpuMillicores: 0, memoryMiB: 0)

  /// Whether this amount fits in `room`, dimension by dimension.
  package func fits(in room: ResourceAmount) -> Bool {
    cpuMillicores <= room.cpuMillicores && memoryMiB <= room.memoryMiB && pods <= room.pods
  }

  /// The sum, dimension by dimension.
  package static func + (a: ResourceAmount, b: ResourceAmount) -> ResourceAmount {
    ResourceAmount(
      cpuMillicores: a.cpuMillicores + b.cpuMillicores, memoryMiB: a.memoryMiB + b.memoryMiB,
      pods: a.pods + b.pods)
  }

  /// The difference, dimension by dimension; may be negative.
  package static func - (a: ResourceAmount, b: ResourceAmount) -> ResourceAmount {
    ResourceAmount(
      cpuMillicores: a.cpuMillicores - b.cpuMillicores, memoryMiB: a.memoryMiB - b.memoryMiB,
      pods: a.pods - b.pods)
  }

  /// Adds `b` in place.
  package static func += (a: inout ResourceAmount, b: ResourceAmount) { a = a + b }

  /// Subtracts `b` in place.
  package static func -= (a: inout ResourceAmount, b: ResourceAmount) { a = a - b }

  /// `n` times this amount.
  package static func * (a: ResourceAmount, n: Int) -> ResourceAmount {
    ResourceAmount(cpuMillicores: a.cpuMillicores * n, memoryMiB: a.memoryMiB * n, pods: a.pods * n)
  }

  /// The larger of the CPU and memory shares this amount takes of `total`.
  ///
  /// This is Cluster Autoscaler's node utilization (simulator/utilization/info.go: the maximum
  /// of the CPU and memory utilization, each the sum of requests over allocatable).
  ///
  /// - Precondition: both dimensions of `total` are positive.
  package func utilization(of total: ResourceAmount) -> Double {
    precondition(total.cpuMillicores > 0 && total.memoryMiB > 0, "empty allocatable")
    return max(
      Double(cpuMillicores) / Double(total.cpuMillicores),
      Double(memoryMiB) / Double(total.memoryMiB))
  }

  /// `"500m/1024Mi"`.
  package var description: String { "\(cpuMillicores)m/\(memoryMiB)Mi" }
}

extension Sequence where Element == ResourceAmount {
  /// The sum of the amounts.
  package func total() -> ResourceAmount { reduce(.zero, +) }
}
