/// The 64-bit FNV-1a hash of `bytes`.
///
/// Fowler–Noll–Vo, variant 1a: start from the offset basis 0xCBF29CE484222325 and, for each
/// byte, xor it in and multiply by the prime 0x100000001B3 (mod 2^64). Simple, stable across
/// processes, platforms and Swift versions (unlike `Hasher`, which is reseeded every run),
/// and good enough to tell short names apart; ``splitMix64(_:)`` then spreads the result.
/// - Complexity: O(*n*), where *n* is the number of bytes.
func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in bytes {
    hash ^= UInt64(byte)
    hash &*= 0x0000_0100_0000_01B3
  }
  return hash
}

/// The 64-bit FNV-1a hash of the UTF-8 encoding of `text`.
///
/// The hash depends only on the bytes, so a name hashes the same on every machine; two
/// canonically equivalent but differently encoded strings (precomposed "é" and "e" plus a
/// combining accent) hash differently.
/// - Complexity: O(*n*), where *n* is the length of `text` in UTF-8 bytes.
func fnv1a64(_ text: String) -> UInt64 {
  fnv1a64(text.utf8)
}
