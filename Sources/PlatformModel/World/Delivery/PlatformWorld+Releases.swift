import SimKernel

/// Releases: merge, the GitOps delay, and the rollout by the service's delivery strategy
/// (Argo Rollouts canary or blue/green, or a Deployment rolling update), with analysis and
/// abort. The arithmetic is Controllers/Rollouts'; this file runs it against the world.
extension PlatformWorld {
  // MARK: - Merges

  /// Schedules the scenario's releases, promotions and the first release of the stream.
  mutating func startReleases(in simulation: inout Simulation<WorldEvent>) {
    let plan = scenario.releases
    for release in plan.scheduled {
      guard let service = resolved.serviceIndex[release.service] else {
        continue
      }
      let record = newRelease(service: service, quality: release.quality, mergedAt: SimTime(sinceStart: release.at))
      simulation.schedule(.releaseMerged(release: record), after: release.at)
    }
    for promotion in plan.promotions {
      guard let service = resolved.serviceIndex[promotion.service] else {
        continue
      }
      simulation.schedule(.rolloutPromote(service: service), after: promotion.at)
    }
    scheduleNextStreamRelease(in: &simulation)
  }

  /// Appends a release record and returns its ID.
  mutating func newRelease(service: ServiceID, quality: ReleaseQuality, mergedAt: SimTime) -> ReleaseID {
    let release = delivery.releases.append(
      ReleaseRecord(
        id: delivery.releases.count + 1, service: services[service].name,
        strategy: services[service].delivery.strategy.name, quality: quality, merged: mergedAt))
    delivery.releaseService.append(service)
    return release
  }

  /// Draws the next release of the stream, if the scenario has one.
  mutating func scheduleNextStreamRelease(in simulation: inout Simulation<WorldEvent>) {
    guard let stream = scenario.releases.stream, stream.perWeek > 0, !stream.services.isEmpty,
      let gap = try? Distribution.exponential(mean: SimDuration.days(7).inSeconds / stream.perWeek)
    else { return }
    let seconds = gap.sample(using: &delivery.releaseStream)
    guard simulation.now.secondsSinceStart + seconds < scenario.horizon.inSeconds else { return }
    simulation.schedule(.releaseStreamNext, after: SimDuration(seconds: seconds))
  }

  /// The stream's next release is merged now.
  mutating func streamReleaseMerged(in simulation: inout Simulation<WorldEvent>) {
    guard let stream = scenario.releases.stream else { return }
    // Fixed draws per release (service, badness, kind), so streams stay aligned across variants.
    let serviceDraw = delivery.releaseStream.nextUnitInterval()
    let badDraw = delivery.releaseStream.nextUnitInterval()
    let kindDraw = delivery.releaseStream.nextUnitInterval()
    let name = stream.services[min(stream.services.count - 1, Int(serviceDraw * Double(stream.services.count)))]
    if let service = resolved.serviceIndex[name] {
      var quality = ReleaseQuality.good
      if badDraw < stream.badProbability, !stream.badQualities.isEmpty {
        quality = stream.badQualities[
          min(stream.badQualities.count - 1, Int(kindDraw * Double(stream.badQualities.count)))]
      }
      let record = newRelease(service: service, quality: quality, mergedAt: simulation.now)
      releaseMerged(record, in: &simulation)
    }
    scheduleNextStreamRelease(in: &simulation)
  }

  /// A release is merged: its rollout starts after the GitOps delay.
  mutating func releaseMerged(_ release: ReleaseID, in simulation: inout Simulation<WorldEvent>) {
    let delay = max(0, scenario.releases.gitOpsDelay.sample(using: &delivery.gitOpsStream))
    log(
      simulation.now, .releaseMerged, delivery.releases[release].service,
      "release \(delivery.releases[release].id) (\(delivery.releases[release].quality.kind)); rollout in \(SimDuration(seconds: delay))")
    simulation.schedule(.rolloutStart(release: release), after: SimDuration(seconds: delay))
  }

  // MARK: - Rollout lifecycle

