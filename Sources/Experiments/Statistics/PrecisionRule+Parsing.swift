extension PrecisionRule {
  /// Parses `METRIC=TARGET[,min=N][,max=N][,batch=N]`, as `--precision` gives it.
  ///
  /// METRIC is a value metric's name (``ExperimentMetric/name``, e.g. `availability`,
  /// `monthlyCostUSD`); flags are not accepted, as their intervals are Wilson intervals, not
  /// the Student-t interval the rule watches. TARGET is a decimal number, the absolute
  /// half-width in the metric's unit (`availability=0.0002`), or a number followed by `%`, the
  /// half-width relative to the mean (`monthlyCostUSD=1%`). `min` (default 10), `max` and
  /// `batch` (default 10) are the rule's minimum, cap and batch size.
  ///
  /// - Parameter defaultMaximum: the cap when the text has no `max=`.
  /// - Throws: ``ExperimentInputError`` with subject `precision "text"`, or as
  ///   ``init(metric:target:minimumReplications:maximumReplications:batchSize:level:)``.
  package init(parsing text: String, defaultMaximum: Int) throws(ExperimentInputError) {
    let subject = "precision \(ExperimentInputError.quote(text))"
    func fail(_ message: String) -> ExperimentInputError {
      ExperimentInputError(subject: subject, message: message)
    }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard let first = parts.first, let equals = first.firstIndex(of: "=") else {
      throw fail(
        "expected METRIC=HALFWIDTH[,min=N][,max=N][,batch=N], such as availability=0.0002,max=500 "
          + "or monthlyCostUSD=1%")
    }
    let name = String(first[..<equals])
    guard let metric = ExperimentMetric(named: name), metric.kind == .value else {
      let names = ExperimentMetric.allCases.filter { $0.kind == .value }.map(\.name)
      throw fail(
        "unknown metric \(ExperimentInputError.quote(name)) (expected one of "
          + "\(names.joined(separator: ", ")))")
    }
    var targetText = first[first.index(after: equals)...]
    let relative = targetText.hasSuffix("%")
    if relative { targetText = targetText.dropLast() }
    guard let number = Double(targetText), number.isFinite,
      targetText.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
    else {
      throw fail(
        "half-width \(ExperimentInputError.quote(String(first[first.index(after: equals)...]))) "
          + "is not a decimal number such as 0.0002 or 5%")
    }
    var settings: [String: Int] = ["min": 10, "max": defaultMaximum, "batch": 10]
    for part in parts.dropFirst() {
      let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard pieces.count == 2, settings[String(pieces[0])] != nil,
        let value = Int(pieces[1])
      else {
        throw fail(
          "expected min=N, max=N or batch=N after the half-width (got "
            + "\(ExperimentInputError.quote(String(part))))")
      }
      settings[String(pieces[0])] = value
    }
    try self.init(
      metric: metric.name,
      target: relative ? .relativeHalfWidth(number / 100) : .absoluteHalfWidth(number),
      minimumReplications: settings["min"] ?? 10, maximumReplications: settings["max"] ?? 0,
      batchSize: settings["batch"] ?? 10)
  }
}
