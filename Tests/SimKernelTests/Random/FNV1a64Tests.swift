import Testing

@testable import SimKernel

@Suite struct FNV1a64Tests {
  @Test(
    "hashes match the published FNV-1a 64-bit test vectors",
    arguments: [
      ("", UInt64(0xCBF2_9CE4_8422_2325)),
      ("a", 0xAF63_DC4C_8601_EC8C),
      ("foobar", 0x8594_4171_F739_67E8),
    ])
  func matchesTestVectors(text: String, hash: UInt64) {
    #expect(fnv1a64(text) == hash, "text \"\(text)\"")
    #expect(fnv1a64(Array(text.utf8)) == hash, "bytes of \"\(text)\"")
  }

  @Test("a string hashes its UTF-8 bytes, so encodings of one character differ")
  func hashesUTF8Bytes() {
    let precomposed = "\u{E9}"
    let decomposed = "e\u{301}"
    #expect(precomposed == decomposed)  // Swift's String equality is canonical equivalence.
    #expect(fnv1a64(precomposed) == fnv1a64([0xC3, 0xA9] as [UInt8]))
    #expect(fnv1a64(precomposed) != fnv1a64(decomposed))
  }
}