  /// The release's rollout starts: a new revision of the service, rolled out by its strategy.
  /// A rollout still running for the service is superseded.
  mutating func rolloutStart(_ release: ReleaseID, in simulation: inout Simulation<WorldEvent>) {
    let s = delivery.releaseService[release.index]
    if let current = delivery[s].release {
      finishRelease(current, outcome: .superseded, at: simulation.now)
      let leftover = delivery[s].newRevision
      endRollout(s)
      scaleRevision(s, leftover, to: 0, in: &simulation)
    }
    let revision = delivery[s].nextRevision
    delivery[s].nextRevision += 1
    delivery.revisionQuality[s].append(delivery.releases[release].quality)
    delivery[s].release = release
    delivery[s].newRevision = revision
    delivery[s].lastProgress = simulation.now
    delivery.revisionEffects[s.newRevisionGroup] = RevisionEffects(delivery.releases[release].quality)
    if case .canary(let strategy) = services[s].delivery.strategy, strategy.usesTrafficRouting {
      delivery.routedWeight[s] = 0
    }
    delivery.releases[release].started = simulation.now
    flushFlow()  // failures so far are not this release's
    delivery.activeReleases.append(release)
    log(
      simulation.now, .rolloutStart, services[s].name,
      "release \(delivery.releases[release].id): revision \(revision) by \(services[s].delivery.strategy.name)")
    reconcileRollout(s, in: &simulation)
    scheduleProgressCheck(s, in: &simulation)
  }

  /// Clears the service's rollout state (the new revision's pods are handled by the caller).
  mutating func endRollout(_ s: ServiceID) {
    delivery[s].release = nil
    delivery[s].newRevision = -1
    delivery[s].stepIndex = 0
    delivery[s].pauseUntil = nil
    delivery[s].promotionRequested = false
    delivery[s].awaitingPromotion = false
    delivery[s].aborted = false
    delivery[s].switched = false
    delivery[s].background = nil
    delivery[s].stepAnalysis = nil
    delivery[s].generation += 1
    delivery[s].loggedWeight = -1
    delivery.routedWeight[s] = nil
    delivery.revisionEffects[s.newRevisionGroup] = RevisionEffects()
    flowCursor.invalidate()
  }

  /// Records how a release ended.
  mutating func finishRelease(_ release: ReleaseID, outcome: ReleaseRecord.Outcome, at time: SimTime) {
    delivery.releases[release].outcome = outcome
    delivery.releases[release].ended = time
    if !(outcome == .promoted && delivery.releases[release].quality.isBad) {
      flushFlow()  // failures so far are still this release's
      delivery.activeReleases.removeAll { $0 == release }
    }
  }

  /// Moves the service's rollout forward as far as it can go now.
  mutating func reconcileRollout(_ s: ServiceID, in simulation: inout Simulation<WorldEvent>) {
    guard delivery[s].release != nil else { return }
    switch services[s].delivery.strategy {
    case .canary(let strategy): reconcileCanary(s, strategy, in: &simulation)
    case .blueGreen(let strategy): reconcileBlueGreen(s, strategy, in: &simulation)
    case .rolling(let strategy): reconcileRolling(s, strategy, in: &simulation)
    }
  }

  /// A ReplicaSet's counts: pods asked for, available (ready) and created.
  func replicaSetCounts(_ s: ServiceID, _ revision: Int) -> ReplicaSetCounts {
    let members = cluster.replicaPods(of: s, revision: revision)
    let available = members.reduce(0) { $0 + (cluster[$1].phase == .ready ? 1 : 0) }
    return ReplicaSetCounts(specReplicas: members.count, availableReplicas: available)
  }

  // MARK: - Canary

