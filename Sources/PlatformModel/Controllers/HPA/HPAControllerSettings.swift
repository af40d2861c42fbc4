import SimKernel

/// The kube-controller-manager flags that shape every autoscaler (`--horizontal-pod-autoscaler-*`).
///
/// The defaults are upstream's: sync every 15 s, tolerance 0.1, CPU initialization period 5 min,
/// initial readiness delay 30 s, downscale stabilization 5 min. (Upstream's unit tests use a
/// 2 min initialization period and a 10 s readiness delay; ``upstreamTesting`` has those.)
package struct HPAControllerSettings: Sendable, Equatable {
  /// How often each autoscaler is reconciled (`--horizontal-pod-autoscaler-sync-period`).
  package var syncPeriod: SimDuration = .seconds(15)
  /// The usage ratio must leave [1 - tolerance, 1 + tolerance] before anything changes
  /// (`--horizontal-pod-autoscaler-tolerance`).
  package var tolerance: Double = 0.1
  /// After a pod starts, its CPU samples count only once it is ready and a full metric window
  /// has passed since it became ready (`--horizontal-pod-autoscaler-cpu-initialization-period`).
  package var cpuInitializationPeriod: SimDuration = .minutes(5)
  /// An unready pod whose readiness last changed within this long of its start is taken as
  /// never having been ready (`--horizontal-pod-autoscaler-initial-readiness-delay`).
  package var delayOfInitialReadinessStatus: SimDuration = .seconds(30)
  /// The scale-down stabilization window used when a behavior leaves it unset, and by the
  /// legacy path (`--horizontal-pod-autoscaler-downscale-stabilization`).
  package var downscaleStabilizationWindow: SimDuration = .minutes(5)

  /// The upstream defaults.
  package init() {}

  /// The values upstream's replica calculator and controller tests run with: tolerance 0.1,
  /// CPU initialization 2 min, readiness delay 10 s, downscale window 5 min.
  package static var upstreamTesting: HPAControllerSettings {
    var settings = HPAControllerSettings()
    settings.cpuInitializationPeriod = .minutes(2)
    settings.delayOfInitialReadinessStatus = .seconds(10)
    return settings
  }
}
