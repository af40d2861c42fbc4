import SimKernel

/// How one kind of value is read from a scenario file onto its current value, and written
/// back for ``PlatformScenario/explainedJSON``.
///
/// Scalars and replaced lists overwrite the current value; objects overlay it field by field;
/// lists of named entries merge by name. On error `decode` reports to the decoder and leaves
/// the value as it was.
struct Codec<Value> {
  /// Reads the JSON at a path onto the value.
  let decode: (inout Value, JSONValue, JSONPath, ScenarioDecoder) -> Void
  /// Writes the value, in the form `decode` reads back to an equal value.
  let encode: (Value) -> JSONValue
}

extension Codec {
  /// A codec that replaces the value with what `read` returns.
  static func replacing(
    _ read: @escaping (JSONValue, JSONPath, ScenarioDecoder) -> Value?,
    encode: @escaping (Value) -> JSONValue
  ) -> Codec {
    Codec(
      decode: { value, json, path, decoder in
        if let new = read(json, path, decoder) { value = new }
      }, encode: encode)
  }

  /// Reads with this codec onto `initial` and returns the result, or `nil` if it reported.
  func read(onto initial: Value, _ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder)
    -> Value?
  {
    let before = d.issues.count
    var value = initial
    decode(&value, json, path, d)
    return d.issues.count == before ? value : nil
  }
}

/// A range a number or duration must fall in.
enum Bound<T: Comparable> {
  case any
  case atLeast(T)
  case greaterThan(T)
  /// Closed: `low...high`.
  case between(T, T)
  /// Open: greater than `low` and less than `high`.
  case strictlyBetween(T, T)
  /// `low..<high`.
  case atLeastAndBelow(T, T)
  /// `bound`, and at most `cap`: an upper limit added to a lower bound whose message stays as
  /// it was ("must be at least 0 (got -1)"); above the cap, "must be at most 1000 (got 2000)".
  indirect case capped(Bound<T>, atMost: T)

  /// This bound with an upper limit (see ``capped(_:atMost:)``).
  func atMost(_ cap: T) -> Bound<T> { .capped(self, atMost: cap) }

  /// `nil` if `value` is in range, else the message ("must be greater than 0 (got -1)").
  func violation(_ value: T, show: (T) -> String, got: String) -> String? {
    switch self {
    case .any: return nil
    case .atLeast(let low):
      return value >= low ? nil : "must be at least \(show(low)) (got \(got))"
    case .greaterThan(let low):
      return value > low ? nil : "must be greater than \(show(low)) (got \(got))"
    case .between(let low, let high):
      return (low...high).contains(value)
        ? nil : "must be between \(show(low)) and \(show(high)) (got \(got))"
    case .strictlyBetween(let low, let high):
      return value > low && value < high
        ? nil : "must be greater than \(show(low)) and less than \(show(high)) (got \(got))"
    case .capped(let bound, let cap):
      return value > cap
        ? "must be at most \(show(cap)) (got \(got))" : bound.violation(value, show: show, got: got)
    case .atLeastAndBelow(let low, let high):
      return value >= low && value < high
        ? nil : "must be at least \(show(low)) and less than \(show(high)) (got \(got))"
    }
  }
}

/// How bounds print: numbers as JSON, durations and quantities as their quoted text.
enum Show {
  static func number(_ x: Double) -> String { JSONNumber(x)?.text ?? x.description }
  static func integer(_ x: Int) -> String { String(x) }
  static func duration(_ d: SimDuration) -> String { ScenarioDecoder.quote(d.description) }
  static func cpu(_ m: Int) -> String {
    ScenarioDecoder.quote(ResourceQuantity.cpuText(millicores: m))
  }
  static func memory(_ m: Int) -> String {
    ScenarioDecoder.quote(ResourceQuantity.memoryText(mebibytes: m))
  }
}

extension Codec {
  /// Adds a range check to a replacing read.
  private static func bounded<T: Comparable>(
    _ read: @escaping (ScenarioDecoder) -> (JSONValue, JSONPath) -> T?, _ bound: Bound<T>,
    show: @escaping (T) -> String
  ) -> (JSONValue, JSONPath, ScenarioDecoder) -> T? {
    { json, path, d in
      guard let value = read(d)(json, path) else { return nil }
      if let message = bound.violation(value, show: show, got: ScenarioDecoder.quote(json)) {
        d.report(path, message)
        return nil
      }
      return value
    }
  }

  /// A whole number.
  static func integer(_ bound: Bound<Int> = .any) -> Codec<Int> {
    .replacing(
      Codec<Int>.bounded({ $0.integer }, bound, show: Show.integer), encode: JSONValue.integer)
  }

