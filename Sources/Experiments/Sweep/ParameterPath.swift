/// Where a parameter sits in a scenario document, as written on the command line:
/// `platform.services[backend].autoscaler.metrics[0].target.averageUtilization`.
///
/// **Syntax.** Member names separated by `.`, each followed by any number of selectors in
/// brackets. A selector of ASCII digits (`[0]`, `[12]`) selects an array element by index,
/// counting from 0; any other text (`[backend]`, `[eu-central-1a]`) selects the element
/// whose `"name"` member is that string. A member name may hold any character but `.`, `[`
/// and `]`; a selector any character but `]`. There is no quoting. The path starts with a
/// member name.
///
/// ``description`` gives the path back in this syntax, so parsing it again gives the same
/// path.
package struct ParameterPath: Hashable, Sendable, CustomStringConvertible {
  /// One step from a container to a value inside it.
  package enum Component: Hashable, Sendable {
    /// An object member.
    case key(String)
    /// An array element, counting from 0.
    case index(Int)
    /// The array element whose `"name"` member is this string.
    case named(String)
  }

  /// The steps from the document's root; at least one.
  package let components: [Component]

  /// The path through `components`.
  ///
  /// - Precondition: `components` is not empty and starts with a key.
  package init(_ components: [Component]) {
    guard case .key = components.first else {
      preconditionFailure("ParameterPath: a path starts with a member name")
    }
    self.components = components
  }

  /// Parses `text`.
  ///
  /// - Throws: ``ExperimentInputError`` with subject `path "text"`, saying what was expected
  ///   at which character.
  package init(parsing text: String) throws(ExperimentInputError) {
    do {
      self = try Self.parse(text)
    } catch {
      throw ExperimentInputError(
        subject: "path \(ExperimentInputError.quote(text))", message: error.message)
    }
  }

  /// The path in the syntax it is parsed from, e.g. `platform.services[backend].replicas`.
  package var description: String {
    var text = ""
    for component in components {
      switch component {
      case .key(let key): text += text.isEmpty ? key : "." + key
      case .index(let i): text += "[\(i)]"
      case .named(let name): text += "[\(name)]"
      }
    }
    return text
  }

  /// The path of the first `count` components, for messages; `"the document"` for none.
  func prefixDescription(_ count: Int) -> String {
    count == 0
      ? "the document"
      : ExperimentInputError.quote(ParameterPath(Array(components.prefix(count))).description)
  }

  /// A problem with a path, before the subject (the whole path) is attached.
  struct Problem: Error {
    /// What is wrong and where.
    var message: String
  }

  /// Parses `text`, reporting problems without a subject.
  static func parse(_ text: String) throws(Problem) -> ParameterPath {
    let characters = Array(text)
    guard !characters.isEmpty else {
      throw Problem(message: "expected a path such as platform.services[backend].replicas")
    }
    /// "(got "x")" or "(got the end)" for position `i`.
    func got(_ i: Int) -> String {
      i < characters.count
        ? "(got \(ExperimentInputError.quote(String(characters[i]))))" : "(got the end)"
    }
    var components: [Component] = []
    var i = 0
    while true {
      // A member name.
      let keyStart = i
      while i < characters.count && !".[]".contains(characters[i]) { i += 1 }
      guard i > keyStart else {
        throw Problem(message: "expected a member name at character \(i + 1) \(got(i))")
      }
      components.append(.key(String(characters[keyStart..<i])))
      // Selectors.
      while i < characters.count && characters[i] == "[" {
        let open = i
        i += 1
        let selectorStart = i
        while i < characters.count && characters[i] != "]" { i += 1 }
        guard i < characters.count else {
          throw Problem(message: "\"[\" at character \(open + 1) is not closed by \"]\"")
        }
        let selector = String(characters[selectorStart..<i])
        i += 1
        guard !selector.isEmpty else {
          throw Problem(
            message: "empty \"[]\" at character \(open + 1); expected an index such as [0] "
              + "or a name such as [backend]")
        }
        if selector.allSatisfy({ $0.isASCII && $0.isNumber }) {
          guard let index = Int(selector) else {
            throw Problem(message: "index \(selector) at character \(open + 2) is too large")
          }
          components.append(.index(index))
        } else {
          components.append(.named(selector))
        }
      }
      if i == characters.count { break }
      guard characters[i] == "." else {
        throw Problem(
          message: "expected \".\" or \"[\" at character \(i + 1) \(got(i))")
      }
      i += 1
    }
    return ParameterPath(components)
  }
}
