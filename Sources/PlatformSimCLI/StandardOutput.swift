#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// The C standard output stream that `print` writes to.
enum StandardOutput {
  /// Flushes it; false when anything written to it was lost (a full disk, `/dev/full`, a
  /// closed pipe), so that the command does not report success for output nobody got.
  static func flush() -> Bool {
    fflush(stdout) == 0 && ferror(stdout) == 0
  }
}
