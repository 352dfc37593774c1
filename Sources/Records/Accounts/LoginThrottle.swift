import FluentKit
import Foundation
import SQLKit

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

/// Counts failed attempts per key in the database, so limits hold across restarts and processes.
public struct AttemptLimiter: Sendable {
    /// At most `max` failures for `key` inside the window.
    public struct Limit: Sendable {
        public let key: String
        public let max: Int
        public init(key: String, max: Int) {
            self.key = key
            self.max = max
        }
    }

    /// How far back failures count, and how long a key waits once it reaches its limit.
    public let window: TimeInterval
    /// Where attempts under way are counted in memory instead of as pending rows; nil counts them in the database.
    public let board: AttemptBoard?

    /// A limiter over `window`; with a `board`, only failures are written (see ``AttemptBoard``).
    public init(window: TimeInterval, board: AttemptBoard? = nil) {
        self.window = window
        self.board = board
    }

    /// An attempt under way, as ``begin(_:now:on:)`` started it: to settle with ``fail(_:on:)`` or ``forget(_:on:)``.
    public struct Ticket: Sendable {
        /// Its pending rows (counted in the database).
        let ids: [UUID]
        /// Its keys on the board (counted in memory).
        let keys: [String]
        /// The keys that had attempts counted in the window when it began (failures, or others' pending rows): only
        /// these need ``clear(_:on:)`` after a success.
        public let keysWithAttempts: Set<String>
    }

    /// How long an attempt still being tried counts as in flight rather than failed, unless ``fail(_:on:)`` settles
    /// it sooner (a process killed mid-attempt leaves it in flight; it then counts as failed).
    public static let inFlight: TimeInterval = 30
    /// The wait told to someone turned away because too many attempts are in flight at once, not for failures.
    public static let busyWait: TimeInterval = 5

    /// Throws ``RecordsError/throttled(until:)`` when any key has reached its limit: until the oldest counted failure
    /// leaves the window when the failures alone reach it, or for a few seconds (``busyWait``) when it is reached only
    /// with attempts still in flight — a crowd behind one carrier address is told to retry in seconds, not to wait
    /// out the window. With `countingAttempt`, the caller has already recorded the attempt being made, so one more
    /// than the limit is allowed to be present. `inFlight` adds attempts under way counted in memory. Returns the
    /// keys that have attempts in the window.
    @discardableResult
    public func check(
        _ limits: [Limit], now: Date, countingAttempt: Bool = false, inFlight: [String: Int] = [:], on db: any Database
    ) async throws -> Set<String> {
        var until: Date?
        let settledBefore = now.timeIntervalSince1970 - Self.inFlight
        let recent = Dictionary(
            grouping: try await attempts(limits.map(\.key), since: now.timeIntervalSince1970 - window, on: db), by: \.key)
        for limit in limits {
            let allowed = limit.max + (countingAttempt ? 1 : 0)
            let rows = recent[limit.key] ?? []
            let failures = rows.filter { !$0.pending || $0.at < settledBefore }
            if failures.count >= allowed {
                let free = Date(timeIntervalSince1970: failures[allowed - 1].at + window)
                until = max(until ?? free, free)
            } else if rows.count + (inFlight[limit.key] ?? 0) >= allowed {
                let soon = now.addingTimeInterval(Self.busyWait)
                until = max(until ?? soon, soon)
            }
        }
        if let until { throw RecordsError.throttled(until: until) }
        return Set(recent.keys)
    }

    /// One counted attempt as the check reads it.
    struct Counted: Decodable {
        let key: String
        let at: Double
        let pending: Bool
    }

    /// The attempts counted against `keys` after `since`, newest first: one query for all keys, read into plain rows
    /// (every code lookup and login makes two checks).
    func attempts(_ keys: [String], since: Double, on db: any Database) async throws -> [Counted] {
        try await db.sql().select().column("key").column("at").column("pending").from(LoginFailureRow.schema)
            .where("key", .in, SQLBind.group(keys)).where("at", .greaterThan, SQLBind(since))
            .orderBy("at", .descending).all(decoding: Counted.self)
    }

    /// Starts an attempt: checks the limits, counts the attempt, then checks again counting it, so that parallel
    /// attempts see each other and cannot all slip under a limit. An attempt the second check refuses is forgotten
    /// again — it was turned away before anything was tried, so it is not a failure (otherwise a burst from one shared
    /// address would fill that address's quota with refusals and lock every parent behind it out). With a board the
    /// attempt is counted in memory first, and one check sees it with every other under way on this process.
    public func begin(_ limits: [Limit], now: Date, on db: any Database) async throws -> Ticket {
        let keys = limits.map(\.key)
        if let board {
            let others = board.enter(keys).mapValues { $0 - 1 }
            do {
                let failed = try await check(limits, now: now, inFlight: others, on: db)
                return Ticket(ids: [], keys: keys, keysWithAttempts: failed)
            } catch {
                board.leave(keys)
                throw error
            }
        }
        let failed = try await check(limits, now: now, on: db)
        let attempt = try await record(keys, now: now, pending: true, on: db)
        do {
            try await check(limits, now: now, countingAttempt: true, on: db)
        } catch {
            try? await forget(Ticket(ids: attempt, keys: [], keysWithAttempts: []), on: db)
            throw error
        }
        return Ticket(ids: attempt, keys: [], keysWithAttempts: failed)
    }

