import Scenarios

/// Reads one command's arguments: options that take a value (each at most once, unless
/// repeatable), flags, and operands; `--help` prints the command's usage.
///
/// An unknown option is a usage error with a did-you-mean among the command's options; so is a
/// single-valued option given twice (`--seed 3 --seed 4` would otherwise silently keep one).
struct OptionReader {
  /// The command, for messages and `--help`.
  let command: String
  /// Options followed by a value.
  let valued: [String]
  /// Valued options that may be given more than once (`--set`).
  let repeatable: Set<String>
  /// Options without a value.
  let flags: [String]
  /// The arguments still to read.
  private var rest: ArraySlice<String>
  /// Each valued option's values, in order.
  private(set) var values: [String: [String]] = [:]
  /// The flags given.
  private(set) var givenFlags: Set<String> = []
  /// The arguments that are not options, in order.
  private(set) var operands: [String] = []

  init(
    _ arguments: [String], command: String, valued: [String], repeatable: Set<String> = [],
    flags: [String]
  ) {
    self.rest = arguments[...]
    self.command = command
    self.valued = valued
    self.repeatable = repeatable
    self.flags = flags
  }

  /// Reads every argument; true when `--help` was asked for (the usage is then printed and
  /// nothing else should happen).
  ///
  /// - Throws: a usage ``CommandLineTool/Failure`` for an unknown or repeated option, or an
  ///   option without its value.
  mutating func readAll() throws -> Bool {
    while let argument = rest.popFirst() {
      if argument == "--help" || argument == "-h" {
        print(CommandLineTool.usage(of: command))
        return true
      }
      if valued.contains(argument) {
        guard let value = rest.popFirst() else {
          throw CommandLineTool.Failure.usage("\(argument) needs a value\n\(CommandLineTool.usage(of: command))")
        }
        if values[argument] != nil, !repeatable.contains(argument) {
          throw CommandLineTool.Failure.usage(
            "\(argument) is given twice (\(values[argument]![0]) and \(value)); give it once")
        }
        values[argument, default: []].append(value)
      } else if flags.contains(argument) {
        givenFlags.insert(argument)
      } else if argument.hasPrefix("-") && argument.count > 1 {
        let known = valued + flags + ["--help"]
        let hint = Suggestion.closest(to: argument, among: known).map { " (did you mean \($0)?)" } ?? ""
        let list = known.isEmpty ? "it takes no options" : "its options are \(known.joined(separator: ", "))"
        throw CommandLineTool.Failure.usage(
          "unknown option '\(argument)' for \(command)\(hint); \(list)")
      } else {
        operands.append(argument)
      }
    }
    return false
  }

  /// The value of a single-valued option, if given.
  func value(_ option: String) -> String? { values[option]?.first }

  /// Every value of a repeatable option, in order.
  func allValues(_ option: String) -> [String] { values[option] ?? [] }

  /// Whether a flag was given.
  func has(_ flag: String) -> Bool { givenFlags.contains(flag) }
}
