import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a report into a folder without ever touching a file the tool did not write.
///
/// **Ownership.** Every report folder holds a marker file, ``markerName``. A report is written
/// to a path that does not exist yet, to an empty folder, or to a folder that holds the marker
/// and nothing but report files (``knownFileNames``). Anything else is refused
/// (``Failure/refused(path:reason:)``, exit 73): a folder holding other files, a regular file,
/// a device, a symbolic link. With `force`, a folder holding other files receives the report
/// files beside them; only the files named in ``knownFileNames`` are replaced or removed there.
/// A path that is not a folder is refused even then.
///
/// **Atomic replacement.** The new report is written into a fresh sibling folder
/// (`.NAME.partial-PID`), each file and the folder synced to disk, and then swapped with the old
/// report in one step (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere, or on a file system
/// without it, two renames through `.NAME.previous-PID`). Only then is the old report removed,
/// file by known file. A run killed at any moment leaves either the whole old report or the
/// whole new one at the path, and at most a sibling `.NAME.partial-*` or `.NAME.previous-*`
/// folder of its own, which the next write to the same path removes.
///
/// **Files written while they are produced.** A long run's time series is too large to hold
/// in memory, so a report can also be written in three steps: ``begin(_:)`` checks the path and
/// makes the draft (the staging folder, with the marker, or in a forced write the temporaries
/// beside the files they replace), ``openFile(_:in:)`` creates a file in it that the run writes
/// as it goes (``ReportFileStream``), and ``commit(_:adding:)`` adds the other files and puts
/// the report in place as above. Until the commit the report at the path is untouched; a run
/// that fails calls ``abandon(_:)``, and one killed leaves only the draft, which the next write
/// to the path removes. ``write(_:to:)`` is `begin` then `commit`.
package struct ReportDirectory {
  /// The marker file that says "platform-sim wrote this folder".
  package static let markerName = ".platform-sim-report"
  /// The marker's contents: fixed, so that reports stay byte-identical.
  package static let markerContents =
    "This folder holds a report written by platform-sim. It may be replaced by the next run.\n"
  /// Every file name a report of any kind (run, experiment, shard) writes, and the marker.
  /// A writer of a new report file adds its name here: it is the one list of what the tool
  /// may replace or remove.
  package static let knownFileNames: Set<String> = [
    markerName, "summary.json", "timeseries.csv", "incidents.csv", "releases.csv", "events.csv",
    "replications.csv", "sweep.csv", "shard.json",
  ]

  /// Why a report could not be written.
  package enum Failure: Error, Equatable, CustomStringConvertible {
    /// The path is not a place the tool may write to.
    case refused(path: String, reason: String)
    /// The file system refused an operation.
    case fileSystem(path: String, action: String, errno: Int32)
    /// The test hook stopped the writer, as a kill would (``ReportDirectory/stepsBeforeStop``).
    case stopped

    package var description: String {
      switch self {
      case .refused(let path, let reason):
        "refusing to write reports to \(path): \(reason)"
      case .fileSystem(let path, let action, let code):
        "cannot write reports to \(path): cannot \(action): \(Self.explain(code))"
      case .stopped:
        "stopped by the test hook"
      }
    }

    /// An errno in plain words.
    static func explain(_ code: Int32) -> String {
      switch code {
      case ENOENT: "a folder on the way does not exist"
      case EACCES, EPERM: "permission denied"
      case EROFS: "the file system is read-only"
      case ENOSPC: "no space left on the device"
      case EDQUOT: "the disk quota is used up"
      case ENOTDIR: "a part of the path is a file, not a folder"
      case EEXIST: "something else already exists there"
      case ENOTEMPTY: "the folder is not empty"
      case ENAMETOOLONG: "the name is too long"
      case EIO: "an input/output error"
      default: String(cString: strerror(code))
      }
    }
  }

  /// Whether a folder holding files platform-sim did not write receives the report anyway
  /// (`--force`).
  package var force = false
  /// A test hook: the number of file-system steps to take before stopping dead, without any
  /// clean-up, as `kill -9` would. `nil` (always, outside tests) runs to the end.
  package var stepsBeforeStop: Int?

  package init(force: Bool = false) { self.force = force }

  /// Writes `files` as the report at `path`.
  ///
  /// - Throws: ``Failure/refused(path:reason:)`` when the path is not the tool's to write;
  ///   ``Failure/fileSystem(path:action:errno:)`` when the file system fails.
  package static func write(
    _ files: [(name: String, contents: String)], to path: String, force: Bool = false
  ) throws(Failure) {
    var writer = ReportDirectory(force: force)
    try writer.write(files, to: path)
  }

  /// Throws what ``write(_:to:force:)`` would refuse at `path` before anything is written, so
  /// that a long run does not end in a refusal.
  package static func checkPlace(_ path: String, force: Bool) throws(Failure) {
    let target = try resolve(path)
    _ = try placement(of: target.path, shownAs: path, force: force)
  }

  /// The standardized absolute path of `path`, or why it can never hold a report.
  static func resolve(_ path: String) throws(Failure) -> URL {
    guard !path.isEmpty else { throw .refused(path: "''", reason: "the path is empty") }
    let target = URL(fileURLWithPath: path).standardizedFileURL
    let name = target.lastPathComponent
    guard target.path != "/", name != "..", name != "." else {
      throw .refused(path: path, reason: "the root folder cannot hold a report")
    }
    return target
  }

  /// See ``write(_:to:force:)``.
  package mutating func write(_ files: [(name: String, contents: String)], to path: String)
    throws(Failure)
  {
    let draft = try begin(path)
    try commit(draft, adding: files)
  }

  // MARK: - A report written while it is produced

  /// Starts the report at `path`: checks that the path may hold it, cleans up after
  /// interrupted writes to it, and makes the draft its files go to until
  /// ``commit(_:adding:)`` (see ``Draft``). The report at the path is not touched.
  ///
  /// - Throws: ``Failure/refused(path:reason:)`` when the path is not the tool's to write;
  ///   ``Failure/fileSystem(path:action:errno:)`` when the file system fails.
  package mutating func begin(_ path: String) throws(Failure) -> Draft {
    let target = try Self.resolve(path)
    let name = target.lastPathComponent
    let parent = target.deletingLastPathComponent().path
    var placement = try Self.placement(of: target.path, shownAs: path, force: force)
    do {
      try FileManager.default.createDirectory(
        atPath: parent, withIntermediateDirectories: true)
    } catch {
      throw .fileSystem(path: path, action: "create the folder \(parent)", errno: Self.posixCode(of: error))
    }
    if placement == .create && restorePrevious(of: name, in: parent, to: target.path) {
      placement = .replace
    }
    try removeLeftovers(of: name, in: parent, shownAs: path)
    switch placement {
    case .create, .replace:
      let staging = "\(parent)/.\(name).partial-\(getpid())"
      try startFolder(at: staging, shownAs: path)
      return Draft(shownPath: path, target: target.path, parent: parent, staging: staging)
    case .inPlace:
      // Before any temporary of this draft exists: ours count as stale too (see isRunning).
      removeStaleTemporaries(in: target.path)
      return Draft(shownPath: path, target: target.path, parent: parent, staging: nil)
    }
  }

  /// Creates the report file `name` in `draft`, to be written while it is produced and put in
  /// place by ``commit(_:adding:)``.
  ///
  /// - Precondition: `name` is one of ``knownFileNames``, not the marker, and not yet open in
  ///   `draft`.
  /// - Throws: ``Failure/fileSystem(path:action:errno:)`` when the file cannot be created.
  package mutating func openFile(_ name: String, in draft: inout Draft) throws(Failure)
    -> ReportFileStream
  {
    precondition(
      Self.knownFileNames.contains(name) && name != Self.markerName,
      "ReportDirectory: \(name) is missing from knownFileNames")
    precondition(!draft.streamedNames.contains(name), "ReportDirectory: \(name) opened twice")
    // In the staging folder under its own name; in place under a fresh temporary name of ours.
    let path =
      draft.staging.map { "\($0)/\(name)" }
      ?? "\(draft.target)/.\(name).partial-\(getpid())-\(UInt64.random(in: 1...UInt64.max))"
    var opened: ReportFileStream?
    try step(draft.shownPath) { () throws(Failure) in
      opened = try ReportFileStream(creating: path, name: name)
    }
    guard let stream = opened else { preconditionFailure("ReportDirectory: a step was skipped") }
    draft.streams.append(stream)
    return stream
  }

  /// Completes the report of `draft` with `files` and puts it at its path: the old report is
  /// replaced whole (or, with `force` in a folder holding other files, file by file).
  ///
  /// The path is checked again, as it may have changed while the report was produced. A
  /// failure leaves the old report in place; ``abandon(_:)`` then removes the draft.
  ///
  /// - Precondition: every name in `files` is one of ``knownFileNames``, not the marker, and
  ///   not a file open in `draft`.
  /// - Throws: ``Failure/refused(path:reason:)`` when the path is no longer the tool's to write;
  ///   ``Failure/fileSystem(path:action:errno:)`` when the file system fails, a streamed
  ///   file's write error included.
  package mutating func commit(_ draft: Draft, adding files: [(name: String, contents: String)])
    throws(Failure)
  {
    precondition(
      files.allSatisfy { Self.knownFileNames.contains($0.name) && $0.name != Self.markerName },
      "ReportDirectory: a report file name missing from knownFileNames")
    precondition(
      !files.contains { draft.streamedNames.contains($0.name) },
      "ReportDirectory: a file both streamed and given whole")
    let path = draft.shownPath
    for stream in draft.streams {
      try step(path) { () throws(Failure) in try stream.close() }
    }
    let placement = try Self.placement(of: draft.target, shownAs: path, force: force)
    guard let staging = draft.staging else {
      try writeInPlace(files, moving: draft.streams, in: draft.target, shownAs: path)
      return
    }
    switch placement {
    case .create, .replace:
      try writeFiles(files, into: staging, shownAs: path)
      if placement == .create {
        try step(path) { () throws(Failure) in
          try Self.check(rename(staging, draft.target), "move the report into place")
        }
      } else {
        Self.copyOwnership(from: draft.target, to: staging)
        try swap(staging, draft.target, parent: draft.parent, shownAs: path)
      }
      try sync(draft.parent, shownAs: path)
    case .inPlace:
      // Other files appeared in the folder while the report was produced, and `force` lets
      // the report in beside them: its files move there one by one and the staging folder
      // goes.
      removeStaleTemporaries(in: draft.target)
      try writeInPlace(files, moving: draft.streams, in: draft.target, shownAs: path)
      try removeReport(at: staging, shownAs: path)
    }
  }

  /// Removes what `draft` wrote, for a report that will not be committed (or whose commit
  /// failed). Best effort; the report at the path and every file not of the draft stay.
  package mutating func abandon(_ draft: Draft) {
    for stream in draft.streams { stream.discard() }
    if let staging = draft.staging {
      try? removeReport(at: staging, shownAs: draft.shownPath)
    } else {
      // Temporaries of ours, under names no one else uses; those already renamed are gone.
      for stream in draft.streams { unlink(stream.path) }
    }
  }

  // MARK: - Where the report goes

  /// How the report reaches its path.
  enum Placement: Equatable {
    /// Nothing is there: a new folder is renamed into place.
    case create
    /// An empty folder, or a report of ours: swapped with a new folder.
    case replace
    /// A folder with other files, with `force`: report files written one by one beside them.
    case inPlace
  }

  /// What to do at `path`, or why not.
  static func placement(of path: String, shownAs shown: String, force: Bool) throws(Failure)
    -> Placement
  {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      let code = errno
      if code == ENOENT { return .create }
      throw .fileSystem(path: shown, action: "look at it", errno: code)
    }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: break
    case S_IFLNK:
      throw .refused(
        path: shown,
        reason: "it is a symbolic link; give the folder it points to if that folder is a report")
    case S_IFREG: throw .refused(path: shown, reason: "it is a file, not a folder")
    default: throw .refused(path: shown, reason: "it is a device or special file, not a folder")
    }
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    } catch {
      throw .fileSystem(path: shown, action: "list the folder", errno: Self.posixCode(of: error))
    }
    let foreign = entries.filter { !isReportFile($0, in: path) }
    let marked = entries.contains(markerName) && isReportFile(markerName, in: path)
    if entries.isEmpty || (marked && foreign.isEmpty) {
      // Replaced by a swap of folders, which must not pull the current folder (the user's
      // shell, most likely) from under the process.
      let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
      guard cwd.path == path || cwd.path.hasPrefix(path + "/") else { return .replace }
      if force { return .inPlace }
      throw .refused(
        path: shown,
        reason: "it is the current folder or one that holds it, which a report folder replaces "
          + "whole; give a folder below it, or add --force to write the report files into it")
    }
    if force { return .inPlace }
    let shownEntries = foreign.prefix(5).joined(separator: ", ")
      + (foreign.count > 5 ? " and \(foreign.count - 5) more" : "")
    let reason =
      marked
      ? "the report folder also holds files platform-sim did not write (\(shownEntries))"
      : "the folder was not written by platform-sim (it holds \(shownEntries)) and has no "
        + "\(markerName) marker"
    throw .refused(
      path: shown,
      reason: reason + "; give a new or empty folder, or add --force to write the report "
        + "files beside them (only platform-sim's own file names are replaced)")
  }

  // MARK: - Steps

  /// Runs one file-system step, or stops dead when the test hook says so.
  private mutating func step(_ shown: String, _ body: () throws(Failure) -> Void) throws(Failure) {
    if let left = stepsBeforeStop {
      guard left > 0 else { throw .stopped }
      stepsBeforeStop = left - 1
    }
    do {
      try body()
    } catch {
      if case .fileSystem(_, let action, let code) = error {
        throw .fileSystem(path: shown, action: action, errno: code)
      }
      throw error
    }
  }

  /// Throws the current errno when `result` is -1.
  private static func check(_ result: Int32, _ action: String) throws(Failure) {
    guard result == -1 else { return }
    throw .fileSystem(path: "", action: action, errno: errno)
  }

  /// Creates the new folder `folder` holding only the marker: written first, so that a folder
  /// of ours killed half-way is recognisable as ours.
  private mutating func startFolder(at folder: String, shownAs shown: String) throws(Failure) {
    try step(shown) { () throws(Failure) in
      try Self.check(mkdir(folder, 0o755), "create the folder \(folder)")
    }
    try step(shown) { () throws(Failure) in
      try Self.writeFile("\(folder)/\(Self.markerName)", Self.markerContents, exclusive: true)
    }
  }

  /// Writes the report files into the staging folder `folder`, each synced, then syncs the
  /// folder.
  private mutating func writeFiles(
    _ files: [(name: String, contents: String)], into folder: String, shownAs shown: String
  ) throws(Failure) {
    for file in files {
      try step(shown) { () throws(Failure) in
        try Self.writeFile("\(folder)/\(file.name)", file.contents, exclusive: true)
      }
    }
    try sync(folder, shownAs: shown)
  }

  /// Writes `contents` to `path` and syncs it.
  private static func writeFile(_ path: String, _ contents: String, exclusive: Bool)
    throws(Failure)
  {
    // Never through a symbolic link; a new name is always created fresh.
    let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | (exclusive ? O_EXCL : 0)
    let fd = open(path, flags, 0o644)
    try check(fd, "create \(path)")
    defer { close(fd) }
    let bytes = Array(contents.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { buffer in
        Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
      }
      if n == -1 && errno == EINTR { continue }
      try check(n == -1 ? -1 : 0, "write \(path)")
      offset += n
    }
    try check(fsync(fd), "sync \(path)")
  }

  /// Syncs a folder's entries to disk.
  private mutating func sync(_ folder: String, shownAs shown: String) throws(Failure) {
    try step(shown) { () throws(Failure) in
      let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      try Self.check(fd, "open the folder \(folder)")
      defer { close(fd) }
      try Self.check(fsync(fd), "sync the folder \(folder)")
    }
  }

  /// Puts the new report at `staging` in place of the old one at `target`, then removes the old
  /// one file by known file.
  private mutating func swap(
    _ staging: String, _ target: String, parent: String, shownAs shown: String
  ) throws(Failure) {
    var exchanged = false
    try step(shown) { () throws(Failure) in
      switch Self.exchange(staging, target) {
      case 0: exchanged = true
      case EINVAL, ENOSYS, ENOTSUP, EXDEV: exchanged = false
      case let code: throw .fileSystem(path: "", action: "swap in the new report", errno: code)
      }
    }
    var old = staging
    if !exchanged {
      old = "\(parent)/.\(URL(fileURLWithPath: target).lastPathComponent).previous-\(getpid())"
      try step(shown) { () throws(Failure) in
        try Self.check(rename(target, old), "move the previous report aside")
      }
      try step(shown) { () throws(Failure) in
        try Self.check(rename(staging, target), "move the report into place")
      }
    }
    try sync(parent, shownAs: shown)
    try removeReport(at: old, shownAs: shown)
  }

  /// Gives `folder` the permission bits, owner and group of `original`, so that replacing a
  /// private (0700) or group-shared folder keeps it so. Best effort: an owner we may not set
  /// stays ours.
  private static func copyOwnership(from original: String, to folder: String) {
    var info = stat()
    guard lstat(original, &info) == 0 else { return }
    _ = chmod(folder, info.st_mode & 0o7777)
    _ = chown(folder, info.st_uid, info.st_gid)
  }

  /// `renameat2(a, b, RENAME_EXCHANGE)`: 0, or the errno (ENOSYS where there is no such call).
  private static func exchange(_ a: String, _ b: String) -> Int32 {
    #if os(Linux)
      typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
      guard let symbol = renameAt2Symbol else { return ENOSYS }
      let call = unsafeBitCast(symbol, to: RenameAt2.self)
      let renameExchange: UInt32 = 2  // RENAME_EXCHANGE in <linux/fs.h>
      return call(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 ? 0 : errno
    #else
      return ENOSYS
    #endif
  }

  /// glibc's `renameat2`, which Swift's Glibc module does not import.
  nonisolated(unsafe) private static let renameAt2Symbol: UnsafeMutableRawPointer? = dlsym(
    dlopen(nil, RTLD_NOW), "renameat2")

  /// Removes a report folder of ours: its known files, then the folder if it is then empty.
  /// Anything else in it stays.
  private mutating func removeReport(at folder: String, shownAs shown: String) throws(Failure) {
    // Opened without following a link, and every removal relative to it: if the folder was
    // swapped for a symbolic link meanwhile, nothing is removed through it.
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return }
    defer { close(fd) }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    // The marker last, so that a folder killed half-way is still recognisably ours.
    let ordered = entries.sorted().filter { $0 != Self.markerName } + [Self.markerName]
    for entry in ordered where Self.isReportFile(entry, inFolder: fd) {
      try step(shown) { () throws(Failure) in
        try Self.check(unlinkat(fd, entry, 0), "remove the previous \(entry)")
      }
    }
    try step(shown) { () throws(Failure) in
      if rmdir(folder) == -1 && errno != ENOTEMPTY && errno != EEXIST && errno != ENOTDIR {
        try Self.check(-1, "remove the folder \(folder)")
      }
    }
  }

  /// Whether `entry` of `folder` is a report file: one of ``knownFileNames`` and a regular
  /// file (not a folder or a symbolic link that happens to bear the name).
  static func isReportFile(_ entry: String, in folder: String) -> Bool {
    isReportFile("\(folder)/\(entry)", named: entry, relativeTo: AT_FDCWD)
  }

  /// ``isReportFile(_:in:)`` for an entry of the folder open as `folder`.
  static func isReportFile(_ entry: String, inFolder folder: Int32) -> Bool {
    isReportFile(entry, named: entry, relativeTo: folder)
  }

  /// Whether `path` (relative to the folder descriptor `base`) is a regular file whose name,
  /// `entry`, is one of ``knownFileNames``; links are not followed.
  private static func isReportFile(_ path: String, named entry: String, relativeTo base: Int32)
    -> Bool
  {
    guard knownFileNames.contains(entry) else { return false }
    var info = stat()
    return fstatat(base, path, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFREG
  }

  /// Whether `sibling` is named as a leftover of a write to `name` by some process:
  /// `.NAME.partial-PID` or `.NAME.previous-PID`.
  /// The process ID in a leftover's name, `.NAME.partial-PID` or `.NAME.previous-PID`.
  static func leftoverProcess(_ sibling: String, of name: String) -> pid_t? {
    for prefix in [".\(name).partial-", ".\(name).previous-"] where sibling.hasPrefix(prefix) {
      let digits = sibling.dropFirst(prefix.count)
      guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
      return pid_t(digits)
    }
    return nil
  }

  /// Whether the process `pid` is running (another write to the same path in progress).
  static func isRunning(_ pid: pid_t) -> Bool {
    pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM)
  }

  /// Removes the sibling folders an interrupted write to `name` left behind: `.NAME.partial-PID`
  /// and `.NAME.previous-PID` folders that are empty (killed right after their creation) or
  /// hold the marker (written first) and nothing but report files.
  private mutating func removeLeftovers(of name: String, in parent: String, shownAs shown: String)
    throws(Failure)
  {
    let siblings = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    for sibling in siblings.sorted() {
      guard let pid = Self.leftoverProcess(sibling, of: name), !Self.isRunning(pid) else {
        continue
      }
      let folder = "\(parent)/\(sibling)"
      var info = stat()
      guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
        let entries = try? FileManager.default.contentsOfDirectory(atPath: folder),
        entries.isEmpty
          || (entries.contains(Self.markerName)
            && entries.allSatisfy { Self.isReportFile($0, in: folder) })
      else { continue }
      do {
        try removeReport(at: folder, shownAs: shown)
      } catch {
        if case .stopped = error { throw error }  // the test hook; otherwise best effort
      }
    }
  }

  /// When the path is missing but a complete previous report of ours waits beside it (a write
  /// on a file system without RENAME_EXCHANGE was killed between its two renames), puts that
  /// report back. Returns whether it did.
  private mutating func restorePrevious(of name: String, in parent: String, to target: String)
    -> Bool
  {
    let siblings = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    for sibling in siblings.sorted() where sibling.hasPrefix(".\(name).previous-") {
      guard let pid = Self.leftoverProcess(sibling, of: name), !Self.isRunning(pid) else {
        continue
      }
      let folder = "\(parent)/\(sibling)"
      var info = stat()
      guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
        let entries = try? FileManager.default.contentsOfDirectory(atPath: folder),
        entries.contains(Self.markerName),
        entries.allSatisfy({ Self.isReportFile($0, in: folder) })
      else { continue }
      if rename(folder, target) == 0 { return true }
    }
    return false
  }

  /// With `force`, into a folder that holds other files: the streamed files renamed over their
  /// old versions, each other report file written beside them through a temporary name and
  /// renamed likewise; report files of another kind of report (a run's over an experiment's)
  /// removed; nothing else touched.
  private mutating func writeInPlace(
    _ files: [(name: String, contents: String)], moving streams: [ReportFileStream],
    in folder: String, shownAs shown: String
  ) throws(Failure) {
    for stream in streams {
      try step(shown) { () throws(Failure) in
        try Self.check(
          rename(stream.path, "\(folder)/\(stream.name)"), "move \(stream.name) into place")
      }
    }
    let all = files + [(Self.markerName, Self.markerContents)]
    for file in all {
      // A fresh name of our own (created exclusively, never through a link), removed again
      // if it cannot be renamed into place.
      let temporary = "\(folder)/.\(file.0).partial-\(getpid())-\(UInt64.random(in: 1...UInt64.max))"
      try step(shown) { () throws(Failure) in
        try Self.writeFile(temporary, file.1, exclusive: true)
      }
      try step(shown) { () throws(Failure) in
        guard rename(temporary, "\(folder)/\(file.0)") == 0 else {
          let code = errno
          unlink(temporary)
          throw .fileSystem(path: "", action: "move \(file.0) into place", errno: code)
        }
      }
    }
    let written = Set(all.map(\.0) + streams.map(\.name))
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for entry in entries.sorted()
    where !written.contains(entry) && Self.isReportFile(entry, in: folder) {
      try step(shown) { () throws(Failure) in
        try Self.check(unlink("\(folder)/\(entry)"), "remove the stale \(entry)")
      }
    }
    try sync(folder, shownAs: shown)
  }

  /// Removes the temporaries a killed forced write left in `folder`:
  /// `.KNOWN.partial-PID-N`, regular files, of processes no longer running. Best effort.
  private func removeStaleTemporaries(in folder: String) {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return }
    defer { close(fd) }
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
      guard let pid = Self.temporaryProcess(entry), !Self.isRunning(pid) else { continue }
      var info = stat()
      guard fstatat(fd, entry, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG
      else { continue }
      unlinkat(fd, entry, 0)
    }
  }

  /// The process ID in a temporary's name `.KNOWN.partial-PID-N`, if it is one.
  static func temporaryProcess(_ entry: String) -> pid_t? {
    for known in knownFileNames where entry.hasPrefix(".\(known).partial-") {
      let parts = entry.dropFirst(known.count + 10).split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
      else { return nil }
      return pid_t(parts[0])
    }
    return nil
  }

  /// The POSIX error code behind a Foundation error, or EIO.
  private static func posixCode(of error: any Error) -> Int32 {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return Int32(underlying.code)
    }
    if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
    switch ns.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return ENOENT
    case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return EACCES
    case NSFileWriteVolumeReadOnlyError: return EROFS
    case NSFileWriteOutOfSpaceError: return ENOSPC
    case NSFileWriteFileExistsError: return EEXIST
    default: return EIO
    }
  }
}
