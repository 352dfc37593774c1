import FluentKit
import Records
import SQLKit

/// Admissions' notifications join the school's outbox (Records' `outbox_messages`): every row is copied with its
/// sent time; the old table stays, unread, so nothing written is lost.
struct M0017_MoveNotificationsToOutbox: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().raw(
            """
            INSERT INTO outbox_messages (id, code, channel, recipient, subject, body, created_at, sent_at, attempts, urgent)
            SELECT id, code, channel, recipient, subject, body, created_at, sent_at, 0, \(bind: false) FROM notifications
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DELETE FROM outbox_messages WHERE id IN (SELECT id FROM notifications)").run()
    }
}
