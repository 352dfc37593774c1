import FluentKit
import Foundation
import Records
import SQLKit

/// One page of the council's queue.
public struct ReviewQueuePage: Sendable {
    /// The applications of the page, by number.
    public let items: [ReviewItem]
    /// The number the next page starts after, or nil on the last page.
    public let next: Int?
}

extension ReviewService {
    /// Up to `limit` submitted applications numbered after `after` that `filter` selects, by number: keyset on the
    /// number, read in slices of 200 until the page is full, so a page costs the same however many applications the
    /// campaign holds. Requires ``Permission/readApplications``.
    public func queuePage(
        _ campaign: CampaignID, filter: ReviewFilter = .init(), after: Int? = nil, limit: Int = 100, by caller: Caller
    ) async throws -> ReviewQueuePage {
        try caller.require(.readApplications)
        guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: database) else { throw RecordsError.notFound }
        let mandatory = campaignRow.value().requiredDocuments.filter(\.mandatory).map(\.code)
        let slice = 200
        var items: [ReviewItem] = []
        var numbers: [Int] = []
        var cursor = after ?? Int.min
        while items.count <= limit {
            let query = ApplicationRow.query(on: database).filter(\.$campaignID == campaign.uuid)
                .filter(\.$status != ApplicationStatus.draft.rawValue).filter(\.$number > cursor).sort(\.$number).limit(slice)
            if let status = filter.status { query.filter(\.$status == status.rawValue) }
            let rows = try await query.all()
            let documents = try await Self.documentCounts(codes: rows.map(\.code), on: database)
            for row in rows {
                cursor = row.number ?? cursor
                if let item = Self.item(row, campaign: campaignRow, filter: filter, mandatory: mandatory, documents: documents) {
                    items.append(item)
                    numbers.append(row.number ?? cursor)
                    if items.count > limit { break }
                }
            }
            if rows.count < slice { break }
        }
        let next = items.count > limit ? numbers[limit - 1] : nil
        return ReviewQueuePage(items: Array(items.prefix(limit)), next: next)
    }

    /// The number of uploaded documents of each of `codes` (at most a slice's worth), in one grouped statement.
    static func documentCounts(codes: [String], on db: any Database) async throws -> [String: Int] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await db.sql().select().column("code").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(DocumentRow.schema).where("code", .in, codes).groupBy("code").all()
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.decode(column: "code", as: String.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }
}