  /// A finite number.
  static func number(_ bound: Bound<Double> = .any) -> Codec<Double> {
    .replacing(
      Codec<Double>.bounded({ $0.number }, bound, show: Show.number), encode: JSONValue.double)
  }

  /// A duration string, of at most ``longestDuration`` either way.
  static func duration(_ bound: Bound<SimDuration> = .any) -> Codec<SimDuration> {
    .replacing(
      Codec<SimDuration>.bounded(
        { d in
          { json, path in
            guard let value = d.duration(json, path) else { return nil }
            guard value.microseconds.magnitude <= longestDuration.microseconds.magnitude else {
              d.report(
                path,
                "must be at most \(Show.duration(longestDuration)) (1000 years) either way "
                  + "(got \(ScenarioDecoder.quote(json)))")
              return nil
            }
            return value
          }
        }, bound, show: Show.duration),
      encode: { .string($0.description) })
  }

  /// The longest duration a scenario may state: 1000 years (365,000 days), ten times the longest
  /// horizon. Sums of a few such durations and a simulated time (fault start plus duration,
  /// alert windows, probe periods times thresholds) stay far inside Int64 microseconds.
  static var longestDuration: SimDuration { .days(365_000) }

  /// CPU in millicores, from `250` or `"250m"` (not `"0.25"`: a string needs its unit, see
  /// ``ScenarioDecoder/cpuMillicores(_:_:)``); written `"250m"`. The bound is in millicores and
  /// printed as a plain number (bounds are 0).
  static func cpu(_ bound: Bound<Int>) -> Codec<Int> {
    .replacing(
      Codec<Int>.bounded({ $0.cpuMillicores }, bound, show: Show.integer),
      encode: { .string(ResourceQuantity.cpuText(millicores: $0)) })
  }

  /// Memory in MiB, from `512` or `"512Mi"` or `"1G"` (not `"512"`: a string needs its unit);
  /// written `"512Mi"`.
  static func memory(_ bound: Bound<Int>) -> Codec<Int> {
    .replacing(
      Codec<Int>.bounded({ $0.mebibytes }, bound, show: Show.integer),
      encode: { .string(ResourceQuantity.memoryText(mebibytes: $0)) })
  }

  /// `true` or `false`.
  static var boolean: Codec<Bool> {
    .replacing({ json, path, d in d.boolean(json, path) }, encode: { .bool($0) })
  }

  /// A string; empty ones are rejected unless `allowEmpty`.
  static func string(allowEmpty: Bool = false) -> Codec<String> {
    .replacing(
      { json, path, d in d.string(json, path, allowEmpty: allowEmpty) }, encode: { .string($0) })
  }

  /// A list replaced as a whole; each element read by `element` from scratch.
  static func list<E>(
    _ element: @escaping (JSONValue, JSONPath, ScenarioDecoder) -> E?,
    encode: @escaping (E) -> JSONValue, nonEmpty: Bool = false
  ) -> Codec<[E]> {
    .replacing(
      { json, path, d in
        guard case .array(let items) = json else {
          d.mismatch(path, "an array", json)
          return nil
        }
        if nonEmpty, items.isEmpty {
          d.report(path, "must not be empty")
          return nil
        }
        var result: [E] = []
        var failed = false
        for (i, item) in items.enumerated() {
          if let e = element(item, path.appending(i), d) { result.append(e) } else { failed = true }
        }
        return failed ? nil : result
      }, encode: { .array($0.map(encode)) })
  }

  /// A list replaced as a whole, each element read with `codec` (from `initial`).
  static func list<E>(of codec: Codec<E>, initial: E, nonEmpty: Bool = false) -> Codec<[E]> {
    list(
      { json, path, d in codec.read(onto: initial, json, path, d) }, encode: codec.encode,
      nonEmpty: nonEmpty)
  }
}

extension Codec {
  /// An optional value: `null` is `nil`, anything else is read with `codec` onto the current
  /// value (or `initial` when there is none) and kept only if it reads without issues.
  /// `nil` is written `null`, so explaining states the field.
  static func nullable<Wrapped>(_ codec: Codec<Wrapped>, initial: @escaping () -> Wrapped)
    -> Codec<Wrapped?>
  where Value == Wrapped? {
    Codec(
      decode: { value, json, path, d in
        if case .null = json {
          value = nil
        } else if let new = codec.read(onto: value ?? initial(), json, path, d) {
          value = new
        }
      },
      encode: { value in value.map(codec.encode) ?? .null })
  }
}
