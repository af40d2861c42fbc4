import Foundation
import Testing

/// Which folder of `Sources/PlatformModel/World` owns which of `PlatformWorld`'s subsystems,
/// and the rule that only the owner writes a subsystem's stored fields: every other file
/// changes it through its methods and subscripts (its interface).
///
/// Swift has no folder-level access control, and the handlers are all extensions of
/// `PlatformWorld`, so this is checked on the source text: a write is an assignment to a
/// field path of the subsystem (`delivery.releases[r].failedRequests += n`), an `inout`
/// (`&nodeAutoscaler.provisioningStream`) or a mutating collection call on a field
/// (`recorder.intervalLatency.merge(…)`). Subscripts on the subsystem itself
/// (`cluster[pod].phase = …`, `delivery[s].generation += 1`) are its interface: the
/// subsystem's `_modify` keeps its invariants.
@Suite("Subsystem ownership (World folders)")
struct SubsystemOwnershipTests {
  /// `PlatformWorld` property → the folder that owns it.
  static let owners: [String: String] = [
    "cluster": "Cluster", "network": "Network", "database": "Stores", "cache": "Stores",
    "faults": "Faults", "faultEffects": "Faults", "workloads": "Workloads",
    "nodeAutoscaler": "NodeAutoscaling", "delivery": "Delivery", "flowCursor": "TrafficFlow",
    "recorder": "Recording",
  ]

  static var worldFolder: URL {
    URL(fileURLWithPath: #filePath)  // Tests/PlatformModelTests/World/this file
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("Sources/PlatformModel/World")
  }

  /// The writes to another folder's subsystem fields in `source` (one line each), for a file
  /// in `folder` (`nil`: the world's root folder, which owns nothing but routes events).
  static func foreignWrites(in source: String, folder: String?) -> [String] {
    let names = owners.keys.filter { owners[$0] != folder }.sorted().joined(separator: "|")
    // subsystem . field, then any chain of [index] or .member, then the write.
    let path = #"\b(?:\#(names))\.[A-Za-z_]\w*(?:\[[^\]\n]*\]|\.[A-Za-z_]\w*)*"#
    let mutatingCalls =
      "append|insert|remove|removeAll|removeFirst|removeLast|popLast|merge|formUnion|sort|swapAt|reserveCapacity"
    let patterns = [
      path + #"\s*(?:[-+*/]?=)(?!=)"#,  // assignment or compound assignment
      "&" + path,  // passed inout
      path + #"\.(?:\#(mutatingCalls))\("#,  // a mutating call on a field
    ]
    var found: [String] = []
    for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
      let code = line.components(separatedBy: "//").first ?? ""
      for pattern in patterns
      where code.range(of: pattern, options: .regularExpression) != nil {
        found.append(line.trimmingCharacters(in: .whitespaces))
        break
      }
    }
    return found
  }

  @Test("no file writes another folder's subsystem fields")
  func noForeignWrites() throws {
    let root = Self.worldFolder
    let files = try #require(FileManager.default.enumerator(atPath: root.path))
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
    #expect(files.count > 30, "found the World sources at \(root.path)")
    var violations: [String] = []
    for file in files {
      let parts = file.split(separator: "/")
      let folder = parts.count > 1 ? String(parts[0]) : nil
      let source = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      for line in Self.foreignWrites(in: source, folder: folder) {
        violations.append("\(file): \(line)")
      }
    }
    #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
  }

  @Test("the check catches assignments, inout and mutating calls, and allows the interface")
  func checkRecognisesWrites() {
    let writes = """
      delivery.releases[release].failedRequests += failed
      x = max(0, nodeAutoscaler.configuration?.time.sample(using: &nodeAutoscaler.provisioningStream) ?? 0)
      recorder.intervalLatency.merge(time, weight: 1)
      workloads.replicaTarget[service] = 3
      """
    #expect(Self.foreignWrites(in: writes, folder: "TrafficFlow").count == 4)
    let interface = """
      cluster[pod].inRotation = true
      delivery[s].generation += 1
      delivery.addFlow(groups, failed: failed, seconds: seconds)
      let ready = cluster.readyCount(of: s) == workloads.replicaTarget[s]
      if network.isUp(zone: zone) { recorder.log(now, .nodeLaunch, "n", "d") }
      // delivery.releases[r].failedRequests += 1 (a comment)
      """
    #expect(Self.foreignWrites(in: interface, folder: "TrafficFlow").isEmpty)
    // The owner may write its own fields.
    #expect(Self.foreignWrites(in: "delivery.releases[r].failedRequests += 1", folder: "Delivery").isEmpty)
  }
}