  /// One reconciliation of an Argo Rollouts canary.
  mutating func reconcileCanary(
    _ s: ServiceID, _ strategy: CanaryStrategy, in simulation: inout Simulation<WorldEvent>
  ) {
    let stable = delivery[s].stableRevision
    let new = delivery[s].newRevision
    let replicas = workloads.replicaTarget[s]
    if delivery[s].aborted {
      scaleRevision(s, stable, to: replicas, in: &simulation)
      if !strategy.usesTrafficRouting { scaleRevision(s, new, to: 0, in: &simulation) }
      return
    }
    while true {
      let status = CanaryStatus(currentStepIndex: delivery[s].stepIndex)
      guard let step = strategy.step(at: delivery[s].stepIndex) else {
        promoteCanary(s, strategy, in: &simulation)
        return
      }
      // Scale both ReplicaSets to this step's counts and set the router's weight.
      let counts = strategy.replicaCounts(
        replicas: replicas, status: status, canary: replicaSetCounts(s, new),
        stable: .separate(replicaSetCounts(s, stable)), older: [], actualWeights: nil)
      scaleRevision(s, new, to: counts.canary, in: &simulation)
      scaleRevision(s, stable, to: counts.stable, in: &simulation)
      let atDesired = strategy.isAtDesiredReplicaCounts(
        replicas: replicas, status: status, canary: replicaSetCounts(s, new),
        stable: .separate(replicaSetCounts(s, stable)), older: [], actualWeights: nil)
      // The router moves to a step's weight only once the canary has its pods available;
      // until then it keeps the previous step's weight (upstream reconcileTrafficRouting).
      let weight = strategy.currentSetWeight(
        stepIndex: atDesired ? delivery[s].stepIndex : max(0, delivery[s].stepIndex - 1),
        isAborted: false)
      let shownWeight = atDesired || delivery[s].stepIndex > 0 ? weight : 0
      if strategy.usesTrafficRouting { delivery.routedWeight[s] = Double(shownWeight) / 100 }
      logWeight(s, shownWeight, counts: counts, at: simulation.now)
      if let background = strategy.backgroundAnalysis, delivery[s].background == nil,
        !strategy.isBeforeBackgroundAnalysisStart(stepIndex: delivery[s].stepIndex)
      {
        delivery[s].background = startAnalysis(s, services[s].delivery.checks(background.analysis), in: &simulation)
      }
      guard atDesired else { return }
      switch step {
      case .setWeight, .setCanaryScale:
        delivery[s].stepIndex += 1
      case .pause(let duration):
        if delivery[s].promotionRequested {
          delivery[s].promotionRequested = false
          delivery[s].pauseUntil = nil
          delivery[s].stepIndex += 1
        } else if let until = delivery[s].pauseUntil {
          guard simulation.now >= until else { return }
          delivery[s].pauseUntil = nil
          delivery[s].stepIndex += 1
        } else if let duration {
          delivery[s].pauseUntil = simulation.now + duration
          simulation.schedule(
            .rolloutReconcile(service: s, generation: delivery[s].generation), after: duration)
          return
        } else {
          delivery[s].awaitingPromotion = true
          return  // an indefinite pause: waits for a promotion
        }
      case .analysis(let analysis):
        guard let run = delivery[s].stepAnalysis else {
          delivery[s].stepAnalysis = startAnalysis(s, services[s].delivery.checks(analysis), in: &simulation)
          return
        }
        switch run.run.phase {
        case .successful:
          delivery[s].stepAnalysis = nil
          delivery[s].stepIndex += 1
        case .failed, .error, .inconclusive:
          abortRollout(s, reason: run.run.message, in: &simulation)
          return
        case .pending, .running:
          return
        }
      }
    }
  }

  /// Logs the canary weight when it changes.
  mutating func logWeight(_ s: ServiceID, _ weight: Int, counts: CanaryReplicaCounts, at time: SimTime) {
    guard weight != delivery[s].loggedWeight else { return }
    delivery[s].loggedWeight = weight
    log(time, .rolloutWeight, services[s].name, "weight \(weight); \(counts)")
  }

  /// Every step done: the canary takes all traffic and becomes stable; the old revision goes
  /// after the scale-down delay.
  mutating func promoteCanary(
    _ s: ServiceID, _ strategy: CanaryStrategy, in simulation: inout Simulation<WorldEvent>
  ) {
    let new = delivery[s].newRevision
    scaleRevision(s, new, to: workloads.replicaTarget[s], in: &simulation)
    if strategy.usesTrafficRouting { delivery.routedWeight[s] = 1 }
    logWeight(s, 100, counts: CanaryReplicaCounts(canary: workloads.replicaTarget[s], stable: 0), at: simulation.now)
    guard replicaSetCounts(s, new).availableReplicas >= workloads.replicaTarget[s] else { return }
    completePromotion(s, delay: strategy.resolvedScaleDownDelay, in: &simulation)
  }

