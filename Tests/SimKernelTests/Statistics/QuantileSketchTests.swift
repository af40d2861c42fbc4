import Testing

@testable import SimKernel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The data sets every sketch test runs on.
enum SketchDataSet: String, CaseIterable, CustomTestStringConvertible {
  case uniform, exponential, heavyTailed, zerosAndNegatives, constant, wideRange, integers

  var testDescription: String { rawValue }

  /// A fixed seed per data set.
  private var seed: UInt64 {
    switch self {
    case .uniform: 1
    case .exponential: 2
    case .heavyTailed: 3
    case .zerosAndNegatives: 4
    case .constant: 5
    case .wideRange: 6
    case .integers: 7
    }
  }

  /// 20,000 reproducible values.
  func values() -> [Double] {
    var random = StatisticsTestRandom(seed: seed)
    return (0..<20_000).map { _ -> Double in
      switch self {
      case .uniform: return 1_000 * random.uniform()
      case .exponential: return random.exponential(mean: 0.05)
      case .heavyTailed: return pow(random.uniformPositive(), -1 / 1.1)  // Pareto, α = 1.1
      case .zerosAndNegatives:
        switch random.below(10) {
        case 0, 1: return 0
        case 2, 3, 4: return -random.exponential(mean: 3)
        default: return exp(2 * random.normal())
        }
      case .constant: return 42.5
      case .wideRange: return exp(random.uniform() * 27.6 - 13.8)  // 10⁻⁶ … 10⁶
      case .integers: return Double(random.below(10_000) + 1)
      }
    }
  }
}

