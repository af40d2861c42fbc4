import Foundation

/// Runs independent work items on a fixed number of threads and returns their results in item
/// order, whatever order they finished in.
///
/// Each of `jobs` threads repeatedly takes the next unstarted item number from a shared counter
/// (under a lock) and stores its result in that item's slot, so load balances itself when items
/// take different times, and the output never depends on timing. With one job (or one item)
/// the work runs on the calling thread.
package enum ParallelWork {
  /// `body(i)` for every `i` in `0..<count`, on up to `jobs` threads, in index order.
  ///
  /// - Parameters:
  ///   - count: the number of items.
  ///   - jobs: threads to use, at least 1; more than `count` are not started.
  ///   - completed: called after each item with the number finished so far, from the thread
  ///     that finished it; calls from different threads may overlap and arrive out of order.
  ///   - body: the work; called once per item, concurrently from several threads.
  /// - Precondition: `count >= 0`, `jobs >= 1`.
  package static func map<Result: Sendable>(
    count: Int, jobs: Int, completed: (@Sendable (Int) -> Void)? = nil,
    _ body: @escaping @Sendable (Int) -> Result
  ) -> [Result] {
    precondition(count >= 0, "ParallelWork: negative count \(count)")
    precondition(jobs >= 1, "ParallelWork: jobs must be at least 1 (got \(jobs))")
    let state = SharedState<Result>(count: count)
    let worker: @Sendable () -> Void = {
      while let index = state.takeNext() {
        let result = body(index)
        let finished = state.store(result, at: index)
        completed?(finished)
      }
    }
    let threads = min(jobs, count)
    if threads <= 1 {
      worker()
    } else {
      let done = DispatchSemaphore(value: 0)
      for _ in 0..<threads {
        let thread = Thread {
          worker()
          done.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
      }
      for _ in 0..<threads { done.wait() }
    }
    return state.results()
  }

  /// The counter and the result slots, shared by the workers under one lock.
  private final class SharedState<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var finished = 0
    private var slots: [Result?]

    init(count: Int) { slots = [Result?](repeating: nil, count: count) }

    /// The next unstarted item, or `nil` when all are taken.
    func takeNext() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < slots.count else { return nil }
      next += 1
      return next - 1
    }

    /// Stores `result`; returns the number of items finished so far.
    func store(_ result: Result, at index: Int) -> Int {
      lock.lock()
      defer { lock.unlock() }
      slots[index] = result
      finished += 1
      return finished
    }

    /// Every result, in item order.
    func results() -> [Result] {
      lock.lock()
      defer { lock.unlock() }
      return slots.map { slot in
        guard let slot else { preconditionFailure("ParallelWork: an item did not finish") }
        return slot
      }
    }
  }
}
