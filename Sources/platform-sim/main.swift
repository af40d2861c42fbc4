// platform-sim: the command-line front end. Everything it does lives in PlatformSimCLI
// (`CommandLineTool`), which maps errors to exit codes (0 done, 64 usage, 65 invalid scenario,
// 66 unreadable input, 70 internal error, 73 cannot write the reports, 74 cannot write the
// output); this file only hands it the arguments.

import Foundation
import PlatformSimCLI

CommandLineTool.ignoreBrokenPipes()
exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
