/// A service's two revision groups in the flow and in analysis: index `2 × service` holds
/// every pod not of the new revision, `2 × service + 1` the new revision's pods while a
/// release is in progress (see ``Delivery``).
extension ServiceID {
  /// The group of the service's stable (and any older) revision.
  var stableGroup: Int { 2 * index }
  /// The group of the revision a release in progress rolls out.
  var newRevisionGroup: Int { 2 * index + 1 }
  /// The group of a pod of this service: the new revision's when `isNewRevision`.
  func revisionGroup(isNewRevision: Bool) -> Int { isNewRevision ? newRevisionGroup : stableGroup }
}
