import FluentKit
import Foundation

/// Runs a change and its audit entries in one transaction: both are stored, or neither.
public struct AuditedWrite: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Locks the audit head, runs `body`, then appends the events it returns, all in one transaction.
    public func run<T: Sendable>(
        by caller: Caller,
        _ body: @escaping @Sendable (any Database) async throws -> (T, [AuditEvent])
    ) async throws -> T {
        let now = clock()
        return try await database.transaction { tx in
            try await AuditLog.lockHead(on: tx)
            let (value, events) = try await body(tx)
            try await AuditLog.append(events, by: caller, at: now, on: tx)
            return value
        }
    }
}
