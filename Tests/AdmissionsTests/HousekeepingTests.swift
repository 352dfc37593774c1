import Admissions
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The minute job's purge: finished sessions, closed portal cookies past their expiry and old counted failures go; what is live or
/// still inside a limit's window stays and keeps working.
@Suite struct HousekeepingTests {
    @Test func oldSessionsPortalSessionsAndFailuresArePurgedAndLiveOnesKept() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let fixture = p.fixture
            let sessions = fixture.sessions
            let portal = PortalService(database: db, clock: fixture.clock.function)
            // Day 0: a staff session ended, one left to expire, a wrong password, a wrong date of birth.
            let ended = try await sessions.login(username: "hieutruong", password: Fixture.password, address: "a", userAgent: "t")
            try await sessions.end(ended.session.id, owner: fixture.principal.id)
            _ = try await sessions.login(username: "hieutruong", password: Fixture.password, address: "a", userAgent: "t")
            _ = try? await sessions.login(username: "hieutruong", password: "sai", address: "a", userAgent: "t")
            // A parent closed the portal with “Thoát”: the closed cookie is remembered until it would have expired.
            let (closedEarly, _) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "9.9.9.8")
            try await portal.close(token: closedEarly)
            await #expect(throws: AdmissionsError.noMatch) {
                _ = try await portal.open(code: p.code.display, birthDate: "01/01/2021", address: "9.9.9.9")
            }
            // Day 31: a fresh staff session, a fresh portal session, four wrong dates of birth for the code.
            fixture.clock.advance(31 * 24 * 3600)
            let live = try await sessions.login(username: "hieutruong", password: Fixture.password, address: "a", userAgent: "t")
            let (portalToken, _) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "8.8.8.8")
            let (closedToday, _) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "8.8.8.8")
            try await portal.close(token: closedToday)
            for day in 1...4 {
                await #expect(throws: AdmissionsError.noMatch) {
                    _ = try await portal.open(code: p.code.display, birthDate: "0\(day)/02/2021", address: "8.8.8.8")
                }
            }

            let housekeeping = Housekeeping(database: db)
            let purged = try await housekeeping.purge(now: fixture.clock.now)
            // The two day-0 sessions; the wrong password's row per address (the day-31 login cleared the one per
            // account), and both rows of the wrong date: a success clears a code's failures only inside the window,
            // and the day-0 one had left it.
            #expect(purged == Purged(sessions: 2, failures: 3))
            // The cookie closed on day 0 has expired and is forgotten; the one closed today is still refused, and
            // the one left open still opens the code.
            #expect(try await portal.purgeExpiredSessions(now: fixture.clock.now) == 1)
            #expect(try await sessions.resolve(token: live.token) != nil)
            #expect(try await portal.resolve(token: portalToken) != nil)
            #expect(try await portal.resolve(token: closedToday) == nil)
            #expect(try await portal.resolve(token: closedEarly) == nil)
            // The four failures inside the window still count: one more wrong date locks the code.
            await #expect(throws: AdmissionsError.noMatch) {
                _ = try await portal.open(code: p.code.display, birthDate: "05/02/2021", address: "7.7.7.7")
            }
            await #expect(throws: RecordsError.self) {
                _ = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "7.7.7.7")
            }
            // Nothing more to purge at once.
            #expect(try await housekeeping.purge(now: fixture.clock.now).isEmpty)
            #expect(try await portal.purgeExpiredSessions(now: fixture.clock.now) == 0)
        }
    }
}
