import FluentKit
import SQLKit

/// The contact book (sổ liên lạc, Điều 3.4, 8.3, 8.6, 11): announcements with the families they were addressed to
/// (the audience frozen when sent, each family once however many of its children it names), read and confirmed per
/// family; conversations, one per child, between its homeroom teacher (or the principal) and its guardians, with read
/// receipts. Nothing is deleted: a sender retracts, which hides an item from families and keeps it for the principal.
struct M0029_CreateContactBook: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("announcements")
            .id()
            .field("author_id", .uuid)
            .field("author_name", .string, .required)
            .field("scope_kind", .string, .required)
            .field("scope_value", .string, .required)
            .field("scope_label", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("reply_by", .string)
            .field("urgent", .bool, .required)
            .field("send_at", .string, .required)
            .field("created_at", .string, .required)
            .field("retracted_at", .string)
            .field("retracted_by", .string)
            .create()
        try await database.schema("announcement_recipients")
            .id()
            .field("announcement_id", .uuid, .required, .references("announcements", "id"))
            .field("guardian_id", .uuid, .required, .references("guardians", "id"))
            .field("children", .string, .required)
            .field("read_at", .string)
            .field("confirmed_at", .string)
            .unique(on: "announcement_id", "guardian_id")
            .create()
        try await database.schema("contact_threads")
            .id()
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("created_at", .string, .required)
            .field("last_message_at", .string, .required)
            .unique(on: "student_id")
            .create()
        try await database.schema("contact_messages")
            .id()
            .field("thread_id", .uuid, .required, .references("contact_threads", "id"))
            .field("from_family", .bool, .required)
            .field("author_id", .uuid)
            .field("author_name", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .string, .required)
            .field("retracted_at", .string)
            .create()
        try await database.schema("contact_reads")
            .id()
            .field("message_id", .uuid, .required, .references("contact_messages", "id"))
            .field("reader_id", .uuid, .required)
            .field("reader_name", .string, .required)
            .field("read_at", .string, .required)
            .unique(on: "message_id", "reader_id")
            .create()
        try await database.sql().create(index: "announcement_recipients_guardian").on("announcement_recipients").column("guardian_id")
            .run()
        try await database.sql().create(index: "contact_messages_thread").on("contact_messages").column("thread_id").column("created_at")
            .run()
    }

    func revert(on database: any Database) async throws {
        for table in ["contact_reads", "contact_messages", "contact_threads", "announcement_recipients", "announcements"] {
            try await database.schema(table).delete()
        }
    }
}
