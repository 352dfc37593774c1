import FluentKit

/// Signed học bạ: which pupil's transcript of which year is signed by whom, where its file lies (under the data
/// folder's documents, taken into the backups) and its SHA-256. A signed transcript is frozen: it is served as signed.
struct M0024_CreateSignedTranscripts: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("signed_transcripts")
            .id()
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("stage", .string, .required)
            .field("signers", .string, .required)
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "student_id", "year_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("signed_transcripts").delete()
    }
}
