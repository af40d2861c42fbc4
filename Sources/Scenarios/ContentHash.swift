/// The content hash recorded in reports: 64-bit FNV-1a of a scenario file's bytes.
///
/// Not cryptographic: it tells two versions of a file apart, it does not resist forgery.
/// SimKernel keeps its own FNV-1a for stream names internal; this is the same function.
package enum ContentHash {
  /// FNV-1a 64 of `bytes` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
  ///
  /// - Complexity: O(*n*).
  package static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// FNV-1a 64 of `bytes` as 16 lowercase hex digits, e.g. `"cbf29ce484222325"` for no bytes.
  package static func hex(of bytes: some Sequence<UInt8>) -> String {
    let digits = String(fnv1a64(bytes), radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
