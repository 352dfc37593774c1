import FluentKit

/// What follows a pupil's year-end result (TT27 Art. 9.2, 12): the homeroom teacher's support plan for a pupil who
/// has not completed, the "Tiêu biểu" nomination and the principal's decision on it, and the principal's decision to
/// promote or keep back a pupil who has not completed after the supplementary assessment. One row per pupil and year.
struct M0021_CreateYearEndFollowUps: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("assessment_year_end")
            .id()
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("support_plan", .string, .required)
            .field("support_plan_by_name", .string)
            .field("nomination", .string, .required)
            .field("nomination_status", .string)
            .field("nominated_by_name", .string)
            .field("nomination_decided_by_name", .string)
            .field("nomination_note", .string, .required)
            .field("decision", .string)
            .field("decided_by_name", .string)
            .field("decided_at", .string)
            .field("decision_note", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "year_id", "student_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assessment_year_end").delete()
    }
}
