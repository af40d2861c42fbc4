import Scenarios

extension JSONValue {
  /// Sets the value at `path` to `value`, creating missing objects on the way.
  ///
  /// Each step needs the right kind of container:
  /// - a member name needs an object (the document itself, at the start); a missing member is
  ///   added at the end of the object's members, holding `value` if it is the last step or an
  ///   empty object to continue in if the next step is a member name. A member that is present
  ///   but `null` or another non-object is not replaced: that is an error;
  /// - `[i]` needs an array with more than *i* elements;
  /// - `[name]` needs an array with an element whose `"name"` is the string `name` (the first
  ///   such element is used). A missing array, or a missing element, is an error: an element
  ///   cannot be invented from its name alone.
  ///
  /// An object `{"replace": [...]}`, the way `explain` writes a named list that no longer
  /// starts with the reference's entries, counts as its array for `[i]` and `[name]`.
  ///
  /// Nothing is changed when an error is thrown.
  ///
  /// - Throws: ``ExperimentInputError`` with subject `path "…"` (the whole path) and a message
  ///   naming the step that failed, e.g.
  ///   `no element of "platform.services" has "name" equal to "backend" (names: "api", "web")`.
  /// - Complexity: O(size of the containers along the path).
  package mutating func set(_ value: JSONValue, at path: ParameterPath)
    throws(ExperimentInputError)
  {
    do {
      try Self.set(value, at: path, step: 0, in: &self)
    } catch {
      throw ExperimentInputError(
        subject: "path \(ExperimentInputError.quote(path.description))", message: error.message)
    }
  }

  /// This document with `setting` applied; see ``set(_:at:)``.
  ///
  /// - Throws: as ``set(_:at:)``.
  package func applying(_ setting: ParameterSetting) throws(ExperimentInputError) -> JSONValue {
    var copy = self
    try copy.set(setting.value, at: setting.path)
    return copy
  }

  /// Sets `value` at `path.components[step...]` below `node`, which sits at
  /// `path.components[..<step]`.
  private static func set(
    _ value: JSONValue, at path: ParameterPath, step: Int, in node: inout JSONValue
  ) throws(ParameterPath.Problem) {
    let components = path.components
    guard step < components.count else {
      node = value
      return
    }
    let here = path.prefixDescription(step)
    var selectsElement = true
    if case .key = components[step] { selectsElement = false }
    if selectsElement, case .object(let members) = node, members.count == 1,
      members[0].key == "replace", case .array = members[0].value
    {
      // A named list written as {"replace": [...]}: select inside the array.
      var child = members[0].value
      node = .null
      defer { node = .object([(key: "replace", value: child)]) }
      try set(value, at: path, step: step, in: &child)
      return
    }
    switch components[step] {
    case .key(let key):
      guard case .object(var members) = node else {
        throw ParameterPath.Problem(
          message: "\(here) is \(node.kindDescription), expected an object to set "
            + "\(ExperimentInputError.quote(key)) in")
      }
      if let position = members.firstIndex(where: { $0.key == key }) {
        var child = members[position].value
        members[position].value = .null  // drop the reference so the child is not copied
        node = .null
        defer {
          members[position].value = child
          node = .object(members)
        }
        try set(value, at: path, step: step + 1, in: &child)
      } else {
        var child: JSONValue
        if step + 1 == components.count {
          child = value
        } else if case .key = components[step + 1] {
          child = .object([])
          try set(value, at: path, step: step + 1, in: &child)
        } else {
          throw ParameterPath.Problem(
            message: "\(path.prefixDescription(step + 1)) does not exist, so there is no "
              + "array to select \(selectorText(components[step + 1])) from")
        }
        members.append((key: key, value: child))
        node = .object(members)
      }
    case .index(let index):
      guard case .array(var elements) = node else {
        throw ParameterPath.Problem(
          message: "\(here) is \(node.kindDescription), expected an array to select [\(index)] from"
        )
      }
      guard index < elements.count else {
        throw ParameterPath.Problem(
          message: "index \(index) is out of range: \(here) has \(elements.count) "
            + (elements.count == 1 ? "element" : "elements"))
      }
      try setElement(at: index, of: &elements, in: &node, value, path, step)
    case .named(let name):
      guard case .array(var elements) = node else {
        throw ParameterPath.Problem(
          message: "\(here) is \(node.kindDescription), expected an array to select "
            + "[\(name)] from")
      }
      guard let index = elements.firstIndex(where: { $0["name"] == .string(name) }) else {
        let names = elements.compactMap { element -> String? in
          if case .string(let n) = element["name"] { return ExperimentInputError.quote(n) }
          return nil
        }
        throw ParameterPath.Problem(
          message: "no element of \(here) has \"name\" equal to "
            + "\(ExperimentInputError.quote(name))"
            + (names.isEmpty ? "" : " (names: \(names.joined(separator: ", ")))"))
      }
      try setElement(at: index, of: &elements, in: &node, value, path, step)
    }
  }

  /// Recurses into `elements[index]` and stores the result back in `node`.
  private static func setElement(
    at index: Int, of elements: inout [JSONValue], in node: inout JSONValue,
    _ value: JSONValue, _ path: ParameterPath, _ step: Int
  ) throws(ParameterPath.Problem) {
    var child = elements[index]
    elements[index] = .null
    node = .null
    defer {
      elements[index] = child
      node = .array(elements)
    }
    try set(value, at: path, step: step + 1, in: &child)
  }

  /// `[0]` or `[backend]`.
  private static func selectorText(_ component: ParameterPath.Component) -> String {
    switch component {
    case .key(let key): key
    case .index(let i): "[\(i)]"
    case .named(let name): "[\(name)]"
    }
  }
}
