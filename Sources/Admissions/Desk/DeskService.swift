import FluentKit
import Foundation
import Records
import SQLKit

/// A search hit at the desk: the child, the code and where their application stands.
public struct DeskHit: Sendable, Equatable {
    public let childName: String
    public let birthDate: String
    public let kindergarten: String
    /// The parent who applied (the mother, the father or the guardian, first given), or the list's parent before an
    /// application exists.
    public let parentName: String
    public let parentPhone: String
    public let code: RegistrationCode
    public let status: ApplicationStatus?
    public let number: String?
    public let enteredBy: String
}

/// Who wrote a message of an application's thread.
public enum MessageSender: String, Sendable, Codable {
    /// The family, on the portal.
    case parent
    /// The desk or the council.
    case staff
}

/// One message of an application's thread.
public struct ApplicationMessage: Sendable, Equatable {
    /// Who wrote it.
    public let from: MessageSender
    /// The writer's name as shown (the staff member's, or the family's).
    public let author: String
    public let body: String
    public let at: Date
}

/// The on‑duty desk: find a child by code, name (with or without diacritics) or a parent's phone; open their case
/// to apply on the parent's behalf; answer the parent's questions.
public struct DeskService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Throws unless the caller works at the desk (its search page and walk-in form, before anything is read).
    public func authorize(by caller: Caller) throws {
        try caller.require(.admissionDesk)
    }

    /// Children of the campaign matching `query`: a code, part of a name, or digits of a phone number.
    public func search(_ query: String, in campaign: CampaignID, by caller: Caller) async throws -> [DeskHit] {
        try caller.require(.admissionDesk)
        let text = VietnameseText.clean(query)
        guard text.count >= 2 else { return [] }
        var rows: [ListedChildRow] = []
        if let code = RegistrationCode(text), let codeRow = try await RegistrationCodeRow.find(code.symbols, on: database),
            codeRow.campaignID == campaign.uuid, let child = try await ListedChildRow.find(codeRow.childID, on: database)
        {
            rows = [child]
        } else if let number = Self.applicationNumber(text) {
            let ids = try await ApplicationRow.query(on: database).filter(\.$campaignID == campaign.uuid).filter(\.$number == number)
                .all().map(\.childID)
            rows = ids.isEmpty ? [] : try await ListedChildRow.query(on: database).filter(\.$id ~~ ids).all()
        } else if text.filter(\.isNumber).count >= 4 && text.allSatisfy({ $0.isNumber || " .-+".contains($0) }) {
            let digits = text.filter(\.isNumber)
            rows = try await ListedChildRow.query(on: database).filter(\.$campaignID == campaign.uuid).all()
                .filter { $0.parentPhone.filter(\.isNumber).contains(digits) }
            let byApplication = try await ApplicationRow.query(on: database).filter(\.$campaignID == campaign.uuid).all()
                .filter { row in
                    let form = row.form
                    return [form.father.phone, form.mother.phone, form.guardian.phone].contains { $0.filter(\.isNumber).contains(digits) }
                }.map(\.childID)
            let known = Set(rows.compactMap(\.id))
            if !byApplication.isEmpty {
                rows += try await ListedChildRow.query(on: database).filter(\.$id ~~ byApplication).all().filter { !known.contains($0.id!) }
            }
        } else {
            let key = VietnameseText.foldKey(text)
            rows = try await ListedChildRow.query(on: database).filter(\.$campaignID == campaign.uuid)
                .filter(\.$searchKey, .contains(inverse: false, .anywhere), key).sort(\.$sortKey).limit(100).all()
            // The parent who applied may not be the one the kindergarten list names: their names are searched too.
            let byParent = try await ApplicationRow.query(on: database).filter(\.$campaignID == campaign.uuid).all()
                .filter { row in
                    let form = row.form
                    return [form.father.name, form.mother.name, form.guardian.name].contains {
                        !$0.isEmpty && VietnameseText.foldKey($0).contains(key)
                    }
                }.map(\.childID)
            let known = Set(rows.compactMap(\.id))
            let missing = byParent.filter { !known.contains($0) }
            if !missing.isEmpty { rows += try await ListedChildRow.query(on: database).filter(\.$id ~~ missing).all() }
        }
        return try await hits(rows)
    }

    /// The number part of an application number as the receipt prints it (`2027-00012`), or nil.
    static func applicationNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, (1...5).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy(\.isNumber) })
        else { return nil }
        return Int(parts[1])
    }

    func hits(_ rows: [ListedChildRow]) async throws -> [DeskHit] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.compactMap(\.id)
        let codes = try await RegistrationCodeRow.query(on: database).filter(\.$childID ~~ ids).filter(\.$status == "active").all()
        let applications = try await ApplicationRow.query(on: database).filter(\.$childID ~~ ids).all()
        let campaigns = try await CampaignRow.query(on: database).filter(\.$id ~~ Set(rows.map(\.campaignID))).all()
        let kgs = try await KindergartenRow.query(on: database).filter(\.$id ~~ Set(rows.compactMap(\.kindergartenID))).all()
        return rows.compactMap { row in
            guard let codeRow = codes.first(where: { $0.childID == row.id }), let code = RegistrationCode(codeRow.id!) else { return nil }
            let application = applications.first { $0.childID == row.id }
            let campaign = campaigns.first { $0.id == row.campaignID }
            let value = application.flatMap { app in campaign.map { app.value(campaign: $0) } }
            let entry = row.entry()
            // The family as it applied, once it has; the kindergarten list's parent before that.
            let applied = value.flatMap { app in [app.form.mother, app.form.father, app.form.guardian].first { !$0.name.isEmpty } }
            return DeskHit(
                childName: entry.name.full, birthDate: entry.birthDate?.display ?? "",
                kindergarten: kgs.first { $0.id == row.kindergartenID }?.name ?? "", parentName: applied?.name ?? row.parentName,
                parentPhone: applied?.phone ?? row.parentPhone, code: code, status: value?.status, number: value?.number,
                enteredBy: value?.enteredBy ?? "")
        }
    }

    /// The portal access the desk uses to work on a child's application (no date of birth needed: staff checked papers).
    public func access(_ code: RegistrationCode, by caller: Caller) async throws -> PortalAccess {
        try caller.require(.admissionDesk)
        guard let row = try await RegistrationCodeRow.find(code.symbols, on: database), row.status == "active" else {
            throw RecordsError.notFound
        }
        return PortalAccess(code: code, campaignID: CampaignID(row.campaignID), childID: ListedChildID(row.childID))
    }

    /// The thread of an application, oldest first; `access` proves the reader holds the code (parent or desk).
    public func messages(for access: PortalAccess) async throws -> [ApplicationMessage] {
        // The receipt shows them on every visit, so they are read as plain rows.
        struct Listed: Decodable {
            let sender: String
            let author: String
            let body: String
            let at: Double
        }
        return try await database.sql().select().columns("sender", "author", "body", "at").from(MessageRow.schema)
            .where("code", .equal, SQLBind(access.code.symbols)).orderBy("at").all(decoding: Listed.self)
            .map {
                ApplicationMessage(
                    from: MessageSender(rawValue: $0.sender) ?? .staff, author: $0.author, body: $0.body,
                    at: Date(timeIntervalSince1970: $0.at))
            }
    }

    /// Adds a message: a parent's question (through the portal) or the desk's answer. A parent may post at most
    /// ten messages a day.
    public func post(_ body: String, on access: PortalAccess, by caller: Caller) async throws {
        let code = access.code
        let text = VietnameseText.clean(body)
        var problems = FieldProblems()
        if text.isEmpty { problems.add("body", "Vui lòng nhập nội dung.") }
        if text.count > 1_000 { problems.add("body", "Nội dung tối đa 1.000 ký tự.") }
        try problems.throwIfAny()
        let staff = !caller.isParent
        if staff { try caller.require(.admissionDesk) }
        let now = clock()
        if !staff {
            let today = try await MessageRow.query(on: database).filter(\.$code == code.symbols).filter(
                \.$sender == MessageSender.parent.rawValue
            )
            .filter(\.$at > now.timeIntervalSince1970 - 86_400).count()
            if today >= 10 { throw FieldProblems("body", "Mỗi ngày gửi tối đa 10 câu hỏi. Vui lòng gọi bàn thường trực nếu cần gấp.") }
        }
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let codeRow = try await RegistrationCodeRow.find(code.symbols, on: db) else { throw RecordsError.notFound }
            let row = MessageRow()
            row.id = UUID()
            row.code = code.symbols
            row.sender = (staff ? MessageSender.staff : .parent).rawValue
            row.author = staff ? caller.displayName : "Phụ huynh"
            row.body = text
            row.at = now.timeIntervalSince1970
            try await row.create(on: db)
            if staff { try await Self.tellFamily(answer: text, code: code, at: now, on: db) }
            return (
                (),
                [
                    AuditEvent(
                        action: staff ? "message.reply" : "message.ask", entity: "child", entityID: codeRow.childID.uuidString,
                        summary: staff ? "Trả lời phụ huynh mã \(code.masked)" : "Phụ huynh mã \(code.masked) gửi câu hỏi",
                        before: String?.none, after: ["characters": String(text.count)])
                ]
            )
        }
    }

    /// Sends the desk's answer to the family by the contacts its application gives (or the kindergarten list's parent
    /// phone before it applied), so that a question asked on the portal is not answered only on the portal.
    static func tellFamily(answer: String, code: RegistrationCode, at now: Date, on db: any Database) async throws {
        let subject = "Nhà trường trả lời câu hỏi về hồ sơ tuyển sinh"
        let short = answer.count > 240 ? answer.prefix(240) + "…" : Substring(answer)
        let body = "Nhà trường trả lời: \(short) Xem toàn bộ trên cổng tuyển sinh (mã số và ngày sinh của trẻ)."
        if let application = try await ApplicationRow.query(on: db).filter(\.$code == code.symbols).first() {
            try await Outbox.queue(code: code.symbols, form: application.form, subject: subject, body: body, at: now, on: db)
        } else if let codeRow = try await RegistrationCodeRow.find(code.symbols, on: db),
            let child = try await ListedChildRow.find(codeRow.childID, on: db)
        {
            try await Outbox.queue(
                code: code.symbols, emails: [], phones: [Contact.mobile(child.parentPhone) ?? ""], subject: subject, body: body, at: now,
                on: db)
        }
    }
}
