import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

/// Attempts in flight are told apart from failures: a limit reached only by attempts being tried at once turns the
/// next one away for seconds; failures turn it away until the oldest leaves the window. The same whether attempts
/// under way are counted as rows or in memory on a board (the portal's way: a success then writes nothing).
@Suite struct AttemptLimiterTests {
    @Test(arguments: [false, true]) func attemptsInFlightRefuseForSecondsAndFailuresForTheWindow(onABoard: Bool) async throws {
        try await TestDatabase.withFresh { db in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let limiter = AttemptLimiter(window: 15 * 60, board: onABoard ? AttemptBoard() : nil)
            let limits = [AttemptLimiter.Limit(key: "portal-address:203.0.113.9", max: 2)]
            let first = try await limiter.begin(limits, now: now, on: db)
            let second = try await limiter.begin(limits, now: now, on: db)
            // Two parents behind one address are still being answered: the third waits seconds.
            do {
                _ = try await limiter.begin(limits, now: now.addingTimeInterval(1), on: db)
                Issue.record("a third attempt passed the limit")
            } catch RecordsError.throttled(let until) {
                #expect(until == now.addingTimeInterval(1 + AttemptLimiter.busyWait))
            }
            // One succeeds (forgotten), one fails: room for one more again.
            try await limiter.forget(first, on: db)
            try await limiter.fail(second, now: now, on: db)
            let third = try await limiter.begin(limits, now: now.addingTimeInterval(2), on: db)
            try await limiter.fail(third, now: now.addingTimeInterval(2), on: db)
            let rows = try await db.sql().raw("SELECT COUNT(*) AS n FROM login_failures").first()?.decode(column: "n", as: Int.self)
            #expect(rows == 2, "two failures are stored, the success left nothing")
            #expect(limiter.board?.count(limits[0].key) ?? 0 == 0, "nothing is left under way")
            // Two failures: the window, counted from the older one.
            do {
                _ = try await limiter.begin(limits, now: now.addingTimeInterval(3), on: db)
                Issue.record("a third failure was allowed")
            } catch RecordsError.throttled(let until) {
                #expect(until == now.addingTimeInterval(15 * 60))
            }
        }
    }

    @Test func onABoardASuccessfulAttemptWritesNothing() async throws {
        try await TestDatabase.withFresh { db in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let board = AttemptBoard()
            let limiter = AttemptLimiter(window: 15 * 60, board: board)
            let limits = [AttemptLimiter.Limit(key: "portal-code:K7QM4XRT9C", max: 5)]
            let attempt = try await limiter.begin(limits, now: now, on: db)
            #expect(board.count(limits[0].key) == 1)
            #expect(attempt.keysWithAttempts.isEmpty)
            let rows = try await db.sql().raw("SELECT COUNT(*) AS n FROM login_failures").first()?.decode(column: "n", as: Int.self)
            #expect(rows == 0, "an attempt under way is counted in memory only")
            try await limiter.forget(attempt, on: db)
            #expect(board.count(limits[0].key) == 0)
            let failed = try await limiter.begin(limits, now: now, on: db)
            try await limiter.fail(failed, now: now, on: db)
            #expect(try await limiter.begin(limits, now: now, on: db).keysWithAttempts == [limits[0].key])
        }
    }

    @Test func anAttemptLeftInFlightByAKilledProcessCountsAsFailedAfterHalfAMinute() async throws {
        try await TestDatabase.withFresh { db in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let limiter = AttemptLimiter(window: 15 * 60)
            let limits = [AttemptLimiter.Limit(key: "account:hieutruong", max: 1)]
            _ = try await limiter.begin(limits, now: now, on: db)  // never settled
            do {
                _ = try await limiter.begin(limits, now: now.addingTimeInterval(10), on: db)
                Issue.record("passed the limit")
            } catch RecordsError.throttled(let until) {
                #expect(until == now.addingTimeInterval(10 + AttemptLimiter.busyWait))
            }
            do {
                _ = try await limiter.begin(limits, now: now.addingTimeInterval(AttemptLimiter.inFlight + 1), on: db)
                Issue.record("passed the limit")
            } catch RecordsError.throttled(let until) {
                #expect(until == now.addingTimeInterval(15 * 60))
            }
        }
    }
}
