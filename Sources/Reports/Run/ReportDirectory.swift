import Foundation

/// Writes a set of report files into a folder all at once: into a fresh sibling folder first,
/// then renamed into place, so a failure never leaves a half-written report behind.
package enum ReportDirectory {
  /// Writes `files` to `path`, replacing whatever report was there.
  ///
  /// - Throws: the file system's error if the folder cannot be written.
  package static func write(_ files: [(name: String, contents: String)], to path: String) throws {
    let manager = FileManager.default
    let target = URL(fileURLWithPath: path)
    let parent = target.deletingLastPathComponent()
    try manager.createDirectory(at: parent, withIntermediateDirectories: true)
    let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
    try? manager.removeItem(at: staging)
    try manager.createDirectory(at: staging, withIntermediateDirectories: true)
    do {
      for file in files {
        try Data(file.contents.utf8).write(to: staging.appendingPathComponent(file.name))
      }
      if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
      try manager.moveItem(at: staging, to: target)
    } catch {
      try? manager.removeItem(at: staging)
      throw error
    }
  }
}
