import FluentKit

struct M0002_CreateAccounts: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .id()
            .field("username", .string, .required)
            .field("family_name", .string, .required)
            .field("middle_name", .string, .required)
            .field("given_name", .string, .required)
            .field("family_last", .bool, .required)
            .field("sort_key", .string, .required)
            .field("search_key", .string, .required)
            .field("email", .string, .required)
            .field("phone", .string, .required)
            .field("kind", .string, .required)
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("is_disabled", .bool, .required)
            .field("totp_secret", .string)
            .field("totp_pending_secret", .string)
            .field("totp_last_step", .int, .required)
            .field("created_at", .string, .required)
            .unique(on: "username")
            .create()
        try await database.schema("recovery_codes")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("code_hash", .string, .required)
            .field("used_at", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("recovery_codes").delete()
        try await database.schema("accounts").delete()
    }
}
