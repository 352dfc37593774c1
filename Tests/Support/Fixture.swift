import FluentKit
import Foundation
import Records

/// A school set up through the real first‑run service, with helpers to add staff and act as them.
public struct Fixture: Sendable {
    public let db: any Database
    public let clock: TestClock
    public let hasher = TestHasher()
    public let principal: Account

    public static let password = "mat-khau-dai-du"

    /// Runs first‑run setup on `db` ("Trường Tiểu học Kiểm Thử", principal `hieutruong`).
    public static func make(on db: any Database, clock: TestClock = TestClock()) async throws -> Fixture {
        let principal = try await SetupService(database: db, hasher: TestHasher(), clock: clock.function).run(
            FirstRunSetup(
                schoolName: "Trường Tiểu học Kiểm Thử", principalName: PersonName(family: "Nguyễn", middle: "Văn", given: "Minh"),
                username: "hieutruong", password: password, passwordConfirmation: password))
        return Fixture(db: db, clock: clock, principal: principal)
    }

    /// What `account` may do now, as the web layer would work it out.
    public func caller(_ account: Account) async throws -> Caller {
        let grants = try await RoleService(database: db, clock: clock.function).grants(for: account.id)
        return Caller(accountID: account.id, displayName: account.name.full, grants: grants, address: "127.0.0.1")
    }

    public func principalCaller() async throws -> Caller { try await caller(principal) }

    public var accounts: AccountService { AccountService(database: db, hasher: hasher, clock: clock.function) }
    public var classes: ClassService { ClassService(database: db, clock: clock.function) }
    public var roles: RoleService { RoleService(database: db, clock: clock.function) }
    public var school: SchoolService { SchoolService(database: db, clock: clock.function) }
    public var subjects: SubjectService { SubjectService(database: db, clock: clock.function) }
    public var teaching: TeachingService { TeachingService(database: db, clock: clock.function) }
    public var sessions: SessionService { SessionService(database: db, hasher: hasher, clock: clock.function) }
    public var secondFactor: SecondFactorService { SecondFactorService(database: db, hasher: hasher, clock: clock.function) }
    public var audit: AuditLog { AuditLog(database: db) }

    /// Creates a staff account with `roles`, made by the principal.
    public func staff(_ username: String, _ fullName: String, roles: [Role], inspectorUntil: SchoolDate? = nil) async throws -> Account {
        try await accounts.create(
            NewAccount(
                username: username, name: PersonName(kinhFullName: fullName), password: Self.password,
                roles: roles, inspectorUntil: inspectorUntil), by: principalCaller())
    }
}
