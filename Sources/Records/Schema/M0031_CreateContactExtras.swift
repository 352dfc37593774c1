import FluentKit

/// What the contact book keeps besides its messages (issue 14): files sent with an announcement or a message (stored
/// outside Public/ under a random name, checked by content), each pupil's photo consent (the family's and, from 7, the
/// child's own — Personal Data Protection Law 2025), and a family's report of a message it found wrong.
struct M0031_CreateContactExtras: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contact_attachments")
            .id()
            .field("announcement_id", .uuid, .references("announcements", "id"))
            .field("message_id", .uuid, .references("contact_messages", "id"))
            .field("filename", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("stored_name", .string, .required)
            .field("shows_pupils", .bool, .required)
            .field("created_at", .string, .required)
            .create()
        try await database.schema("photo_consents")
            .id()
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("family_consents", .bool, .required)
            .field("child_consents", .bool, .required)
            .field("recorded_by", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "student_id")
            .create()
        try await database.schema("contact_reports")
            .id()
            .field("guardian_id", .uuid, .required, .references("guardians", "id"))
            .field("announcement_id", .uuid, .references("announcements", "id"))
            .field("message_id", .uuid, .references("contact_messages", "id"))
            .field("reason", .string, .required)
            .field("created_at", .string, .required)
            .field("resolved_at", .string)
            .field("resolved_by", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["contact_reports", "photo_consents", "contact_attachments"] { try await database.schema(table).delete() }
    }
}
