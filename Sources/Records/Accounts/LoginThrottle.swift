import FluentKit
import Foundation

/// Limits on failed logins, per account and per client address.
public struct LoginThrottlePolicy: Sendable {
    /// Failures allowed for one account inside the window.
    public var perAccount: Int
    /// Failures allowed from one address inside the window.
    public var perAddress: Int
    /// The window, and the wait after the limit is reached.
    public var window: TimeInterval

    public init(perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }
}

/// Counts failed attempts in the database, so limits hold across restarts.
struct LoginThrottle: Sendable {
    let policy: LoginThrottlePolicy

    static func accountKey(_ username: String) -> String { "account:\(username)" }
    static func addressKey(_ address: String) -> String { "address:\(address)" }

    /// Throws ``RecordsError/throttled(until:)`` when a key has reached its limit.
    func check(username: String, address: String, now: Date, on db: any Database) async throws {
        let limits = [(Self.accountKey(username), policy.perAccount), (Self.addressKey(address), policy.perAddress)]
        var until: Date?
        for (key, limit) in limits {
            let failures = try await LoginFailureRow.query(on: db).filter(\.$key == key)
                .filter(\.$at > now.timeIntervalSince1970 - policy.window).sort(\.$at, .descending).limit(limit).all()
            if failures.count >= limit, let oldest = failures.last {
                let free = Date(timeIntervalSince1970: oldest.at + policy.window)
                until = max(until ?? free, free)
            }
        }
        if let until { throw RecordsError.throttled(until: until) }
    }

    func recordFailure(username: String, address: String, now: Date, on db: any Database) async throws {
        for key in [Self.accountKey(username), Self.addressKey(address)] {
            let row = LoginFailureRow()
            row.id = UUID()
            row.key = key
            row.at = now.timeIntervalSince1970
            try await row.create(on: db)
        }
    }

    func clear(username: String, on db: any Database) async throws {
        try await LoginFailureRow.query(on: db).filter(\.$key == Self.accountKey(username)).delete()
    }
}
