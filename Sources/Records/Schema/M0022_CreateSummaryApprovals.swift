import FluentKit

/// The principal's approval of a class's summary table at the end of a term or of the year (Điều 6.5), with the
/// book's version it approved: a later change shows the table as changed since its approval.
struct M0022_CreateSummaryApprovals: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("assessment_approvals")
            .id()
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("checkpoint", .string, .required)
            .field("book_version", .int64, .required)
            .field("approved_by_name", .string, .required)
            .field("approved_at", .string, .required)
            .unique(on: "class_id", "checkpoint")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assessment_approvals").delete()
    }
}
