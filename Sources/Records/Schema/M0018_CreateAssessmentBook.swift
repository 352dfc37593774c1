import FluentKit
import SQLKit

/// The assessment book (sổ đánh giá): the principal's entry windows per grade and checkpoint, one value per pupil,
/// checkpoint and item (a subject's level, score and comment), and the "done" locks of a class's subject.
struct M0018_CreateAssessmentBook: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("assessment_windows")
            .id()
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("grade", .int, .required)
            .field("checkpoint", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("updated_by_name", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "year_id", "grade", "checkpoint")
            .create()
        try await database.schema("assessment_values")
            .id()
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("checkpoint", .string, .required)
            .field("item", .string, .required)
            .field("level", .string)
            .field("score", .int)
            .field("comment", .string, .required)
            .field("updated_by_name", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "student_id", "checkpoint", "item")
            .create()
        try await database.sql().create(index: "assessment_values_class").on("assessment_values")
            .column("class_id").column("checkpoint").column("item").run()
        try await database.schema("assessment_locks")
            .id()
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("checkpoint", .string, .required)
            .field("item", .string, .required)
            .field("locked_by_name", .string, .required)
            .field("locked_at", .string, .required)
            .unique(on: "class_id", "checkpoint", "item")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assessment_locks").delete()
        try await database.schema("assessment_values").delete()
        try await database.schema("assessment_windows").delete()
    }
}
