import FluentKit
import Foundation
import SQLKit

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
