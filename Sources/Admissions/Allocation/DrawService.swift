import FluentKit
import Foundation
import Records
import SQLKit

/// Where a child stands after the published result.
public enum Outcome: String, Sendable, Codable {
    /// Trúng tuyển.
    case admitted
    /// In danh sách chờ, at a position.
    case waitlisted
    /// Not verified by the council, so not in the allocation.
    case notConsidered

    /// What the parent reads.
    public var label: String {
        switch self {
        case .admitted: "Trúng tuyển"
        case .waitlisted: "Trong danh sách chờ"
        case .notConsidered: "Không trúng tuyển"
        }
    }
}

/// The state of a campaign's draw, for the pages.
public struct DrawState: Sendable, Equatable {
    public let publicValue: String
    public let seed: String
    public let announcedAt: Date
    public let result: AllocationResult?
    public let publishedAt: Date?
    public let approvedBy: String
    public let membersPresent: String
}

/// The draw in three audited steps: the chair announces the public value (so the seed is known before anything is
/// drawn), the draw runs over the council's verified applications once the review has closed, and the chair
/// approves and publishes it — only then do parents see results.
public struct DrawService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// The campaign identifier hashed into the seed: the campaign's UUID as it prints everywhere.
    static func identifier(_ campaign: CampaignID) -> String { campaign.description }

    /// The draw's state, or `nil` before the announcement; requires one of ``CampaignService/readers``.
    public func state(_ campaign: CampaignID, by caller: Caller) async throws -> DrawState? {
        try caller.requireAny(CampaignService.readers)
        return try await storedState(campaign)
    }

    /// The draw as published to every family (seed, public value, ranks by application number), or `nil` until
    /// the chair approves it: what the public results page shows, so it needs no caller.
    public func publishedState(_ campaign: CampaignID) async throws -> DrawState? {
        guard let state = try await storedState(campaign), state.publishedAt != nil else { return nil }
        return state
    }

    func storedState(_ campaign: CampaignID) async throws -> DrawState? {
        guard let row = try await DrawRow.find(campaign.uuid, on: database) else { return nil }
        return DrawState(
            publicValue: row.publicValue, seed: row.seed, announcedAt: Date(timeIntervalSince1970: row.announcedAt),
            result: row.resultJSON.flatMap { JSONText.decode($0) }, publishedAt: row.publishedAt.map(Date.init(timeIntervalSince1970:)),
            approvedBy: row.approvedBy, membersPresent: row.membersPresent)
    }

    /// Fixes and publishes the seed's public value (for example the special prize of a named lottery draw on a given
    /// day). It can be changed only until the draw runs.
    @discardableResult
    public func announce(_ campaign: CampaignID, publicValue: String, by caller: Caller) async throws -> String {
        try caller.require(.approveAdmissions)
        let value = Lottery.normalise(publicValue)
        guard !value.isEmpty else { throw FieldProblems("publicValue", "Ghi giá trị công khai dùng làm hạt giống bốc thăm.") }
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard try await CampaignRow.find(campaign.uuid, on: db) != nil else { throw RecordsError.notFound }
            let row = try await DrawRow.find(campaign.uuid, on: db) ?? DrawRow()
            guard row.resultJSON == nil else { throw FieldProblems("publicValue", "Đã bốc thăm; không thể đổi hạt giống.") }
            let isNew = row.id == nil
            row.id = campaign.uuid
            row.publicValue = value
            row.seed = Lottery.seed(publicValue: value, campaign: Self.identifier(campaign))
            row.announcedAt = now.timeIntervalSince1970
            row.announcedBy = caller.displayName
            row.approvedBy = ""
            row.membersPresent = ""
            if isNew { try await row.create(on: db) } else { try await row.update(on: db) }
            return (
                row.seed,
                [
                    AuditEvent(
                        action: "draw.announce", entity: "campaign", entityID: campaign.description,
                        summary: "Công bố giá trị bốc thăm: \(value) — hạt giống \(row.seed)")
                ]
            )
        }
    }

    /// Runs the allocation over the verified applications. Refused before the review closes or before the announcement.
    @discardableResult
    public func draw(_ campaign: CampaignID, by caller: Caller) async throws -> AllocationResult {
        try caller.require(.approveAdmissions)
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: db) else { throw RecordsError.notFound }
            let value = campaignRow.value()
            guard now >= value.windows.reviewUntil else {
                throw FieldProblems("draw", "Chỉ bốc thăm sau khi hết hạn xét duyệt (\(Timestamps.display(value.windows.reviewUntil))).")
            }
            guard let row = try await DrawRow.find(campaign.uuid, on: db) else {
                throw FieldProblems("draw", "Cần công bố giá trị bốc thăm trước.")
            }
            guard row.publishedAt == nil else { throw FieldProblems("draw", "Kết quả đã được công bố.") }
            let applicants = try await Self.applicants(campaign, campaign: campaignRow, on: db)
            let result: AllocationResult
            do {
                result = try Allocation.allocate(
                    places: value.places, groups: value.priorityGroups, applicants: applicants,
                    publicValue: row.publicValue, campaign: Self.identifier(campaign))
            } catch {
                throw FieldProblems("draw", "Không xét tuyển được: \(error).")
            }
            row.resultJSON = JSONText.encode(result)
            row.drawnAt = now.timeIntervalSince1970
            try await row.update(on: db)
            return (
                result,
                [
                    AuditEvent(
                        action: "draw.run", entity: "campaign", entityID: campaign.description,
                        summary: "Xét tuyển: \(result.admitted.count) trúng tuyển, \(result.waitlist.count) trong danh sách chờ"
                            + (result.lotteryUsed ? ", có bốc thăm" : "")
                            + (result.overflow > 0 ? ", vượt chỉ tiêu \(result.overflow)" : ""),
                        before: String?.none, after: ["seed": result.seed, "admitted": String(result.admitted.count)])
                ]
            )
        }
    }

    /// The chair approves the drawn list, naming the members present; the outcomes are written to the applications
    /// and parents see them from now on.
    public func approve(_ campaign: CampaignID, membersPresent: String, by caller: Caller) async throws {
        try caller.require(.approveAdmissions)
        let members = VietnameseText.clean(membersPresent)
        guard !members.isEmpty else { throw FieldProblems("membersPresent", "Ghi tên các thành viên hội đồng có mặt.") }
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: db),
                let row = try await DrawRow.find(campaign.uuid, on: db), let json = row.resultJSON,
                let result: AllocationResult = JSONText.decode(json)
            else { throw FieldProblems("draw", "Chưa có kết quả xét tuyển để duyệt.") }
            guard row.publishedAt == nil else { throw FieldProblems("draw", "Kết quả đã được công bố.") }
            // What is published must be what the data gives now.
            let value = campaignRow.value()
            let differences = try Allocation.verify(
                published: result, places: value.places, groups: value.priorityGroups,
                applicants: try await Self.applicants(campaign, campaign: campaignRow, on: db),
                publicValue: row.publicValue, campaign: Self.identifier(campaign))
            guard differences.isEmpty else {
                throw FieldProblems("draw", "Kết quả không còn khớp với dữ liệu; hãy xét tuyển lại trước khi duyệt.")
            }
            // A late approval still gives families time to answer.
            let confirmUntil = max(campaignRow.confirmBy, now.timeIntervalSince1970 + 3 * 86_400)
            let rows = try await ApplicationRow.query(on: db).filter(\.$campaignID == campaign.uuid).all()
            let admitted = Set(result.admitted.map(\.number))
            let waitlist = Dictionary(result.waitlist.map { ($0.number, $0.position) }, uniquingKeysWith: { a, _ in a })
            for application in rows {
                guard let number = application.value(campaign: campaignRow).number else { continue }
                let form = application.form
                if admitted.contains(number) {
                    application.outcome = Outcome.admitted.rawValue
                    application.confirmUntil = confirmUntil
                    try await Outbox.queue(
                        code: application.code, form: form, subject: "Kết quả tuyển sinh lớp 1: trúng tuyển",
                        body:
                            "Trẻ \(form.childName.full) (hồ sơ số \(number)) đã trúng tuyển. Vui lòng xác nhận nhập học trên cổng tuyển sinh trước \(Timestamps.display(Date(timeIntervalSince1970: confirmUntil))).",
                        at: now, on: db)
                } else if let position = waitlist[number] {
                    try await Outbox.queue(
                        code: application.code, form: form, subject: "Kết quả tuyển sinh lớp 1: danh sách chờ",
                        body:
                            "Hồ sơ số \(number) của trẻ \(form.childName.full) ở vị trí \(position) trong danh sách chờ. Nhà trường sẽ báo khi có chỗ.",
                        at: now, on: db)
                    application.outcome = Outcome.waitlisted.rawValue
                    application.waitlistPosition = position
                } else if application.status != ApplicationStatus.draft.rawValue {
                    application.outcome = Outcome.notConsidered.rawValue
                }
                try await application.update(on: db)
            }
            row.publishedAt = now.timeIntervalSince1970
            row.approvedBy = caller.displayName
            row.membersPresent = members
            try await row.update(on: db)
            return (
                (),
                [
                    AuditEvent(
                        action: "draw.approve", entity: "campaign", entityID: campaign.description,
                        summary: "Chủ tịch hội đồng duyệt và công bố kết quả: \(result.admitted.count) trúng tuyển. Có mặt: \(members)")
                ]
            )
        }
    }

    /// Recomputes the stored draw from the applications as they are and lists every difference (empty = it matches).
    /// Requires ``Permission/viewAdmissions``.
    public func verify(_ campaign: CampaignID, by caller: Caller) async throws -> [String] {
        try caller.require(.viewAdmissions)
        guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: database),
            let row = try await DrawRow.find(campaign.uuid, on: database), let json = row.resultJSON,
            let published: AllocationResult = JSONText.decode(json)
        else { throw RecordsError.notFound }
        let value = campaignRow.value()
        return try Allocation.verify(
            published: published, places: value.places, groups: value.priorityGroups,
            applicants: try await Self.applicants(campaign, campaign: campaignRow, on: database),
            publicValue: row.publicValue, campaign: Self.identifier(campaign))
    }

    /// The child's name of every numbered application of the campaign, by application number: what the council's
    /// draw table shows beside numbers and hashes (the public list shows numbers only). Requires
    /// ``Permission/viewAdmissions``.
    public func childNames(_ campaign: CampaignID, by caller: Caller) async throws -> [String: String] {
        try caller.require(.viewAdmissions)
        guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: database) else { throw RecordsError.notFound }
        let rows = try await ApplicationRow.query(on: database).filter(\.$campaignID == campaign.uuid)
            .filter(\.$number != nil).all()
        var names: [String: String] = [:]
        for row in rows {
            guard let number = row.value(campaign: campaignRow).number else { continue }
            names[number] = row.form.childName.full
        }
        return names
    }

    /// Verified applications with the group the council verified.
    static func applicants(_ campaign: CampaignID, campaign row: CampaignRow, on db: any Database) async throws -> [Applicant] {
        try await ApplicationRow.query(on: db).filter(\.$campaignID == campaign.uuid)
            .filter(\.$status == ApplicationStatus.verified.rawValue).all()
            .compactMap { application in
                guard let number = application.value(campaign: row).number else { return nil }
                let review = application.review
                return Applicant(number: number, group: review.verifiedGroup)
            }
    }
}
