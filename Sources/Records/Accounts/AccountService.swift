import FluentKit
import Foundation

/// Creates and manages staff accounts. Accounts are never deleted: they are disabled and can be re‑enabled.
public struct AccountService: Sendable {
    let database: any Database
    let hasher: any PasswordHasher
    let clock: @Sendable () -> Date

    public init(database: any Database, hasher: any PasswordHasher, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.hasher = hasher
        self.clock = clock
    }

    /// Throws unless the caller may manage staff accounts (the admin board's pages, before any account is read).
    public func authorizeManaging(by caller: Caller) throws {
        try caller.require(.manageAccounts)
    }

    var writer: AuditedWrite { AuditedWrite(database: database, clock: clock) }

    /// Every account, sorted by name the Vietnamese way; requires ``Permission/viewSchool``.
    public func list(by caller: Caller) async throws -> [Account] {
        try caller.require(.viewSchool)
        return try await AccountRow.query(on: database).filter(\.$kind == Account.Kind.staff.rawValue)
            .sort(\.$sortKey).all().map(Account.init)
    }

    /// One account; a caller may always read their own.
    public func get(_ id: AccountID, by caller: Caller) async throws -> Account {
        if caller.accountID != id { try caller.require(.viewSchool) }
        guard let row = try await AccountRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        return Account(row)
    }

    /// Creates a staff account with roles in the current year, audited; problems come back by field.
    @discardableResult
    public func create(_ new: NewAccount, by caller: Caller) async throws -> Account {
        try caller.require(.manageAccounts)
        for role in new.roles { try caller.require(.grantRole(role)) }
        let username = Usernames.normalise(new.username)
        var problems = FieldProblems()
        Usernames.check(username, into: &problems)
        if new.name.given.isEmpty { problems.add("given", "Vui lòng nhập tên.") }
        if new.name.family.isEmpty { problems.add("family", "Vui lòng nhập họ.") }
        PasswordPolicy.check(new.password, confirmation: nil, into: &problems)
        if new.roles.contains(.inspector) && new.inspectorUntil == nil {
            problems.add("inspectorUntil", "Vui lòng nhập ngày hết hạn quyền thanh tra (dd/mm/yyyy).")
        }
        if problems.isEmpty, try await Usernames.isTaken(username, on: database) {
            problems.add("username", "Tên đăng nhập này đã có người dùng.")
        }
        try problems.throwIfAny()
        let hash = try await hasher.hash(new.password)
        let now = clock()
        return try await writer.run(by: caller) { db in
            let row = AccountRow(
                staff: username, name: new.name, email: VietnameseText.clean(new.email),
                phone: VietnameseText.clean(new.phone), passwordHash: hash, at: now)
            try await row.create(on: db)
            var events = [
                AuditEvent(
                    action: "account.create", entity: AuditEntity.account.rawValue, entityID: row.id!.uuidString,
                    summary: "Tạo tài khoản \(username) (\(row.name.full))",
                    before: AccountSnapshot?.none, after: AccountSnapshot(row))
            ]
            if !new.roles.isEmpty {
                let year = try await SchoolYears.current(on: db)
                for role in Set(new.roles).sorted() {
                    events.append(try await RoleService.grant(role, to: row, year: year, until: new.inspectorUntil, at: now, on: db))
                }
            }
            return (Account(row), events)
        }
    }

    /// Updates name, email and phone; requires ``Permission/manageAccounts`` unless it is the caller's own.
    @discardableResult
    public func updateDetails(_ id: AccountID, name: PersonName, email: String, phone: String, by caller: Caller) async throws -> Account {
        if caller.accountID != id { try caller.require(.manageAccounts) }
        var problems = FieldProblems()
        if name.given.isEmpty { problems.add("given", "Vui lòng nhập tên.") }
        if name.family.isEmpty { problems.add("family", "Vui lòng nhập họ.") }
        try problems.throwIfAny()
        return try await writer.run(by: caller) { db in
            guard let row = try await AccountRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            let before = AccountSnapshot(row)
            row.name = name
            row.email = VietnameseText.clean(email)
            row.phone = VietnameseText.clean(phone)
            try await row.update(on: db)
            return (
                Account(row),
                [
                    AuditEvent(
                        action: "account.update", entity: AuditEntity.account.rawValue, entityID: id.description,
                        summary: "Sửa thông tin tài khoản \(row.username)", before: before, after: AccountSnapshot(row))
                ]
            )
        }
    }

