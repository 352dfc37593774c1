import FluentKit
import Foundation
import Records

/// After the draw: admitted, waitlisted, confirmed, declined and released, by group and by catchment unit, and the
/// final list for the ward/commune and the education office.
public struct ResultsReport: Sendable, Equatable {
    /// One line of counts.
    public struct Line: Sendable, Equatable, Encodable {
        public let label: String
        public var admitted = 0
        public var waitlisted = 0
        public var confirmed = 0
        public var declined = 0
        public var released = 0
    }

    /// One child of the final list.
    public struct Child: Sendable, Equatable, Encodable {
        public let number: String
        public let name: String
        public let birthDate: String
        public let gender: String
        public let group: String
        public let residence: String
        public let outcome: String
        public let confirmation: String
    }

    public let byGroup: [Line]
    public let byUnit: [Line]
    public let total: Line
    /// Admitted (then waitlisted) children in list order.
    public let children: [Child]

    /// Builds the report; requires ``Permission/viewAdmissions``.
    public static func build(_ campaign: CampaignID, on db: any Database, by caller: Caller) async throws -> ResultsReport {
        try caller.require(.viewAdmissions)
        guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: db) else { throw RecordsError.notFound }
        let value = campaignRow.value()
        let rows = try await ApplicationRow.query(on: db).filter(\.$campaignID == campaign.uuid).all().filter { $0.outcome != nil }
        var groups: [String: Line] = [:]
        var units: [String: Line] = [:]
        var total = Line(label: "Tổng cộng")
        var children: [(Int, Int, Child)] = []
        let groupNames = Dictionary(value.priorityGroups.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        for row in rows {
            let application = row.value(campaign: campaignRow)
            let form = application.form
            let review = row.review
            let groupKey = review.verifiedGroup ?? ""
            let unit = value.catchment.first { $0.wardCode == form.wardCode }
            let unitKey =
                form.outsideCatchment
                ? "Ngoài địa bàn" : [form.hamlet, unit?.wardName ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
            func count(_ line: inout Line) {
                switch application.outcome {
                case .admitted: line.admitted += 1
                case .waitlisted: line.waitlisted += 1
                default: break
                }
                switch application.confirmation {
                case .confirmed: line.confirmed += 1
                case .declined: line.declined += 1
                case .released: line.released += 1
                case nil: break
                }
            }
            count(
                &groups[
                    groupKey, default: Line(label: groupKey.isEmpty ? "Không thuộc nhóm" : "\(groupKey) — \(groupNames[groupKey] ?? "")")])
            count(&units[unitKey, default: Line(label: unitKey.isEmpty ? "Chưa khai" : unitKey)])
            count(&total)
            guard application.outcome == .admitted || application.outcome == .waitlisted else { continue }
            let order = application.outcome == .admitted ? 0 : 1
            children.append(
                (
                    order, application.waitlistPosition ?? 0,
                    Child(
                        number: application.number ?? "", name: form.childName.full,
                        birthDate: SchoolDate(iso: form.childBirthDate)?.display ?? "",
                        gender: form.childSex?.label ?? "", group: groupKey,
                        residence: form.outsideCatchment
                            ? form.addressLine : [form.addressLine, unitKey].filter { !$0.isEmpty }.joined(separator: ", "),
                        outcome: application.outcome?.label ?? "", confirmation: application.confirmation?.label ?? "")
                ))
        }
        let groupOrder = value.priorityGroups.map(\.code) + [""]
        return ResultsReport(
            byGroup: groupOrder.compactMap { groups[$0] },
            byUnit: units.values.sorted { VietnameseText.collationKey($0.label) < VietnameseText.collationKey($1.label) },
            total: total,
            children: children.sorted { ($0.0, $0.1, $0.2.number) < ($1.0, $1.1, $1.2.number) }.map(\.2))
    }
}

extension DrawService {
    /// The chair corrects a published result (for example a verification found wrong after publication); the
    /// reason is required and recorded, and the family is told.
    public func correct(
        _ id: AdmissionApplicationID, to outcome: Outcome, waitlistPosition: Int? = nil, reason: String,
        by caller: Caller
    ) async throws {
        try caller.require(.approveAdmissions)
        let why = VietnameseText.clean(reason)
        guard !why.isEmpty else { throw FieldProblems("reason", "Ghi rõ lý do sửa kết quả đã công bố.") }
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await ApplicationRow.find(id.uuid, on: db), let before = row.outcome,
                let campaign = try await CampaignRow.find(row.campaignID, on: db),
                try await DrawRow.find(row.campaignID, on: db)?.publishedAt != nil
            else {
                throw FieldProblems("reason", "Chỉ sửa được kết quả đã công bố.")
            }
            guard row.studentID == nil else { throw FieldProblems("reason", "Trẻ đã vào sổ đăng bộ; hãy sửa qua sổ đăng bộ.") }
            row.outcome = outcome.rawValue
            switch outcome {
            case .admitted:
                // A fresh start: the family answers again, with time to do so.
                row.waitlistPosition = nil
                row.confirmation = nil
                row.confirmedAt = nil
                row.confirmUntil = max(campaign.confirmBy, now.timeIntervalSince1970 + 3 * 86_400)
            case .waitlisted:
                let last =
                    try await ApplicationRow.query(on: db).filter(\.$campaignID == row.campaignID)
                    .filter(\.$outcome == Outcome.waitlisted.rawValue).max(\.$waitlistPosition) ?? 0
                row.waitlistPosition = waitlistPosition ?? (last + 1)
                row.confirmation = nil
                row.confirmUntil = nil
            case .notConsidered:
                row.waitlistPosition = nil
                row.confirmUntil = nil
            }
            try await row.update(on: db)
            // A place given up by this correction goes to the waitlist at once.
            let promotions =
                before == Outcome.admitted.rawValue && outcome != .admitted
                ? try await ConfirmationService.promote(campaign: row.campaignID, now: now, window: 3 * 86_400, on: db) : []
            let form = row.form
            try await Outbox.queue(
                code: row.code, form: form, subject: "Nhà trường sửa kết quả tuyển sinh",
                body: "Kết quả của trẻ \(form.childName.full) được sửa thành: \(outcome.label). Lý do: \(why).", at: now, on: db)
            return (
                (),
                [
                    AuditEvent(
                        action: "draw.correct", entity: "application", entityID: id.description,
                        summary:
                            "Chủ tịch hội đồng sửa kết quả đã công bố: \(Outcome(rawValue: before)?.label ?? before) → \(outcome.label). Lý do: \(why)",
                        before: ["outcome": before], after: ["outcome": outcome.rawValue])
                ] + promotions
            )
        }
    }
}
