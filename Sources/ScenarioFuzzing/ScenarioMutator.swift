import Foundation
import Scenarios
import SimKernel

/// Turns one base scenario into a hostile variant, deterministically from a ``FuzzRandom``.
///
/// Most mutations act on one value of the parsed document (a leaf or a container) and are
/// stacked one to four deep; the rest act on the bytes of the written text (truncation,
/// invalid UTF-8, a byte order mark, flipped bytes). Leaf mutations are where crashers live:
/// a document that still parses reaches the decoder, the validator and, if it validates, the
/// model.
package struct ScenarioMutator {
  /// The mutations, for statistics and for naming crashers.
  package enum Mutation: String, CaseIterable, Sendable {
    case extremeValue, numericTweak, typeSwap, deleteKey, duplicateKey, addUnknownKey
    case deepNesting, hugeArray, unknownWord, zeroOrNegative, splice, emptyContainer
    case dropElement, repeatElement
    case truncate, invalidUTF8, byteOrderMark, flipByte, insertBytes, deleteBytes
  }

  /// One step from the document root: a member (by position, for duplicate keys) or an element.
  enum Step: Equatable {
    case member(Int)
    case element(Int)
  }

  /// The values of every key in every base, for splicing values between scenarios.
  let valuesByKey: [String: [JSONValue]]
  /// Every value of every base.
  let allValues: [JSONValue]

  /// Whether mutations keep each value's JSON type and mostly its validity (for run inputs,
  /// which should mostly get past validation into the model): no byte-level damage, no type
  /// swaps or deep nesting, and extremes drawn from the values that parse.
  let preservesTypes: Bool

  /// A mutator whose splices draw from `bases`; see ``preservesTypes``.
  package init(bases: [JSONValue], preservesTypes: Bool = false) {
    self.preservesTypes = preservesTypes
    var byKey: [String: [JSONValue]] = [:]
    var all: [JSONValue] = []
    func collect(_ value: JSONValue, key: String?) {
      all.append(value)
      if let key { byKey[key, default: []].append(value) }
      switch value {
      case .object(let members): for m in members { collect(m.value, key: m.key) }
      case .array(let items): for item in items { collect(item, key: nil) }
      default: break
      }
    }
    for base in bases { collect(base, key: nil) }
    valuesByKey = byKey
    allValues = all
  }

  /// The text of a mutated copy of `base`, and the mutations applied.
  package func mutate(_ base: JSONValue, random: inout FuzzRandom, maximumSteps: Int = 4)
    -> (bytes: [UInt8], mutations: [Mutation])
  {
    var document = base
    var applied: [Mutation] = []
    var deep: (depth: Int, open: String, close: String)?
    // Mostly one mutation, so that most inputs get past the decoder to the checks and the model.
    let roll = random.below(20)
    let steps = min(maximumSteps, roll < 12 ? 1 : roll < 17 ? 2 : random.int(in: 3...4))
    var byteLevel: [Mutation] = []
    for _ in 0..<steps {
      if !preservesTypes && random.chance(1, in: 8) {
        byteLevel.append(
          random.pick(
            [.truncate, .invalidUTF8, .byteOrderMark, .flipByte, .insertBytes, .deleteBytes]
              as [Mutation]))
        continue
      }
      let mutation = mutateTree(&document, random: &random, deep: &deep)
      applied.append(mutation)
    }
    let writer = JSONWriter(style: random.chance(1, in: 2) ? .pretty : .compact, sortsKeys: false)
    var text = writer.string(from: document)
    if let deep {
      let nested =
        String(repeating: deep.open, count: deep.depth) + "0"
        + String(repeating: deep.close, count: deep.depth)
      // One deep value; copies made by later mutations (huge arrays) become plain zeros.
      let marker = "\"\(Self.deepMarker)\""
      if let first = text.range(of: marker) {
        text.replaceSubrange(first, with: nested)
        text = text.replacingOccurrences(of: marker, with: "0")
      }
    }
    var bytes = Array(text.utf8)
    for mutation in byteLevel {
      mutateBytes(&bytes, mutation, random: &random)
      applied.append(mutation)
    }
    return (bytes, applied)
  }

  /// Stands for the deeply nested value until the text is written (the writer recurses).
  static let deepMarker = "@@fuzz-deep-nesting@@"

  // MARK: - Tree mutations

  /// Applies one mutation at a random place of `document` and returns which.
  func mutateTree(
    _ document: inout JSONValue, random: inout FuzzRandom,
    deep: inout (depth: Int, open: String, close: String)?
  ) -> Mutation {
    var places: [(path: [Step], key: String?)] = []
    Self.collectPlaces(document, path: [], key: nil, into: &places)
    let place = random.pick(places)
    // Leaves are chosen more often than containers: they hold the units.
    var mutation: Mutation
    let roll = random.below(100)
    if preservesTypes {
      switch roll {
      case 0..<45: mutation = .extremeValue
      case 45..<65: mutation = .numericTweak
      case 65..<80: mutation = .splice
      case 80..<88: mutation = .deleteKey
      case 88..<93: mutation = .repeatElement
      case 93..<96: mutation = .dropElement
      case 96..<98: mutation = .zeroOrNegative
      default: mutation = .hugeArray
      }
    } else {
      switch roll {
      case 0..<30: mutation = .extremeValue
      case 30..<40: mutation = .numericTweak
      case 40..<50: mutation = .typeSwap
      case 50..<58: mutation = .deleteKey
      case 58..<62: mutation = .duplicateKey
      case 62..<65: mutation = .addUnknownKey
      case 65..<67: mutation = .deepNesting
      case 67..<70: mutation = .hugeArray
      case 70..<76: mutation = .unknownWord
      case 76..<84: mutation = .zeroOrNegative
      case 84..<92: mutation = .splice
      case 92..<94: mutation = .emptyContainer
      case 94..<97: mutation = .dropElement
      default: mutation = .repeatElement
      }
    }
    if mutation == .deepNesting && deep != nil { mutation = .extremeValue }
    switch mutation {
    case .deleteKey, .duplicateKey:
      // Acts on the member's parent object.
      guard case .member(let index)? = place.path.last else {
        mutation = .extremeValue
        break
      }
      Self.modify(&document, at: place.path.dropLast()) { parent in
        guard case .object(var members) = parent else { return }
        if mutation == .deleteKey {
          members.remove(at: index)
        } else {
          var copy = members[index]
          copy.value =
            random.chance(1, in: 2)
            ? copy.value : self.extreme(for: copy.value, key: copy.key, random: &random)
          members.insert(copy, at: random.int(in: 0...members.count))
        }
        parent = .object(members)
      }
      return mutation
    case .dropElement, .repeatElement:
      guard case .element(let index)? = place.path.last else {
        mutation = .extremeValue
        break
      }
      Self.modify(&document, at: place.path.dropLast()) { parent in
        guard case .array(var items) = parent else { return }
        if mutation == .dropElement {
          items.remove(at: index)
        } else {
          items.insert(
            contentsOf: repeatElement(items[index], count: random.int(in: 1...3)), at: index)
        }
        parent = .array(items)
      }
      return mutation
    default: break
    }
    Self.modify(&document, at: place.path[...]) { value in
      switch mutation {
      case .extremeValue: value = self.extreme(for: value, key: place.key, random: &random)
      case .numericTweak: value = Self.tweak(value, random: &random)
      case .typeSwap: value = Self.swapType(value, random: &random)
      case .addUnknownKey:
        if case .object(var members) = value {
          members.append(
            (
              random.pick(FuzzValues.words + ["horizn", "kind", "name", "at"]),
              self.extreme(for: .null, key: nil, random: &random)
            ))
          value = .object(members)
        } else {
          value = .object([(key: random.pick(FuzzValues.words), value: value)])
        }
      case .deepNesting:
        let depth = random.pick([50, 200, 1000, 10_000, 100_000])
        deep = random.chance(1, in: 2) ? (depth, "[", "]") : (depth, "{\"a\":", "}")
        value = .string(Self.deepMarker)
      case .hugeArray:
        value = Self.hugeArray(like: value, random: &random)
      case .unknownWord:
        value = .string(random.pick(FuzzValues.words))
      case .zeroOrNegative:
        value = .number(
          JSONNumber(text: random.pick(["0", "-1", "-2", "0.0", "-0", "-1e-9", "-100000"]))!)
      case .splice:
        if let key = place.key, let candidates = self.valuesByKey[key], random.chance(3, in: 4) {
          value = random.pick(candidates)
        } else {
          value = random.pick(self.allValues)
        }
      case .emptyContainer:
        value = random.pick([.object([]), .array([]), .string(""), .null] as [JSONValue])
      default:
        value = self.extreme(for: value, key: place.key, random: &random)
      }
    }
    return mutation
  }

  /// Every value of `value` with its path and the key it is stored under.
  static func collectPlaces(
    _ value: JSONValue, path: [Step], key: String?,
    into places: inout [(path: [Step], key: String?)]
  ) {
    places.append((path, key))
    switch value {
    case .object(let members):
      for (index, member) in members.enumerated() {
        collectPlaces(member.value, path: path + [.member(index)], key: member.key, into: &places)
      }
    case .array(let items):
      // Long arrays (traces) would swamp the choice: only their first elements count.
      for (index, item) in items.prefix(8).enumerated() {
        collectPlaces(item, path: path + [.element(index)], key: key, into: &places)
      }
    default: break
    }
  }

  /// Applies `change` to the value at `path`.
  static func modify(
    _ value: inout JSONValue, at path: ArraySlice<Step>, _ change: (inout JSONValue) -> Void
  ) {
    guard let step = path.first else {
      change(&value)
      return
    }
    switch (step, value) {
    case (.member(let index), .object(var members)) where index < members.count:
      value = .null
      modify(&members[index].value, at: path.dropFirst(), change)
      value = .object(members)
    case (.element(let index), .array(var items)) where index < items.count:
      value = .null
      modify(&items[index], at: path.dropFirst(), change)
      value = .array(items)
    default: break
    }
  }

  /// A hostile value of the same unit as `value` when it has one, else of any kind.
  func extreme(for value: JSONValue, key: String?, random: inout FuzzRandom) -> JSONValue {
    if preservesTypes { return validExtreme(for: value, key: key, random: &random) }
    func number() -> JSONValue { .number(JSONNumber(text: random.pick(FuzzValues.numbers))!) }
    if let key, key.hasSuffix("MiB") || key.hasSuffix("Millicores") || key == "averageValue",
      random.chance(2, in: 3)
    {
      return random.chance(2, in: 3) ? .string(random.pick(FuzzValues.quantities)) : number()
    }
    switch value {
    case .number where random.chance(4, in: 5): return number()
    case .string(let text) where random.chance(4, in: 5):
      if text.hasSuffix("%") { return .string(random.pick(FuzzValues.percentages)) }
      if Self.looksLikeDuration(text) { return .string(random.pick(FuzzValues.durations)) }
      if text.last.map({ $0.isNumber || "mKMGTPEi".contains($0) }) == true {
        return .string(random.pick(FuzzValues.quantities))
      }
      return .string(random.pick(FuzzValues.words + FuzzValues.durations))
    default:
      switch random.below(6) {
      case 0, 1: return number()
      case 2: return .string(random.pick(FuzzValues.durations))
      case 3: return .string(random.pick(FuzzValues.quantities))
      case 4: return .string(random.pick(FuzzValues.percentages))
      default:
        return random.pick(
          [.null, .bool(true), .bool(false), .object([]), .array([])] as [JSONValue])
      }
    }
  }

  /// An extreme of the same JSON type and unit as `value`, drawn from the values that read.
  func validExtreme(for value: JSONValue, key: String?, random: inout FuzzRandom) -> JSONValue {
    switch value {
    case .number:
      return .number(JSONNumber(text: random.pick(FuzzValues.positiveNumbers))!)
    case .string(let text):
      if let key, key.hasSuffix("MiB") || key.hasSuffix("Millicores") || key == "averageValue" {
        return .string(random.pick(FuzzValues.readableQuantities))
      }
      if text.hasSuffix("%") { return .string(random.pick(FuzzValues.percentages)) }
      if (try? SimDuration(parsing: text)) != nil {
        return .string(random.pick(FuzzValues.readableDurations))
      }
      return value
    case .bool(let b): return .bool(!b)
    default: return value
    }
  }

  /// `value` scaled, shifted or negated if it is a number, else an extreme.
  static func tweak(_ value: JSONValue, random: inout FuzzRandom) -> JSONValue {
    guard case .number(let n) = value else {
      return .number(JSONNumber(text: random.pick(FuzzValues.numbers))!)
    }
    let x = n.doubleValue
    let result: Double
    switch random.below(7) {
    case 0: result = x * pow10(random.int(in: 1...20))
    case 1: result = x * pow10(random.int(in: 100...308))
    case 2: result = x / pow10(random.int(in: 1...320))
    case 3: result = -x
    case 4: result = x + 1
    case 5: result = x - 1
    default: result = x * 2_147_483_648
    }
    return .number(JSONNumber(result) ?? JSONNumber(text: "1e308")!)
  }

  /// Whether `text` is shaped like a duration (a digit or `-` first, a unit letter last), so
  /// that malformed durations count too.
  static func looksLikeDuration(_ text: String) -> Bool {
    guard let first = text.first, first.isNumber || first == "-" else { return false }
    return text.last.map { "smhdu".contains($0) } ?? false
  }

  /// Ten to the power `k`, exactly as the literal `1e<k>` reads.
  static func pow10(_ k: Int) -> Double { Double("1e\(k)") ?? .infinity }

  /// `value` as another JSON type (a number as its text, a string as a number, an object as an
  /// array of its values, ...).
  static func swapType(_ value: JSONValue, random: inout FuzzRandom) -> JSONValue {
    switch value {
    case .number(let n):
      return random.pick([
        .string(n.text), .bool(true), .array([value]), .object([("value", value)]), .null,
      ])
    case .string(let s):
      if let n = JSONNumber(text: s) { return .number(n) }
      return random.pick([
        .number(JSONNumber(s.count)), .array([value]), .object([(s, .null)]), .bool(false),
      ])
    case .bool(let b):
      return random.pick([.string(b ? "true" : "false"), .integer(b ? 1 : 0), .null])
    case .null: return random.pick([.string("null"), .integer(0), .object([]), .array([])])
    case .array(let items):
      return random.pick([
        .object(items.enumerated().map { (String($0.offset), $0.element) }), items.first ?? .null,
        .string("[]"),
      ])
    case .object(let members):
      return random.pick([
        .array(members.map(\.value)), members.first?.value ?? .null, .string("{}"),
      ])
    }
  }

  /// An array of many copies of `value` (or of its first element), kept to a few megabytes.
  static func hugeArray(like value: JSONValue, random: inout FuzzRandom) -> JSONValue {
    var element = value
    if case .array(let items) = value, let first = items.first { element = first }
    let size = JSONWriter(style: .compact).string(from: element).utf8.count + 1
    let wanted = random.pick([1_000, 10_000, 100_000, 1_000_000])
    let count = max(1, min(wanted, 4_000_000 / size))
    return .array(Array(repeating: element, count: count))
  }

  // MARK: - Byte mutations

  /// Applies a byte-level mutation to the written text.
  func mutateBytes(_ bytes: inout [UInt8], _ mutation: Mutation, random: inout FuzzRandom) {
    guard !bytes.isEmpty else { return }
    switch mutation {
    case .truncate:
      bytes.removeSubrange(random.below(bytes.count)...)
    case .invalidUTF8:
      let junk: [[UInt8]] = [
        [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80],
        [0xE2, 0x82],
      ]
      bytes.insert(contentsOf: random.pick(junk), at: random.below(bytes.count + 1))
    case .byteOrderMark:
      let marks: [[UInt8]] = [
        [0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF],
      ]
      bytes.insert(
        contentsOf: random.pick(marks), at: random.chance(3, in: 4) ? 0 : random.below(bytes.count))
    case .flipByte:
      let index = random.below(bytes.count)
      bytes[index] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
    case .insertBytes:
      let pieces = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "-", "e", "0", "\u{0}",
        "null", "1e999999",
      ]
      bytes.insert(contentsOf: Array(random.pick(pieces).utf8), at: random.below(bytes.count + 1))
    default:
      let start = random.below(bytes.count)
      bytes.removeSubrange(start..<min(bytes.count, start + random.int(in: 1...16)))
    }
  }
}
