import Testing

@testable import SimKernel

@Suite struct RandomStreamTests {
  @Test("from state {1, 2, 3, 4} it gives the reference xoshiro256** outputs")
  func matchesReferenceOutputs() {
    // The first outputs of Blackman and Vigna's xoshiro256starstar.c from s = {1, 2, 3, 4}.
    var stream = RandomStream(state: 1, 2, 3, 4)
    let expected: [UInt64] = [11_520, 0, 1_509_978_240, 1_215_971_899_390_074_240]
    let actual = (0..<4).map { _ in stream.next() }
    #expect(actual == expected)
  }

  @Test("seeding fills the state with the first four SplitMix64 outputs")
  func seedsFromSplitMix64() {
    for seed: UInt64 in [0, 1, 1_234_567, .max] {
      var seeder = SplitMix64(seed: seed)
      var expected = RandomStream(
        state: seeder.next(), seeder.next(), seeder.next(), seeder.next())
      var stream = RandomStream(seed: seed)
      #expect(stream == expected, "seed \(seed)")
      for _ in 0..<100 { #expect(stream.next() == expected.next(), "seed \(seed)") }
    }
  }

  @Test("after 10,000 draws from seed 1 the next value is the known answer")
  func knownAnswerAfterTenThousandDraws() {
    // Computed once with this implementation and, independently, with a separate Python
    // transcription of splitmix64.c and xoshiro256starstar.c. Any change here changes every
    // simulation result.
    var stream = RandomStream(seed: 1)
    for _ in 0..<10_000 { _ = stream.next() }
    #expect(stream.next() == 9_134_446_997_333_316_697, "seed 1, draw 10,001")
  }

  @Test("a copy continues with the same values as the original")
  func copiesRepeat() {
    var original = RandomStream(seed: 7)
    _ = original.next()
    var copy = original
    for _ in 0..<10 { #expect(copy.next() == original.next()) }
  }

  @Test("works with the standard library's using: APIs")
  func worksWithStandardLibrary() {
    var a = RandomStream(seed: 99)
    var b = RandomStream(seed: 99)
    let first = (0..<100).map { _ in Int.random(in: 0..<10, using: &a) }
    let second = (0..<100).map { _ in Int.random(in: 0..<10, using: &b) }
    #expect(first == second)
    #expect(first.allSatisfy { (0..<10).contains($0) })
    #expect(Set(first).count > 1)
  }
}
