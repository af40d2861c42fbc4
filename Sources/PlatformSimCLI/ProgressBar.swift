import Dispatch
import Foundation

/// A one-line progress bar on standard error: replications done, rate and time left.
///
/// Redrawn in place (carriage return) at most ten times a second, from any thread. Only used
/// when standard error is a terminal and `--quiet` is not given, so logs and pipes never see it.
final class ProgressBar: @unchecked Sendable {
  private let lock = NSLock()
  private let start = DispatchTime.now().uptimeNanoseconds
  private var lastDraw: UInt64 = 0
  private var drawn = false
  private let noun: String

  /// A bar counting `noun` (e.g. `replications`).
  init(noun: String) { self.noun = noun }

  /// Whether a bar should be shown: standard error is a terminal.
  static var isWanted: Bool { isatty(STDERR_FILENO) == 1 }

  /// Records that `completed` of `planned` are done; redraws if 0.1 s have passed or all are.
  func update(completed: Int, planned: Int) {
    lock.lock()
    defer { lock.unlock() }
    let now = DispatchTime.now().uptimeNanoseconds
    guard completed >= planned || now - lastDraw >= 100_000_000 else { return }
    lastDraw = now
    let elapsed = Double(now - start) / 1e9
    let rate = elapsed > 0 ? Double(completed) / elapsed : 0
    let left = rate > 0 ? Double(max(0, planned - completed)) / rate : 0
    let width = 24
    let filled = planned > 0 ? min(width, width * completed / planned) : 0
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let line =
      "\r[\(bar)] \(completed)/\(planned) \(noun)  \(Self.format(rate, 1))/s  "
      + "\(Self.duration(left)) left   "
    FileHandle.standardError.write(Data(line.utf8))
    drawn = true
  }

  /// Ends the bar's line, if one was drawn.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    drawn = false
  }

  /// `x` with `digits` decimals.
  private static func format(_ x: Double, _ digits: Int) -> String {
    let scale = pow(10, Double(digits))
    let rounded = (x * scale).rounded() / scale
    return digits == 0 ? String(Int(rounded)) : String(rounded)
  }

  /// `1h02m`, `3m05s` or `12s`.
  private static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s >= 3_600 { return "\(s / 3_600)h" + pad((s % 3_600) / 60) + "m" }
    if s >= 60 { return "\(s / 60)m" + pad(s % 60) + "s" }
    return "\(s)s"
  }

  /// Two digits.
  private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
