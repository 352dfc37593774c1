import FluentKit
import SQLKit

struct M0003_CreateSessionsAndLoginFailures: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("stage", .string, .required)
            .field("created_at", .double, .required)
            .field("last_seen_at", .double, .required)
            .field("expires_at", .double, .required)
            .field("address", .string, .required)
            .field("user_agent", .string, .required)
            .field("ended_at", .double)
            .unique(on: "token_hash")
            .create()
        try await database.sql().create(index: "sessions_account").on("sessions").column("account_id").run()
        try await database.schema("login_failures")
            .id()
            .field("key", .string, .required)
            .field("at", .double, .required)
            .create()
        try await database.sql().create(index: "login_failures_key_at").on("login_failures").column("key").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_failures").delete()
        try await database.schema("sessions").delete()
    }
}
