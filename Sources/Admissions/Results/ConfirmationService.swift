import FluentKit
import Foundation
import Records

/// Xác nhận nhập học: what an admitted family did with the place.
public enum Confirmation: String, Sendable, Codable {
    case confirmed, declined
    /// Not confirmed by the deadline: the place went to the waitlist.
    case released

    /// What the parent reads.
    public var label: String {
        switch self {
        case .confirmed: "Đã xác nhận nhập học"
        case .declined: "Đã từ chối chỗ học"
        case .released: "Quá hạn xác nhận, chỗ học đã chuyển cho trẻ trong danh sách chờ"
        }
    }
}

/// Confirming or declining a place, releasing places not confirmed in time, and moving the waitlist up — each step
/// once, audited, and announced to the families through the outbox.
public struct ConfirmationService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    /// How long a child promoted from the waitlist has to confirm.
    public var promotionWindow: TimeInterval = 3 * 86_400

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// The parent accepts (`true`) or declines the place before their deadline. A decline frees the place at once.
    public func respond(accept: Bool, for access: PortalAccess, by caller: Caller) async throws {
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard
                let row = try await ApplicationRow.query(on: db).filter(\.$campaignID == access.campaignID.uuid)
                    .filter(\.$code == access.code.symbols).first(), row.outcome == Outcome.admitted.rawValue
            else { throw RecordsError.forbidden }
            guard row.confirmation == nil else { throw FieldProblems("confirmation", "Đã trả lời trước đó.") }
            guard let until = row.confirmUntil, now.timeIntervalSince1970 < until else {
                throw FieldProblems("confirmation", "Đã quá hạn xác nhận nhập học.")
            }
            row.confirmation = (accept ? Confirmation.confirmed : .declined).rawValue
            row.confirmedAt = now.timeIntervalSince1970
            try await row.update(on: db)
            var events = [
                AuditEvent(
                    action: accept ? "admission.confirm" : "admission.decline", entity: "application",
                    entityID: row.id!.uuidString,
                    summary: (accept ? "Phụ huynh xác nhận nhập học" : "Phụ huynh từ chối chỗ học") + " — mã \(access.code.masked)")
            ]
            if !accept { events += try await Self.promote(campaign: access.campaignID.uuid, now: now, window: promotionWindow, on: db) }
            return ((), events)
        }
    }

    /// Releases the places of admitted children whose deadline passed without an answer, and moves the waitlist up
    /// into every free place. Safe to run any number of times: a release or a promotion happens once.
    @discardableResult
    public func releaseExpired(_ campaign: CampaignID) async throws -> (released: Int, promoted: Int) {
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: .system("Hạn xác nhận nhập học")) { db in
            let expired = try await ApplicationRow.query(on: db).filter(\.$campaignID == campaign.uuid)
                .filter(\.$outcome == Outcome.admitted.rawValue).filter(\.$confirmation == nil)
                .filter(\.$confirmUntil < now.timeIntervalSince1970).all()
            var events: [AuditEvent] = []
            for row in expired {
                row.confirmation = Confirmation.released.rawValue
                try await row.update(on: db)
                events.append(
                    AuditEvent(
                        action: "admission.release", entity: "application", entityID: row.id!.uuidString,
                        summary: "Hết hạn xác nhận, trả chỗ học của mã \(RegistrationCode(row.code)?.display ?? row.code)"))
                let form = row.form
                try await Outbox.queue(
                    code: row.code, form: form, subject: "Quá hạn xác nhận nhập học",
                    body:
                        "Hồ sơ của trẻ \(form.childName.full) đã quá hạn xác nhận nhập học; chỗ học đã được chuyển cho trẻ trong danh sách chờ.",
                    at: now, on: db)
            }
            let promotions = try await Self.promote(campaign: campaign.uuid, now: now, window: promotionWindow, on: db)
            return ((expired.count, promotions.count), events + promotions)
        }
    }

    /// Fills free places from the waitlist in order. Callers hold the audit lock, so two runs never promote twice.
    static func promote(campaign: UUID, now: Date, window: TimeInterval, on db: any Database) async throws -> [AuditEvent] {
        guard let campaignRow = try await CampaignRow.find(campaign, on: db) else { return [] }
        let places = campaignRow.value().places
        let holding = try await ApplicationRow.query(on: db).filter(\.$campaignID == campaign).filter(
            \.$outcome == Outcome.admitted.rawValue
        ).all()
            .filter { $0.confirmation == nil || $0.confirmation == Confirmation.confirmed.rawValue }.count
        let free = places - holding
        guard free > 0 else { return [] }
        let next = try await ApplicationRow.query(on: db).filter(\.$campaignID == campaign).filter(
            \.$outcome == Outcome.waitlisted.rawValue
        )
        .filter(\.$status == ApplicationStatus.verified.rawValue).filter(\.$waitlistPosition != nil)
        .sort(\.$waitlistPosition).limit(free).all()
        var events: [AuditEvent] = []
        for row in next {
            let position = row.waitlistPosition ?? 0
            row.outcome = Outcome.admitted.rawValue
            row.waitlistPosition = nil
            row.confirmUntil = now.timeIntervalSince1970 + window
            try await row.update(on: db)
            let form = row.form
            try await Outbox.queue(
                code: row.code, form: form, subject: "Trẻ đã trúng tuyển từ danh sách chờ",
                body:
                    "Trẻ \(form.childName.full) đã trúng tuyển vào lớp 1. Vui lòng xác nhận nhập học trên cổng tuyển sinh trước \(Timestamps.display(Date(timeIntervalSince1970: row.confirmUntil!))).",
                at: now, on: db)
            events.append(
                AuditEvent(
                    action: "admission.promote", entity: "application", entityID: row.id!.uuidString,
                    summary:
                        "Chuyển từ danh sách chờ (vị trí \(position)) lên trúng tuyển: mã \(RegistrationCode(row.code)?.display ?? row.code)"
                ))
        }
        return events
    }
}
