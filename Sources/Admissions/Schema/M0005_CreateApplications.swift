import FluentKit
import Foundation

struct M0005_CreateApplications: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        // One application per code per campaign, and application numbers unique per campaign: both enforced here.
        try await database.schema("admission_applications")
            .id()
            .field("campaign_id", .uuid, .required, .references("admission_campaigns", "id"))
            .field("child_id", .uuid, .required, .references("listed_children", "id"))
            .field("code", .string, .required, .references("registration_codes", "code"))
            .field("number", .int)
            .field("status", .string, .required)
            .field("form_json", .string, .required)
            .field("consent_at", .string)
            .field("submitted_at", .string)
            .field("entered_by", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "campaign_id", "code")
            .unique(on: "campaign_id", "number")
            .create()
        try await database.schema("application_versions")
            .id()
            .field("application_id", .uuid, .required, .references("admission_applications", "id"))
            .field("version", .int, .required)
            .field("status", .string, .required)
            .field("form_json", .string, .required)
            .field("at", .string, .required)
            .field("by_name", .string, .required)
            .unique(on: "application_id", "version")
            .create()
        try await Self.createPortalSessions(on: database)
    }

    /// The portal's session rows, until M0018 sealed the cookies instead (and made again if it is reverted).
    static func createPortalSessions(on database: any Database) async throws {
        try await database.schema("portal_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("code", .string, .required)
            .field("expires_at", .double, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("portal_sessions").delete()
        try await database.schema("application_versions").delete()
        try await database.schema("admission_applications").delete()
    }
}
