import SimKernel

/// Releases and how they roll out: per service its rollout state, each revision's quality and
/// the router's weight; the release records; the releases whose failures are being counted;
/// the per-revision-group figures analysis measures; and the delivery's random streams.
///
/// `delivery[s]` is service `s`'s ``DeliveryState``. Flow group `2 × s + k` is service `s`'s
/// new revision (`k = 1`, while a release is in progress) or everything else (`k = 0`).
struct Delivery: Sendable {
  /// Per service: its rollout state.
  private var states: PerService<DeliveryState>
  /// Per service, per revision: the revision's quality (revision 0 is the starting one).
  var revisionQuality: PerService<[ReleaseQuality]>
  /// Every release so far.
  var releases = ReleaseLog()
  /// Per release (by index): its service.
  var releaseService: [ServiceID] = []
  /// The releases whose failures are being counted.
  var activeReleases: [ReleaseID] = []
  /// For a rollback release: the release it undoes.
  var rollbackOf: [ReleaseID: ReleaseID] = [:]
  /// Release arrivals and their quality (`releases`), GitOps sync delays (`releases.gitops`)
  /// and analysis measurement noise (`releases.analysis`).
  var releaseStream: RandomStream
  var gitOpsStream: RandomStream
  var analysisStream: RandomStream
  /// Per service: the router's weight for the new revision (`nil`: no router, traffic follows
  /// pod counts).
  var routedWeight: PerService<Double?>
  /// Per revision group: how its revision changes the flow, and the requests, failures, CPU
  /// core-seconds and pod-seconds integrated so far (for analysis).
  var revisionEffects: [RevisionEffects]
  private(set) var groupRequests: [Double]
  private(set) var groupFailed: [Double]
  private(set) var groupCPUSeconds: [Double]
  private(set) var groupPodSeconds: [Double]

  /// No release yet for `serviceCount` services; streams from `streams`.
  init(serviceCount: Int, streams: RandomStreams) {
    states = PerService(repeating: DeliveryState(), count: serviceCount)
    revisionQuality = PerService(repeating: [.good], count: serviceCount)
    releaseStream = streams.stream(named: "releases")
    gitOpsStream = streams.stream(named: "releases.gitops")
    analysisStream = streams.stream(named: "releases.analysis")
    routedWeight = PerService(repeating: nil, count: serviceCount)
    revisionEffects = Array(repeating: RevisionEffects(), count: 2 * serviceCount)
    groupRequests = Array(repeating: 0, count: 2 * serviceCount)
    groupFailed = groupRequests
    groupCPUSeconds = groupRequests
    groupPodSeconds = groupRequests
  }

  /// Adds `seconds` of a flow step to the releases being counted: `failed` requests to each,
  /// and each revision group's requests, failures, CPU core-seconds and pod-seconds.
  mutating func addFlow(_ groups: [RevisionGroupFlow], failed: Double, seconds: Double) {
    for release in activeReleases { releases[release].failedRequests += failed }
    for k in groupRequests.indices {
      let group = groups[k]
      groupRequests[k] += group.arrival * seconds
      groupFailed[k] += group.arrival * group.failure * seconds
      groupCPUSeconds[k] += group.cpuPerPod * Double(group.live) * seconds
      groupPodSeconds[k] += Double(group.live) * seconds
    }
  }

  /// Records that `release` ran `extra` pods above its workload's replicas over a reporting
  /// interval of `intervalSeconds`.
  mutating func recordExtraPods(_ release: ReleaseID, extra: Int, intervalSeconds: Double) {
    releases[release].peakExtraPods = max(releases[release].peakExtraPods, extra)
    releases[release].extraPodHours += Double(extra) * intervalSeconds / 3_600
  }

  /// Service `s`'s rollout state, read and written in place.
  subscript(s: ServiceID) -> DeliveryState {
    _read { yield states[s] }
    _modify { yield &states[s] }
  }
}
