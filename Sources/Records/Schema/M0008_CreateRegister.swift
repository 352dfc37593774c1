import FluentKit
import SQLKit

struct M0008_CreateRegister: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("register_entries")
            .id()
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("register_number", .int, .required)
            .field("number_text", .string, .required)
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("entry_date", .string, .required)
            .field("entry_grade", .int, .required)
            .field("route", .string, .required)
            .field("previous_school", .string, .required)
            .field("father_name", .string, .required)
            .field("mother_name", .string, .required)
            .field("guardian_name", .string, .required)
            .field("notes", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .string, .required)
            // One entry per pupil, and a number is never given twice: the database says so, not only the code.
            .unique(on: "student_id")
            .unique(on: "register_number")
            .create()
        try await database.sql().create(index: "register_entries_year").on("register_entries").column("year_id").run()
        // The last number given. Incremented in the writer's transaction, so a rolled‑back admission gives its
        // numbers back and the sequence stays gapless.
        try await database.schema("register_counter")
            .field("id", .int, .identifier(auto: false))
            .field("last_number", .int, .required)
            .create()
        try await database.sql().insert(into: "register_counter").columns("id", "last_number").values(SQLBind(1), SQLBind(0)).run()
        try await database.schema("register_settings")
            .field("id", .int, .identifier(auto: false))
            .field("number_format", .string, .required)
            .create()
        try await database.sql().insert(into: "register_settings").columns("id", "number_format")
            .values(SQLBind(1), SQLBind("{n}/{year}")).run()
        try await database.schema("register_corrections")
            .id()
            .field("entry_id", .uuid, .required, .references("register_entries", "id"))
            .field("status", .string, .required)
            .field("reason", .string, .required)
            .field("before_json", .string, .required)
            .field("after_json", .string, .required)
            .field("entry_version", .int, .required)
            .field("requested_by_id", .uuid)
            .field("requested_by_name", .string, .required)
            .field("requested_at", .string, .required)
            .field("decided_by_id", .uuid)
            .field("decided_by_name", .string)
            .field("decided_at", .string)
            .field("decision_note", .string, .required)
            .create()
        try await database.sql().create(index: "register_corrections_entry").on("register_corrections").column("entry_id").run()
        try await database.sql().create(index: "register_corrections_status").on("register_corrections").column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("register_corrections").delete()
        try await database.schema("register_settings").delete()
        try await database.schema("register_counter").delete()
        try await database.schema("register_entries").delete()
    }
}
