import FluentKit

struct M0005_CreateClassesAndSubjects: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("classes")
            .id()
            .field("year_id", .uuid, .required, .references("school_years", "id"))
            .field("name", .string, .required)
            .field("grade", .int, .required)
            .field("homeroom_account_id", .uuid, .references("accounts", "id"))
            .field("room", .string, .required)
            .field("capacity", .int, .required)
            .field("is_multi_grade", .bool, .required)
            .field("sort_key", .string, .required)
            .field("version", .int, .required)
            .unique(on: "year_id", "name")
            .create()
        try await database.schema("subjects")
            .id()
            .field("grade", .int, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("is_scored", .bool, .required)
            .field("periods_per_year", .int, .required)
            .field("sort_order", .int, .required)
            .field("is_active", .bool, .required)
            .unique(on: "grade", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("subjects").delete()
        try await database.schema("classes").delete()
    }
}
