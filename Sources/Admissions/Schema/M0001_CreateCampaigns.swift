import FluentKit
import Records
import SQLKit

struct M0001_CreateCampaigns: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("admission_campaigns")
            .id()
            .field("school_year_name", .string, .required)
            .field("title", .string, .required)
            .field("birth_year", .int, .required)
            .field("classes", .int, .required)
            .field("places_per_class", .int, .required)
            .field("codes_from", .double, .required)
            .field("apply_from", .double, .required)
            .field("apply_until", .double, .required)
            .field("review_until", .double, .required)
            .field("results_at", .double, .required)
            .field("confirm_by", .double, .required)
            .field("required_documents_json", .string, .required)
            .field("priority_groups_json", .string, .required)
            .field("catchment_json", .string, .required)
            .field("approver", .string, .required)
            .field("desk_phone", .string, .required)
            .field("is_trial", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("admission_campaigns").delete()
    }
}
