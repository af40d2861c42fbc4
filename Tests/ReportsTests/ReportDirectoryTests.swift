import Foundation
import Testing

@testable import Reports

/// Every file below `folder` (hidden ones and folders included) with its bytes; a symbolic
/// link is recorded as `-> destination`.
private func snapshot(_ folder: String) -> [String: Data] {
  var result: [String: Data] = [:]
  let manager = FileManager.default
  guard let entries = manager.subpaths(atPath: folder) else { return result }
  for entry in entries {
    let path = "\(folder)/\(entry)"
    if let destination = try? manager.destinationOfSymbolicLink(atPath: path) {
      result[entry] = Data("-> \(destination)".utf8)
      continue
    }
    var isFolder: ObjCBool = false
    _ = manager.fileExists(atPath: path, isDirectory: &isFolder)
    result[entry] = isFolder.boolValue ? Data("<folder>".utf8) : manager.contents(atPath: path)
  }
  return result
}

/// A fresh scratch folder holding a user's files: `NOTES.md` and `src/main.c`.
private func scratchWithUserFiles() throws -> String {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("report-directory-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: "\(folder)/src", withIntermediateDirectories: true)
  try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/NOTES.md"))
  try Data("int main() {}\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/src/main.c"))
  return folder
}

private let oldReport: [(name: String, contents: String)] = [
  ("summary.json", "{\"old\": true}\n"), ("timeseries.csv", "old\n"), ("events.csv", "old\n"),
]
private let newReport: [(name: String, contents: String)] = [
  ("summary.json", "{\"new\": true}\n"), ("replications.csv", "new\n"),
]
/// A file written while it is produced, beside `newReport`: many small writes, several blocks.
private let streamedName = "timeseries.csv"
private let streamedLines = (0..<40_000).map { "row \($0),\($0 * 7)\n" }

/// Writes `newReport` to `target` with `writer`; with `streamed`, through a draft whose
/// timeseries.csv is written line by line before the commit.
private func writeNewReport(
  with writer: inout ReportDirectory, to target: String, streamed: Bool
) throws(ReportDirectory.Failure) {
  guard streamed else {
    try writer.write(newReport, to: target)
    return
  }
  var draft = try writer.begin(target)
  let file = try writer.openFile(streamedName, in: &draft)
  for line in streamedLines { file.write(line) }
  try writer.commit(draft, adding: newReport)
}

/// `newReport` as written by ``writeNewReport(with:to:streamed:)``.
private func newFiles(streamed: Bool) -> [(name: String, contents: String)] {
  streamed ? newReport + [(streamedName, streamedLines.joined())] : newReport
}

/// The report files as they should be on disk, marker included.
private func expected(_ files: [(name: String, contents: String)]) -> [String: Data] {
  var result = [ReportDirectory.markerName: Data(ReportDirectory.markerContents.utf8)]
  for file in files { result[file.name] = Data(file.contents.utf8) }
  return result
}

private func refusal(_ body: () throws(ReportDirectory.Failure) -> Void) -> String? {
  do {
    try body()
    return nil
  } catch {
    guard case .refused = error else { return "not a refusal: \(error)" }
    return error.description
  }
}

