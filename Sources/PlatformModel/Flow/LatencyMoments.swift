/// The first three cumulants of a time (mean, variance, third central moment), in seconds,
/// seconds² and seconds³.
///
/// Cumulants add over independent sums and a constant moves only the mean, so a request's
/// time built from independent stages (its own wait and CPU, each downstream call) is the sum
/// of theirs. Mixtures (a call made by some requests only, two revision groups) are taken about
/// the mixture's mean, so nothing cancels. The flow uses them to carry the spread of the
/// callees' response times into their callers' (see ``PodQueue``).
package struct LatencyMoments: Sendable, Equatable {
  /// `E[T]`.
  package var mean: Double
  /// `E[(T - E[T])²]`.
  package var variance: Double
  /// `E[(T - E[T])³]`.
  package var thirdCentralMoment: Double

  /// The moments of a time with these cumulants.
  package init(mean: Double, variance: Double, thirdCentralMoment: Double) {
    self.mean = mean
    self.variance = variance
    self.thirdCentralMoment = thirdCentralMoment
  }

  /// A time that is always `seconds`.
  package init(constant seconds: Double) {
    self.init(mean: seconds, variance: 0, thirdCentralMoment: 0)
  }

  /// The moments of a time whose raw moments are `E[T]`, `E[T²]`, `E[T³]`.
  package init(rawMoments m1: Double, _ m2: Double, _ m3: Double) {
    let variance = max(0, m2 - m1 * m1)
    self.init(
      mean: m1, variance: variance, thirdCentralMoment: m3 - 3 * m1 * variance - m1 * m1 * m1)
  }

  /// Zero, always.
  package static let zero = LatencyMoments(constant: 0)

  /// `E[T²]`.
  package var secondRawMoment: Double { variance + mean * mean }
  /// `E[T³]`.
  package var thirdRawMoment: Double {
    thirdCentralMoment + 3 * mean * variance + mean * mean * mean
  }
  /// The squared coefficient of variation, `Var/E²` (0 for a zero mean).
  package var squaredCoefficientOfVariation: Double { mean > 0 ? variance / (mean * mean) : 0 }

  /// The sum of two independent times: cumulants add.
  package static func + (left: LatencyMoments, right: LatencyMoments) -> LatencyMoments {
    LatencyMoments(
      mean: left.mean + right.mean, variance: left.variance + right.variance,
      thirdCentralMoment: left.thirdCentralMoment + right.thirdCentralMoment)
  }

  /// This time plus `seconds`.
  package func shifted(by seconds: Double) -> LatencyMoments {
    LatencyMoments(mean: mean + seconds, variance: variance, thirdCentralMoment: thirdCentralMoment)
  }

  /// The sum of `count` independent copies of this time.
  package func repeated(_ count: Double) -> LatencyMoments {
    LatencyMoments(
      mean: count * mean, variance: count * variance,
      thirdCentralMoment: count * thirdCentralMoment)
  }

  /// The total time of `calls` calls on average, each taking this time: `⌊calls⌋` calls, and
  /// one more for a share `calls - ⌊calls⌋` of the requests.
  ///
  /// - Precondition: `calls >= 0`.
  package func calls(_ calls: Double) -> LatencyMoments {
    precondition(calls >= 0, "a negative number of calls")
    let whole = calls.rounded(.down)
    let extra = calls - whole
    guard extra > 0 else { return repeated(whole) }
    return Self.mixture(repeated(whole), weight: 1 - extra, repeated(whole + 1), weight: extra)
  }

  /// The mixture taking `first` with weight `w1` and `second` with weight `w2` (not both 0).
  package static func mixture(
    _ first: LatencyMoments, weight w1: Double, _ second: LatencyMoments, weight w2: Double
  ) -> LatencyMoments {
    var mixture = Mixture()
    mixture.add(first, weight: w1)
    mixture.add(second, weight: w2)
    return mixture.moments
  }

  /// A weighted mixture of times built one component at a time.
  ///
  /// Each component is merged with Pébay's exact pairwise update of central moments (Pébay,
  /// "Formulas for robust, one-pass parallel computation of covariances and arbitrary-order
  /// statistical moments", Sandia report SAND2008-6212), so the mixture's moments are taken
  /// about its own mean and nothing cancels.
  package struct Mixture: Sendable {
    /// The weight so far.
    private(set) var weight = 0.0
    /// The mixture so far.
    private var current = LatencyMoments.zero

    /// An empty mixture.
    package init() {}

    /// Adds `moments` with `weight` (ignored when not positive).
    package mutating func add(_ moments: LatencyMoments, weight w: Double) {
      guard w > 0 else { return }
      guard weight > 0 else {
        (current, weight) = (moments, w)
        return
      }
      let total = weight + w
      let (p, q) = (weight / total, w / total)
      let delta = moments.mean - current.mean
      let mean = current.mean + q * delta
      let variance = p * current.variance + q * moments.variance + p * q * delta * delta
      let third =
        p * current.thirdCentralMoment + q * moments.thirdCentralMoment
        + p * q * (p - q) * delta * delta * delta
        + 3 * p * q * delta * (moments.variance - current.variance)
      current = LatencyMoments(mean: mean, variance: max(0, variance), thirdCentralMoment: third)
      weight = total
    }

    /// Whether nothing was added.
    package var isEmpty: Bool { weight == 0 }

    /// The mixture's moments (zero when empty).
    package var moments: LatencyMoments { current }
  }
}
