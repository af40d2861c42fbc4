import SimKernel

extension SimDuration {
  /// The month the model and its reports speak of: 30 days of 24 hours (720 hours), as AWS
  /// quotes monthly prices. The one definition behind monthly cost, monthly downtime, the
  /// default SLO window and spot interruptions per node-month.
  package static let reportingMonth = SimDuration.days(30)
}
