/// The variants that are worth their cost: those no other variant beats on both monthly cost
/// (lower is better) and availability (higher is better).
///
/// **Dominance.** Point *a* dominates *b* when `a.monthlyCostUSD <= b.monthlyCostUSD`,
/// `a.availability >= b.availability`, and at least one of the two is strict. A point is on
/// the frontier when nothing dominates it.
///
/// **Ties**, decided by that definition alone, so the answer does not depend on the order of
/// the points:
/// - equal cost, different availability: only the more available is on the frontier;
/// - equal availability, different cost: only the cheaper is on the frontier;
/// - exact duplicates (equal cost and equal availability) do not dominate each other: either
///   all of them are on the frontier or none is.
///
/// `availability` may be any probability to maximise, such as the probability of meeting an
/// SLO (``ProportionInterval/estimate``). `-0.0` and `0.0` are equal.
package struct ParetoFrontier: Equatable, Sendable {
  /// One variant's outcome.
  package struct Point: Hashable, Sendable {
    /// Monthly cost in US dollars; lower is better.
    package var monthlyCostUSD: Double
    /// Availability or SLO-meeting probability; higher is better.
    package var availability: Double

    /// A point.
    package init(monthlyCostUSD: Double, availability: Double) {
      self.monthlyCostUSD = monthlyCostUSD
      self.availability = availability
    }

    /// Whether `self` dominates `other` (see ``ParetoFrontier``).
    package func dominates(_ other: Point) -> Bool {
      monthlyCostUSD <= other.monthlyCostUSD && availability >= other.availability
        && (monthlyCostUSD < other.monthlyCostUSD || availability > other.availability)
    }
  }

  /// The points, in the order given.
  package let points: [Point]
  /// Whether `points[i]` is on the frontier.
  package let isOnFrontier: [Bool]

  /// The frontier of `points`.
  ///
  /// - Precondition: no coordinate is NaN.
  /// - Complexity: O(*n* log *n*): one sort by cost, then one pass.
  package init(_ points: [Point]) {
    for point in points {
      precondition(
        !point.monthlyCostUSD.isNaN && !point.availability.isNaN,
        "ParetoFrontier: coordinates must not be NaN")
    }
    self.points = points
    let order = points.indices.sorted { points[$0].monthlyCostUSD < points[$1].monthlyCostUSD }
    var onFrontier = [Bool](repeating: false, count: points.count)
    // The best availability among strictly cheaper points.
    var bestCheaper = -Double.infinity
    var start = 0
    while start < order.count {
      let cost = points[order[start]].monthlyCostUSD
      var end = start
      var bestHere = -Double.infinity
      while end < order.count && points[order[end]].monthlyCostUSD == cost {
        bestHere = max(bestHere, points[order[end]].availability)
        end += 1
      }
      if bestHere > bestCheaper {
        for k in start..<end where points[order[k]].availability == bestHere {
          onFrontier[order[k]] = true
        }
      }
      bestCheaper = max(bestCheaper, bestHere)
      start = end
    }
    isOnFrontier = onFrontier
  }

  /// The indices of the points on the frontier, by ascending cost (hence ascending
  /// availability), duplicates by ascending index.
  package var frontierIndices: [Int] {
    points.indices.filter { isOnFrontier[$0] }.sorted {
      (points[$0].monthlyCostUSD, $0) < (points[$1].monthlyCostUSD, $1)
    }
  }
}
