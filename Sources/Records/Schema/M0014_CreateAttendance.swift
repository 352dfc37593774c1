import FluentKit
import SQLKit

/// Monthly attendance kept by the homeroom teacher (the seed's Điều 10): one row per pupil and absent day, and one
/// per class and month saying who last updated it (the principal sees which classes have not).
struct M0014_CreateAttendance: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("attendance_absences")
            .id()
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("day", .string, .required)
            .field("kind", .string, .required)
            .unique(on: "student_id", "day")
            .create()
        try await database.sql().create(index: "attendance_absences_class_day").on("attendance_absences")
            .column("class_id").column("day").run()
        try await database.schema("attendance_months")
            .id()
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("month", .string, .required)
            .field("version", .int, .required)
            .field("updated_by_name", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "class_id", "month")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("attendance_months").delete()
        try await database.schema("attendance_absences").delete()
    }
}
