// platform-sim-fuzz: mutates the shipped scenarios and feeds them to `validate` and to one-hour
// `run`s in-process (see ScenarioFuzzing and docs/fuzzing.md). Exit 0: every input ended in
// 0, 65 or 66 as required; 1: some inputs broke a rule (saved in OUT/crashers); 3: an input hung;
// 4: the memory bound was passed; 64: bad options. A crash leaves OUT/current.txt naming the
// input, which scripts/fuzz-scenarios.sh saves before it goes on with --start.

import Foundation
import ScenarioFuzzing

let usage = """
  usage: platform-sim-fuzz [--seed N] [--validate N] [--runs M] [--start K] [--out DIR]
             [--scenarios DIR] [--validate-seconds S] [--run-seconds S] [--memory-mib M]
             [--quiet] [--print K]
         platform-sim-fuzz --replay FILE...   validate and run each file (one hour), print
             "FILE: validate S, run R" and exit 1 if any broke a rule
  """

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("platform-sim-fuzz: \(message)\n\(usage)\n".utf8))
  exit(64)
}

var options = FuzzCampaign.Options()
var printIndex: Int?
var replay: [String] = []
var rest = CommandLine.arguments.dropFirst()
while let argument = rest.popFirst() {
  func value() -> String {
    guard let text = rest.popFirst() else { fail("\(argument) needs a value") }
    return text
  }
  func number() -> Int {
    guard let n = Int(value()), n >= 0 else { fail("\(argument) needs a whole number") }
    return n
  }
  func seconds() -> Double {
    guard let s = Double(value()), s > 0 else { fail("\(argument) needs a positive number") }
    return s
  }
  switch argument {
  case "--seed":
    guard let seed = UInt64(value()) else { fail("--seed needs a whole number") }
    options.seed = seed
  case "--validate": options.validateCount = number()
  case "--runs": options.runCount = number()
  case "--start": options.start = number()
  case "--out": options.out = value()
  case "--scenarios": options.scenarios = value()
  case "--validate-seconds": options.validateSeconds = seconds()
  case "--run-seconds": options.runSeconds = seconds()
  case "--memory-mib": options.memoryLimitMiB = number()
  case "--quiet": options.progress = false
  case "--print": printIndex = number()
  case "--replay":
    replay = Array(rest)
    rest = []
  case "--help", "-h":
    print(usage)
    exit(0)
  default: fail("unknown option '\(argument)'")
  }
}

if !replay.isEmpty {
  let work = (options.out as NSString).appendingPathComponent("replay")
  var failed = false
  for file in replay {
    let result = FuzzCampaign.replay(file, work: work)
    print("\(file): validate \(result.validate), run \(result.run)")
    for problem in result.problems { print("  \(problem)") }
    failed = failed || !result.problems.isEmpty
  }
  try? FileManager.default.removeItem(atPath: work)
  exit(failed ? 1 : 0)
}

do {
  let campaign = try FuzzCampaign(options)
  if let printIndex {
    // Writes input K to standard output, to reproduce it without running it.
    let input = campaign.input(printIndex)
    FileHandle.standardError.write(Data("\(input.label)\n".utf8))
    FileHandle.standardOutput.write(Data(input.bytes))
    exit(0)
  }
  let summary = try campaign.run()
  print(summary)
  exit(summary.failures.isEmpty ? 0 : 1)
} catch {
  FileHandle.standardError.write(Data("platform-sim-fuzz: \(error)\n".utf8))
  exit(70)
}
