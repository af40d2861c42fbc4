#if canImport(Glibc)
  import Glibc
#endif

/// A report file written while it is produced: text is buffered and written to the file in
/// blocks, so a long run's table never sits in memory whole.
///
/// Made by ``ReportDirectory/openFile(_:in:)`` inside a report's draft (the staging folder, or a
/// temporary name beside the files it replaces), created exclusively and never through a
/// symbolic link; ``ReportDirectory/commit(_:adding:)`` closes it and puts it in place with the
/// rest of the report. Until then the report at the path is untouched, and a run killed half-way
/// leaves only the draft, which the next write to the path removes.
///
/// The text's producer (the simulation, through an `IntervalSink`) cannot act on a write error,
/// so the first one is kept, later text is dropped, and ``close()`` throws it.
package final class ReportFileStream: TextOutputStream {
  /// Bytes gathered before they are written to the file.
  static let blockSize = 1 << 18

  /// The report file's name, one of ``ReportDirectory/knownFileNames``.
  package let name: String
  /// Where the file is being written (a draft's path, not the report's).
  let path: String
  // The stored state is touched only by this class's own methods, none of which calls out to
  // code that could reach it again, so accesses cannot overlap; unchecked, they cost nothing
  // per write (checked, `swift_beginAccess` was 4 % of a month's run).

  /// The open file, or -1 once closed.
  @exclusivity(unchecked) private var descriptor: Int32
  /// Text not written to the file yet.
  @exclusivity(unchecked) private var pending: [UInt8] = []
  /// The first write that failed, as the action and errno of ``ReportDirectory/Failure``.
  @exclusivity(unchecked) private var failure: (action: String, errno: Int32)?

  /// Creates the file `path`, which must not exist, for the report file `name`.
  ///
  /// - Throws: ``ReportDirectory/Failure/fileSystem(path:action:errno:)`` (with an empty
  ///   path, which the directory fills in) when the file cannot be created.
  init(creating path: String, name: String) throws(ReportDirectory.Failure) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { throw .fileSystem(path: "", action: "create \(path)", errno: errno) }
    self.name = name
    self.path = path
    descriptor = fd
    pending.reserveCapacity(Self.blockSize)
  }

  deinit {
    if descriptor >= 0 { Glibc.close(descriptor) }
  }

  /// Bytes written to the stream and not yet to the file: less than a block and one string.
  var bufferedByteCount: Int { pending.count }

  /// Appends `string` to the file; writes a block when enough text has gathered.
  ///
  /// - Precondition: the stream is not closed.
  /// - Complexity: O(*n*) for a string of *n* bytes.
  package func write(_ string: String) {
    precondition(descriptor >= 0, "ReportFileStream: \(name) written after it was closed")
    guard failure == nil else { return }
    pending.append(contentsOf: string.utf8)
    if pending.count >= Self.blockSize { flush() }
  }

  /// Writes the gathered text, keeping the first error.
  private func flush() {
    defer { pending.removeAll(keepingCapacity: true) }
    guard failure == nil else { return }
    var offset = 0
    while offset < pending.count {
      let n = pending.withUnsafeBytes { bytes in
        Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
      }
      if n == -1 && errno == EINTR { continue }
      guard n > 0 else {
        failure = ("write \(path)", n == -1 ? errno : EIO)
        return
      }
      offset += n
    }
  }

  /// Writes what is left, syncs the file to disk and closes it.
  ///
  /// - Throws: ``ReportDirectory/Failure/fileSystem(path:action:errno:)`` (with an empty path)
  ///   for the first write that failed, or a failed sync or close.
  func close() throws(ReportDirectory.Failure) {
    precondition(descriptor >= 0, "ReportFileStream: \(name) closed twice")
    flush()
    let fd = descriptor
    descriptor = -1
    if failure == nil && fsync(fd) == -1 { failure = ("sync \(path)", errno) }
    if Glibc.close(fd) == -1 && failure == nil && errno != EINTR {
      failure = ("close \(path)", errno)
    }
    if let failure { throw .fileSystem(path: "", action: failure.action, errno: failure.errno) }
  }

  /// Closes the file without writing what is left, for a report that is given up.
  func discard() {
    guard descriptor >= 0 else { return }
    Glibc.close(descriptor)
    descriptor = -1
  }
}
