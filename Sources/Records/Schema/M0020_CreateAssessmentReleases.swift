import FluentKit

/// The principal's release of a checkpoint's results to families: before it, parents see nothing of that checkpoint.
struct M0020_CreateAssessmentReleases: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("assessment_releases")
            .id()
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("checkpoint", .string, .required)
            .field("released_by_name", .string, .required)
            .field("released_at", .string, .required)
            .unique(on: "year_id", "checkpoint")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assessment_releases").delete()
    }
}
