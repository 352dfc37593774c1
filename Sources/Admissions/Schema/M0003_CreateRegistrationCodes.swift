import FluentKit
import Records
import SQLKit

struct M0003_CreateRegistrationCodes: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        // The code is the primary key: unique in the whole system, across campaigns and years.
        try await database.schema("registration_codes")
            .field("code", .string, .identifier(auto: false))
            .field("campaign_id", .uuid, .required, .references("admission_campaigns", "id"))
            .field("child_id", .uuid, .required, .references("listed_children", "id"))
            .field("status", .string, .required)
            .field("issued_at", .string, .required)
            .field("revoked_at", .string)
            .field("note", .string, .required)
            .field("locked_until", .double, .required)
            .create()
        try await database.sql().create(index: "registration_codes_child").on("registration_codes").column("child_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("registration_codes").delete()
    }
}
