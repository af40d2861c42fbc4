import Foundation

/// The repository's top folder, found from this file's path (Tests/SimTestSupport/…).
package let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// What a finished process left: its exit status and everything it wrote.
package struct ProcessOutput: Sendable {
  package var status: Int32
  package var stdout: String
  package var stderr: String
}

/// Why a built product could not be run.
package struct MissingProduct: Error, CustomStringConvertible {
  package var name: String
  package var description: String { "the built product \(name) was not found; run swift build" }
}

/// The built executable `name` beside the test bundle, or in .build/debug.
package func builtProduct(_ name: String) throws -> URL {
  let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent(name)
  let candidates = [besideTests, repositoryRoot.appendingPathComponent(".build/debug/\(name)")]
  guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
  else { throw MissingProduct(name: name) }
  return found
}

/// Runs the built executable `name` with `arguments` in `directory` and waits for it.
///
/// Standard output and error go to temporary files, not pipes, so a process that writes a lot
/// to both can never block on a full pipe while the other is read.
package func runProduct(_ name: String, _ arguments: [String], in directory: URL? = nil) throws
  -> ProcessOutput
{
  let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("run-\(name)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: scratch) }
  let outURL = scratch.appendingPathComponent("stdout")
  let errURL = scratch.appendingPathComponent("stderr")
  FileManager.default.createFile(atPath: outURL.path, contents: nil)
  FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let out = try FileHandle(forWritingTo: outURL)
  let err = try FileHandle(forWritingTo: errURL)
  let process = Process()
  process.executableURL = try builtProduct(name)
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  process.standardOutput = out
  process.standardError = err
  try process.run()
  process.waitUntilExit()
  try out.close()
  try err.close()
  return ProcessOutput(
    status: process.terminationStatus,
    stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}
