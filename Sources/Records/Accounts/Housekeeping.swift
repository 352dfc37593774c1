import FluentKit
import Foundation

/// How many rows a purge removed, by kind.
public struct Purged: Sendable, Equatable {
    /// Staff and parent sessions ended or expired long ago.
    public var sessions = 0
    /// Failed logins and code lookups older than every limit's window.
    public var failures = 0

    public init(sessions: Int = 0, failures: Int = 0) {
        self.sessions = sessions
        self.failures = failures
    }

    /// Whether anything was removed.
    public var isEmpty: Bool { sessions == 0 && failures == 0 }
}

/// What the minute job removes because nothing reads it any more, so that the tables the login and the portal's
/// code lookup search stay small however long the school runs: sessions ended, expired or idle for longer than
/// ``keepSessions`` (a person's own account page lists only open ones), and counted failures older than
/// ``keepFailures`` (every limit looks back 15 minutes). None of these rows belongs to a record book; the audit log
/// keeps the logins themselves.
public struct Housekeeping: Sendable {
    let database: any Database
    /// How long a finished session is kept (for a look at recent sign-ins in the database), 30 days by default.
    public var keepSessions: TimeInterval = 30 * 24 * 3600
    /// How long a counted failure is kept, a day by default: far longer than any limit's window.
    public var keepFailures: TimeInterval = 24 * 3600

    public init(database: any Database) { self.database = database }

    /// Removes what is older than the periods kept, as of `now`.
    public func purge(now: Date = Date()) async throws -> Purged {
        let sessionsBefore = now.timeIntervalSince1970 - keepSessions
        let sessions = SessionRow.query(on: database).group(.or) { old in
            old.filter(\.$expiresAt < sessionsBefore).filter(\.$lastSeenAt < sessionsBefore)
                .filter(\.$endedAt < sessionsBefore)
        }
        let failures = LoginFailureRow.query(on: database).filter(\.$at < now.timeIntervalSince1970 - keepFailures)
        let purged = Purged(sessions: try await sessions.count(), failures: try await failures.count())
        if purged.sessions > 0 { try await sessions.delete() }
        if purged.failures > 0 { try await failures.delete() }
        return purged
    }
}
