// platform-sim: the command-line front end. It parses arguments, calls the library targets and
// maps their errors to exit codes (0 done, 64 usage, 65 invalid scenario, 66 unreadable input,
// 70 internal error, 73 cannot write the reports). Nothing else lives here.

import Foundation

let exitCode = CommandLineTool.main(Array(CommandLine.arguments.dropFirst()))
exit(exitCode)
