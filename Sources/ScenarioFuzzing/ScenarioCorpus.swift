import Experiments
import Foundation
import Scenarios

/// The documents the fuzzer mutates: the shipped scenarios as written and fully resolved
/// (`explain` output, which states every field), and copies of them fitted into one hour.
package struct ScenarioCorpus: Sendable {
  /// Bases for `validate` inputs: each file as written, then each resolved document.
  package var validateBases: [JSONValue]
  /// Bases for one-hour `run` inputs (``fittedIntoAnHour(_:)``), without experiment members.
  package var runBases: [JSONValue]

  /// The corpus built from every `*.json` file in `folder`, in name order.
  ///
  /// - Throws: ``CorpusError`` if the folder has no scenario or a shipped file does not load.
  package init(scenariosFolder folder: String) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".json") }.sorted()
    guard !names.isEmpty else { throw CorpusError(message: "no *.json scenario in \(folder)") }
    var written: [JSONValue] = [.object([])]
    var resolved: [JSONValue] = []
    for name in names {
      let path = (folder as NSString).appendingPathComponent(name)
      let text: String
      let file: ExperimentFile
      do {
        text = try ScenarioLoader.readText(at: path)
        file = try ExperimentFile.load(contentsOf: path)
        written.append(try JSONParser.parse(text))
        resolved.append(try JSONParser.parse(file.scenarioFile.explainedJSON))
      } catch {
        throw CorpusError(message: "\(path): a shipped scenario must load: \(error)")
      }
    }
    validateBases = written + resolved
    runBases = (written + resolved).map(Self.fittedIntoAnHour)
  }

  /// `document` with a one-hour horizon and everything timed moved inside that hour: faults,
  /// spikes, releases and promotions start within it, recurring faults recur every quarter of an
  /// hour or so, and `replications` and `sweep` are gone (a run input is one run).
  package static func fittedIntoAnHour(_ document: JSONValue) -> JSONValue {
    guard case .object(var members) = document else { return document }
    members.removeAll { $0.key == "replications" || $0.key == "sweep" }
    set(&members, "horizon", .string("1h"))
    set(&members, "reportingInterval", .string("1m"))
    edit(&members, "faults") { faults in
      guard case .array(let items) = faults else { return }
      faults = .array(
        items.enumerated().map { index, fault in
          guard case .object(var keys) = fault else { return fault }
          if keys.contains(where: { $0.key == "at" }) {
            set(&keys, "at", .string("\(5 + (index * 7) % 40)m"))
            set(&keys, "duration", .string("10m"))
          }
          if keys.contains(where: { $0.key == "timeBetweenFailures" }) {
            set(
              &keys, "timeBetweenFailures",
              .object([("exponential", .object([("mean", .string("15m"))]))]))
            set(
              &keys, "repairTime",
              .object([("uniform", .object([("min", .integer(30)), ("max", .integer(300))]))]))
          }
          return .object(keys)
        })
    }
    edit(&members, "traffic") { traffic in
      guard case .object(var keys) = traffic else { return }
      edit(&keys, "spikes") { spikes in
        guard case .array(let items) = spikes else { return }
        spikes = .array(
          items.enumerated().map { index, spike in
            guard case .object(var s) = spike else { return spike }
            set(&s, "at", .string("\(10 + (index * 5) % 30)m"))
            set(&s, "duration", .string("20m"))
            if s.contains(where: { $0.key == "rampUp" }) { set(&s, "rampUp", .string("2m")) }
            return .object(s)
          })
      }
      traffic = .object(keys)
    }
    edit(&members, "releases") { releases in
      guard case .object(var keys) = releases else { return }
      for (list, start) in [("scheduled", 2), ("promotions", 20)] {
        edit(&keys, list) { entries in
          guard case .array(let items) = entries else { return }
          entries = .array(
            items.enumerated().map { index, entry in
              guard case .object(var e) = entry else { return entry }
              set(&e, "at", .string("\(start + index * 3)m"))
              return .object(e)
            })
        }
      }
      if keys.contains(where: { $0.key == "gitOpsDelay" })
        || keys.contains(where: { $0.key == "scheduled" })
      {
        set(
          &keys, "gitOpsDelay",
          .object([("uniform", .object([("min", .integer(10)), ("max", .integer(60))]))]))
      }
      releases = .object(keys)
    }
    return .object(members)
  }

  static func set(
    _ members: inout [(key: String, value: JSONValue)], _ key: String, _ value: JSONValue
  ) {
    if let index = members.firstIndex(where: { $0.key == key }) {
      members[index].value = value
    } else {
      members.append((key, value))
    }
  }

  static func edit(
    _ members: inout [(key: String, value: JSONValue)], _ key: String,
    _ change: (inout JSONValue) -> Void
  ) {
    guard let index = members.firstIndex(where: { $0.key == key }) else { return }
    change(&members[index].value)
  }
}

/// The shipped scenarios could not be read into a corpus.
package struct CorpusError: Error, CustomStringConvertible {
  package var message: String
  package var description: String { message }
}
