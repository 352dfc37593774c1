import FluentKit

struct M0004_CreateSchoolProfileAndYears: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("school_profile")
            .field("id", .int, .identifier(auto: false))
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("province_code", .string, .required)
            .field("ward_code", .string, .required)
            .field("address_line", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("principal_name", .string, .required)
            .field("require_second_factor", .bool, .required)
            .field("created_at", .string, .required)
            .create()
        try await database.schema("school_years")
            .id()
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("term1_ends_on", .string, .required)
            .field("term2_starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("mid_term1_on", .string, .required)
            .field("end_term1_on", .string, .required)
            .field("mid_term2_on", .string, .required)
            .field("end_of_year_on", .string, .required)
            .field("is_current", .bool, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("school_years").delete()
        try await database.schema("school_profile").delete()
    }
}
