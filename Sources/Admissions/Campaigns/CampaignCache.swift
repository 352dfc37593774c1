import FluentKit
import Foundation
import Records

/// The campaigns as values, read from the database at most once per `maxAge` seconds. The portal needs its campaign
/// on every request of every parent, and a campaign changes a few times a year: an opening morning should not read
/// and decode the same wide row a dozen times per family. The web layer drops the copy when staff change anything
/// on this node; a change made by another node or process shows within `maxAge`. With `maxAge` 0 every read goes to
/// the database (tests).
public final class CampaignCache: @unchecked Sendable {
    /// Seconds a copy is used before the database is read again.
    public let maxAge: TimeInterval
    private let lock = NSLock()
    private var kept: (campaigns: [Campaign], at: Date)?

    /// A cache whose copies last `maxAge` seconds.
    public init(maxAge: TimeInterval) { self.maxAge = maxAge }

    /// Forgets the copy, so the next read goes to the database.
    public func invalidate() { lock.withLock { kept = nil } }

    /// Every campaign, the newest opening first.
    func all(on database: any Database) async throws -> [Campaign] {
        if maxAge > 0, let (campaigns, at) = lock.withLock({ kept }), Date().timeIntervalSince(at) < maxAge { return campaigns }
        let fresh = try await CampaignRow.query(on: database).sort(\.$applyFrom, .descending).all().map { $0.value() }
        if maxAge > 0 { lock.withLock { kept = (fresh, Date()) } }
        return fresh
    }

    /// One campaign, or nil when there is none with this id.
    func campaign(_ id: CampaignID, on database: any Database) async throws -> Campaign? {
        guard maxAge > 0 else { return try await CampaignRow.find(id.uuid, on: database)?.value() }
        return try await all(on: database).first { $0.id == id }
    }
}