@Suite struct QuantileSketchTests {
  static let quantiles = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1]

  /// The exact quantile under the sketch's rank convention: position ⌊q·(n − 1)⌋ when sorted.
  private func exactQuantile(_ sorted: [Double], _ q: Double) -> Double {
    sorted[Int((q * Double(sorted.count - 1)).rounded(.down))]
  }

  private func sketch(
    _ values: some Sequence<Double>, accuracy: Double = 0.01, buckets: Int = 2048
  ) -> QuantileSketch {
    var sketch = QuantileSketch(relativeAccuracy: accuracy, maximumBucketCount: buckets)
    for value in values { sketch.record(value) }
    return sketch
  }

  /// The first logical difference between two sketches, for failure messages; `nil` if equal.
  private func firstDifference(_ a: QuantileSketch, _ b: QuantileSketch) -> String? {
    if a.count != b.count { return "count \(a.count) vs \(b.count)" }
    if a.zeroCount != b.zeroCount { return "zeros \(a.zeroCount) vs \(b.zeroCount)" }
    if a.minimum != b.minimum || a.maximum != b.maximum {
      return "extremes \(String(describing: a.minimum))…\(String(describing: a.maximum)) vs "
        + "\(String(describing: b.minimum))…\(String(describing: b.maximum))"
    }
    if a._sum != b._sum { return "sum \(a.sum) vs \(b.sum)" }
    for (name, x, y) in [
      ("positive", a.positive, b.positive), ("negative", a.negative, b.negative),
    ] {
      if x.total != y.total { return "\(name) total \(x.total) vs \(y.total)" }
      if x.highestIndex != y.highestIndex {
        return "\(name) highest index \(x.highestIndex) vs \(y.highestIndex)"
      }
      let low = min(x.offset, y.offset)
      let high = max(x.offset + x.counts.count, y.offset + y.counts.count)
      for index in low..<high where x.count(atIndex: index) != y.count(atIndex: index) {
        return "\(name) bucket \(index): \(x.count(atIndex: index)) vs \(y.count(atIndex: index))"
      }
    }
    return a == b ? nil : "== is false but no difference was found"
  }

  @Test(
    "every quantile is within the relative accuracy of the exact one",
    arguments: SketchDataSet.allCases, [(0.01, 2048), (0.05, 2048), (0.001, 1 << 15)])
  func accuracy(dataSet: SketchDataSet, parameters: (accuracy: Double, buckets: Int)) throws {
    let values = dataSet.values()
    let sorted = values.sorted()
    let sketch = sketch(values, accuracy: parameters.accuracy, buckets: parameters.buckets)
    #expect(sketch.count == values.count)
    #expect(sketch.minimum == sorted.first && sketch.maximum == sorted.last)
    for q in Self.quantiles {
      let exact = exactQuantile(sorted, q)
      let estimate = try #require(sketch.quantile(q))
      #expect(
        abs(estimate - exact) <= parameters.accuracy * abs(exact) * (1 + 1e-12),
        "\(dataSet) α = \(parameters.accuracy): q = \(q) gave \(estimate), exact \(exact)")
    }
    // With no collapsing, every quantile on a fine grid is within α.
    for step in 0...1_000 {
      let q = Double(step) / 1_000
      let exact = exactQuantile(sorted, q)
      let estimate = try #require(sketch.quantile(q))
      if abs(estimate - exact) > parameters.accuracy * abs(exact) * (1 + 1e-12) {
        Issue.record(
          "\(dataSet) α = \(parameters.accuracy): q = \(q) gave \(estimate), exact \(exact)")
        break
      }
    }
  }

  @Test("merging sketches of parts equals sketching the whole", arguments: SketchDataSet.allCases)
  func mergeIsExact(dataSet: SketchDataSet) {
    let values = dataSet.values()
    let whole = sketch(values)
    let half = values.count / 2
    let a = sketch(values[..<half])
    let b = sketch(values[half...])
    #expect(firstDifference(a.merging(b), whole) == nil, "\(dataSet): a + b")
    #expect(firstDifference(b.merging(a), whole) == nil, "\(dataSet): b + a")
    let parts = (0..<4).map { part in
      sketch(values.indices.filter { $0 % 4 == part }.map { values[$0] })
    }
    let balanced = parts[0].merging(parts[1]).merging(parts[2].merging(parts[3]))
    var chain = parts[3]
    for part in parts[..<3].reversed() { chain.merge(part) }
    #expect(firstDifference(balanced, whole) == nil, "\(dataSet): (p0 + p1) + (p2 + p3)")
    #expect(firstDifference(chain, whole) == nil, "\(dataSet): ((p3 + p2) + p1) + p0")
    var random = StatisticsTestRandom(seed: 99)
    #expect(firstDifference(sketch(random.shuffled(values)), whole) == nil, "\(dataSet): shuffled")
    #expect(whole.merging(QuantileSketch()) == whole && QuantileSketch().merging(whole) == whole)
  }

  @Test("collapsing keeps merges exact, memory bounded and the upper quantiles accurate")
  func collapse() throws {
    // 64 buckets at α = 1 % span a ratio of γ^63 ≈ 3.5, far less than the data's 10¹²: most
    // of the low values are collapsed, on both signs.
    var random = StatisticsTestRandom(seed: 64)
    let values = (0..<20_000).map { k -> Double in
      let magnitude = exp(random.uniform() * 27.6 - 13.8)
      return k % 3 == 0 ? -magnitude : magnitude
    }
    let buckets = 64
    let whole = sketch(values, buckets: buckets)
    let a = sketch(values[..<7_000], buckets: buckets)
    let b = sketch(values[7_000...], buckets: buckets)
    #expect(firstDifference(a.merging(b), whole) == nil, "a + b")
    #expect(firstDifference(b.merging(a), whole) == nil, "b + a")
    let parts = (0..<4).map { part in
      sketch(values.indices.filter { $0 % 4 == part }.map { values[$0] }, buckets: buckets)
    }
    #expect(
      firstDifference(parts[0].merging(parts[1]).merging(parts[2].merging(parts[3])), whole) == nil)
    #expect(
      firstDifference(parts[3].merging(parts[1]).merging(parts[0]).merging(parts[2]), whole) == nil)
    #expect(firstDifference(sketch(values.sorted(), buckets: buckets), whole) == nil, "ascending")
    #expect(
      firstDifference(sketch(values.sorted().reversed(), buckets: buckets), whole) == nil,
      "descending")

    for store in [whole.positive, whole.negative] {
      #expect(store.bucketSpan <= buckets && store.counts.count <= 2 * buckets)
    }
    #expect(whole.bucketCount <= 2 * buckets)

    // Accurate wherever the exact value lies above the collapsed range of its store.
    let sorted = values.sorted()
    let positiveFloor = exp(Double(whole.positive.lowestKeptIndex - 1) * whole.logGamma)
    let negativeFloor = exp(Double(whole.negative.lowestKeptIndex - 1) * whole.logGamma)
    var checked = 0
    for step in 0...1_000 {
      let q = Double(step) / 1_000
      let exact = exactQuantile(sorted, q)
      guard exact > positiveFloor || exact < -negativeFloor else { continue }
      checked += 1
      let estimate = try #require(whole.quantile(q))
      #expect(
        abs(estimate - exact) <= 0.01 * abs(exact) * (1 + 1e-12),
        "q = \(q): \(estimate) vs \(exact)")
    }
    #expect(checked > 10, "the guarantee should cover the top and bottom quantiles (\(checked))")
  }

  @Test("storage stays bounded for monotone streams", arguments: [false, true])
  func boundedStorage(descending: Bool) {
    let buckets = 256
    var sketch = QuantileSketch(relativeAccuracy: 0.01, maximumBucketCount: buckets)
    var maximumStorage = 0
    var maximumCapacity = 0
    for k in 0..<100_000 {
      let exponent = Double(descending ? 100_000 - k : k) * 0.005 - 250  // 10⁻¹⁰⁸ … 10¹⁰⁸
      sketch.record(exp(exponent))
      maximumStorage = max(maximumStorage, sketch.positive.counts.count)
      maximumCapacity = max(maximumCapacity, sketch.positive.counts.capacity)
      if sketch.positive.bucketSpan > buckets {
        Issue.record("\(sketch.positive.bucketSpan) buckets after \(k) values")
        break
      }
    }
    #expect(maximumStorage <= 2 * buckets, "storage reached \(maximumStorage) slots")
    #expect(maximumCapacity <= 4 * buckets, "capacity reached \(maximumCapacity) slots")
    #expect(sketch.bucketCount == buckets)
    #expect(sketch.quantile(1) == sketch.maximum)
  }

  @Test("empty, single-value, zero and sum behaviour")
  func edgeCases() throws {
    let empty = QuantileSketch()
    #expect(
      empty.quantile(0.5) == nil && empty.isEmpty && empty.mean == nil && empty.minimum == nil)

    let single = sketch([3.7])
    for q in Self.quantiles { #expect(single.quantile(q) == 3.7) }

    let zeros = sketch([0, -0.0, 0])
    #expect(zeros.quantile(0.5) == 0 && zeros.minimum == 0 && zeros.minimum?.sign == .plus)
    #expect(zeros.bucketCount == 0)

    // 10¹⁷ + 1 − 10¹⁷ is 0 in floating point; the exact sum keeps the 1.
    let cancelling = sketch([1e17, 1, -1e17])
    #expect(cancelling.sum == 1 && cancelling.mean == 1.0 / 3)
    #expect(cancelling.quantile(0.5).map { abs($0 - 1) <= 0.01 } == true)

    // 10¹⁰⁰ and 1 are further apart than 2,048 buckets span: 1 is collapsed upwards, and the
    // median (1) is then outside the guarantee.
    let collapsed = sketch([1e100, 1, -1e100])
    #expect(collapsed.sum == 1)
    #expect(collapsed.quantile(0.5).map { $0 > 1e80 } == true)

    #expect(sketch([-5, -1, -3]).quantile(0.5).map { abs($0 + 3) <= 0.03 } == true)
  }
}
