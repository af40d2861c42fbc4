// platform-sim: the command-line front end. It parses arguments, calls the library targets and
// maps their errors to exit codes (0 done, 64 usage, 65 invalid scenario, 66 unreadable input,
// 70 internal error). Nothing else lives here.

import Foundation

/// The tool's version, recorded in every report.
let toolVersion = "0.1.0"

let usage = """
  usage: platform-sim [run] [FILE]      simulate a scenario (default: the built-in reference)
         platform-sim --version         print the version
         platform-sim --help            print this help
  """

/// Writes `text` and a newline to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

var arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "--help", "-h", "help":
  print(usage)
case "--version":
  print("platform-sim \(toolVersion)")
case nil, "run":
  if !arguments.isEmpty { arguments.removeFirst() }
  if let unknown = arguments.first(where: { $0.hasPrefix("-") }) {
    printError("platform-sim: unknown option '\(unknown)'\n\(usage)")
    exit(64)
  }
  print("platform-sim \(toolVersion): no scenario support yet; the simulation kernel is ready")
  print("(run the kernel benchmark with: swift run -c release platform-sim-bench mmc)")
default:
  printError("platform-sim: unknown command '\(arguments[0])'\n\(usage)")
  exit(64)
}
