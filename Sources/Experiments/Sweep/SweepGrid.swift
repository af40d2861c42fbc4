import Scenarios

/// Every combination of the values of several sweep axes (their cartesian product), each
/// combination a numbered, labelled variant.
///
/// **Order.** Variants are numbered from 0 with the first axis varying slowest and the last
/// fastest, like nested loops in axis order (and like odometer digits): axes `a=1,2` and
/// `b=x,y,z` give `a=1 b=x`, `a=1 b=y`, `a=1 b=z`, `a=2 b=x`, …. The order, the numbering and the
/// labels depend only on the axes, so every shard and every run agree on them.
///
/// **Labels.** A variant's label is its settings' labels (`path=value`, see
/// ``ParameterSetting/label``) joined by `", "`, in axis order, e.g.
/// `platform.zones[0].nodeCount=3, platform.services[backend].replicas=4`. With no axes there
/// is one variant, with no settings and the empty label.
package struct SweepGrid: Equatable, Sendable {
  /// The most variants a grid may have.
  package static let maximumVariantCount = 1_000_000

  /// One combination of axis values.
  package struct Variant: Equatable, Sendable {
    /// The variant's number in the grid, from 0.
    package let index: Int
    /// One setting per axis, in axis order.
    package let settings: [ParameterSetting]

    /// The settings' labels joined by `", "`; empty with no axes.
    package var label: String { settings.map(\.label).joined(separator: ", ") }

    /// `document` with every setting applied, in axis order.
    ///
    /// - Throws: ``ExperimentInputError`` from the first setting that does not apply (see
    ///   `JSONValue.set(_:at:)`).
    package func apply(to document: JSONValue) throws(ExperimentInputError) -> JSONValue {
      var result = document
      for setting in settings { try result.set(setting.value, at: setting.path) }
      return result
    }
  }

  /// The axes, first varying slowest.
  package let axes: [SweepAxis]
  /// The number of variants: the product of the axes' value counts (1 with no axes).
  package let count: Int

  /// The grid of `axes`.
  ///
  /// - Throws: ``ExperimentInputError`` with subject `sweep` when two axes set the same path
  ///   or there would be more than ``maximumVariantCount`` variants.
  package init(axes: [SweepAxis]) throws(ExperimentInputError) {
    var count = 1
    var seen: Set<ParameterPath> = []
    for axis in axes {
      guard seen.insert(axis.path).inserted else {
        throw ExperimentInputError(
          subject: "sweep",
          message: "two axes set \(ExperimentInputError.quote(axis.path.description)); "
            + "give each path once with all its values")
      }
      let (product, overflow) = count.multipliedReportingOverflow(by: axis.values.count)
      guard !overflow, product <= Self.maximumVariantCount else {
        throw ExperimentInputError(
          subject: "sweep",
          message: "the axes give more than \(Self.maximumVariantCount) variants")
      }
      count = product
    }
    self.axes = axes
    self.count = count
  }

  /// Parses each of `texts` as a ``SweepAxis`` and builds their grid.
  ///
  /// - Throws: ``ExperimentInputError`` for the first axis that does not parse, or as
  ///   ``init(axes:)``.
  package init(parsing texts: [String]) throws(ExperimentInputError) {
    var axes: [SweepAxis] = []
    for text in texts { axes.append(try SweepAxis(parsing: text)) }
    try self.init(axes: axes)
  }

  /// Variant number `index`.
  ///
  /// - Precondition: `0 <= index < count`.
  /// - Complexity: O(number of axes).
  package func variant(at index: Int) -> Variant {
    precondition(index >= 0 && index < count, "SweepGrid: no variant \(index) of \(count)")
    var remainder = index
    var positions = [Int](repeating: 0, count: axes.count)
    for a in axes.indices.reversed() {
      positions[a] = remainder % axes[a].values.count
      remainder /= axes[a].values.count
    }
    let settings = axes.indices.map { a in
      ParameterSetting(path: axes[a].path, value: axes[a].values[positions[a]])
    }
    return Variant(index: index, settings: settings)
  }

  /// Every variant, by number.
  /// - Complexity: O(``count`` × number of axes).
  package var variants: [Variant] { (0..<count).map(variant(at:)) }
}
