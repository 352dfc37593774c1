import FluentKit
import Foundation
import Records

/// Issues, revokes and reissues registration codes. A code is unique in the whole system (its primary key).
public struct CodeService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// A new active code for a child, drawn until it is not taken (a clash is a one in 10¹³ event).
    static func issue(
        for child: UUID, campaign: UUID, note: String, at now: Date, chosen: RegistrationCode? = nil,
        on db: any Database
    ) async throws -> RegistrationCode {
        var code = chosen ?? RegistrationCode.random()
        while try await RegistrationCodeRow.find(code.symbols, on: db) != nil { code = RegistrationCode.random() }
        let row = RegistrationCodeRow()
        row.id = code.symbols
        row.campaignID = campaign
        row.childID = child
        row.status = "active"
        row.issuedAt = Timestamps.storage(now)
        row.note = note
        row.lockedUntil = 0
        try await row.create(on: db)
        return code
    }

    /// The campaign a code belongs to.
    public func campaign(of code: RegistrationCode) async throws -> CampaignID {
        guard let row = try await RegistrationCodeRow.find(code.symbols, on: database) else { throw RecordsError.notFound }
        return CampaignID(row.campaignID)
    }

    /// Revokes a child's code (lost slip, wrong hands) and issues a new one; both are audited, the old code stops working.
    public func reissue(_ code: RegistrationCode, reason: String, by caller: Caller) async throws -> RegistrationCode {
        try caller.require(.admissionLists)
        let reason = VietnameseText.clean(reason)
        guard !reason.isEmpty else { throw FieldProblems("reason", "Ghi rõ lý do thu hồi mã.") }
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await RegistrationCodeRow.find(code.symbols, on: db), row.status == "active" else {
                throw RecordsError.notFound
            }
            row.status = "revoked"
            row.revokedAt = Timestamps.storage(now)
            row.note = reason
            try await row.update(on: db)
            let fresh = try await Self.issue(
                for: row.childID, campaign: row.campaignID, note: "Cấp lại thay \(code.display)", at: now, on: db)
            // The child's application, documents and questions follow the child to the new code.
            try await ApplicationRow.query(on: db).filter(\.$code == code.symbols).set(\.$code, to: fresh.symbols).update()
            try await DocumentRow.query(on: db).filter(\.$code == code.symbols).set(\.$code, to: fresh.symbols).update()
            try await MessageRow.query(on: db).filter(\.$code == code.symbols).set(\.$code, to: fresh.symbols).update()
            return (
                fresh,
                [
                    AuditEvent(
                        action: "code.reissue", entity: "child", entityID: row.childID.uuidString,
                        summary: "Thu hồi mã \(code.masked), cấp mã mới \(fresh.masked): \(reason)",
                        before: ["code": code.masked, "status": "active"],
                        after: ["code": fresh.masked, "revoked": code.masked])
                ]
            )
        }
    }
}
