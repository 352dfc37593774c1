import FluentKit
import Foundation
import Records
import SQLKit

/// A recorded handover of slips to a kindergarten.
public struct Handover: Sendable, Equatable {
    public let id: UUID
    public let kindergartenID: KindergartenID
    public let kindergartenName: String
    public let handedBy: String
    public let receivedBy: String
    public let slipCount: Int
    public let at: Date
}

/// Records the handover of a kindergarten's slips (who handed, who received, when, how many).
public struct HandoverService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Records a handover of every active code of the kindergarten's children.
    @discardableResult
    public func record(kindergarten: KindergartenID, handedBy: String, receivedBy: String, by caller: Caller) async throws -> Handover {
        try caller.require(.admissionLists)
        var problems = FieldProblems()
        let handed = VietnameseText.clean(handedBy)
        let received = VietnameseText.clean(receivedBy)
        if handed.isEmpty { problems.add("handedBy", "Ghi họ tên người giao.") }
        if received.isEmpty { problems.add("receivedBy", "Ghi họ tên người nhận của trường mầm non.") }
        try problems.throwIfAny()
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let kg = try await KindergartenRow.find(kindergarten.uuid, on: db) else { throw RecordsError.notFound }
            let children = try await ListedChildRow.query(on: db).filter(\.$kindergartenID == kg.id!).all().compactMap(\.id)
            let count =
                children.isEmpty
                ? 0
                : try await RegistrationCodeRow.query(on: db).filter(\.$childID ~~ children)
                    .filter(\.$status == "active").count()
            let row = HandoverRow()
            row.id = UUID()
            row.kindergartenID = kg.id!
            row.handedBy = handed
            row.receivedBy = received
            row.slipCount = count
            row.at = now.timeIntervalSince1970
            try await row.create(on: db)
            return (
                Self.value(row, kg.name),
                [
                    AuditEvent(
                        action: "handover.record", entity: "kindergarten", entityID: kg.id!.uuidString,
                        summary: "Bàn giao \(count) phiếu mã cho \(kg.name): \(handed) giao, \(received) nhận")
                ]
            )
        }
    }

    /// Handovers of a campaign's kindergartens, newest first.
    public func list(campaign: CampaignID, by caller: Caller) async throws -> [Handover] {
        try caller.require(.viewAdmissions)
        let kgs = try await KindergartenRow.query(on: database).filter(\.$campaignID == campaign.uuid).all()
        let names = Dictionary(uniqueKeysWithValues: kgs.map { ($0.id!, $0.name) })
        guard !kgs.isEmpty else { return [] }
        return try await HandoverRow.query(on: database).filter(\.$kindergartenID ~~ Array(names.keys)).sort(\.$at, .descending).all()
            .map { Self.value($0, names[$0.kindergartenID] ?? "") }
    }

    /// One handover; requires ``Permission/admissionLists``.
    public func get(_ id: UUID, by caller: Caller) async throws -> Handover {
        try caller.require(.admissionLists)
        guard let row = try await HandoverRow.find(id, on: database),
            let kg = try await KindergartenRow.find(row.kindergartenID, on: database)
        else { throw RecordsError.notFound }
        return Self.value(row, kg.name)
    }

    static func value(_ row: HandoverRow, _ name: String) -> Handover {
        Handover(
            id: row.id!, kindergartenID: KindergartenID(row.kindergartenID), kindergartenName: name, handedBy: row.handedBy,
            receivedBy: row.receivedBy, slipCount: row.slipCount, at: Date(timeIntervalSince1970: row.at))
    }
}
