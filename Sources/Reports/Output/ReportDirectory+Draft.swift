extension ReportDirectory {
  /// A report being written: where its files go until
  /// ``ReportDirectory/commit(_:adding:)`` puts them in place at the report's path.
  ///
  /// Made by ``ReportDirectory/begin(_:)``. For a new path, an empty folder or a report of ours,
  /// the draft is the staging folder `.NAME.partial-PID` beside the path, holding the marker
  /// from the start; for a forced write into a folder that holds other files, the draft is the
  /// temporary names `.KNOWN.partial-PID-N` inside that folder. Either way the report at the
  /// path stays whole until the commit, and what a killed run leaves is removed by the next
  /// write to the path.
  package struct Draft {
    /// The path as the caller gave it, for messages.
    let shownPath: String
    /// The report's standardized absolute path.
    let target: String
    /// The folder that holds the report's path.
    let parent: String
    /// The staging folder, or `nil` when the files are written into the target in place.
    let staging: String?
    /// The files opened with ``ReportDirectory/openFile(_:in:)``, in order.
    var streams: [ReportFileStream] = []

    /// The report file names the draft has streams for.
    var streamedNames: [String] { streams.map(\.name) }
  }
}
