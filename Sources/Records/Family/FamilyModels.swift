import FluentKit
import Foundation
import SQLKit

/// Links a parent account to the guardian record it belongs to; one account per guardian, one guardian per account.
final class GuardianAccountRow: Model, @unchecked Sendable {
    static let schema = "guardian_accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "guardian_id") var guardianID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "created_at") var createdAt: String

    init() {}
}

/// An invitation for a guardian to open a parent account; only the SHA‑256 of its code is kept.
final class ParentInvitationRow: Model, @unchecked Sendable {
    static let schema = "parent_invitations"

    @ID(key: .id) var id: UUID?
    @Field(key: "guardian_id") var guardianID: UUID
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "created_by_name") var createdByName: String
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "expires_at") var expiresAt: Double
    @OptionalField(key: "used_at") var usedAt: Double?
    @OptionalField(key: "revoked_at") var revokedAt: Double?

    init() {}

    func isOpen(at now: Date) -> Bool { usedAt == nil && revokedAt == nil && expiresAt > now.timeIntervalSince1970 }
}

struct M0010_CreateParentAccounts: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("guardian_accounts")
            .id()
            .field("guardian_id", .uuid, .required, .references("guardians", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .string, .required)
            .unique(on: "guardian_id")
            .unique(on: "account_id")
            .create()
        try await database.schema("parent_invitations")
            .id()
            .field("guardian_id", .uuid, .required, .references("guardians", "id"))
            .field("code_hash", .string, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .double, .required)
            .field("expires_at", .double, .required)
            .field("used_at", .double)
            .field("revoked_at", .double)
            .unique(on: "code_hash")
            .create()
        try await database.sql().create(index: "parent_invitations_guardian").on("parent_invitations").column("guardian_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("parent_invitations").delete()
        try await database.schema("guardian_accounts").delete()
    }
}
