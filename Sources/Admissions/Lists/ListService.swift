import Documents
import FluentKit
import Foundation
import Records

/// A kindergarten that hands out slips, with how many of its children are listed.
public struct Kindergarten: Sendable, Equatable {
    public let id: KindergartenID
    public var name: String
    public var address: String
    public var contact: String
    public var childCount: Int
}

/// A listed child and the code issued to them.
public struct ListedChild: Sendable, Equatable {
    public let id: ListedChildID
    public let kindergartenID: KindergartenID?
    public let kindergartenName: String
    public let entry: ChildEntry
    /// Where the child came from: a kindergarten list, typed by staff, or a walk‑in at the desk.
    public let source: String
    /// The code in force, if any.
    public let code: RegistrationCode?
}

/// Kindergarten lists: kindergartens, list import (preview, then all or nothing), children added one by one, and
/// one registration code per child.
public struct ListService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Throws unless the caller keeps the kindergartens' lists and codes (imports, slips, handovers).
    public func authorizeLists(by caller: Caller) throws {
        try caller.require(.admissionLists)
    }

    var writer: AuditedWrite { AuditedWrite(database: database, clock: clock) }

    /// The campaign's kindergartens, by name.
    public func kindergartens(of campaign: CampaignID, by caller: Caller) async throws -> [Kindergarten] {
        try caller.require(.viewAdmissions)
        let rows = try await KindergartenRow.query(on: database).filter(\.$campaignID == campaign.uuid).all()
        var result: [Kindergarten] = []
        for row in rows {
            let count = try await ListedChildRow.query(on: database).filter(\.$kindergartenID == row.id!).count()
            result.append(
                Kindergarten(id: KindergartenID(row.id!), name: row.name, address: row.address, contact: row.contact, childCount: count))
        }
        return result.sorted { VietnameseText.collationKey($0.name) < VietnameseText.collationKey($1.name) }
    }

    /// Adds a kindergarten to a campaign.
    @discardableResult
    public func addKindergarten(to campaign: CampaignID, name: String, address: String, contact: String, by caller: Caller) async throws
        -> Kindergarten
    {
        try caller.require(.admissionLists)
        let name = VietnameseText.clean(name)
        guard !name.isEmpty else { throw FieldProblems("name", "Vui lòng nhập tên trường mầm non.") }
        return try await writer.run(by: caller) { db in
            if try await KindergartenRow.query(on: db).filter(\.$campaignID == campaign.uuid).filter(\.$name == name).first() != nil {
                throw FieldProblems("name", "Đợt tuyển sinh này đã có trường \(name).")
            }
            let row = KindergartenRow()
            row.id = UUID()
            row.campaignID = campaign.uuid
            row.name = name
            row.address = VietnameseText.clean(address)
            row.contact = VietnameseText.clean(contact)
            try await row.create(on: db)
            return (
                Kindergarten(id: KindergartenID(row.id!), name: name, address: row.address, contact: row.contact, childCount: 0),
                [
                    AuditEvent(
                        action: "kindergarten.create", entity: "kindergarten", entityID: row.id!.uuidString,
                        summary: "Thêm trường mầm non \(name)")
                ]
            )
        }
    }

    /// Parses an uploaded list and keeps it for the import step; the preview names every bad row and why.
    public func preview(
        campaign: CampaignID, kindergarten: KindergartenID, filename: String, bytes: [UInt8],
        by caller: Caller
    ) async throws -> (UUID?, ChildListPreview) {
        try caller.require(.admissionLists)
        guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: database),
            let kg = try await KindergartenRow.find(kindergarten.uuid, on: database), kg.campaignID == campaign.uuid
        else { throw RecordsError.notFound }
        let preview = try await check(bytes, campaign: campaignRow, on: database)
        guard preview.fileProblem == nil else { return (nil, preview) }
        let batch = ImportBatchRow()
        batch.id = UUID()
        batch.campaignID = campaign.uuid
        batch.kindergartenID = kindergarten.uuid
        batch.filename = String(VietnameseText.clean(filename).prefix(200))
        batch.content = Data(bytes).base64EncodedString()
        batch.createdAt = Timestamps.storage(clock())
        try await batch.create(on: database)
        return (batch.id, preview)
    }

    /// Imports a previewed list: every child and their code in one transaction, or nothing if any row is bad
    /// (rows are checked again, against the lists as they are now).
    public func commit(batch id: UUID, by caller: Caller) async throws -> Int {
        try caller.require(.admissionLists)
        let now = clock()
        return try await writer.run(by: caller) { db in
            guard let batch = try await ImportBatchRow.find(id, on: db), batch.importedAt == nil,
                let campaign = try await CampaignRow.find(batch.campaignID, on: db),
                let kg = try await KindergartenRow.find(batch.kindergartenID, on: db),
                let bytes = Data(base64Encoded: batch.content)
            else { throw RecordsError.notFound }
            let preview = try await check(Array(bytes), campaign: campaign, on: db)
            guard preview.isImportable else {
                throw FieldProblems("file", "Danh sách còn \(preview.badRows.count) dòng lỗi; hãy sửa tệp và tải lên lại.")
            }
            for row in preview.rows {
                _ = try await Self.insert(row.child, campaign: campaign, kindergarten: kg.id, source: "list", at: now, on: db)
            }
            batch.importedAt = Timestamps.storage(now)
            try await batch.update(on: db)
            return (
                preview.rows.count,
                [
                    AuditEvent(
                        action: "list.import", entity: "kindergarten", entityID: kg.id!.uuidString,
                        summary: "Nhập danh sách \(preview.rows.count) trẻ của \(kg.name) (\(batch.filename)) và cấp mã",
                        before: String?.none, after: batch.filename)
                ]
            )
        }
    }

    /// The campaign a kindergarten belongs to.
    public func campaign(ofKindergarten id: KindergartenID) async throws -> CampaignID {
        guard let row = try await KindergartenRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        return CampaignID(row.campaignID)
    }

    /// The campaign an import batch belongs to.
    public func campaign(ofBatch id: UUID) async throws -> CampaignID {
        guard let batch = try await ImportBatchRow.find(id, on: database) else { throw RecordsError.notFound }
        return CampaignID(batch.campaignID)
    }

    /// Adds one child (typed by staff, or a walk‑in at the desk after checking the birth certificate) and issues a code.
    @discardableResult
    public func addChild(
        _ entry: ChildEntry, to campaign: CampaignID, kindergarten: KindergartenID?, walkInReason: String? = nil,
        by caller: Caller
    ) async throws -> ListedChild {
        try caller.require(walkInReason == nil ? .admissionLists : .admissionDesk)
        let now = clock()
        return try await writer.run(by: caller) { db in
            guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: db) else { throw RecordsError.notFound }
            var problems = entry.problems(birthYear: campaignRow.birthYear)
            if let reason = walkInReason, VietnameseText.clean(reason).isEmpty {
                problems.add("walkInReason", "Ghi rõ lý do cấp mã tại bàn (đã kiểm tra giấy khai sinh…).")
            }
            if let duplicate = try await Self.existing(entry, campaign: campaign.uuid, on: db) {
                problems.add("given", "Trẻ này đã có trong danh sách (\(duplicate)).")
            }
            try problems.throwIfAny()
            let (child, code) = try await Self.insert(
                entry, campaign: campaignRow, kindergarten: kindergarten?.uuid,
                source: walkInReason == nil ? "manual" : "walkIn", at: now, on: db)
            var summary = "Thêm trẻ \(entry.name.full) và cấp mã \(code.masked)"
            if let reason = walkInReason {
                summary = "Cấp mã tại bàn cho \(entry.name.full) (\(code.masked)): \(VietnameseText.clean(reason))"
            }
            let listed = ListedChild(
                id: ListedChildID(child.id!), kindergartenID: kindergarten, kindergartenName: "", entry: entry,
                source: child.source, code: code)
            return (
                listed,
                [
                    AuditEvent(
                        action: walkInReason == nil ? "child.create" : "child.walkIn", entity: "child",
                        entityID: child.id!.uuidString, summary: summary)
                ]
            )
        }
    }

    /// Children of a campaign, sorted the Vietnamese way; `search` matches names without diacritics. Codes, dates of
    /// birth, personal IDs and phones come only to callers who hand codes out (``Permission/admissionLists``,
    /// ``Permission/admissionDesk``); others get names.
    public func children(
        of campaign: CampaignID, kindergarten: KindergartenID? = nil, search: String? = nil,
        by caller: Caller
    ) async throws -> [ListedChild] {
        try caller.require(.viewAdmissions)
        let query = ListedChildRow.query(on: database).filter(\.$campaignID == campaign.uuid).sort(\.$sortKey)
        if let kindergarten { query.filter(\.$kindergartenID == kindergarten.uuid) }
        if let search, !VietnameseText.foldKey(search).isEmpty {
            query.filter(\.$searchKey, .contains(inverse: false, .anywhere), VietnameseText.foldKey(search))
        }
        return try await listed(try await query.all(), campaign: campaign, by: caller, allOfCampaign: true)
    }

    /// `rows` as `caller` may see them. A code with the date of birth opens the child's application: only staff who
    /// hand codes out see them, and only they see the date of birth, the personal ID and the parent's phone (the
    /// inspector sees names). With `allOfCampaign`, the campaign's codes are read at once; else those of `rows`.
    func listed(_ rows: [ListedChildRow], campaign: CampaignID, by caller: Caller, allOfCampaign: Bool = false) async throws
        -> [ListedChild]
    {
        let showCodes = caller.may(.admissionLists) || caller.may(.admissionDesk)
        let codeQuery = RegistrationCodeRow.query(on: database).filter(\.$campaignID == campaign.uuid).filter(\.$status == "active")
        if !allOfCampaign { codeQuery.filter(\.$childID ~~ rows.compactMap(\.id)) }
        let codes = !showCodes || rows.isEmpty ? [] : try await codeQuery.all()
        let codeByChild = Dictionary(codes.map { ($0.childID, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let kgs = try await KindergartenRow.query(on: database).filter(\.$campaignID == campaign.uuid).all()
        let kgNames = Dictionary(uniqueKeysWithValues: kgs.map { ($0.id!, $0.name) })
        return rows.map { row in
            var entry = row.entry()
            if !showCodes {
                entry.birthDate = nil
                entry.personalID = ""
                entry.parentPhone = ""
            }
            return ListedChild(
                id: ListedChildID(row.id!), kindergartenID: row.kindergartenID.map(KindergartenID.init),
                kindergartenName: row.kindergartenID.flatMap { kgNames[$0] } ?? "", entry: entry, source: row.source,
                code: codeByChild[row.id!].flatMap(RegistrationCode.init))
        }
    }

    func check(_ bytes: [UInt8], campaign: CampaignRow, on db: any Database) async throws -> ChildListPreview {
        switch ChildListParser.table(fromFile: bytes) {
        case .failure(let unreadable):
            return ChildListPreview(rows: [], fileProblem: unreadable.message)
        case .success(let table):
            var preview = ChildListParser.parse(table, birthYear: campaign.birthYear)
            for position in preview.rows.indices {
                if let duplicate = try await Self.existing(preview.rows[position].child, campaign: campaign.id!, on: db) {
                    preview.rows[position].problems.append("Trẻ đã có trong danh sách: \(duplicate).")
                }
            }
            return preview
        }
    }

    /// Where the same child is already listed (same personal ID, or same name and date of birth), if anywhere.
    static func existing(_ child: ChildEntry, campaign: UUID, on db: any Database) async throws -> String? {
        var match = try await ListedChildRow.query(on: db).filter(\.$campaignID == campaign).filter(\.$dedupeKey == child.dedupeKey).first()
        if match == nil, !child.personalID.isEmpty {
            match = try await ListedChildRow.query(on: db).filter(\.$campaignID == campaign).filter(\.$personalID == child.personalID)
                .first()
        }
        guard let match else { return nil }
        guard let kindergarten = match.kindergartenID, let kg = try await KindergartenRow.find(kindergarten, on: db) else {
            return "thêm tại trường"
        }
        return "danh sách \(kg.name)"
    }

    static func insert(
        _ child: ChildEntry, campaign: CampaignRow, kindergarten: UUID?, source: String, at now: Date,
        code chosen: RegistrationCode? = nil, on db: any Database
    ) async throws -> (ListedChildRow, RegistrationCode) {
        let row = ListedChildRow()
        row.id = UUID()
        row.campaignID = campaign.id!
        row.kindergartenID = kindergarten
        row.name = child.name
        row.birthDate = child.birthDate?.iso ?? ""
        row.gender = child.gender?.rawValue ?? ""
        row.personalID = child.personalID
        row.parentName = child.parentName
        row.parentPhone = child.parentPhone
        row.address = child.address
        row.olderReason = child.olderReason
        row.source = source
        row.dedupeKey = child.dedupeKey
        row.createdAt = Timestamps.storage(now)
        try await row.create(on: db)
        let code = try await CodeService.issue(for: row.id!, campaign: campaign.id!, note: "", at: now, chosen: chosen, on: db)
        return (row, code)
    }

}
