import SimKernel

/// Closed-form steady-state availability of components and of series and parallel
/// arrangements of independent components, to check simulated availability against.
///
/// A component that works for a mean time between failures (MTBF, the mean up time) and is
/// then repaired in a mean time to repair (MTTR) is up a fraction MTBF/(MTBF + MTTR) of the
/// time in the long run, whatever the two distributions (renewal-reward theorem). Components
/// that fail and are repaired independently combine as:
/// - series (all needed): A = ∏ aᵢ;
/// - parallel (any one suffices): A = 1 − ∏ (1 − aᵢ).
package enum Availability {
  /// MTBF/(MTBF + MTTR), where MTBF is the mean up time between repairs.
  ///
  /// - Precondition: `meanTimeBetweenFailures > .zero`, `meanTimeToRepair >= .zero`.
  /// - Complexity: O(1).
  package static func steadyState(
    meanTimeBetweenFailures: SimDuration, meanTimeToRepair: SimDuration
  ) -> Double {
    precondition(meanTimeBetweenFailures > .zero, "Availability: MTBF must be positive")
    precondition(meanTimeToRepair >= .zero, "Availability: MTTR must not be negative")
    let up = Double(meanTimeBetweenFailures.microseconds)
    return up / (up + Double(meanTimeToRepair.microseconds))
  }

  /// The availability of components all of which must be up: ∏ aᵢ; 1 for none.
  ///
  /// - Precondition: every availability is in [0, 1].
  /// - Complexity: O(*n*).
  package static func series(_ availabilities: some Sequence<Double>) -> Double {
    availabilities.reduce(1) { product, a in
      precondition(a >= 0 && a <= 1, "Availability: \(a) is not in [0, 1]")
      return product * a
    }
  }

  /// The availability of redundant components any one of which suffices: 1 − ∏ (1 − aᵢ);
  /// 0 for none.
  ///
  /// - Precondition: every availability is in [0, 1].
  /// - Complexity: O(*n*).
  package static func parallel(_ availabilities: some Sequence<Double>) -> Double {
    1
      - availabilities.reduce(1) { product, a in
        precondition(a >= 0 && a <= 1, "Availability: \(a) is not in [0, 1]")
        return product * (1 - a)
      }
  }
}
