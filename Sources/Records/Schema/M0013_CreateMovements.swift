import FluentKit

/// Movements of pupils during a school year (class changes, transfers out, dropping out, returning), and the date a
/// pupil left a class's enrollment: a leaver stays on the year's rosters, marked, instead of disappearing.
struct M0013_CreateMovements: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pupil_movements")
            .id()
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("kind", .string, .required)
            .field("on_date", .string, .required)
            .field("from_class_id", .uuid, .references("classes", "id"))
            .field("to_class_id", .uuid, .references("classes", "id"))
            .field("other_school", .string, .required)
            .field("reason", .string, .required)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .string, .required)
            .create()
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema("enrollments").field("left_on", .string).update()
        try await database.schema("enrollments").field("left_kind", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("enrollments").deleteField("left_kind").update()
        try await database.schema("enrollments").deleteField("left_on").update()
        try await database.schema("pupil_movements").delete()
    }
}
