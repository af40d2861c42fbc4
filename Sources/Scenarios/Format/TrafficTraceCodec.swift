import Foundation
import PlatformModel
import SimKernel

/// A recorded traffic trace: `null` (none), `{"interval": "1m", "requestsPerSecond": [..]}`,
/// or `{"interval": "1m", "csv": "traces/day.csv"}` read relative to the scenario file's
/// folder.
///
/// The CSV has one rate (requests per second, a number at least 0) per line; a first line
/// that is not a number is a header and skipped, as are blank lines; `\r\n` endings are fine.
enum TrafficTraceCodec {
  static var codec: Codec<TrafficTrace?> {
    .replacing(
      { json, path, d -> TrafficTrace?? in
        if case .null = json { return .some(nil) }
        return read(json, path, d).map { .some($0) }
      },
      encode: { trace in
        guard let trace else { return .null }
        return .object([
          ("interval", .string(trace.interval.description)),
          ("requestsPerSecond", .array(trace.requestsPerSecond.map(JSONValue.double))),
        ])
      })
  }

  static func read(_ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder) -> TrafficTrace? {
    guard
      let m = d.members(
        json, path, allowed: ["interval", "requestsPerSecond", "csv"], required: ["interval"],
        what: "null or an object with \"interval\" and \"csv\" or \"requestsPerSecond\"")
    else { return nil }
    let interval = m.decode(
      "interval", .duration(.atLeast(ScenarioSchema.shortestPeriod)), initial: .zero, d)
    var rates: [Double]?
    switch (m["requestsPerSecond"], m["csv"]) {
    case (.some, .some):
      d.report(path, "expected either \"csv\" or \"requestsPerSecond\", not both")
    case (nil, nil):
      d.report(path, "missing the rates: expected \"csv\" or \"requestsPerSecond\"")
    case (.some, nil):
      rates = m.decode(
        "requestsPerSecond",
        .list(
          of: .number(.atLeast(0).atMost(ScenarioSchema.highestRate)), initial: 0, nonEmpty: true),
        initial: [], d)
    case (nil, .some):
      rates = m.read("csv") { json, csvPath in
        d.string(json, csvPath).flatMap { readCSV($0, csvPath, d) }
      }
    }
    guard let interval, let rates else { return nil }
    return TrafficTrace(interval: interval, requestsPerSecond: rates)
  }

  /// The largest trace file read: 64 MiB, about 8 million rates.
  static let maximumTraceBytes = 64 * 1_048_576

  /// The rates in the CSV file at `relativePath`, or `nil` after reporting at `path`.
  ///
  /// Only a regular `.csv` file of at most ``maximumTraceBytes`` is read (not a device such as
  /// `/dev/zero`, nor a FIFO that would never end).
  static func readCSV(_ relativePath: String, _ path: JSONPath, _ d: ScenarioDecoder) -> [Double]? {
    let resolved =
      relativePath.hasPrefix("/") || d.baseDirectory.isEmpty
      ? relativePath : d.baseDirectory + "/" + relativePath
    let shown = ScenarioDecoder.quote(resolved)
    guard relativePath.lowercased().hasSuffix(".csv") else {
      d.report(path, "expected the path of a .csv file of rates (got \(shown))")
      return nil
    }
    let attributes = try? FileManager.default.attributesOfItem(atPath: resolved)
    guard let attributes else {
      d.report(path, "cannot read the trace \(shown): no such file")
      return nil
    }
    guard attributes[.type] as? FileAttributeType == .typeRegular else {
      d.report(path, "cannot read the trace \(shown): it is not a regular file")
      return nil
    }
    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    guard size <= maximumTraceBytes else {
      d.report(
        path,
        "the trace \(shown) is \(size / 1_048_576) MiB; at most \(maximumTraceBytes / 1_048_576) MiB "
          + "of rates are read")
      return nil
    }
    guard let data = FileManager.default.contents(atPath: resolved) else {
      d.report(path, "cannot read the trace \(shown): permission denied")
      return nil
    }
    guard let text = String(data: data, encoding: .utf8) else {
      d.report(path, "cannot read the trace \(shown): it is not UTF-8 text")
      return nil
    }
    var rates: [Double] = []
    var failed = false
    // "\r\n" is one Character, so split on every kind of line break rather than on "\n".
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for (index, rawLine) in lines.enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      if let rate = Double(line), rate.isFinite, rate >= 0 {
        rates.append(rate)
      } else if index == 0, Double(line) == nil {
        continue  // a header
      } else {
        // Only the first bad line, and its text only when it is a number: a trace path may
        // name any file, whose lines must not be echoed.
        let got = Double(line) != nil ? " (got \(ScenarioDecoder.quote(String(line))))" : ""
        d.report(
          path,
          "\(shown) line \(index + 1): expected a rate in requests per second, a number at "
            + "least 0\(got)")
        failed = true
        break
      }
    }
    if failed { return nil }
    guard !rates.isEmpty else {
      d.report(path, "the trace \(shown) has no rates")
      return nil
    }
    return rates
  }
}
