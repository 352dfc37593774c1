import FluentKit
import Records
import SQLKit

struct M0002_CreateKindergartensAndChildren: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kindergartens")
            .id()
            .field("campaign_id", .uuid, .required, .references("admission_campaigns", "id"))
            .field("name", .string, .required)
            .field("address", .string, .required)
            .field("contact", .string, .required)
            .unique(on: "campaign_id", "name")
            .create()
        try await database.schema("listed_children")
            .id()
            .field("campaign_id", .uuid, .required, .references("admission_campaigns", "id"))
            .field("kindergarten_id", .uuid, .references("kindergartens", "id"))
            .field("family_name", .string, .required)
            .field("middle_name", .string, .required)
            .field("given_name", .string, .required)
            .field("family_last", .bool, .required)
            .field("sort_key", .string, .required)
            .field("search_key", .string, .required)
            .field("birth_date", .string, .required)
            .field("gender", .string, .required)
            .field("personal_id", .string, .required)
            .field("parent_name", .string, .required)
            .field("parent_phone", .string, .required)
            .field("address", .string, .required)
            .field("older_reason", .string, .required)
            .field("source", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("created_at", .string, .required)
            .create()
        try await database.sql().create(index: "listed_children_dedupe").on("listed_children").column("campaign_id").column("dedupe_key")
            .run()
        try await database.sql().create(index: "listed_children_search").on("listed_children").column("campaign_id").column("search_key")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("listed_children").delete()
        try await database.schema("kindergartens").delete()
    }
}
