import Testing

/// The Argo Rollouts and Deployment rolling-update decision logic, checked against upstream's
/// own test cases; every suite in this folder nests here so `--filter Rollouts` selects them.
@Suite("Rollouts") enum RolloutsTests {}
