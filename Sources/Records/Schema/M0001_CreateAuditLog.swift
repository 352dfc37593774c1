import FluentKit
import SQLKit

struct M0001_CreateAuditLog: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .field("seq", .int, .identifier(auto: false))
            .field("at", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("actor_role", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("summary", .string, .required)
            .field("before_json", .string)
            .field("after_json", .string)
            .field("address", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.sql().create(index: "audit_entries_actor").on("audit_entries").column("actor_id").run()
        try await database.sql().create(index: "audit_entries_entity").on("audit_entries").column("entity").run()
        try await database.sql().create(index: "audit_entries_at").on("audit_entries").column("at").run()
        try await database.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int, .required)
            .field("hash", .string, .required)
            .create()
        try await database.sql().insert(into: "audit_head")
            .columns("id", "seq", "hash").values(SQLBind(1), SQLBind(0), SQLBind(AuditLog.genesis)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_head").delete()
        try await database.schema("audit_entries").delete()
    }
}
