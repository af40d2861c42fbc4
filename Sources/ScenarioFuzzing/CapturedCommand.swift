import Foundation
import PlatformSimCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Runs `CommandLineTool.main` in-process with standard output and error redirected to files,
/// so the fuzzer sees exit code and messages exactly as a user's shell would.
///
/// One at a time per process: the redirection is of file descriptors 1 and 2.
package final class CapturedCommand {
  /// What a command printed and returned.
  package struct Outcome: Sendable {
    package var status: Int32
    package var stdout: String
    package var stderr: String
  }

  let stdoutPath: String
  let stderrPath: String
  let stdoutFile: Int32
  let stderrFile: Int32

  /// A runner whose captures live in `folder`.
  package init(folder: String) {
    stdoutPath = (folder as NSString).appendingPathComponent("stdout.txt")
    stderrPath = (folder as NSString).appendingPathComponent("stderr.txt")
    stdoutFile = open(stdoutPath, O_RDWR | O_CREAT | O_TRUNC, 0o644)
    stderrFile = open(stderrPath, O_RDWR | O_CREAT | O_TRUNC, 0o644)
  }

  deinit {
    close(stdoutFile)
    close(stderrFile)
  }

  /// Runs the command line `arguments` and returns what it did; at most `limit` bytes of each
  /// stream are kept.
  package func run(_ arguments: [String], limit: Int = 1 << 26) -> Outcome {
    fflush(nil)
    let savedOut = dup(1)
    let savedErr = dup(2)
    ftruncate(stdoutFile, 0)
    ftruncate(stderrFile, 0)
    lseek(stdoutFile, 0, SEEK_SET)
    lseek(stderrFile, 0, SEEK_SET)
    dup2(stdoutFile, 1)
    dup2(stderrFile, 2)
    let status = CommandLineTool.main(arguments)
    fflush(nil)
    dup2(savedOut, 1)
    dup2(savedErr, 2)
    close(savedOut)
    close(savedErr)
    return Outcome(status: status, stdout: read(stdoutFile, limit), stderr: read(stderrFile, limit))
  }

  private func read(_ file: Int32, _ limit: Int) -> String {
    let size = Int(lseek(file, 0, SEEK_END))
    var buffer = [UInt8](repeating: 0, count: max(0, min(size, limit)))
    let count = buffer.isEmpty ? 0 : pread(file, &buffer, buffer.count, 0)
    return String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
  }
}
