/// The median, 95th and 99th percentile of one reporting interval's latency, in seconds.
struct LatencyQuantiles: Sendable, Equatable {
  /// The probabilities, ascending: 0.5, 0.95 and 0.99.
  static let count = 3
  /// 50th percentile, seconds.
  var p50 = 0.0
  /// 95th percentile, seconds.
  var p95 = 0.0
  /// 99th percentile, seconds.
  var p99 = 0.0

  /// The probability of quantile `index` (0, 1 or 2).
  static func probability(_ index: Int) -> Double {
    switch index {
    case 0: 0.5
    case 1: 0.95
    default: 0.99
    }
  }

  /// Quantile `index` (0, 1 or 2), in the order of ``probability(_:)``.
  subscript(index: Int) -> Double {
    get {
      switch index {
      case 0: p50
      case 1: p95
      default: p99
      }
    }
    set {
      switch index {
      case 0: p50 = newValue
      case 1: p95 = newValue
      default: p99 = newValue
      }
    }
  }
}
