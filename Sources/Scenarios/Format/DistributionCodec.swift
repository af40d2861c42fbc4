import SimKernel

/// Distributions in scenario files: an object with one key naming the family.
///
/// `{"constant": 5}`, `{"uniform": {"min": "60s", "max": "2m"}}`, `{"exponential": {"mean":
/// "30d"}}`, `{"normal": {"mean": .., "standardDeviation": ..}}`, `{"lognormal": {"mean": ..,
/// "p99": ..}}` (or `median` and `p99`, or `mu` and `sigma`), `{"weibull": {"shape": ..,
/// "scale": ..}}`, `{"boundedPareto": {"alpha": .., "low": .., "high": ..}}`, `{"empirical":
/// [..]}`. Values are in seconds; any parameter except `mu`, `sigma`, `shape` and `alpha` may
/// also be a duration string, converted to seconds.
enum DistributionCodec {
  /// The families and their parameters, as written.
  static let families: [(name: String, parameters: [String])] = [
    ("constant", []), ("uniform", ["min", "max"]), ("exponential", ["mean"]),
    ("normal", ["mean", "standardDeviation"]), ("lognormal", ["mu", "sigma"]),
    ("weibull", ["shape", "scale"]), ("boundedPareto", ["alpha", "low", "high"]),
    ("empirical", []),
  ]

  /// The codec; `nonNegative` rejects distributions that can give negative values (times).
  static func codec(nonNegative: Bool) -> Codec<Distribution> {
    .replacing({ json, path, d in read(json, path, d, nonNegative: nonNegative) }, encode: encode)
  }

  static func read(
    _ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder, nonNegative: Bool
  ) -> Distribution? {
    let names = families.map(\.name)
    guard case .object(let members) = json, members.count == 1 else {
      d.mismatch(
        path,
        "an object with one key naming the distribution: \(ScenarioDecoder.list(names, conjunction: "or"))",
        json)
      return nil
    }
    let (family, body) = members[0]
    guard names.contains(family) else {
      d.reportUnknownKey(family, at: path, allowed: names)
      return nil
    }
    let p = path.appending(family)

    /// A value in seconds: a number, or a duration string unless `dimensionless`.
    func value(_ json: JSONValue, _ path: JSONPath, dimensionless: Bool = false) -> Double? {
      if !dimensionless, case .string = json { return d.duration(json, path)?.inSeconds }
      guard case .number = json else {
        d.mismatch(path, dimensionless ? "a number" : "a number of seconds or a duration", json)
        return nil
      }
      return d.number(json, path)
    }
    /// Reports a negative value when `nonNegative`.
    func atLeastZero(_ x: Double, _ path: JSONPath, _ json: JSONValue?) -> Bool {
      guard nonNegative, x < 0 else { return true }
      d.report(
        path, "must be at least 0 (got \(json.map(ScenarioDecoder.quote) ?? Show.number(x)))")
      return false
    }
    func object(_ keys: [String], required: [String]? = nil) -> Members? {
      guard let m = d.members(body, p, allowed: keys, required: required ?? keys),
        m.hasAll(required ?? keys)
      else { return nil }
      return m
    }
    func param(_ m: Members, _ key: String, dimensionless: Bool = false) -> Double? {
      m.read(key) { value($0, $1, dimensionless: dimensionless) }
    }

    do throws(DistributionError) {
      switch family {
      case "constant":
        guard let x = value(body, p), atLeastZero(x, p, body) else { return nil }
        return try .constant(x)
      case "uniform":
        guard let m = object(["min", "max"]) else { return nil }
        guard let low = param(m, "min"), let high = param(m, "max"),
          atLeastZero(low, p.appending("min"), m["min"])
        else { return nil }
        return try .uniform(min: low, max: high)
      case "exponential":
        guard let m = object(["mean"]), let mean = param(m, "mean") else { return nil }
        return try .exponential(mean: mean)
      case "normal":
        if nonNegative {
          d.report(
            p,
            "a normal distribution can give negative values, which a time cannot have; "
              + "use lognormal, uniform, weibull or exponential")
          return nil
        }
        guard let m = object(["mean", "standardDeviation"]), let mean = param(m, "mean"),
          let sd = param(m, "standardDeviation")
        else { return nil }
        return try .normal(mean: mean, standardDeviation: sd)
      case "lognormal":
        guard let m = d.members(body, p, allowed: ["mean", "median", "p99", "mu", "sigma"])
        else { return nil }
        let keys = Set(m.values.keys)
        if keys == ["mean", "p99"] {
          guard let mean = param(m, "mean"), let p99 = param(m, "p99") else { return nil }
          return try .lognormal(mean: mean, p99: p99)
        } else if keys == ["median", "p99"] {
          guard let median = param(m, "median"), let p99 = param(m, "p99") else { return nil }
          return try .lognormal(median: median, p99: p99)
        } else if keys == ["mu", "sigma"] {
          guard let mu = param(m, "mu", dimensionless: true),
            let sigma = param(m, "sigma", dimensionless: true)
          else { return nil }
          return try .lognormal(mu: mu, sigma: sigma)
        }
        d.report(
          p,
          "expected \"mean\" and \"p99\", \"median\" and \"p99\", or \"mu\" and \"sigma\" "
            + "(got \(ScenarioDecoder.list(m.values.keys.sorted(), conjunction: "and")))")
        return nil
      case "weibull":
        guard let m = object(["shape", "scale"]),
          let shape = param(m, "shape", dimensionless: true),
          let scale = param(m, "scale")
        else { return nil }
        return try .weibull(shape: shape, scale: scale)
      case "boundedPareto":
        guard let m = object(["alpha", "low", "high"]),
          let alpha = param(m, "alpha", dimensionless: true), let low = param(m, "low"),
          let high = param(m, "high")
        else { return nil }
        return try .boundedPareto(alpha: alpha, low: low, high: high)
      default:  // empirical
        guard case .array(let items) = body else {
          d.mismatch(p, "an array of values", body)
          return nil
        }
        var values: [Double] = []
        for (i, item) in items.enumerated() {
          guard let x = value(item, p.appending(i)), atLeastZero(x, p.appending(i), item) else {
            return nil
          }
          values.append(x)
        }
        return try .empirical(values: values)
      }
    } catch {
      d.report(family == "empirical" ? p : p.appending(error.parameter), error.message)
      return nil
    }
  }

