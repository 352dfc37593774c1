import FluentKit

/// The year's roll-over: who repeats their grade (marked by the homeroom teacher), each roll-over applied (and
/// undone), and which enrollments of the new year and completions of primary school it wrote, so an undo before the
/// new year starts removes exactly those.
struct M0015_CreateRollOvers: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("repeat_marks")
            .id()
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("marked_by_name", .string, .required)
            .field("created_at", .string, .required)
            .unique(on: "student_id", "year_id")
            .create()
        try await database.schema("rollovers")
            .id()
            .field("from_year_id", .uuid, .required, .references("school_years", "id"))
            .field("to_year_id", .uuid, .required, .references("school_years", "id"))
            .field("promoted", .int, .required)
            .field("repeating", .int, .required)
            .field("completed", .int, .required)
            .field("applied_by_name", .string, .required)
            .field("applied_at", .string, .required)
            .field("undone_by_name", .string)
            .field("undone_at", .string)
            .create()
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema("enrollments").field("rollover_id", .uuid).update()
        try await database.schema("pupil_movements").field("rollover_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pupil_movements").deleteField("rollover_id").update()
        try await database.schema("enrollments").deleteField("rollover_id").update()
        try await database.schema("rollovers").delete()
        try await database.schema("repeat_marks").delete()
    }
}