@Suite struct ReportDirectoryTests {
  @Test("a new path gets the report files and the marker, and nothing else is left beside it")
  func newPath() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let before = snapshot(scratch)
    try ReportDirectory.write(newReport, to: "\(scratch)/out/deep")
    #expect(snapshot("\(scratch)/out/deep") == expected(newReport))
    #expect(try FileManager.default.contentsOfDirectory(atPath: "\(scratch)/out") == ["deep"])
    let after = snapshot(scratch).filter { !$0.key.hasPrefix("out") }
    #expect(after == before)
  }

  @Test("a report of ours is replaced whole: files of the old report that the new one lacks go")
  func replacesOwnReport() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try ReportDirectory.write(oldReport, to: "\(scratch)/report")
    try ReportDirectory.write(newReport, to: "\(scratch)/report")
    #expect(snapshot("\(scratch)/report") == expected(newReport))
    let siblings = try FileManager.default.contentsOfDirectory(atPath: scratch).sorted()
    #expect(siblings == ["NOTES.md", "report", "src"])
  }

  @Test("the current folder, empty or a report, is not swapped away from under the process")
  func currentFolderIsNotSwapped() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try FileManager.default.createDirectory(atPath: "\(scratch)/empty", withIntermediateDirectories: false)
    let cwd = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath("\(scratch)/empty")
    defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
    let message = refusal { () throws(ReportDirectory.Failure) in
      try ReportDirectory.write(newReport, to: ".")
    }
    #expect(message?.contains("it is the current folder") == true, "\(message ?? "written")")
    try ReportDirectory.write(newReport, to: ".", force: true)
    #expect(snapshot("\(scratch)/empty") == expected(newReport))
    var info = stat()
    #expect(stat(".", &info) == 0 && info.st_nlink > 0, "the current folder still exists")
  }

  @Test("replacing a private report folder keeps it private")
  func keepsPermissions() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try ReportDirectory.write(oldReport, to: "\(scratch)/report")
    chmod("\(scratch)/report", 0o700)
    try ReportDirectory.write(newReport, to: "\(scratch)/report")
    var info = stat()
    #expect(stat("\(scratch)/report", &info) == 0 && info.st_mode & 0o777 == 0o700)
  }

  @Test("an empty folder receives the report")
  func emptyFolder() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try FileManager.default.createDirectory(atPath: "\(scratch)/empty", withIntermediateDirectories: false)
    try ReportDirectory.write(newReport, to: "\(scratch)/empty")
    #expect(snapshot("\(scratch)/empty") == expected(newReport))
  }

  @Test(
    "a folder the tool did not write, '.', '..', '/', an empty path, a file, a device and a symlink are refused and left untouched"
  )
  func refusals() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try Data("a file\n".utf8).write(to: URL(fileURLWithPath: "\(scratch)/afile"))
    try ReportDirectory.write(oldReport, to: "\(scratch)/report")
    try FileManager.default.createSymbolicLink(atPath: "\(scratch)/link", withDestinationPath: "report")
    try FileManager.default.createSymbolicLink(atPath: "\(scratch)/srclink", withDestinationPath: "src")
    let before = snapshot(scratch)
    let cwd = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath("\(scratch)/src")
    defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
    let cases: [(path: String, says: String)] = [
      (scratch, "was not written by platform-sim (it holds NOTES.md, afile, link, report, src"),
      (".", "was not written by platform-sim (it holds main.c)"),
      ("..", "was not written by platform-sim (it holds NOTES.md, afile, link, report, src"),
      ("\(scratch)/empty/..", "was not written by platform-sim"),
      ("/", "the root folder cannot hold a report"),
      ("", "the path is empty"),
      ("\(scratch)/afile", "it is a file, not a folder"),
      ("/dev/null", "it is a device or special file"),
      ("\(scratch)/link", "it is a symbolic link"),
      ("\(scratch)/srclink", "it is a symbolic link"),
    ]
    for (path, says) in cases {
      let message = refusal { () throws(ReportDirectory.Failure) in
        try ReportDirectory.write(newReport, to: path)
      }
      #expect(message?.contains(says) == true, "\(path): \(message ?? "written")")
    }
    for path in ["\(scratch)/afile", "/dev/null", "\(scratch)/link", "/"] {
      let message = refusal { () throws(ReportDirectory.Failure) in
        try ReportDirectory.write(newReport, to: path, force: true)
      }
      #expect(message != nil, "\(path) with force: written")
    }
    #expect(snapshot(scratch) == before)
  }

  @Test("a report folder that also holds a user's file is refused; with force the file stays")
  func markedFolderWithUserFile() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try ReportDirectory.write(oldReport, to: "\(scratch)/report")
    try Data("mine\n".utf8).write(to: URL(fileURLWithPath: "\(scratch)/report/analysis.txt"))
    let message = refusal { () throws(ReportDirectory.Failure) in
      try ReportDirectory.write(newReport, to: "\(scratch)/report")
    }
    #expect(message?.contains("also holds files platform-sim did not write (analysis.txt)") == true)
    try ReportDirectory.write(newReport, to: "\(scratch)/report", force: true)
    var want = expected(newReport)
    want["analysis.txt"] = Data("mine\n".utf8)
    #expect(snapshot("\(scratch)/report") == want)
  }

  @Test("with force, a user's folder keeps every file of its own; stale report files of ours go")
  func forceKeepsUserFiles() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let before = snapshot(scratch)
    try ReportDirectory.write(oldReport, to: scratch, force: true)
    try ReportDirectory.write(newReport, to: scratch, force: true)
    var want = before
    for (name, data) in expected(newReport) { want[name] = data }
    #expect(snapshot(scratch) == want)
  }

  /// Stops the writer after each number of steps in turn, as `kill -9` would, and checks that
  /// the path holds the whole old report or the whole new one, that nothing of the user's
  /// moved, and that the next write cleans up after the killed one.
  func killedAtEveryStep(
    old: [(name: String, contents: String)]?, force: Bool = false, streamed: Bool = false
  ) throws -> Int {
    var steps = 0
    while true {
      let scratch = try scratchWithUserFiles()
      defer { try? FileManager.default.removeItem(atPath: scratch) }
      let target = force ? scratch : "\(scratch)/report"
      let userFiles = snapshot(scratch)
      if let old { try ReportDirectory.write(old, to: target, force: force) }
      var writer = ReportDirectory(force: force)
      writer.stepsBeforeStop = steps
      var finished = true
      do {
        try writeNewReport(with: &writer, to: target, streamed: streamed)
      } catch {
        #expect(error == .stopped)
        finished = false
      }
      if !force {
        let now = snapshot(target)
        let acceptable = [old.map(expected), expected(newFiles(streamed: streamed)), nil]
          .compactMap { $0 }
        let state = FileManager.default.fileExists(atPath: target) ? now : nil
        #expect(
          (state == nil && old == nil) || acceptable.contains { $0 == state },
          "after \(steps) steps the report is neither the old nor the new one: \(now.keys.sorted())")
      }
      let userKept = snapshot(scratch).filter { userFiles[$0.key] != nil }
      #expect(userKept == userFiles, "after \(steps) steps a user's file changed")
      // The next full write recovers: the new report in place, no leftovers beside it.
      try ReportDirectory.write(newReport, to: target, force: force)
      if force {
        var want = userFiles
        for (name, data) in expected(newReport) { want[name] = data }
        #expect(snapshot(scratch) == want, "after \(steps) steps and a rewrite")
      } else {
        #expect(snapshot(target) == expected(newReport))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: scratch).sorted()
        #expect(siblings == ["NOTES.md", "report", "src"], "after \(steps) steps: \(siblings)")
      }
      if finished { return steps }
      steps += 1
    }
  }

  @Test("killed at any step of a replacement, the old report or the new one is whole")
  func killDuringReplacement() throws {
    let steps = try killedAtEveryStep(old: oldReport)
    #expect(steps >= 8)  // folder, 3 files, sync, swap, sync, removals of the old report
  }

  @Test("killed at any step of a first write, there is no report or the whole new one")
  func killDuringCreation() throws {
    #expect(try killedAtEveryStep(old: nil) >= 5)
  }

  @Test("killed at any step of a forced write, a user's files are untouched")
  func killDuringForcedWrite() throws {
    #expect(try killedAtEveryStep(old: oldReport, force: true) >= 6)
  }

  @Test("killed at any step of a write with a streamed file, the old report or the new one is whole")
  func killDuringStreamedReplacement() throws {
    #expect(try killedAtEveryStep(old: oldReport, streamed: true) >= 10)
  }

  @Test("killed at any step of a forced write with a streamed file, a user's files are untouched")
  func killDuringStreamedForcedWrite() throws {
    #expect(try killedAtEveryStep(old: oldReport, force: true, streamed: true) >= 8)
  }

  @Test("a streamed file joins the report at the commit; until then the old report is whole")
  func streamedFileArrivesAtCommit() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let target = "\(scratch)/report"
    try ReportDirectory.write(oldReport, to: target)
    var writer = ReportDirectory()
    var draft = try writer.begin(target)
    let file = try writer.openFile(streamedName, in: &draft)
    for line in streamedLines { file.write(line) }
    #expect(snapshot(target) == expected(oldReport))
    try writer.commit(draft, adding: newReport)
    #expect(snapshot(target) == expected(newFiles(streamed: true)))
    let siblings = try FileManager.default.contentsOfDirectory(atPath: scratch).sorted()
    #expect(siblings == ["NOTES.md", "report", "src"])
  }

  @Test("an abandoned draft leaves the old report and the user's files as they were, and nothing beside them", arguments: [false, true])
  func abandonedDraft(force: Bool) throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let target = force ? scratch : "\(scratch)/report"
    try ReportDirectory.write(oldReport, to: target, force: force)
    let before = snapshot(scratch)
    var writer = ReportDirectory(force: force)
    var draft = try writer.begin(target)
    let file = try writer.openFile(streamedName, in: &draft)
    for line in streamedLines.prefix(100) { file.write(line) }
    #expect(snapshot(scratch) != before, "the draft is on disk while the run goes")
    writer.abandon(draft)
    #expect(snapshot(scratch) == before)
  }

  @Test("files a user puts into the report folder during a run: refused at the commit, or with force kept beside the report")
  func userFilesAppearDuringTheRun() throws {
    for force in [false, true] {
      let scratch = try scratchWithUserFiles()
      defer { try? FileManager.default.removeItem(atPath: scratch) }
      let target = "\(scratch)/report"
      try ReportDirectory.write(oldReport, to: target)
      var writer = ReportDirectory(force: force)
      var draft = try writer.begin(target)
      let file = try writer.openFile(streamedName, in: &draft)
      for line in streamedLines { file.write(line) }
      try Data("mine\n".utf8).write(to: URL(fileURLWithPath: "\(target)/analysis.txt"))
      var want = expected(force ? newFiles(streamed: true) : oldReport)
      want["analysis.txt"] = Data("mine\n".utf8)
      do {
        try writer.commit(draft, adding: newReport)
        #expect(force, "committed without force")
      } catch {
        #expect(!force && error.description.contains("(analysis.txt)"), "\(error)")
        writer.abandon(draft)
      }
      #expect(snapshot(target) == want, "force \(force)")
      let siblings = try FileManager.default.contentsOfDirectory(atPath: scratch).sorted()
      #expect(siblings == ["NOTES.md", "report", "src"], "force \(force)")
    }
  }

  @Test("a folder or symlink bearing a report file's name is not a report file: the folder is refused")
  func reportNamesThatAreNotFiles() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try ReportDirectory.write(oldReport, to: "\(scratch)/report")
    try FileManager.default.createDirectory(
      atPath: "\(scratch)/report/sweep.csv", withIntermediateDirectories: false)
    try Data("mine\n".utf8).write(to: URL(fileURLWithPath: "\(scratch)/report/sweep.csv/data"))
    try FileManager.default.createSymbolicLink(
      atPath: "\(scratch)/report/shard.json", withDestinationPath: "../NOTES.md")
    let before = snapshot(scratch)
    let message = refusal { () throws(ReportDirectory.Failure) in
      try ReportDirectory.write(newReport, to: "\(scratch)/report")
    }
    #expect(message?.contains("also holds files platform-sim did not write (shard.json, sweep.csv)") == true, "\(message ?? "written")")
    #expect(snapshot(scratch) == before)
  }

  @Test("a user's folder named like a leftover is kept unless it is empty or holds our marker and report files only")
  func leftoverLookalikes() throws {
    let scratch = try scratchWithUserFiles()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let manager = FileManager.default
    // Look-alikes: no marker, a non-numeric suffix, a foreign file beside the marker.
    try manager.createDirectory(atPath: "\(scratch)/.report.partial-1", withIntermediateDirectories: false)
    try Data("mine\n".utf8).write(to: URL(fileURLWithPath: "\(scratch)/.report.partial-1/summary.json"))
    try manager.createDirectory(atPath: "\(scratch)/.report.partial-x", withIntermediateDirectories: false)
    try manager.createDirectory(atPath: "\(scratch)/.report.previous-2", withIntermediateDirectories: false)
    try Data(ReportDirectory.markerContents.utf8).write(
      to: URL(fileURLWithPath: "\(scratch)/.report.previous-2/\(ReportDirectory.markerName)"))
    try Data("mine\n".utf8).write(to: URL(fileURLWithPath: "\(scratch)/.report.previous-2/notes.txt"))
    // Real leftovers: an empty one, and one holding our marker and a report file.
    try manager.createDirectory(atPath: "\(scratch)/.report.partial-2147483003", withIntermediateDirectories: false)
    try manager.createDirectory(atPath: "\(scratch)/.report.partial-2147483004", withIntermediateDirectories: false)
    try Data(ReportDirectory.markerContents.utf8).write(
      to: URL(fileURLWithPath: "\(scratch)/.report.partial-2147483004/\(ReportDirectory.markerName)"))
    try Data("x\n".utf8).write(to: URL(fileURLWithPath: "\(scratch)/.report.partial-2147483004/events.csv"))
    try ReportDirectory.write(newReport, to: "\(scratch)/report")
    let left = try manager.contentsOfDirectory(atPath: scratch).filter { $0.hasPrefix(".report") }.sorted()
    #expect(left == [".report.partial-1", ".report.partial-x", ".report.previous-2"])
    #expect(manager.contents(atPath: "\(scratch)/.report.partial-1/summary.json") == Data("mine\n".utf8))
  }

  @Test("file-system failures are told in our words with the path")
  func fileSystemMessages() throws {
    let message: String
    do {
      try ReportDirectory.write(newReport, to: "/proc/platform-sim-nope/out")
      message = "written"
    } catch {
      message = error.description
    }
    #expect(message.hasPrefix("cannot write reports to /proc/platform-sim-nope/out: cannot "))
    #expect(!message.contains("The operation could not be completed"))
  }
}
