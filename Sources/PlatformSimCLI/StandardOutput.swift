#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// The C standard streams: output (what `print` writes to) and error.
enum StandardOutput {
  /// Writes `text` to standard error, ignoring failure: a diagnostic that cannot be written
  /// must not turn a usage error into a crash.
  static func writeError(_ text: String) {
    fputs(text, stderr)
  }

  /// Makes a closed pipe a write error (so the command exits 74) instead of a SIGPIPE death.
  package static func ignoreBrokenPipes() {
    signal(SIGPIPE, SIG_IGN)
  }

  /// Flushes it; false when anything written to it was lost (a full disk, `/dev/full`, a
  /// closed pipe), so that the command does not report success for output nobody got.
  static func flush() -> Bool {
    fflush(stdout) == 0 && ferror(stdout) == 0
  }
}
