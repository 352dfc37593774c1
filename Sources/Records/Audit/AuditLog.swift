import FluentKit
import Foundation
import SQLKit

/// One stored audit entry, as shown on the audit page.
public struct AuditEntry: Sendable, Equatable {
    public let seq: Int
    public let at: Date
    public let actorID: AccountID?
    public let actorName: String
    public let actorRole: String
    public let event: AuditEvent
    public let address: String?
    public let hash: String
}

/// The result of checking the hash chain.
public enum AuditVerification: Sendable, Equatable {
    /// Every entry links to the one before and its hash matches its content.
    case intact(entries: Int)
    /// The first entry whose stored hash or link does not match.
    case broken(seq: Int, reason: String)
}

/// The append‑only, hash‑chained audit log. Each entry's hash covers its content and the previous entry's hash, so
/// editing or removing any row behind the application's back breaks the chain at that row.
public struct AuditLog: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    static let genesis = String(repeating: "0", count: 64)

    /// Takes the audit head's lock: the first statement of every audited transaction, so that writers queue here
    /// (a row lock on PostgreSQL, the write lock on SQLite) and the chain stays a single line.
    static func lockHead(on db: any Database) async throws {
        // In a batch of the write queue, the first write's lock holds for the rest of the transaction.
        if let batch = WriteQueue.current, batch.holdsAuditHead { return }
        try await db.sql().raw("UPDATE audit_head SET seq = seq WHERE id = 1").run()
        WriteQueue.current?.holdsAuditHead = true
    }

    /// Appends `events` inside the caller's transaction; ``lockHead(on:)`` must have run first in it. In a batch of the
    /// write queue, the head is read once and the batch's entries are written together before it commits.
    static func append(_ events: [AuditEvent], by caller: Caller, at now: Date, on db: any Database) async throws {
        guard !events.isEmpty else { return }
        let batch = WriteQueue.current
        let chain: PendingEntries
        if let kept = batch?.kept[PendingEntries.key] as? PendingEntries {
            chain = kept
        } else {
            // Every audited change of every parent passes here inside its write lock: plain SQL, no model reflection.
            struct Head: Decodable {
                let seq: Int
                let hash: String
            }
            guard
                let head = try await db.sql().select().column("seq").column("hash").from(AuditHeadRow.schema)
                    .where("id", .equal, SQLBind(1)).first(decoding: Head.self)
            else { throw RecordsError.notFound }
            chain = PendingEntries(seq: head.seq, hash: head.hash)
            if let batch {
                batch.kept[PendingEntries.key] = chain
                batch.beforeCommit { try await chain.write(on: $0) }
            }
        }
        let at = Timestamps.storage(now)
        for event in events {
            chain.seq += 1
            let row = AuditEntryRow()
            row.id = chain.seq
            row.at = at
            row.actorID = caller.accountID?.uuid
            row.actorName = caller.displayName
            row.actorRole = caller.roleLabel
            row.action = event.action
            row.entity = event.entity
            row.entityID = event.entityID
            row.summary = event.summary
            row.before = event.before
            row.after = event.after
            row.address = caller.address
            row.prevHash = chain.hash
            row.hash = AuditLog.hash(of: row, previous: chain.hash)
            let searchKey = AuditLog.searchKey(summary: row.summary, actor: row.actorName)
            chain.rows.append([
                SQLBind(chain.seq), SQLBind(at), SQLBind(row.actorID), SQLBind(row.actorName), SQLBind(row.actorRole),
                SQLBind(row.action), SQLBind(row.entity), SQLBind(row.entityID), SQLBind(row.summary), SQLBind(row.before),
                SQLBind(row.after), SQLBind(row.address), SQLBind(chain.hash), SQLBind(row.hash), SQLBind(searchKey),
            ])
            chain.hash = row.hash
        }
        if batch == nil { try await chain.write(on: db) }
    }

    /// The chain's head as a transaction's appends have moved it, and the entries not yet written.
    final class PendingEntries: @unchecked Sendable {
        static let key = "audit-chain"
        var seq: Int
        var hash: String
        var rows: [[any SQLExpression]] = []

        init(seq: Int, hash: String) {
            self.seq = seq
            self.hash = hash
        }

        /// Writes the entries and moves the stored head to the last of them.
        func write(on db: any Database) async throws {
            guard !rows.isEmpty else { return }
            let sql = db.sql()
            // In statements of at most 500 rows: 15 binds a row stay under both databases' limits on binds.
            for start in stride(from: 0, to: rows.count, by: 500) {
                var insert = sql.insert(into: AuditEntryRow.schema).columns(
                    "seq", "at", "actor_id", "actor_name", "actor_role", "action", "entity", "entity_id", "summary",
                    "before_json", "after_json", "address", "prev_hash", "hash", "search_key")
                for values in rows[start..<min(start + 500, rows.count)] { insert = insert.values(values) }
                try await insert.run()
            }
            rows = []
            try await sql.update(AuditHeadRow.schema).set("seq", to: SQLBind(seq)).set("hash", to: SQLBind(hash))
                .where("id", .equal, SQLBind(1)).run()
        }
    }

    /// What the audit page's search matches: the summary and the actor's name, folded.
    static func searchKey(summary: String, actor: String) -> String {
        VietnameseText.foldKey(summary + " " + actor)
    }

    static func hash(of row: AuditEntryRow, previous: String) -> String {
        let fields: [String] = [
            previous, String(row.id ?? 0), row.at, row.actorID?.uuidString.lowercased() ?? "", row.actorName,
            row.actorRole, row.action, row.entity, row.entityID, row.summary, row.before ?? "\u{0}",
            row.after ?? "\u{0}", row.address ?? "\u{0}",
        ]
        return SecureToken.sha256Hex(fields.joined(separator: "\u{1F}"))
    }

    /// Walks the whole chain in order and reports the first broken link.
    public func verify() async throws -> AuditVerification { try await walk(collecting: []).verdict }

    /// Walks the chain, keeping the hashes of the entries numbered in `wanted` (those a signed head names).
    func walk(collecting wanted: Set<Int>) async throws -> (verdict: AuditVerification, count: Int, hashes: [Int: String]) {
        var previous = AuditLog.genesis
        var expectedSeq = 1
        var count = 0
        var hashes: [Int: String] = [:]
        let batch = 1_000
        while true {
            let rows = try await AuditEntryRow.query(on: database)
                .filter(\.$id >= expectedSeq).sort(\.$id).limit(batch).all()
            for row in rows {
                guard let seq = row.id else { continue }
                if seq != expectedSeq { return (.broken(seq: expectedSeq, reason: "Thiếu mục số \(expectedSeq)"), count, hashes) }
                if row.prevHash != previous { return (.broken(seq: seq, reason: "Liên kết với mục trước không khớp"), count, hashes) }
                if AuditLog.hash(of: row, previous: previous) != row.hash {
                    return (.broken(seq: seq, reason: "Nội dung đã bị sửa (mã băm không khớp)"), count, hashes)
                }
                if wanted.contains(seq) { hashes[seq] = row.hash }
                previous = row.hash
                expectedSeq += 1
                count += 1
            }
            if rows.count < batch { break }
        }
        if let head = try await AuditHeadRow.find(1, on: database), head.seq != count || head.hash != previous {
            return (.broken(seq: count + 1, reason: "Các mục cuối đã bị xoá (đầu chuỗi không khớp)"), count, hashes)
        }
        return (.intact(entries: count), count, hashes)
    }

    /// A filter for the audit page.
    public struct Filter: Sendable, Equatable {
        public var actorID: AccountID?
        public var entity: String?
        public var from: SchoolDate?
        public var to: SchoolDate?
        /// Words of the summary or the actor's name, matched without diacritics; empty for all.
        public var search: String
        public init(
            actorID: AccountID? = nil, entity: String? = nil, from: SchoolDate? = nil, to: SchoolDate? = nil, search: String = ""
        ) {
            self.search = search
            self.actorID = actorID
            self.entity = entity
            self.from = from
            self.to = to
        }
    }

    /// Entries matching `filter`, newest first, `limit` of them (all when nil) with a sequence number below
    /// `olderThan` (a page after the one ending there: keyset, so a deep page costs what the first does); requires
    /// ``Permission/viewAudit``.
    public func entries(_ filter: Filter, limit: Int? = 200, olderThan: Int? = nil, by caller: Caller) async throws -> [AuditEntry] {
        try caller.require(.viewAudit)
        let query = AuditEntryRow.query(on: database).sort(\.$id, .descending)
        if let actor = filter.actorID { query.filter(\.$actorID == actor.uuid) }
        if let entity = filter.entity, !entity.isEmpty { query.filter(\.$entity == entity) }
        if let from = filter.from { query.filter(\.$at >= Timestamps.storage(from.startOfDay)) }
        if let to = filter.to { query.filter(\.$at < Timestamps.storage(to.adding(days: 1).startOfDay)) }
        let search = VietnameseText.foldKey(filter.search)
        if !search.isEmpty { query.filter(\.$searchKey, .contains(inverse: false, .anywhere), search) }
        if let olderThan { query.filter(\.$id < olderThan) }
        if let limit { query.limit(limit) }
        return try await query.all().map { row in
            AuditEntry(
                seq: row.id ?? 0, at: Timestamps.parseStorage(row.at) ?? Date(timeIntervalSince1970: 0),
                actorID: row.actorID.map(AccountID.init), actorName: row.actorName, actorRole: row.actorRole,
                event: AuditEvent(
                    action: row.action, entity: row.entity, entityID: row.entityID, summary: row.summary,
                    before: row.before, after: row.after),
                address: row.address, hash: row.hash)
        }
    }
}