    /// Disables or re‑enables an account; disabling also ends its sessions. A caller cannot disable themself.
    @discardableResult
    public func setDisabled(_ id: AccountID, _ disabled: Bool, by caller: Caller) async throws -> Account {
        try caller.require(.manageAccounts)
        if disabled && caller.accountID == id { throw RecordsError.forbidden }
        let now = clock()
        return try await writer.run(by: caller) { db in
            guard let row = try await AccountRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            try await Self.requireNotPrincipalUnlessCaller(row, caller: caller, on: db)
            let before = AccountSnapshot(row)
            row.isDisabled = disabled
            try await row.update(on: db)
            if disabled { try await SessionService.endAll(of: row.id!, except: nil, at: now, on: db) }
            let verb = disabled ? "Khoá tài khoản" : "Mở lại tài khoản"
            return (
                Account(row),
                [
                    AuditEvent(
                        action: disabled ? "account.disable" : "account.enable", entity: AuditEntity.account.rawValue,
                        entityID: id.description, summary: "\(verb) \(row.username)", before: before, after: AccountSnapshot(row))
                ]
            )
        }
    }

    /// Sets a new password chosen by a manager; the owner must change it at next login, and their sessions end. An
    /// imported account, disabled until it has a password, is enabled by its first one.
    public func resetPassword(_ id: AccountID, to password: String, by caller: Caller) async throws {
        try caller.require(.manageAccounts)
        var problems = FieldProblems()
        PasswordPolicy.check(password, confirmation: nil, into: &problems)
        try problems.throwIfAny()
        let hash = try await hasher.hash(password)
        let now = clock()
        try await writer.run(by: caller) { db in
            guard let row = try await AccountRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            try await Self.requireNotPrincipalUnlessCaller(row, caller: caller, on: db)
            let before = AccountSnapshot(row)
            // An imported account opens with its first password.
            if row.passwordHash == AccountRow.noPassword { row.isDisabled = false }
            row.passwordHash = hash
            row.mustChangePassword = true
            try await row.update(on: db)
            try await SessionService.endAll(of: row.id!, except: nil, at: now, on: db)
            return (
                (),
                [
                    AuditEvent(
                        action: "account.resetPassword", entity: AuditEntity.account.rawValue, entityID: id.description,
                        summary: "Đặt lại mật khẩu cho \(row.username)", before: before, after: AccountSnapshot(row))
                ]
            )
        }
    }

    /// Changes the caller's own password after checking the current one; other sessions end.
    public func changeOwnPassword(current: String, new: String, confirmation: String, keeping session: SessionID?, by caller: Caller)
        async throws
    {
        guard let id = caller.accountID, let row = try await AccountRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        var problems = FieldProblems()
        if !(try await hasher.verify(current, against: row.passwordHash)) {
            problems.add("current", "Mật khẩu hiện tại không đúng.")
        }
        PasswordPolicy.check(new, confirmation: confirmation, field: "password", into: &problems)
        if new == current && problems.isEmpty { problems.add("password", "Mật khẩu mới phải khác mật khẩu cũ.") }
        try problems.throwIfAny()
        let hash = try await hasher.hash(new)
        let now = clock()
        try await writer.run(by: caller) { db in
            guard let row = try await AccountRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            let before = AccountSnapshot(row)
            row.passwordHash = hash
            row.mustChangePassword = false
            try await row.update(on: db)
            try await SessionService.endAll(of: id.uuid, except: session, at: now, on: db)
            return (
                (),
                [
                    AuditEvent(
                        action: "account.changePassword", entity: AuditEntity.account.rawValue, entityID: id.description,
                        summary: "\(row.username) đổi mật khẩu", before: before, after: AccountSnapshot(row))
                ]
            )
        }
    }

    /// Only the principal may disable or reset the principal.
    static func requireNotPrincipalUnlessCaller(_ row: AccountRow, caller: Caller, on db: any Database) async throws {
        guard !caller.grants.roles.contains(.principal) else { return }
        let isPrincipal =
            try await RoleAssignmentRow.query(on: db)
            .filter(\.$accountID == row.id!).filter(\.$role == Role.principal.rawValue).filter(\.$revokedAt == nil).first() != nil
        if isPrincipal { throw RecordsError.forbidden }
    }
}
