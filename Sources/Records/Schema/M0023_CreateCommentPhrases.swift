import FluentKit

/// The comment bank: phrases a teacher inserts into comments with one tap — the school's (no owner) and each
/// teacher's own. A phrase taken out of the bank is kept with the time it was removed.
struct M0023_CreateCommentPhrases: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("comment_phrases")
            .id()
            .field("owner_account_id", .uuid, .references("accounts", "id"))
            .field("text", .string, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .string, .required)
            .field("removed_at", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("comment_phrases").delete()
    }
}
