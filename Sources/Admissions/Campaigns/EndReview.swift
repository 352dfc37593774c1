import FluentKit
import Foundation
import Records

extension CampaignService {
    /// Ends the online applications (if still open) and the council's review now, as the chair decides when every
    /// application has been reviewed, with the reason recorded: the lottery may then run at once. The other windows
    /// stay as they were.
    @discardableResult
    public func endReviewNow(_ id: CampaignID, reason: String, by caller: Caller) async throws -> Campaign {
        try caller.require(.approveAdmissions)
        let why = VietnameseText.clean(reason)
        guard !why.isEmpty else { throw FieldProblems("reason", "Ghi rõ lý do kết thúc xét duyệt sớm (quyết định của hội đồng).") }
        let now = clock()
        defer { cache.invalidate() }
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await CampaignRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            let before = row.value()
            guard now.timeIntervalSince1970 >= row.applyFrom else {
                throw FieldProblems("reason", "Cổng chưa mở nhận hồ sơ nên chưa thể kết thúc xét duyệt.")
            }
            guard now.timeIntervalSince1970 < row.reviewUntil else {
                throw FieldProblems("reason", "Thời hạn xét duyệt đã kết thúc.")
            }
            let end = now.timeIntervalSince1970.rounded(.down)
            row.applyUntil = min(row.applyUntil, end - 1)
            row.reviewUntil = end
            for problem in row.value().windows.problems().list {
                throw FieldProblems("reason", problem.message)
            }
            row.version += 1
            try await row.update(on: db)
            let after = row.value()
            return (
                after,
                [
                    AuditEvent(
                        action: "campaign.endReview", entity: "campaign", entityID: id.description,
                        summary: "Kết thúc đăng ký và xét duyệt lúc \(Timestamps.display(now)): \(why)",
                        before: [
                            "applyUntil": Timestamps.display(before.windows.applyUntil),
                            "reviewUntil": Timestamps.display(before.windows.reviewUntil),
                        ],
                        after: [
                            "applyUntil": Timestamps.display(after.windows.applyUntil),
                            "reviewUntil": Timestamps.display(after.windows.reviewUntil),
                        ])
                ]
            )
        }
    }
}
