import FluentKit
import Foundation

/// Runs a change and its audit entries in one transaction: both are stored, or neither.
public struct AuditedWrite: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    /// Where the change is batched with others into one commit (``WriteQueue``); nil runs its own transaction.
    let queue: WriteQueue?

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init, queue: WriteQueue? = nil) {
        self.database = database
        self.clock = clock
        self.queue = queue
    }

    /// Locks the audit head, runs `body`, then appends the events it returns, all in one transaction. With a queue,
    /// that transaction may carry other writes too, and this returns once it has committed.
    public func run<T: Sendable>(
        by caller: Caller,
        _ body: @escaping @Sendable (any Database) async throws -> (T, [AuditEvent])
    ) async throws -> T {
        let now = clock()
        let change: @Sendable (any Database) async throws -> T = { tx in
            try await AuditLog.lockHead(on: tx)
            let (value, events) = try await body(tx)
            try await AuditLog.append(events, by: caller, at: now, on: tx)
            return value
        }
        // A write already inside a transaction (one service calling another) stays in it.
        if let queue, !database.inTransaction { return try await queue.run(change) }
        return try await database.transaction(change)
    }
}
