import FluentKit
import Foundation

final class ApplicationRow: Model, @unchecked Sendable {
    static let schema = "admission_applications"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "child_id") var childID: UUID
    @Field(key: "code") var code: String
    @OptionalField(key: "number") var number: Int?
    @Field(key: "status") var status: String
    @Field(key: "form_json") var formJSON: String
    @OptionalField(key: "consent_at") var consentAt: String?
    @OptionalField(key: "submitted_at") var submittedAt: String?
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: String
    @Field(key: "updated_at") var updatedAt: String
    @OptionalField(key: "review_json") var reviewJSON: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "waitlist_position") var waitlistPosition: Int?
    @OptionalField(key: "confirmation") var confirmation: String?
    @OptionalField(key: "confirm_until") var confirmUntil: Double?
    @OptionalField(key: "confirmed_at") var confirmedAt: Double?
    @OptionalField(key: "student_id") var studentID: UUID?

    init() {}
}

extension ApplicationRow {
    /// The stored form (an unreadable one reads as empty rather than failing a whole list).
    var form: ApplicationForm { JSONText.decode(formJSON) ?? ApplicationForm() }
    /// What the council recorded, or an empty review.
    var review: Review { reviewJSON.flatMap { JSONText.decode($0) } ?? Review() }
}

final class ApplicationVersionRow: Model, @unchecked Sendable {
    static let schema = "application_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "status") var status: String
    @Field(key: "form_json") var formJSON: String
    @Field(key: "at") var at: String
    @Field(key: "by_name") var byName: String

    init() {}
}

final class PortalSessionRow: Model, @unchecked Sendable {
    static let schema = "portal_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "code") var code: String
    @Field(key: "expires_at") var expiresAt: Double

    init() {}
}

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
