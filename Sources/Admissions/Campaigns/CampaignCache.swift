import FluentKit
import Foundation
import Records

/// The campaigns as values, read from the database at most once per `maxAge` seconds. The portal needs its campaign
/// on every request of every parent, and a campaign changes a few times a year: an opening morning should not read
/// and decode the same wide row a dozen times per family. The web layer drops the copy when staff change anything
/// on this node; a change made by another node or process shows within `maxAge`. With `maxAge` 0 every read goes to
/// the database (tests).
public final class CampaignCache: Sendable {
    private let kept: KeptValue<[Campaign]>

    /// A cache whose copies last `maxAge` seconds.
    public init(maxAge: TimeInterval) { kept = KeptValue(maxAge: maxAge) }

    /// Forgets the copy, so the next read goes to the database.
    public func invalidate() { kept.invalidate() }

    /// Every campaign, the newest opening first.
    func all(on database: any Database) async throws -> [Campaign] {
        try await kept.value { try await CampaignRow.query(on: database).sort(\.$applyFrom, .descending).all().map { $0.value() } }
    }

    /// One campaign, or nil when there is none with this id.
    func campaign(_ id: CampaignID, on database: any Database) async throws -> Campaign? {
        guard kept.maxAge > 0 else { return try await CampaignRow.find(id.uuid, on: database)?.value() }
        return try await all(on: database).first { $0.id == id }
    }
}
