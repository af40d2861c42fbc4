import SimKernel

extension ClusterAutoscaler {
  /// Whether nodes requested at `requestedAt` and still not registered count as a failed
  /// scale-up at `now` (`--max-node-provision-time`).
  ///
  /// Upstream then stops counting them as upcoming, lowers the group's target size by the
  /// missing nodes and backs the group off (see ``backoff(afterConsecutiveFailures:settings:)``).
  package static func hasProvisioningTimedOut(
    requestedAt: SimTime, now: SimTime, settings: Settings
  ) -> Bool {
    now - requestedAt > settings.maxNodeProvisionTime
  }

  /// How long a group sits out of scale-up after its `failures`-th failed scale-up in a row.
  ///
  /// Exponential back-off: the initial duration doubled for each further failure, capped at the
  /// maximum (utils/backoff/exponential_backoff.go; 5 min, 10, 20, 30, 30, ...).
  ///
  /// - Precondition: `failures >= 1`.
  package static func backoff(afterConsecutiveFailures failures: Int, settings: Settings)
    -> SimDuration
  {
    precondition(failures >= 1, "no failure to back off from")
    var duration = settings.initialNodeGroupBackoff
    for _ in 1..<failures {
      duration = duration * 2
      if duration >= settings.maxNodeGroupBackoff { return settings.maxNodeGroupBackoff }
    }
    return min(duration, settings.maxNodeGroupBackoff)
  }
}
