import FluentKit

/// Unlock requests: a teacher asks, with a reason, to change a locked class × subject of the assessment book; the
/// principal approves or refuses; an approved request opens exactly one save, after which the lock is back.
struct M0019_CreateAssessmentUnlocks: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("assessment_unlocks")
            .id()
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("checkpoint", .string, .required)
            .field("item", .string, .required)
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("requested_by_name", .string, .required)
            .field("requested_at", .string, .required)
            .field("decided_by_name", .string)
            .field("decided_at", .string)
            .field("note", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assessment_unlocks").delete()
    }
}
