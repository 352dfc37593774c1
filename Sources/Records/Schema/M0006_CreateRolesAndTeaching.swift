import FluentKit
import SQLKit

struct M0006_CreateRolesAndTeaching: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("role_assignments")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("role", .string, .required)
            .field("valid_until", .string)
            .field("granted_at", .string, .required)
            .field("revoked_at", .string)
            .create()
        try await database.sql().create(index: "role_assignments_account_year")
            .on("role_assignments").column("account_id").column("year_id").run()
        try await database.schema("teaching_assignments")
            .id()
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("class_id", .uuid, .required, .references("classes", "id"))
            .field("subject_id", .uuid, .required, .references("subjects", "id"))
            .unique(on: "class_id", "subject_id", "account_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("teaching_assignments").delete()
        try await database.schema("role_assignments").delete()
    }
}
