/// A set of pods kept as an ascending array of IDs, so that iterating it visits them in the
/// order a scan of the whole pod table would.
///
/// Insertion and removal are O(*n*) in the set's size (binary search, then a shift); the sets
/// this holds (a node's pods, a service's pods, the Pending pods) are small next to the table.
///
/// Not generic on purpose: the debug builds the tests run compile file by file, where a
/// generic type used from another file is not specialised and ran many times slower.
struct PodIDSet: Sendable, RandomAccessCollection {
  private(set) var elements: [PodID] = []

  init() {}

  var startIndex: Int { elements.startIndex }
  var endIndex: Int { elements.endIndex }
  subscript(position: Int) -> PodID { elements[position] }

  /// The position of `id`, or where it would be inserted.
  private func position(of id: PodID) -> Int {
    var low = 0
    var high = elements.count
    while low < high {
      let middle = (low + high) / 2
      if elements[middle] < id { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Adds `id` unless it is already there.
  mutating func insert(_ id: PodID) {
    let at = position(of: id)
    if at < elements.count && elements[at] == id { return }
    elements.insert(id, at: at)
  }

  /// Removes `id` if it is there.
  mutating func remove(_ id: PodID) {
    let at = position(of: id)
    if at < elements.count && elements[at] == id { elements.remove(at: at) }
  }
}