    /// Counts one attempt against each key; the returned IDs let a successful attempt be forgotten again.
    @discardableResult
    public func record(_ keys: [String], now: Date, pending: Bool = false, on db: any Database) async throws -> [UUID] {
        // One statement and one commit for all keys: on SQLite every commit is a sync of the log and a turn of the
        // write lock.
        guard !keys.isEmpty else { return [] }
        let ids = keys.map { _ in UUID() }
        var insert = db.sql().insert(into: LoginFailureRow.schema).columns("id", "key", "at", "pending")
        for (id, key) in zip(ids, keys) {
            insert = insert.values(SQLBind(id), SQLBind(key), SQLBind(now.timeIntervalSince1970), SQLBind(pending))
        }
        try await insert.run()
        return ids
    }

    /// Settles an attempt started by ``begin(_:now:on:)`` as a failure (the code or password was wrong). The failure
    /// is written before the attempt leaves the board, so it is never uncounted in between.
    public func fail(_ ticket: Ticket, now: Date, on db: any Database) async throws {
        if !ticket.ids.isEmpty {
            try await LoginFailureRow.query(on: db).filter(\.$id ~~ ticket.ids).set(\.$pending, to: false).update()
        }
        if !ticket.keys.isEmpty {
            defer { board?.leave(ticket.keys) }
            try await record(ticket.keys, now: now, on: db)
        }
    }

    /// Ends an attempt started by ``begin(_:now:on:)`` that succeeded, so it is not a failure.
    public func forget(_ ticket: Ticket, on db: any Database) async throws {
        board?.leave(ticket.keys)
        guard !ticket.ids.isEmpty else { return }
        try await LoginFailureRow.query(on: db).filter(\.$id ~~ ticket.ids).delete()
    }

    /// Forgets the failures of `key` (after a success, or when the desk unlocks it).
    public func clear(_ key: String, on db: any Database) async throws {
        try await LoginFailureRow.query(on: db).filter(\.$key == key).delete()
    }
}

/// Login limits per account and per address.
struct LoginThrottle: Sendable {
    let policy: LoginThrottlePolicy
    var limiter: AttemptLimiter { AttemptLimiter(window: policy.window) }

    static func accountKey(_ username: String) -> String { "account:\(username)" }
    static func addressKey(_ address: String) -> String { "address:\(address)" }

    /// Starts an attempt (see ``AttemptLimiter/begin(_:now:on:)``); it stays a failure unless ``forget(_:on:)``
    /// removes it after a success.
    func begin(username: String, address: String, now: Date, on db: any Database) async throws -> AttemptLimiter.Ticket {
        try await limiter.begin(
            [
                .init(key: Self.accountKey(username), max: policy.perAccount),
                .init(key: Self.addressKey(address), max: policy.perAddress),
            ], now: now, on: db)
    }

    func forget(_ attempt: AttemptLimiter.Ticket, on db: any Database) async throws {
        try await limiter.forget(attempt, on: db)
    }

    func fail(_ attempt: AttemptLimiter.Ticket, now: Date, on db: any Database) async throws {
        try await limiter.fail(attempt, now: now, on: db)
    }

    func clear(username: String, on db: any Database) async throws {
        try await limiter.clear(Self.accountKey(username), on: db)
    }
}

/// Attempts under way on this process, counted per key in memory: a code lookup that succeeds (nearly every one on
/// an opening morning) then writes nothing to the limiter, and only failures reach the database, where every node
/// counts them. Parallel attempts on one process see each other here; attempts on different nodes see each other's
/// failures only, so a burst split exactly across N nodes may run N times a limit's remaining tries at once.
public final class AttemptBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    public init() {}

    /// Counts an attempt against `keys`; returns each key's count including it.
    func enter(_ keys: [String]) -> [String: Int] {
        lock.withLock {
            var now: [String: Int] = [:]
            for key in keys {
                counts[key, default: 0] += 1
                now[key] = counts[key]
            }
            return now
        }
    }

    /// Ends an attempt counted by ``enter(_:)``.
    func leave(_ keys: [String]) {
        lock.withLock {
            for key in keys {
                let left = (counts[key] ?? 1) - 1
                counts[key] = left > 0 ? left : nil
            }
        }
    }

    /// Attempts under way for `key`.
    public func count(_ key: String) -> Int { lock.withLock { counts[key] ?? 0 } }
}
