import FluentKit
import Foundation
import SQLKit

/// Group commit (issue 15): concurrent writes are run one after another in one transaction on one connection of
/// their own, and each caller is answered only once that transaction has committed — so a receipt is still shown only
/// for what is on disk, but a crowd of submissions costs one commit (one `fsync`) per batch instead of one each, and
/// no pooled connection ever waits on SQLite's write lock (readers keep their connections while the writer works).
///
/// A write that throws gets its error and the others of its batch still commit: the batch is rolled back and run
/// again without it. So a write may run more than once, and only its last run counts: it must do nothing outside
/// the database it is given. A failed commit fails every write of the batch.
public final class WriteQueue: @unchecked Sendable {
    /// One queued write: runs on the batch's transaction, then hears how the batch ended.
    private struct Job {
        let run: @Sendable (any Database) async throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    /// The most writes one transaction takes.
    public let maxBatch: Int
    private let database: @Sendable () -> any Database
    private let executor: (any TaskExecutor)?
    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false
    private var batches = 0
    private var writes = 0

    /// A queue whose transactions run on `database()`: a database of its own, one connection, which nothing else
    /// writes through. With an `executor`, the batches' task runs there (best where the connection answers, so each
    /// statement comes back without a hand-off to another thread).
    public init(maxBatch: Int = 64, executor: (any TaskExecutor)? = nil, database: @escaping @Sendable () -> any Database) {
        self.maxBatch = maxBatch
        self.executor = executor
        self.database = database
    }

    /// Runs `body` in the next batch's transaction and returns its value once that transaction has committed.
    public func run<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let box = Box<T>()
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                run: { db in box.value = try await body(db) },
                finish: { error in
                    if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: box.value!) }
                })
            let start = lock.withLock {
                pending.append(job)
                defer { draining = true }
                return !draining
            }
            if start { Task(executorPreference: executor) { await self.drain() } }
        }
    }

    /// How many transactions have committed or failed, and how many writes they carried (for the benchmark's log).
    public var counts: (batches: Int, writes: Int) { lock.withLock { (batches, writes) } }

    private func drain() async {
        while true {
            let batch: [Job] = lock.withLock {
                let batch = Array(pending.prefix(maxBatch))
                pending.removeFirst(batch.count)
                if batch.isEmpty { draining = false }
                batches += batch.isEmpty ? 0 : 1
                writes += batch.count
                return batch
            }
            if batch.isEmpty { return }
            await commit(batch)
        }
    }

    private func commit(_ batch: [Job]) async {
        var remaining = batch
        // Optimistic: the batch runs as one plain transaction. When a write throws, the transaction is rolled back,
        // that write gets its error (what it found includes the writes before it, which run again), and the others
        // run again without it — failures are rare here (forms are checked before they are queued).
        while !remaining.isEmpty {
            let (attempt, jobs) = (Attempt(), remaining)
            do {
                try await database().transaction { tx in
                    for (index, job) in jobs.enumerated() {
                        do {
                            try await Self.$current.withValue(attempt) { try await job.run(tx) }
                        } catch {
                            throw JobFailed(index: index, error: error)
                        }
                    }
                    for step in attempt.closing { try await step(tx) }
                }
            } catch let failed as JobFailed {
                remaining.remove(at: failed.index).finish(failed.error)
                continue
            } catch {
                for job in remaining { job.finish(error) }
                return
            }
            for job in remaining { job.finish(nil) }
            return
        }
    }

    /// The transaction a queued write is running in, for what its writes can share (nil outside a queue).
    @TaskLocal public static var current: Attempt?

    /// One transaction of a batch: what its writes have already done that the next need not do again.
    ///
    /// Only the batch's own task touches it, one write after another.
    public final class Attempt: @unchecked Sendable {
        /// Whether a write of this transaction has locked the audit chain's head (``AuditLog``), which then stays
        /// locked until the transaction ends.
        public var holdsAuditHead = false
        /// What a write found or made that the next writes of the same transaction go on from instead of reading it
        /// again (the audit chain's head, a campaign's last application number), by a key of the writer's choosing.
        public var kept: [String: any Sendable] = [:]
        /// Run in order after the batch's last write, inside its transaction: what its writes left to be written once.
        private(set) var closing: [@Sendable (any Database) async throws -> Void] = []

        /// Runs `step` once the batch's writes are done, before the commit. A step that throws fails the whole batch.
        public func beforeCommit(_ step: @escaping @Sendable (any Database) async throws -> Void) {
            closing.append(step)
        }
    }

    private struct JobFailed: Error {
        let index: Int
        let error: any Error
    }

    /// A write's value, set while it runs and read once its batch has committed (never at the same time).
    private final class Box<T>: @unchecked Sendable {
        var value: T?
    }
}