  /// The new revision becomes stable; the old one leaves rotation now and is deleted after
  /// `delay`.
  mutating func completePromotion(_ s: ServiceID, delay: SimDuration, in simulation: inout Simulation<WorldEvent>) {
    guard let release = delivery[s].release else { return }
    let old = delivery[s].stableRevision
    let new = delivery[s].newRevision
    delivery[s].stableRevision = new
    for pod in cluster.pods(of: s) where cluster[pod].revision == old {
      cluster[pod].inRotation = false
    }
    delivery.revisionEffects[s.stableGroup] = RevisionEffects(delivery.releases[release].quality)
    finishRelease(release, outcome: .promoted, at: simulation.now)
    delivery.releases[release].analysisMessage = delivery[s].background?.run.message ?? ""
    if let undone = delivery.rollbackOf[release] {
      delivery.releases[undone].rolledBack = simulation.now
      flushFlow()  // failures so far are still the undone release's
      delivery.activeReleases.removeAll { $0 == undone }
    }
    log(simulation.now, .rolloutPromoted, services[s].name, "release \(delivery.releases[release].id): revision \(new) is stable")
    endRollout(s)
    simulation.schedule(.revisionScaleDown(service: s, revision: old), after: delay)
  }

  /// Aborts the rollout: traffic back to the stable revision at once; the new revision is
  /// scaled down now (no router) or after the abort scale-down delay.
  mutating func abortRollout(_ s: ServiceID, reason: String, in simulation: inout Simulation<WorldEvent>) {
    guard let release = delivery[s].release, !delivery[s].aborted else { return }
    delivery[s].aborted = true
    delivery[s].background = nil
    delivery[s].stepAnalysis = nil
    delivery.releases[release].detected = simulation.now
    delivery.releases[release].rolledBack = simulation.now
    delivery.releases[release].analysisMessage = reason
    let new = delivery[s].newRevision
    log(simulation.now, .rolloutAborted, services[s].name, "release \(delivery.releases[release].id): \(reason)")
    var delay = SimDuration.zero
    switch services[s].delivery.strategy {
    case .canary(let strategy):
      if strategy.usesTrafficRouting {
        delivery.routedWeight[s] = 0
        if case .after(let d) = strategy.abortScaleDown { delay = d }
      }
    case .blueGreen:
      // Until promotion completes the old revision is still there to switch back to.
      if delivery[s].switched {
        switchTraffic(s, to: delivery[s].stableRevision)
        delivery[s].switched = false
      }
    case .rolling: break
    }
    // Pods of the aborted revision stop taking traffic now (a router at weight 0 already
    // sends them none).
    if delivery.routedWeight[s] != 0 {
      for pod in cluster.pods(of: s) where cluster[pod].revision == new {
        cluster[pod].inRotation = false
      }
    }
    scaleRevision(s, delivery[s].stableRevision, to: workloads.replicaTarget[s], in: &simulation)
    finishRelease(release, outcome: .aborted, at: simulation.now)
    // The rollout keeps routing weight 0 until the aborted pods are gone.
    simulation.schedule(.revisionScaleDown(service: s, revision: new), after: delay)
    flowCursor.invalidate()
  }

  /// The scale-down delay ended: the revision's pods go; an aborted rollout ends.
  mutating func revisionScaleDown(_ s: ServiceID, revision: Int, in simulation: inout Simulation<WorldEvent>) {
    if delivery[s].release != nil && delivery[s].aborted && delivery[s].newRevision == revision {
      endRollout(s)
    }
    guard revision != delivery[s].stableRevision, revision != delivery[s].newRevision else { return }
    scaleRevision(s, revision, to: 0, in: &simulation)
  }

  // MARK: - Blue/green

