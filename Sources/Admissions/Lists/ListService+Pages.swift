import FluentKit
import Foundation
import Records

/// One page of a campaign's children.
public struct ListedChildrenPage: Sendable {
    /// The children of the page, in Vietnamese name order.
    public let children: [ListedChild]
    /// The cursor of the next page, or nil on the last.
    public let next: String?
}

extension ListService {
    /// Up to `limit` children of the campaign after `cursor` (a previous page's ``ListedChildrenPage/next``), in
    /// Vietnamese name order, matching `search` without diacritics: keyset on (sort key, id) with its index, so a deep
    /// page costs what the first does; codes are read for the page's children only. What each caller sees is as
    /// ``children(of:kindergarten:search:by:)`` says.
    public func childrenPage(
        of campaign: CampaignID, search: String = "", after cursor: String? = nil, limit: Int = 100, by caller: Caller
    ) async throws -> ListedChildrenPage {
        try caller.require(.viewAdmissions)
        let query = ListedChildRow.query(on: database).filter(\.$campaignID == campaign.uuid).sort(\.$sortKey).sort(\.$id)
        let folded = VietnameseText.foldKey(search)
        if !folded.isEmpty { query.filter(\.$searchKey, .contains(inverse: false, .anywhere), folded) }
        if let cursor, let bar = cursor.lastIndex(of: "|"), let id = UUID(uuidString: String(cursor[cursor.index(after: bar)...])) {
            let key = String(cursor[..<bar])
            query.group(.or) { or in
                or.filter(\.$sortKey > key)
                or.group(.and) { and in and.filter(\.$sortKey == key).filter(\.$id > id) }
            }
        }
        let rows = try await query.limit(limit + 1).all()
        let page = Array(rows.prefix(limit))
        let children = try await listed(page, campaign: campaign, by: caller)
        let next = rows.count > limit ? page.last.map { "\($0.sortKey)|\($0.id!.uuidString)" } : nil
        return ListedChildrenPage(children: children, next: next)
    }
}
