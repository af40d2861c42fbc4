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
  var groupRequests: [Double]
  var groupFailed: [Double]
  var groupCPUSeconds: [Double]
  var groupPodSeconds: [Double]

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

  /// Service `s`'s rollout state, read and written in place.
  subscript(s: ServiceID) -> DeliveryState {
    _read { yield states[s] }
    _modify { yield &states[s] }
  }
}