  /// One reconciliation of an Argo Rollouts blue/green.
  mutating func reconcileBlueGreen(
    _ s: ServiceID, _ strategy: BlueGreenStrategy, in simulation: inout Simulation<WorldEvent>
  ) {
    guard !delivery[s].aborted else { return }
    let new = delivery[s].newRevision
    let replicas = workloads.replicaTarget[s]
    scaleRevision(s, new, to: replicas, in: &simulation)
    if !delivery[s].switched {
      scaleRevision(s, delivery[s].stableRevision, to: replicas, in: &simulation)
      guard replicaSetCounts(s, new).availableReplicas >= replicas else { return }
      if let analysis = strategy.prePromotionAnalysis {
        guard let run = delivery[s].stepAnalysis else {
          delivery[s].stepAnalysis = startAnalysis(s, services[s].delivery.checks(analysis), in: &simulation)
          return
        }
        switch run.run.phase {
        case .successful: break
        case .failed, .error, .inconclusive:
          abortRollout(s, reason: run.run.message, in: &simulation)
          return
        case .pending, .running: return
        }
      }
      if !delivery[s].promotionRequested {
        guard let delay = strategy.autoPromotionDelay else {
          delivery[s].awaitingPromotion = true
          return
        }
        if delay > .zero, delivery[s].pauseUntil == nil {
          delivery[s].pauseUntil = simulation.now + delay
          simulation.schedule(.rolloutReconcile(service: s, generation: delivery[s].generation), after: delay)
          return
        }
        if let until = delivery[s].pauseUntil, simulation.now < until { return }
      }
      switchTraffic(s, to: new)
      delivery[s].switched = true
      log(simulation.now, .rolloutSwitch, services[s].name, "active service now on revision \(new)")
      if let analysis = strategy.postPromotionAnalysis {
        delivery[s].background = startAnalysis(s, services[s].delivery.checks(analysis), in: &simulation)
      }
    }
    if let run = delivery[s].background {
      switch run.run.phase {
      case .failed, .error, .inconclusive:
        abortRollout(s, reason: run.run.message, in: &simulation)
        return
      case .pending, .running: return
      case .successful: break
      }
    }
    completePromotion(s, delay: strategy.scaleDownDelay, in: &simulation)
  }

  /// Points the service's production traffic at one revision: its ready pods join rotation,
  /// the others leave it.
  mutating func switchTraffic(_ s: ServiceID, to revision: Int) {
    for pod in cluster.pods(of: s) where cluster[pod].node != nil {
      let serving = cluster[pod].revision == revision && cluster[pod].phase == .ready
      cluster[pod].inRotation = serving
    }
    flowCursor.invalidate()
  }

  /// Whether a pod that just became ready may join rotation: not a blue/green preview, nor a
  /// revision that is neither stable nor being rolled out (one scaled down after a promotion).
  func mayJoinRotation(_ pod: PodID) -> Bool {
    let s = cluster[pod].service
    let revision = cluster[pod].revision
    guard revision == delivery[s].stableRevision || revision == delivery[s].newRevision else {
      return false
    }
    guard delivery[s].release != nil, case .blueGreen = services[s].delivery.strategy else {
      return true
    }
    let servingRevision = delivery[s].switched ? delivery[s].newRevision : delivery[s].stableRevision
    return cluster[pod].revision == servingRevision
  }

  // MARK: - Rolling update

  /// Reconciles a Deployment rolling update until it settles: scale the new ReplicaSet up
  /// within the surge, the old one down within the unavailability budget, and repeat while
  /// either moves (the Deployment controller requeues on every ReplicaSet change).
  mutating func reconcileRolling(
    _ s: ServiceID, _ strategy: RollingUpdateStrategy, in simulation: inout Simulation<WorldEvent>
  ) {
    let new = delivery[s].newRevision
    let old = delivery[s].stableRevision
    let replicas = workloads.replicaTarget[s]
    for _ in 0..<(2 * replicas + 2) {
      let newCounts = replicaSetCounts(s, new)
      let oldCounts = replicaSetCounts(s, old)
      if newCounts.specReplicas == replicas && newCounts.availableReplicas == replicas
        && oldCounts.specReplicas == 0
      {
        completePromotion(s, delay: .zero, in: &simulation)
        return
      }
      let targets = strategy.reconcile(replicas: replicas, newReplicaSet: newCounts, old: [oldCounts])
      guard targets.newReplicaSet != newCounts.specReplicas || targets.old[0] != oldCounts.specReplicas
      else { return }
      scaleRevision(s, new, to: targets.newReplicaSet, in: &simulation)
      scaleRevision(s, old, to: targets.old[0], in: &simulation)
    }
  }

