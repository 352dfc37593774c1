import FluentKit
import SQLKit

struct M0009_CreateEnrollments: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("enrollments")
            .id()
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("enrolled_on", .string, .required)
            .field("created_at", .string, .required)
            // One class per pupil per school year; a change of class moves this row, it does not add one.
            .unique(on: "student_id", "year_id")
            .create()
        try await database.sql().create(index: "enrollments_class").on("enrollments").column("class_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("enrollments").delete()
    }
}
