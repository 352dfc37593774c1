import FluentKit
import Foundation
import Records
import TestSupport
import Testing

@Suite struct AccountAndSessionTests {
    @Test func loginOpensASessionThatResolvesAndEnds() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let result = try await fixture.sessions.login(
                username: " HieuTruong ", password: Fixture.password, address: "10.0.0.1", userAgent: "t")
            #expect(result.session.stage == .active)
            let resolved = try await fixture.sessions.resolve(token: result.token)
            #expect(resolved?.1.username == "hieutruong")
            #expect(try await fixture.sessions.openSessions(of: fixture.principal.id).count == 1)
            try await fixture.sessions.end(result.session.id, owner: fixture.principal.id)
            #expect(try await fixture.sessions.resolve(token: result.token) == nil)
            #expect(try await fixture.sessions.resolve(token: "khong-ton-tai") == nil)
        }
    }

    @Test func idleSessionsExpire() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let result = try await fixture.sessions.login(username: "hieutruong", password: Fixture.password, address: "a", userAgent: "t")
            fixture.clock.advance(9 * 3600)
            #expect(try await fixture.sessions.resolve(token: result.token) == nil)
        }
    }

    @Test func wrongPasswordsAreThrottledPerAccountEvenWithTheRightPasswordAfterwards() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            for attempt in 1...5 {
                await #expect(throws: RecordsError.invalidCredentials, "attempt \(attempt)") {
                    try await fixture.sessions.login(
                        username: "hieutruong", password: "sai-mat-khau", address: "10.0.0.\(attempt)", userAgent: "t")
                }
            }
            do {
                _ = try await fixture.sessions.login(
                    username: "hieutruong", password: Fixture.password, address: "10.0.0.9", userAgent: "t")
                Issue.record("throttle did not hold")
            } catch RecordsError.throttled(let until) {
                #expect(until.timeIntervalSince(fixture.clock.now) > 14 * 60)
            }
            fixture.clock.advance(15 * 60 + 1)
            let result = try await fixture.sessions.login(
                username: "hieutruong", password: Fixture.password, address: "10.0.0.9", userAgent: "t")
            #expect(result.session.stage == .active)
        }
    }

    @Test func oneAddressTryingManyAccountsIsThrottled() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            for index in 0..<20 {
                _ = try? await fixture.sessions.login(username: "khach\(index)", password: "x", address: "203.0.113.7", userAgent: "t")
            }
            await #expect(throws: RecordsError.self) {
                try await fixture.sessions.login(username: "hieutruong", password: Fixture.password, address: "203.0.113.7", userAgent: "t")
            }
            #expect(
                try await fixture.sessions.login(
                    username: "hieutruong", password: Fixture.password, address: "198.51.100.1", userAgent: "t"
                )
                .session.stage == .active)
        }
    }

    @Test func disabledAccountsCannotLogInAndLoseTheirSessions() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let teacher = try await fixture.staff("giaovien", "Lê Văn Anh", roles: [.teacher])
            let session = try await fixture.sessions.login(username: "giaovien", password: Fixture.password, address: "a", userAgent: "t")
            try await fixture.accounts.setDisabled(teacher.id, true, by: fixture.principalCaller())
            #expect(try await fixture.sessions.resolve(token: session.token) == nil)
            await #expect(throws: RecordsError.accountDisabled) {
                try await fixture.sessions.login(username: "giaovien", password: Fixture.password, address: "a", userAgent: "t")
            }
            try await fixture.accounts.setDisabled(teacher.id, false, by: fixture.principalCaller())
            #expect(
                try await fixture.sessions.login(username: "giaovien", password: Fixture.password, address: "a", userAgent: "t").session
                    .stage == .active)
            let actions = try await fixture.audit.entries(.init(entity: "account"), by: fixture.principalCaller()).map(\.event.action)
            #expect(actions.filter { $0 == "account.disable" || $0 == "account.enable" }.count == 2)
        }
    }

    @Test func secondFactorIsRequiredOnceEnabledAndRecoveryCodesWorkOnce() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let secret = try await fixture.secondFactor.begin(for: fixture.principal.id)
            let totp = try #require(TOTP(base32: secret))
            await #expect(throws: FieldProblems.self) {
                try await fixture.secondFactor.confirm(code: "000000", session: nil, by: principal)
            }
            let codes = try await fixture.secondFactor.confirm(
                code: totp.code(step: TOTP.step(at: fixture.clock.now)), session: nil, by: principal)
            #expect(codes.count == 10)

            fixture.clock.advance(60)
            let login = try await fixture.sessions.login(username: "hieutruong", password: Fixture.password, address: "a", userAgent: "t")
            #expect(login.session.stage == .secondFactor)
            await #expect(throws: RecordsError.invalidSecondFactor) {
                try await fixture.sessions.verifySecondFactor(session: login.session.id, code: "123456", address: "a")
            }
            try await fixture.sessions.verifySecondFactor(
                session: login.session.id, code: totp.code(step: TOTP.step(at: fixture.clock.now)), address: "a")
            #expect(try await fixture.sessions.resolve(token: login.token)?.0.stage == .active)

            let second = try await fixture.sessions.login(username: "hieutruong", password: Fixture.password, address: "a", userAgent: "t")
            await #expect(throws: RecordsError.invalidSecondFactor, "a TOTP code is single use") {
                try await fixture.sessions.verifySecondFactor(
                    session: second.session.id, code: totp.code(step: TOTP.step(at: fixture.clock.now)), address: "a")
            }
            try await fixture.sessions.verifySecondFactor(session: second.session.id, code: codes[0].lowercased(), address: "a")
            let third = try await fixture.sessions.login(username: "hieutruong", password: Fixture.password, address: "a", userAgent: "t")
            await #expect(throws: RecordsError.invalidSecondFactor, "a recovery code is single use") {
                try await fixture.sessions.verifySecondFactor(session: third.session.id, code: codes[0], address: "a")
            }
        }
    }

    @Test func wrongOneTimeCodesAreCountedAndLockTheAccount() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let secret = try await fixture.secondFactor.begin(for: fixture.principal.id)
            let totp = try #require(TOTP(base32: secret))
            _ = try await fixture.secondFactor.confirm(
                code: totp.code(step: TOTP.step(at: fixture.clock.now)), session: nil,
                by: fixture.principalCaller())
            fixture.clock.advance(60)
            let login = try await fixture.sessions.login(username: "hieutruong", password: Fixture.password, address: "a", userAgent: "t")
            var wrong = 0
            for guess in 0..<5 {
                let code = String(format: "%06d", guess)
                if totp.matchingStep(code, at: fixture.clock.now) != nil { continue }
                await #expect(throws: RecordsError.invalidSecondFactor) {
                    try await fixture.sessions.verifySecondFactor(session: login.session.id, code: code, address: "a")
                }
                wrong += 1
            }
            #expect(wrong >= 4)
            if wrong == 5 {
                await #expect(throws: RecordsError.self, "the right code is refused once the account is locked") {
                    try await fixture.sessions.verifySecondFactor(
                        session: login.session.id, code: totp.code(step: TOTP.step(at: fixture.clock.now)),
                        address: "a")
                }
                #expect(try await fixture.sessions.resolve(token: login.token)?.0.stage == .secondFactor)
            }
        }
    }

    @Test func parallelPasswordGuessesCannotSlipUnderTheLimit() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let sessions = fixture.sessions
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        do {
                            _ = try await sessions.login(
                                username: "hieutruong", password: "sai-\(index)", address: "10.1.1.\(index)", userAgent: "t")
                            return "ok"
                        } catch RecordsError.throttled {
                            return "throttled"
                        } catch {
                            return "wrong"
                        }
                    }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            // At most five passwords were actually tried; the rest were turned away before any check and, not being
            // guesses, do not count as failures.
            let wrong = outcomes.filter { $0 == "wrong" }.count
            #expect(wrong <= 5, "\(outcomes)")
            #expect(outcomes.filter { $0 == "throttled" }.count == 12 - wrong)
            let failures = try await rowCount("login_failures", where: "key", is: "account:hieutruong", on: db)
            #expect(failures == wrong, "only real guesses are kept as failures")
            if wrong == 5 {
                await #expect(throws: RecordsError.self, "five failures lock the account, even for the right password") {
                    try await sessions.login(username: "hieutruong", password: Fixture.password, address: "10.9.9.9", userAgent: "t")
                }
            }
        }
    }

    @Test func schoolPolicyMakesStaffSetUpASecondFactor() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            _ = try await fixture.staff("giaovien", "Lê Văn Anh", roles: [.teacher])
            let admin = try await fixture.staff("quantri", "Trần Thị Lan", roles: [.adminBoard])
            await #expect(throws: RecordsError.forbidden) {
                try await fixture.school.setRequireSecondFactor(true, by: fixture.caller(admin))
            }
            try await fixture.school.setRequireSecondFactor(true, by: fixture.principalCaller())
            let login = try await fixture.sessions.login(username: "giaovien", password: Fixture.password, address: "a", userAgent: "t")
            #expect(login.session.stage == .enrolSecondFactor)
        }
    }

    @Test func managersCreateAccountsWithRolesButOnlyThePrincipalGrantsInspectors() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let admin = try await fixture.staff("quantri", "Trần Thị Lan", roles: [.adminBoard])
            let adminCaller = try await fixture.caller(admin)
            let clerk = try await fixture.accounts.create(
                NewAccount(
                    username: "vanthu", name: PersonName(kinhFullName: "Lê Thị Mai"),
                    password: Fixture.password, roles: [.clerk]), by: adminCaller)
            #expect(try await fixture.caller(clerk).grants.roles == [.clerk])
            await #expect(throws: RecordsError.forbidden) {
                try await fixture.accounts.create(
                    NewAccount(
                        username: "tt", name: PersonName(kinhFullName: "Phan Văn Đông"), password: Fixture.password,
                        roles: [.inspector], inspectorUntil: SchoolDate(year: 2027, month: 5, day: 31)), by: adminCaller)
            }
            await #expect(throws: RecordsError.forbidden) {
                try await fixture.accounts.create(
                    NewAccount(username: "x", name: PersonName(kinhFullName: "A B"), password: Fixture.password), by: fixture.caller(clerk))
            }
            do {
                try await fixture.accounts.create(
                    NewAccount(username: "vanthu", name: PersonName(kinhFullName: "Lê Thị Mai"), password: "ngan"),
                    by: adminCaller)
                Issue.record("duplicate username accepted")
            } catch let problems as FieldProblems {
                #expect(problems.byField["password"] == "Mật khẩu cần ít nhất 10 ký tự.")
            }
            do {
                try await fixture.accounts.create(
                    NewAccount(username: "VanThu", name: PersonName(kinhFullName: "Lê Thị Mai"), password: Fixture.password),
                    by: adminCaller)
                Issue.record("duplicate username accepted")
            } catch let problems as FieldProblems {
                #expect(problems.byField["username"] == "Tên đăng nhập này đã có người dùng.")
            }
            await #expect(throws: RecordsError.forbidden) {
                try await fixture.accounts.setDisabled(fixture.principal.id, true, by: adminCaller)
            }
            try await fixture.roles.revoke(.clerk, from: clerk.id, by: adminCaller)
            #expect(try await fixture.caller(clerk).grants.roles.isEmpty)
        }
    }

    @Test func passwordResetForcesAChangeAndEndsSessions() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let teacher = try await fixture.staff("giaovien", "Lê Văn Anh", roles: [.teacher])
            let old = try await fixture.sessions.login(username: "giaovien", password: Fixture.password, address: "a", userAgent: "t")
            try await fixture.accounts.resetPassword(teacher.id, to: "mat-khau-moi-123", by: fixture.principalCaller())
            #expect(try await fixture.sessions.resolve(token: old.token) == nil)
            let login = try await fixture.sessions.login(username: "giaovien", password: "mat-khau-moi-123", address: "a", userAgent: "t")
            let (_, account) = try #require(try await fixture.sessions.resolve(token: login.token))
            #expect(account.mustChangePassword)
            let caller = try await fixture.caller(account)
            try await fixture.accounts.changeOwnPassword(
                current: "mat-khau-moi-123", new: "mat-khau-cua-toi", confirmation: "mat-khau-cua-toi",
                keeping: login.session.id, by: caller)
            #expect(try await fixture.sessions.resolve(token: login.token)?.1.mustChangePassword == false)
            await #expect(throws: FieldProblems.self) {
                try await fixture.accounts.changeOwnPassword(
                    current: "sai", new: "mat-khau-khac-1", confirmation: "mat-khau-khac-1",
                    keeping: nil, by: caller)
            }
        }
    }

    @Test func demoSchoolIsCreatedOnceAndRunningItAgainChangesNothing() async throws {
        try await TestDatabase.withFresh { db in
            let demo = DemoSchool(database: db, hasher: TestHasher())
            guard case .created(let logins) = try await demo.seed() else {
                Issue.record("demo not created")
                return
            }
            #expect(logins.contains { $0.username == "hieutruong" })
            let audit = AuditLog(database: db)
            let before = try await audit.verify()
            guard case .alreadyThere = try await demo.seed() else {
                Issue.record("second run did something")
                return
            }
            #expect(try await audit.verify() == before)
            let principal = try await SessionService(database: db, hasher: TestHasher())
                .login(username: "hieutruong", password: DemoSchool.password, address: "a", userAgent: "t")
            let account = try #require(try await SessionService(database: db, hasher: TestHasher()).resolve(token: principal.token)?.1)
            let grants = try await RoleService(database: db).grants(for: account.id)
            let caller = Caller(accountID: account.id, displayName: account.name.full, grants: grants)
            let classes = try await ClassService(database: db).list(by: caller)
            #expect(classes.count == 15)
            #expect(classes.allSatisfy { $0.homeroomTeacherName != nil })
            #expect(try await SchoolService(database: db).currentYear().name == "2026-2027")
        }
    }
}