  // MARK: - Operator rollback

  /// A paging alert fired: an operator rolls back each bad release that is serving traffic and that
  /// analysis did not stop, by merging the previous revision again after their response time.
  /// Only paging alerts (SEV1 and SEV2) bring an operator at once; tickets do not.
  mutating func operatorRollback(alertSeverity: Int, in simulation: inout Simulation<WorldEvent>) {
    guard scenario.releases.operatorRollsBack, alertSeverity <= 2 else { return }
    let responses = scenario.alerting.responseTimes
    let response = responses[min(max(alertSeverity, 1), responses.count) - 1]
    for release in delivery.activeReleases
    where delivery.releases[release].quality.isBad && delivery.releases[release].detected == nil
      && delivery.releases[release].outcome != .aborted && !delivery.releases[release].isRollback
    {
      let s = delivery.releaseService[release.index]
      delivery.releases[release].detected = simulation.now + response
      let rollback = newRelease(service: s, quality: .good, mergedAt: simulation.now + response)
      delivery.releases[rollback].isRollback = true
      delivery.rollbackOf[rollback] = release
      log(simulation.now, .operatorRollback, services[s].name, "release \(delivery.releases[release].id) to be rolled back in \(response)")
      simulation.schedule(.releaseMerged(release: rollback), after: response)
    }
  }

  // MARK: - Progress and promotion

  /// Schedules the progress-deadline check.
  mutating func scheduleProgressCheck(_ s: ServiceID, in simulation: inout Simulation<WorldEvent>) {
    simulation.schedule(
      .rolloutProgressCheck(service: s, generation: delivery[s].generation),
      after: RolloutDefaults.progressDeadline)
  }

  /// A rollout that made no progress for the progress deadline is stuck: it stays as it is
  /// (a Deployment or Rollout does not roll back on its own).
  mutating func rolloutProgressCheck(_ s: ServiceID, in simulation: inout Simulation<WorldEvent>) {
    guard let release = delivery[s].release, !delivery[s].aborted else { return }
    let waiting = delivery[s].pauseUntil != nil || delivery[s].stepAnalysis != nil
      || delivery[s].awaitingPromotion
      || (delivery[s].background != nil && delivery[s].switched)
    if simulation.now - delivery[s].lastProgress >= RolloutDefaults.progressDeadline && !waiting
      && delivery.releases[release].outcome == .inProgress
    {
      delivery.releases[release].outcome = .stuck
      log(simulation.now, .rolloutStuck, services[s].name, "release \(delivery.releases[release].id): no progress for \(RolloutDefaults.progressDeadline)")
    }
    simulation.schedule(
      .rolloutProgressCheck(service: s, generation: delivery[s].generation),
      after: RolloutDefaults.progressDeadline)
  }

  /// A manual promotion: an indefinite pause (or a blue/green waiting for promotion) moves on.
  mutating func promoteRollout(_ s: ServiceID, in simulation: inout Simulation<WorldEvent>) {
    guard delivery[s].release != nil else { return }
    delivery[s].promotionRequested = true
    delivery[s].awaitingPromotion = false
    delivery[s].lastProgress = simulation.now
    log(simulation.now, .rolloutPromote, services[s].name, "manual promotion")
    reconcileRollout(s, in: &simulation)
  }

  /// A pod of the service became ready: progress for the deadline, and the rollout may move on.
  mutating func rolloutPodReady(_ pod: PodID, in simulation: inout Simulation<WorldEvent>) {
    let s = cluster[pod].service
    guard delivery[s].release != nil else { return }
    if cluster[pod].revision == delivery[s].newRevision { delivery[s].lastProgress = simulation.now }
    reconcileRollout(s, in: &simulation)
  }
}

