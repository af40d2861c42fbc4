/// The named random streams of one replication: each concern's ``RandomStream`` is a pure
/// function of (master seed, replication, stream name).
///
/// A run has one master seed. Each concern (`"arrivals"`, `"service.checkout"`, `"failures"`,
/// `"autoscaler"`, `"lb"`) asks for its stream by name once, at setup, and keeps it. The
/// stream's seed is
///
/// ```
/// key  = splitMix64(splitMix64(masterSeed) ^ replication)
/// seed = splitMix64(key ^ fnv1a64(utf8(name)))
/// ```
///
/// and its state is that seed expanded by ``RandomStream/init(seed:)``. Because a stream
/// depends on nothing but these three values, and `RandomStreams` keeps no record of which
/// streams were handed out, creating, using or removing one stream can never shift another.
/// Two variants of a scenario therefore see the same arrivals and the same failures (common
/// random numbers), and replications are independent of how many run in parallel or in
/// which order.
///
/// `splitMix64` is a bijection, so within one master seed distinct replications give distinct
/// keys, and within one replication names with distinct FNV-1a hashes give distinct seeds.
/// Anything else collides only by 64-bit chance.
@frozen
package struct RandomStreams: Hashable, Sendable, BitwiseCopyable {
  /// The run's master seed.
  package let masterSeed: UInt64
  /// The replication index, from 0.
  package let replication: UInt64
  /// `splitMix64(splitMix64(masterSeed) ^ replication)`, shared by every stream of this
  /// replication.
  @usableFromInline let replicationKey: UInt64

  /// Creates the streams of replication `replication` of a run seeded with `masterSeed`.
  /// - Complexity: O(1).
  package init(masterSeed: UInt64, replication: UInt64 = 0) {
    self.masterSeed = masterSeed
    self.replication = replication
    self.replicationKey = splitMix64(splitMix64(masterSeed) ^ replication)
  }

  /// The 64-bit seed of the stream called `name`.
  /// - Complexity: O(*n*), where *n* is the length of `name` in UTF-8 bytes.
  package func seed(forStream name: String) -> UInt64 {
    splitMix64(replicationKey ^ fnv1a64(name))
  }

  /// The stream called `name`, positioned at its start.
  ///
  /// Asking twice for the same name returns two copies of the same stream, which would
  /// repeat each other's numbers: ask once per concern and keep the stream.
  /// - Complexity: O(*n*), where *n* is the length of `name` in UTF-8 bytes.
  package func stream(named name: String) -> RandomStream {
    RandomStream(seed: seed(forStream: name))
  }
}
