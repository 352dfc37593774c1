import FluentKit
import SQLKit

/// Counted attempts tell an attempt still being tried from a failed one (issue 15): a limit reached only with
/// attempts in flight turns a crowd away for seconds, not for the whole window. Rows from before count as failed.
struct M0033_AddAttemptPending: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().raw("ALTER TABLE login_failures ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_failures").deleteField("pending").update()
    }
}
