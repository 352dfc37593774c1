import FluentKit

/// The year-end archive (Điều 10.5–10.6): when the principal closed the year, when the clerk archived it, where the
/// archive lies (under the uploads folder's `archives`, which the backups take) and its signed manifest's SHA-256.
struct M0027_CreateYearArchives: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("year_archives")
            .id()
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("closed_at", .string, .required)
            .field("closed_by", .string, .required)
            .field("archived_at", .string)
            .field("archived_by", .string)
            .field("folder", .string)
            .field("manifest_sha256", .string)
            .unique(on: "year_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("year_archives").delete()
    }
}
