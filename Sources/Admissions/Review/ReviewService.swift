import FluentKit
import Foundation
import Records
import SQLKit

/// The admissions council's review: a queue with filters, a checklist per required document, and decisions that are
/// attributed, audited and refused when the application changed since the reviewer loaded it.
public struct ReviewService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Throws unless the caller sits on the admissions council or inspects its work (read-only).
    public func authorize(by caller: Caller) throws {
        try caller.require(.readApplications)
    }

    /// Submitted applications of a campaign (drafts are not the council's), by number, filtered. Requires
    /// ``Permission/readApplications``.
    public func queue(_ campaign: CampaignID, filter: ReviewFilter = .init(), by caller: Caller) async throws -> [ReviewItem] {
        try caller.require(.readApplications)
        guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: database) else { throw RecordsError.notFound }
        let mandatory = campaignRow.value().requiredDocuments.filter(\.mandatory).map(\.code)
        let rows = try await ApplicationRow.query(on: database).filter(\.$campaignID == campaign.uuid)
            .filter(\.$status != ApplicationStatus.draft.rawValue).sort(\.$number).all()
        let countByCode = try await Self.documentCounts(campaign, on: database)
        return rows.compactMap { row in
            Self.item(row, campaign: campaignRow, filter: filter, mandatory: mandatory, documents: countByCode)
        }
    }

    /// The application of `row` as the queue lists it, or nil when `filter` leaves it out.
    static func item(
        _ row: ApplicationRow, campaign: CampaignRow, filter: ReviewFilter, mandatory: [String], documents: [String: Int]
    ) -> ReviewItem? {
        let application = row.value(campaign: campaign)
        let review = row.review
        let form = application.form
        if let status = filter.status, application.status != status { return nil }
        if let unit = filter.unit, form.unitKey != unit { return nil }
        if let group = filter.group, !form.priorityCodes.contains(group) && review.verifiedGroup != group { return nil }
        if filter.atDesk && application.enteredBy.isEmpty { return nil }
        if filter.documentsOpen {
            let verified = Set(review.checklist.filter { $0.state == .verified }.map(\.code))
            if mandatory.allSatisfy(verified.contains) { return nil }
        }
        let search = VietnameseText.foldKey(filter.search)
        if !search.isEmpty {
            let number = (application.number ?? "").filter(\.isNumber)
            let digits = filter.search.filter(\.isNumber)
            let byNumber =
                !digits.isEmpty && digits.count == filter.search.filter { !$0.isWhitespace && $0 != "-" }.count
                && number.contains(digits)
            if !byNumber && !VietnameseText.foldKey(form.childName.full).contains(search) { return nil }
        }
        return ReviewItem(application: application, review: review, documentCount: documents[row.code] ?? 0)
    }

    /// The number of uploaded documents per registration code of the campaign's applications, counted by the
    /// database in one statement (a list of every code would pass SQLite's 32,766-parameter limit on a large campaign).
    static func documentCounts(_ campaign: CampaignID, on db: any Database) async throws -> [String: Int] {
        let rows = try await db.sql().raw(
            """
            SELECT d.code AS code, COUNT(*) AS n FROM \(ident: DocumentRow.schema) d
            WHERE d.code IN (SELECT a.code FROM \(ident: ApplicationRow.schema) a WHERE a.campaign_id = \(bind: campaign.uuid))
            GROUP BY d.code
            """
        ).all()
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.decode(column: "code", as: String.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    /// One application with what the council recorded, for the review page.
    public func item(_ id: AdmissionApplicationID, by caller: Caller) async throws -> (ReviewItem, PortalAccess) {
        try caller.require(.readApplications)
        guard let row = try await ApplicationRow.find(id.uuid, on: database),
            let campaign = try await CampaignRow.find(row.campaignID, on: database), let code = RegistrationCode(row.code)
        else { throw RecordsError.notFound }
        let count = try await DocumentRow.query(on: database).filter(\.$code == row.code).count()
        let review = row.review
        return (
            ReviewItem(application: row.value(campaign: campaign), review: review, documentCount: count),
            PortalAccess(code: code, campaignID: CampaignID(row.campaignID), childID: ListedChildID(row.childID))
        )
    }

    /// Records the checklist and a decision. `version` is the application version the reviewer saw; if the parent
    /// (or another member) changed it since, nothing is written and ``RecordsError/staleEdit`` is thrown.
    @discardableResult
    public func decide(
        _ id: AdmissionApplicationID, checklist: [ChecklistItem], decision: ReviewDecision, version: Int,
        by caller: Caller
    ) async throws -> AdmissionApplication {
        try caller.require(.reviewApplications)
        var problems = FieldProblems()
        switch decision {
        case .needsInfo(let message) where VietnameseText.clean(message).isEmpty:
            problems.add("note", "Ghi rõ phụ huynh cần bổ sung gì.")
        case .notEligible(let reason) where VietnameseText.clean(reason).isEmpty:
            problems.add("note", "Ghi rõ lý do không đủ điều kiện.")
        default: break
        }
        try problems.throwIfAny()
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await ApplicationRow.find(id.uuid, on: db),
                let campaign = try await CampaignRow.find(row.campaignID, on: db)
            else { throw RecordsError.notFound }
            guard row.status != ApplicationStatus.draft.rawValue else { throw RecordsError.forbidden }
            guard row.version == version else { throw RecordsError.staleEdit }
            // Once the review has closed (and so once anything is drawn), results change only through the chair's
            // recorded corrections, never by a silent re-verification.
            guard now.timeIntervalSince1970 < campaign.reviewUntil, try await DrawRow.find(row.campaignID, on: db)?.resultJSON == nil else {
                throw FieldProblems("decision", "Đã hết hạn xét duyệt; mọi thay đổi sau đó do chủ tịch hội đồng sửa kết quả, có ghi lý do.")
            }
            let groups = Set(campaign.value().priorityGroups.map(\.code))
            var review = Review(checklist: checklist, note: "", reviewedBy: caller.displayName, reviewedAt: now)
            let status: ApplicationStatus
            let summary: String
            switch decision {
            case .verified(let group):
                if let group, !groups.contains(group) { throw FieldProblems("group", "Nhóm đối tượng không có trong đợt tuyển sinh.") }
                review.verifiedGroup = group
                status = .verified
                summary = "Xác minh hồ sơ\(group.map { ", nhóm \($0)" } ?? "")"
            case .needsInfo(let message):
                review.note = VietnameseText.clean(message)
                status = .needsInfo
                summary = "Yêu cầu bổ sung hồ sơ"
                let thread = MessageRow()
                thread.id = UUID()
                thread.code = row.code
                thread.sender = MessageSender.staff.rawValue
                thread.author = "Hội đồng tuyển sinh"
                thread.body = "Cần bổ sung: \(review.note)"
                thread.at = now.timeIntervalSince1970
                try await thread.create(on: db)
                // The family is told where it reads it, not only on a page it may never open again.
                let form = row.form
                try await Outbox.queue(
                    code: row.code, form: form, subject: "Hồ sơ tuyển sinh lớp 1: cần bổ sung",
                    body: "Hội đồng tuyển sinh cần gia đình bổ sung hồ sơ của trẻ \(form.childName.full): \(review.note). "
                        + "Mở cổng tuyển sinh bằng mã số và ngày sinh của trẻ để bổ sung trước "
                        + "\(Timestamps.display(Date(timeIntervalSince1970: campaign.reviewUntil))).",
                    at: now, on: db)
            case .notEligible(let reason):
                review.note = VietnameseText.clean(reason)
                status = .notEligible
                summary = "Hồ sơ không đủ điều kiện: \(review.note)"
            }
            let before = row.status
            row.reviewJSON = JSONText.encode(review)
            row.status = status.rawValue
            row.version += 1
            row.updatedAt = Timestamps.storage(now)
            try await row.update(on: db)
            let number = row.value(campaign: campaign).number ?? ""
            return (
                row.value(campaign: campaign),
                [
                    AuditEvent(
                        action: "application.review", entity: "application", entityID: row.id!.uuidString,
                        summary: "\(summary) — hồ sơ số \(number)", before: ["status": before],
                        after: [
                            "status": status.rawValue, "group": review.verifiedGroup ?? "",
                            "checklist": review.checklist.map { "\($0.code)=\($0.state.rawValue)" }.joined(separator: ","),
                        ])
                ]
            )
        }
    }
}
