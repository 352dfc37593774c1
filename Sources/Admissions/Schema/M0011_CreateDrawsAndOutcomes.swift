import FluentKit
import Foundation
import Records
import SQLKit

struct M0011_CreateDrawsAndOutcomes: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("campaign_draws")
            .field("campaign_id", .uuid, .identifier(auto: false), .references("admission_campaigns", "id"))
            .field("public_value", .string, .required)
            .field("seed", .string, .required)
            .field("announced_at", .double, .required)
            .field("announced_by", .string, .required)
            .field("result_json", .string)
            .field("drawn_at", .double)
            .field("published_at", .double)
            .field("approved_by", .string, .required)
            .field("members_present", .string, .required)
            .create()
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema("admission_applications").field("outcome", .string).update()
        try await database.schema("admission_applications").field("waitlist_position", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("admission_applications").deleteField("waitlist_position").update()
        try await database.schema("admission_applications").deleteField("outcome").update()
        try await database.schema("campaign_draws").delete()
    }
}
