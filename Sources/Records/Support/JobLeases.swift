import FluentKit
import Foundation
import SQLKit

/// Leases that let several hoso processes on one database share the background jobs: a job runs where its lease is
/// held, and the lease passes to another process only once it expires (its holder stopped or was killed). One
/// statement takes or renews a lease, so two processes asking at once cannot both get it, on SQLite or PostgreSQL.
public struct JobLeases: Sendable {
    let database: any Database
    /// This process, as the holder of its leases.
    public let holder: String

    public init(database: any Database, holder: String) {
        self.database = database
        self.holder = holder
    }

    /// Takes or renews the lease of job `name` for `duration` seconds from `now`; `false` when another process holds
    /// it and it has not expired.
    public func acquire(_ name: String, for duration: TimeInterval, now: Date = Date()) async throws -> Bool {
        let sql = database.sql()
        let until = now.timeIntervalSince1970 + duration
        try await sql.raw(
            """
            INSERT INTO job_leases (name, holder, until) VALUES (\(bind: name), \(bind: holder), \(bind: until))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
            WHERE job_leases.until < \(bind: now.timeIntervalSince1970) OR job_leases.holder = \(bind: holder)
            """
        ).run()
        let row = try await sql.raw("SELECT holder FROM job_leases WHERE name = \(bind: name)").first()
        return try row?.decode(column: "holder", as: String.self) == holder
    }

    /// Gives a lease back (a process stopping), so another may take it at once.
    public func release(_ name: String) async throws {
        try await database.sql().raw("DELETE FROM job_leases WHERE name = \(bind: name) AND holder = \(bind: holder)").run()
    }
}
