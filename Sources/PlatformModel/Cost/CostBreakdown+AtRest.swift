import SimKernel

extension CostBreakdown {
  /// The fixed hourly cost of `platform` at rest: every component up, each node group at its
  /// desired size, no traffic (see ``CostLedger/init(atRest:duration:)``).
  ///
  /// ``perHour`` is the expected hourly cost and ``perMonth`` the 30-day figure. Traffic-driven
  /// charges (LCUs, NAT data, inter-zone transfer) are zero lines; add them from a run's ledger.
  ///
  /// - Precondition: every name in `platform` has a price in `prices`
  ///   (``PriceTable/missingPrices(for:)`` is empty).
  package init(atRest platform: PlatformConfiguration, prices: PriceTable) {
    self.init(
      ledger: CostLedger(atRest: platform, duration: .hours(1)), prices: prices,
      elapsed: .hours(1))
  }
}
