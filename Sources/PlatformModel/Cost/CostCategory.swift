/// The groups a cost breakdown's line items fall into, in report order.
package enum CostCategory: String, Sendable, Equatable, CaseIterable {
  /// The EKS control plane.
  case controlPlane
  /// Worker nodes, one line item per instance type and purchase option.
  case nodes
  /// The RDS instance, one line item per class and Multi-AZ setting.
  case database
  /// ElastiCache nodes, one line item per node type.
  case cache
  /// The application load balancer: hours and capacity units.
  case loadBalancer
  /// NAT gateways: hours and data processed.
  case natGateways
  /// Data sent between availability zones.
  case interZoneTransfer
}
