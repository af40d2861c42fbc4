/// One key of a scenario object: how it is read onto, and written from, a field of `Root`.
struct Field<Root> {
  /// The JSON key: the Swift property's name.
  let key: String
  /// Reads the member onto the root.
  let decode: (inout Root, JSONValue, JSONPath, ScenarioDecoder) -> Void
  /// Writes the member; `nil` leaves it out of the explained JSON.
  let encode: (Root) -> JSONValue?

  /// The field at `keyPath`, read and written with `codec`.
  init<V>(_ key: String, _ keyPath: WritableKeyPath<Root, V>, _ codec: Codec<V>) {
    self.key = key
    decode = { root, json, path, d in codec.decode(&root[keyPath: keyPath], json, path, d) }
    encode = { root in codec.encode(root[keyPath: keyPath]) }
  }

  /// A field with hand-written reading and writing.
  init(
    key: String, decode: @escaping (inout Root, JSONValue, JSONPath, ScenarioDecoder) -> Void,
    encode: @escaping (Root) -> JSONValue?
  ) {
    self.key = key
    self.decode = decode
    self.encode = encode
  }
}

/// The keys of one kind of scenario object; a file's object overlays the current value with
/// the keys it states.
struct ObjectSchema<Root> {
  /// The keys, in documentation order.
  let fields: [Field<Root>]

  /// The keys' names.
  var keys: [String] { fields.map(\.key) }

  /// Overlays `root` with the members of `json`, which must be an object of known keys.
  func decode(_ root: inout Root, _ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder) {
    guard case .object(let members) = json else {
      d.mismatch(path, "an object", json)
      return
    }
    for (key, value) in members {
      if let field = fields.first(where: { $0.key == key }) {
        field.decode(&root, value, path.appending(key), d)
      } else {
        d.reportUnknownKey(key, at: path, allowed: keys)
      }
    }
  }

  /// Every field of `root`.
  func encode(_ root: Root) -> JSONValue {
    .object(fields.compactMap { field in field.encode(root).map { (field.key, $0) } })
  }

  /// This schema as an overlaying codec.
  var codec: Codec<Root> { Codec(decode: decode, encode: encode) }
}

/// A list whose entries have a `name`: the file's entries overlay the entries of the same
/// name and add new ones, or `{"replace": [...]}` replaces the whole list.
struct NamedList<Entry> {
  /// The entries' schema (including `name`).
  let schema: ObjectSchema<Entry>
  /// The entry's name.
  let name: KeyPath<Entry, String>
  /// What an entry is called in messages: `"service"`, `"node group"`.
  let noun: String
  /// Keys a new entry (one whose name is not in the list yet) must state.
  let requiredForNew: [String]
  /// A new entry's starting value, before the file's keys overlay it.
  let makeNew: (String) -> Entry
  /// The list as the file is decoded onto (for explaining: whether merging gives back the
  /// same order).
  let reference: [Entry]

  /// The codec.
  var codec: Codec<[Entry]> { Codec(decode: decode, encode: encode) }

  func decode(_ list: inout [Entry], _ json: JSONValue, _ path: JSONPath, _ d: ScenarioDecoder) {
    var itemsPath = path
    var items: [JSONValue]
    var result = list
    switch json {
    case .array(let array):
      items = array
    case .object(let members) where members.count == 1 && members[0].key == "replace":
      itemsPath = path.appending("replace")
      guard case .array(let array) = members[0].value else {
        d.mismatch(itemsPath, "an array", members[0].value)
        return
      }
      items = array
      result = []
    default:
      d.mismatch(path, "an array, or {\"replace\": [...]} to replace the whole list", json)
      return
    }
    var seen: [String: JSONPath] = [:]
    let existing = list.map { $0[keyPath: name] }
    for (i, item) in items.enumerated() {
      let itemPath = itemsPath.appending(i)
      guard case .object = item else {
        d.mismatch(itemPath, "an object", item)
        continue
      }
      guard let nameValue = item["name"] else {
        d.reportMissing(["name"], at: itemPath)
        continue
      }
      guard let entryName = d.string(nameValue, itemPath.appending("name")) else { continue }
      if let first = seen[entryName] {
        d.report(
          itemPath.appending("name"),
          "duplicate name \(ScenarioDecoder.quote(entryName)) (also at \(first))")
        continue
      }
      seen[entryName] = itemPath
      d.entryPaths[path.description, default: [:]][entryName] = itemPath
      if let index = result.firstIndex(where: { $0[keyPath: name] == entryName }) {
        schema.decode(&result[index], item, itemPath, d)
      } else {
        let missing = requiredForNew.filter { item[$0] == nil }
        if !missing.isEmpty {
          var suffix = " for new \(noun) \(ScenarioDecoder.quote(entryName))"
          if let close = Suggestion.closest(to: entryName, among: existing) {
            suffix += " (did you mean \(ScenarioDecoder.quote(close))?)"
          }
          d.reportMissing(missing, at: itemPath, suffix: suffix)
          continue
        }
        var entry = makeNew(entryName)
        schema.decode(&entry, item, itemPath, d)
        result.append(entry)
      }
    }
    list = result
  }

  /// A plain array when merging it onto ``reference`` gives the same names in the same order,
  /// else `{"replace": [...]}`.
  func encode(_ list: [Entry]) -> JSONValue {
    let names = list.map { $0[keyPath: name] }
    let referenceNames = reference.map { $0[keyPath: name] }
    let array = JSONValue.array(list.map(schema.encode))
    return names.starts(with: referenceNames) ? array : .object([("replace", array)])
  }
}
