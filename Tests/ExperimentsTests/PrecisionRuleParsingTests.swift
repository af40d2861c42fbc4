import Testing

@testable import Experiments

@Suite struct PrecisionRuleParsingTests {
  @Test("an absolute half-width with a cap")
  func absolute() throws {
    let rule = try PrecisionRule(parsing: "availability=0.0002,max=500", defaultMaximum: 1000)
    #expect(rule.metric == "availability" && rule.target == .absoluteHalfWidth(0.0002))
    #expect(
      rule.minimumReplications == 10 && rule.maximumReplications == 500 && rule.batchSize == 10)
  }

  @Test("a relative half-width in percent, with min, batch and the default cap")
  func relative() throws {
    let rule = try PrecisionRule(
      parsing: "monthlyCostUSD=1.5%,min=20,batch=5", defaultMaximum: 300)
    #expect(rule.target == .relativeHalfWidth(0.015))
    #expect(
      rule.minimumReplications == 20 && rule.batchSize == 5 && rule.maximumReplications == 300)
  }

  struct Bad: CustomTestStringConvertible, Sendable {
    var text: String
    var message: String
    var testDescription: String { text }
  }

  @Test(
    "malformed rules are rejected with what was expected",
    arguments: [
      Bad(
        text: "availability",
        message: "expected METRIC=HALFWIDTH[,min=N][,max=N][,batch=N], such as "
          + "availability=0.0002,max=500 or monthlyCostUSD=1%"),
      Bad(
        text: "allObjectivesMet=0.1",
        message: #"unknown metric "allObjectivesMet" (expected one of availability, "#
          + "goodIntervals, failedRequests, errorBudgetSpent, latencyP95Seconds, incidents, "
          + "meanTimeToRestoreSeconds, downtimeMinutes, monthlyDowntimeMinutes, monthlyCostUSD)"),
      Bad(
        text: "availability=1e-4",
        message: #"half-width "1e-4" is not a decimal number such as 0.0002 or 5%"#),
      Bad(
        text: "availability=0.001,cap=3",
        message: #"expected min=N, max=N or batch=N after the half-width (got "cap=3")"#),
    ])
  func malformed(_ bad: Bad) {
    #expect(
      throws: ExperimentInputError(
        subject: "precision \(ExperimentInputError.quote(bad.text))", message: bad.message)
    ) { try PrecisionRule(parsing: bad.text, defaultMaximum: 100) }
  }

  @Test("a cap below the minimum is refused by the rule itself")
  func capBelowMinimum() {
    #expect(throws: ExperimentInputError.self) {
      try PrecisionRule(parsing: "availability=0.001", defaultMaximum: 5)
    }
  }
}
