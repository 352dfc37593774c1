import FluentKit
import Foundation
import SQLKit

/// Group commit (issue 15): concurrent writes are run one after another in one transaction on one connection of
/// their own, and each caller is answered only once that transaction has committed — so a receipt is still shown only
/// for what is on disk, but a crowd of submissions costs one commit (one `fsync`) per batch instead of one each, and
/// no pooled connection ever waits on SQLite's write lock (readers keep their connections while the writer works).
///
/// Each write runs inside a savepoint: one that throws is rolled back alone and its caller gets its error, while the
/// others in its batch still commit. A write alone in its batch runs without a savepoint. A failed commit fails every
/// write of the batch.
public final class WriteQueue: @unchecked Sendable {
    /// One queued write: runs on the batch's transaction, then hears how the batch ended.
    private struct Job {
        let run: @Sendable (any Database) async throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    /// The most writes one transaction takes.
    public let maxBatch: Int
    private let database: @Sendable () -> any Database
    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false
    private var batches = 0
    private var writes = 0

    /// A queue whose transactions run on `database()`: a database of its own, one connection, which nothing else
    /// writes through.
    public init(maxBatch: Int = 64, database: @escaping @Sendable () -> any Database) {
        self.maxBatch = maxBatch
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
            if start { Task { await self.drain() } }
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
        let errors = ErrorList(count: batch.count)
        do {
            try await database().transaction { tx in
                guard batch.count > 1, let sql = tx as? any SQLDatabase else {
                    for job in batch { try await job.run(tx) }
                    return
                }
                for (index, job) in batch.enumerated() {
                    try await sql.raw("SAVEPOINT hoso_write").run()
                    do {
                        try await job.run(tx)
                    } catch {
                        errors.set(index, error)
                        try await sql.raw("ROLLBACK TO SAVEPOINT hoso_write").run()
                    }
                    try await sql.raw("RELEASE SAVEPOINT hoso_write").run()
                }
            }
        } catch {
            for job in batch { job.finish(error) }
            return
        }
        for (index, job) in batch.enumerated() { job.finish(errors.get(index)) }
    }

    /// A write's value, set while it runs and read once its batch has committed (never at the same time).
    private final class Box<T>: @unchecked Sendable {
        var value: T?
    }

    /// The errors of the writes of one batch, by position.
    private final class ErrorList: @unchecked Sendable {
        private var errors: [(any Error)?]
        init(count: Int) { errors = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ error: any Error) { errors[index] = error }
        func get(_ index: Int) -> (any Error)? { errors[index] }
    }
}
