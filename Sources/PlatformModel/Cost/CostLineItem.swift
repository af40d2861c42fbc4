/// One priced line of a ``CostBreakdown``: how much of something was used, at what price.
package struct CostLineItem: Sendable, Equatable {
  /// The group it belongs to.
  package var category: CostCategory
  /// What within the group: `t3.medium/on-demand`, `db.t3.small/multi-AZ`, `cache.t3.micro`,
  /// `hours`, `capacity-units`, `data`; empty when the category has a single line.
  package var detail: String
  /// The amount used, in ``unit``s.
  package var quantity: Double
  /// The unit of ``quantity``: `cluster-hours`, `node-hours`, `instance-hours`, `hours`,
  /// `LCU-hours`, `gateway-hours` or `GB`.
  package var unit: String
  /// Dollars per unit, region-adjusted (and spot- or Multi-AZ-adjusted where that applies).
  package var unitPrice: Double
  /// `quantity * unitPrice`.
  package var dollars: Double { quantity * unitPrice }

  /// Creates a line item.
  package init(
    category: CostCategory, detail: String, quantity: Double, unit: String, unitPrice: Double
  ) {
    self.category = category
    self.detail = detail
    self.quantity = quantity
    self.unit = unit
    self.unitPrice = unitPrice
  }

  /// `category` alone, or `category/detail`: `nodes/t3.medium/on-demand`.
  package var name: String { detail.isEmpty ? category.rawValue : "\(category.rawValue)/\(detail)" }
}