  /// The JSON form of `distribution`, read back by ``read(_:_:_:nonNegative:)`` to an equal
  /// value. Lognormals are written by `mu` and `sigma`, whatever they were built from.
  ///
  /// SimKernel keeps `Distribution`'s family and parameters internal; they are read here
  /// through `Mirror`, checked against ``families``, and the explain round-trip tests catch
  /// any change of layout. A `package` accessor in SimKernel would replace this.
  static func encode(_ distribution: Distribution) -> JSONValue {
    guard let kind = Mirror(reflecting: distribution).children.first(where: { $0.label == "kind" }),
      let payload = Mirror(reflecting: kind.value).children.first, let family = payload.label,
      let parameters = families.first(where: { $0.name == family })?.parameters
    else { preconditionFailure("Distribution's layout changed: \(distribution)") }
    if family == "empirical", let values = payload.value as? [Double] {
      return .object([("empirical", .array(values.map(JSONValue.double)))])
    }
    if let single = payload.value as? Double {
      guard parameters.count <= 1 else { preconditionFailure("unexpected \(distribution)") }
      let body: JSONValue =
        parameters.isEmpty ? .double(single) : .object([(parameters[0], .double(single))])
      return .object([(family, body)])
    }
    var members: [(key: String, value: JSONValue)] = []
    for child in Mirror(reflecting: payload.value).children {
      guard let label = child.label, parameters.contains(label) else { continue }
      guard let x = child.value as? Double else {
        preconditionFailure("unexpected \(distribution)")
      }
      members.append((label, .double(x)))
    }
    guard members.map(\.key) == parameters else {
      preconditionFailure("Distribution's layout changed: \(distribution)")
    }
    return .object([(family, .object(members))])
  }
}
