import Experiments
import Foundation
import Scenarios

/// Combines the output folders of the N shards of an experiment into the whole experiment's
/// results, which ``ExperimentReport`` then writes exactly as an unsharded run would.
///
/// Each folder must hold shard.json and replications.csv as `run --shard K/N` writes them.
/// The merge checks that the shards belong together and that nothing is lost or doubled:
/// - every shard.json has the same tool version (this one's) and the same experiment;
/// - the shards are 1/N … N/N, each exactly once;
/// - every row is an item of its shard (``ShardPlan``), no row appears twice, and each shard
///   has all its items.
/// The folders may be given in any order.
package enum ShardMerge {
  /// Why shards cannot be merged.
  package enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file cannot be read at all.
    case unreadable(path: String, reason: String)
    /// A file's content is wrong, or the shards do not belong together.
    case invalid(ExperimentReadError)

    /// What the command line prints.
    package var description: String {
      switch self {
      case .unreadable(let path, let reason): "\(path): cannot read the file: \(reason)"
      case .invalid(let error): error.description
      }
    }
  }

  /// The whole experiment from the shard folders `folders`.
  ///
  /// - Parameter toolVersion: this tool's version; shards made by another are refused.
  /// - Throws: ``Failure``.
  package static func merge(folders: [String], toolVersion: String) throws(Failure)
    -> ExperimentResults
  {
    precondition(!folders.isEmpty, "ShardMerge: no folders")
    var definitionJSON: JSONValue?
    var definition: ExperimentDefinition?
    var shards: [Int: String] = [:]
    var count: Int?
    var rows: [ReplicationRow] = []
    for folder in folders {
      let shardPath = (folder as NSString).appendingPathComponent(ExperimentReport.shardFileName)
      let header = try read(shardPath)
      let json: JSONValue
      do {
        json = try JSONParser.parse(header)
      } catch {
        throw .invalid(
          ExperimentReadError(file: shardPath, line: error.line, message: error.message))
      }
      func invalid(_ message: String) -> Failure {
        .invalid(ExperimentReadError(file: shardPath, message: message))
      }
      guard json["kind"] == .string("experiment-shard"),
        json["schemaVersion"] == .integer(ExperimentReport.schemaVersion)
      else {
        throw invalid(
          "is not a shard file of schema version \(ExperimentReport.schemaVersion) "
            + "(written by platform-sim run --shard K/N)")
      }
      guard case .string(let version)? = json["tool"]?["version"], version == toolVersion else {
        throw invalid(
          "was written by another version of platform-sim; this is \(toolVersion)")
      }
      guard case .string(let shardText)? = json["shard"],
        let shard = try? ShardPlan(parsing: shardText)
      else { throw invalid("shard must be \"K/N\"") }
      guard let experiment = json["experiment"] else { throw invalid("experiment is missing") }
      if let definitionJSON {
        guard experiment == definitionJSON else {
          throw invalid("is a shard of a different experiment than \(folders[0])")
        }
      } else {
        do {
          definition = try ExperimentDefinition(json: experiment, file: shardPath)
        } catch {
          throw .invalid(error)
        }
        definitionJSON = experiment
      }
      if let count, count != shard.count {
        throw invalid("is shard \(shard) but \(folders[0]) is one of \(count)")
      }
      count = shard.count
      if let other = shards[shard.index] {
        throw invalid("is shard \(shard), as is \(other)")
      }
      shards[shard.index] = folder
      guard let definition else { preconditionFailure("ShardMerge: no definition") }
      let csvPath = (folder as NSString).appendingPathComponent(ReplicationTable.fileName)
      let csvText = try read(csvPath)
      let shardRows: [ReplicationRow]
      do {
        shardRows = try ReplicationTable.rows(fromText: csvText, file: csvPath)
      } catch {
        throw .invalid(error)
      }
      let expected = shard.workItems(
        variantCount: definition.variantCount, replicationCount: definition.replications)
      let got = shardRows.map {
        ShardPlan.WorkItem(variant: $0.variant, replication: $0.replication)
      }
      guard got.sorted() == expected else {
        throw .invalid(
          ExperimentReadError(
            file: csvPath,
            message: "does not hold exactly the \(expected.count) replications of shard \(shard) "
              + "(it has \(got.count) rows)"))
      }
      rows += shardRows
    }
    guard let definition, let count else { preconditionFailure("ShardMerge: no folders") }
    guard shards.count == count else {
      // At most the first ten missing shards, found lazily: a lone shard of a billion must not
      // make the merge enumerate them all.
      let missing = (1...count).lazy.filter { shards[$0] == nil }.prefix(10)
      let more = count - shards.count - missing.count
      throw .invalid(
        ExperimentReadError(
          file: folders[0],
          message: "shards \(missing.map { "\($0)/\(count)" }.joined(separator: ", "))"
            + (more > 0 ? " and \(more) more" : "") + " are missing"))
    }
    return ExperimentResults(definition: definition, shard: .whole, rows: rows)
  }

  /// The text of the file at `path`.
  static func read(_ path: String) throws(Failure) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(
        path: path,
        reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .invalid(ExperimentReadError(file: path, message: "is not UTF-8 text"))
    }
    return text
  }
}
