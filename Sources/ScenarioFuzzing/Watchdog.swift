import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Ends the process when an input takes too long or the process grows too large, after saving
/// the input as a crasher: a hang or a runaway allocation cannot be caught in-process, so the
/// wrapper script restarts the fuzzer after it (`--start`).
package final class Watchdog: @unchecked Sendable {
  /// Exit status after a timeout.
  package static let timeoutStatus: Int32 = 3
  /// Exit status after the memory bound was passed.
  package static let memoryStatus: Int32 = 4

  private let lock = NSLock()
  private var deadline: Date?
  private var label = ""
  private var inputPath = ""
  private let crashers: String
  private let memoryLimitBytes: Int
  private let report: Int32

  /// A watchdog saving crashers in `crashers` and bounding the resident size to
  /// `memoryLimitBytes`; it starts its thread at once.
  package init(crashers: String, memoryLimitBytes: Int) {
    self.crashers = crashers
    self.memoryLimitBytes = memoryLimitBytes
    report = dup(2)
    let thread = Thread { [self] in watch() }
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Starts timing input `label`, stored at `inputPath`, for at most `seconds`.
  package func arm(_ label: String, inputPath: String, seconds: Double) {
    lock.lock()
    deadline = Date(timeIntervalSinceNow: seconds)
    self.label = label
    self.inputPath = inputPath
    lock.unlock()
  }

  /// Stops timing.
  package func disarm() {
    lock.lock()
    deadline = nil
    lock.unlock()
  }

  private func watch() {
    while true {
      usleep(50_000)
      lock.lock()
      let (deadline, label, inputPath) = (self.deadline, self.label, self.inputPath)
      lock.unlock()
      guard let deadline else { continue }
      if Date() > deadline {
        die(
          label, inputPath, reason: "hang: no exit within the time bound",
          status: Self.timeoutStatus)
      }
      let resident = Self.residentBytes()
      if resident > memoryLimitBytes {
        die(
          label, inputPath, reason: "memory: resident size \(resident >> 20) MiB over the bound",
          status: Self.memoryStatus)
      }
    }
  }

  private func die(_ label: String, _ inputPath: String, reason: String, status: Int32) -> Never {
    let saved = (crashers as NSString).appendingPathComponent("\(label).json")
    try? FileManager.default.removeItem(atPath: saved)
    try? FileManager.default.copyItem(atPath: inputPath, toPath: saved)
    try? "\(label): \(reason)\n".write(
      toFile: (crashers as NSString).appendingPathComponent("\(label).txt"), atomically: true,
      encoding: .utf8)
    let line = "platform-sim-fuzz: \(label): \(reason); input saved as \(saved)\n"
    _ = line.withCString { write(report, $0, strlen($0)) }
    _exit(status)
  }

  /// The process's resident set size, from /proc/self/statm (0 where there is none).
  static func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
      return 0
    }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}
