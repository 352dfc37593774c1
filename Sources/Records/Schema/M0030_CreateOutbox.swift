import FluentKit
import SQLKit

/// The school's outbox (issue 14), for the contact book and admissions alike: each message to one address through one
/// channel, with its tries counted and the next one scheduled (backoff; also a scheduled announcement's time), the
/// reason and time it was given up, the cost a paid channel reports, urgency (quiet hours), what queued it (an
/// announcement or a conversation, for delivery status per recipient), the guardian it goes to, and the text kept
/// once it is sent when the body carried a secret (an invitation code). And each guardian's choice of channels.
struct M0030_CreateOutbox: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_messages")
            .id()
            .field("code", .string, .required)
            .field("channel", .string, .required)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .double, .required)
            .field("sent_at", .double)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .double)
            .field("last_error", .string)
            .field("failed_at", .double)
            .field("cost", .int)
            .field("urgent", .bool, .required)
            .field("source", .string)
            .field("guardian_id", .uuid)
            .field("masked_body", .string)
            .create()
        try await database.sql().create(index: "outbox_pending").on("outbox_messages")
            .column("channel").column("sent_at").column("failed_at").column("next_attempt_at").run()
        try await database.sql().create(index: "outbox_source").on("outbox_messages").column("source").run()
        try await database.schema("contact_preferences")
            .id()
            .field("guardian_id", .uuid, .required, .references("guardians", "id"))
            .field("email", .bool, .required)
            .field("sms", .bool, .required)
            .field("zalo", .bool, .required)
            .field("updated_at", .string, .required)
            .unique(on: "guardian_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contact_preferences").delete()
        try await database.schema("outbox_messages").delete()
    }
}
