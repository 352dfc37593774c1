import FluentKit
import SQLKit

/// The audit page searches entries by what they say and who did it, without diacritics: each entry keeps the folded
/// summary and actor name. The key is derived from hashed fields and is not itself hashed, so filling it for the
/// entries already written leaves the chain intact.
struct M0017_AddAuditSearchKey: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries").field("search_key", .string).update()
        let sql = database.sql()
        var after = -1
        while true {
            let rows = try await sql.raw(
                "SELECT seq, summary, actor_name FROM audit_entries WHERE seq > \(bind: after) ORDER BY seq LIMIT 500"
            ).all()
            guard !rows.isEmpty else { break }
            for row in rows {
                let seq = try row.decode(column: "seq", as: Int.self)
                let key = AuditLog.searchKey(
                    summary: try row.decode(column: "summary", as: String.self),
                    actor: try row.decode(column: "actor_name", as: String.self))
                try await sql.raw("UPDATE audit_entries SET search_key = \(bind: key) WHERE seq = \(bind: seq)").run()
                after = seq
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").deleteField("search_key").update()
    }
}
