/// A count of pods given either as a number or as a whole percentage of some total.
///
/// Kubernetes writes these as `intstr.IntOrString`: `1` or `"25%"`. Percentages are whole
/// numbers, as upstream parses them (`"33.3%"` is rejected there).
package enum IntOrPercent: Sendable, Hashable, CustomStringConvertible {
  /// An absolute number.
  case count(Int)
  /// A whole percentage of a total, e.g. `percent(25)` for `"25%"`.
  case percent(Int)

  /// The value against `total`: a count as is, a percentage scaled and rounded.
  ///
  /// Mirrors `intstr.GetScaledValueFromIntOrPercent` (k8s.io/apimachinery util/intstr): the
  /// percentage is `ceil(p * total / 100)` when `roundingUp`, otherwise `floor(p * total / 100)`.
  /// The disruption controller calls it with `roundingUp: true` for both `minAvailable` and
  /// `maxUnavailable` (pkg/controller/disruption/disruption.go, `getExpectedPodCount`).
  ///
  /// - Parameters:
  ///   - total: what a percentage is of; ignored for a count.
  ///   - roundingUp: whether a fractional result rounds up.
  /// - Returns: the absolute value.
  /// - Precondition: `total >= 0` and a percentage is not negative.
  package func scaled(against total: Int, roundingUp: Bool) -> Int {
    switch self {
    case .count(let n):
      return n
    case .percent(let p):
      precondition(total >= 0 && p >= 0, "negative percentage or total")
      let product = p * total
      return roundingUp ? (product + 99) / 100 : product / 100
    }
  }

  /// `3` or `"25%"`, as written in a manifest.
  package var description: String {
    switch self {
    case .count(let n): "\(n)"
    case .percent(let p): "\(p)%"
    }
  }
}
