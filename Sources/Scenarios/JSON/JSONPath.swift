/// Where a value sits in a JSON document: `platform.services[1].cpuRequestMillicores`.
package struct JSONPath: Hashable, Sendable, CustomStringConvertible {
  /// One step from a container to a value inside it.
  package enum Component: Hashable, Sendable {
    /// An object member.
    case key(String)
    /// An array element, counting from 0.
    case index(Int)
  }

  /// The steps from the document's root.
  package var components: [Component]

  /// The root, or the path through `components`.
  package init(_ components: [Component] = []) { self.components = components }

  /// The root of the document.
  package static let root = JSONPath()

  /// This path extended by an object member.
  package func appending(_ key: String) -> JSONPath { JSONPath(components + [.key(key)]) }

  /// This path extended by an array element.
  package func appending(_ index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

  /// Keys joined by `.`, indexes in brackets; empty for the root.
  package var description: String {
    var text = ""
    for component in components {
      switch component {
      case .key(let key): text += text.isEmpty ? key : "." + key
      case .index(let i): text += "[\(i)]"
      }
    }
    return text
  }
}
