extension Karpenter {
  /// An EC2 instance type the pool may launch: its size and its two prices.
  package struct InstanceType: Sendable, Hashable {
    /// The type's name, e.g. `t3.medium`.
    package var name: String
    /// vCPUs in millicores, counted against the pool's CPU limit.
    package var cpuCapacityMillicores: Int
    /// CPU and memory left for pods after the kubelet's reservations.
    package var allocatable: ResourceAmount
    /// On-demand price per hour.
    package var onDemandPerHour: Double
    /// Spot price per hour.
    package var spotPerHour: Double
    /// Whether spot capacity of this type can be had now (false models an insufficient-capacity
    /// error, after which Karpenter falls back to other offerings).
    package var spotAvailable: Bool

    /// Creates an instance type.
    package init(
      name: String, cpuCapacityMillicores: Int, allocatable: ResourceAmount,
      onDemandPerHour: Double, spotPerHour: Double, spotAvailable: Bool = true
    ) {
      self.name = name
      self.cpuCapacityMillicores = cpuCapacityMillicores
      self.allocatable = allocatable
      self.onDemandPerHour = onDemandPerHour
      self.spotPerHour = spotPerHour
      self.spotAvailable = spotAvailable
    }

    /// The price of one offering, `nil` when the pool or the market does not offer it.
    package func price(_ capacityType: PurchaseOption, allowed: Set<PurchaseOption>) -> Double? {
      guard allowed.contains(capacityType) else { return nil }
      switch capacityType {
      case .onDemand: return onDemandPerHour
      case .spot: return spotAvailable ? spotPerHour : nil
      }
    }

    /// The instance types of a price table, spot priced at on-demand times the spot share and
    /// both scaled by the table's region multiplier.
    ///
    /// Allocatable is the full size less `reserved` (the kubelet's kube-reserved and
    /// system-reserved plus the eviction threshold), the same for every type: a simplification of
    /// the per-type formula in karpenter-provider-aws pkg/providers/instancetype.
    ///
    /// - Parameters:
    ///   - table: the prices.
    ///   - reserved: CPU and memory held back from pods on each node.
    package static func catalog(
      from table: PriceTable,
      reserved: ResourceAmount = ResourceAmount(cpuMillicores: 100, memoryMiB: 600)
    ) -> [InstanceType] {
      table.instances.map { entry in
        let onDemand = entry.onDemandPerHour * table.regionMultiplier
        return InstanceType(
          name: entry.name, cpuCapacityMillicores: entry.vcpu * 1000,
          allocatable: ResourceAmount(
            cpuMillicores: entry.vcpu * 1000, memoryMiB: entry.memoryMiB, pods: entry.maxPods)
            - reserved,
          onDemandPerHour: onDemand, spotPerHour: onDemand * table.spotShareOfOnDemand)
      }
    }
  }
}
