import FluentKit
import SQLKit

struct M0007_CreateStudentsAndGuardians: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("students")
            .id()
            .field("family_name", .string, .required)
            .field("middle_name", .string, .required)
            .field("given_name", .string, .required)
            .field("family_last", .bool, .required)
            .field("sort_key", .string, .required)
            .field("search_key", .string, .required)
            .field("birth_date", .string, .required)
            .field("sex", .string, .required)
            .field("personal_id", .string)
            .field("ethnicity", .string, .required)
            .field("place_of_birth", .string, .required)
            .field("hometown", .string, .required)
            .field("address", .string, .required)
            .field("created_at", .string, .required)
            .create()
        // A personal ID belongs to one person for life (TT42/2021); NULLs (no ID yet) do not collide.
        try await database.sql().create(index: "students_personal_id").unique().on("students").column("personal_id").run()
        try await database.sql().create(index: "students_search_birth").on("students").column("search_key").column("birth_date").run()
        try await database.schema("guardians")
            .id()
            .field("family_name", .string, .required)
            .field("middle_name", .string, .required)
            .field("given_name", .string, .required)
            .field("family_last", .bool, .required)
            .field("search_key", .string, .required)
            .field("phone", .string, .required)
            .field("match_key", .string)
            .field("email", .string, .required)
            .field("personal_id", .string)
            .field("created_at", .string, .required)
            .create()
        try await database.sql().create(index: "guardians_match_key").unique().on("guardians").column("match_key").run()
        try await database.sql().create(index: "guardians_personal_id").unique().on("guardians").column("personal_id").run()
        try await database.schema("student_guardians")
            .id()
            .field("student_id", .uuid, .required, .references("students", "id"))
            .field("guardian_id", .uuid, .required, .references("guardians", "id"))
            .field("relation", .string, .required)
            .field("position", .int, .required)
            .unique(on: "student_id", "guardian_id")
            .create()
        try await database.sql().create(index: "student_guardians_guardian").on("student_guardians").column("guardian_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("student_guardians").delete()
        try await database.schema("guardians").delete()
        try await database.schema("students").delete()
    }
}
