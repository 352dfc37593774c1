import FluentKit
import Foundation

/// Setting up and removing an authenticator app (TOTP) as a second factor, and recovery codes.
public struct SecondFactorService: Sendable {
    let database: any Database
    let hasher: any PasswordHasher
    let clock: @Sendable () -> Date

    public init(database: any Database, hasher: any PasswordHasher, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.hasher = hasher
        self.clock = clock
    }

    /// Starts set‑up: a new secret kept as pending until a code from the app confirms it; returns the Base32 secret.
    public func begin(for account: AccountID) async throws -> String {
        guard let row = try await AccountRow.find(account.uuid, on: database) else { throw RecordsError.notFound }
        if let pending = row.totpPendingSecret { return pending }
        let secret = Base32.encode(TOTP.randomSecret())
        row.totpPendingSecret = secret
        try await row.update(on: database)
        return secret
    }

    /// The pending secret, if set‑up has begun.
    public func pendingSecret(for account: AccountID) async throws -> String? {
        try await AccountRow.find(account.uuid, on: database)?.totpPendingSecret
    }

    /// Confirms set‑up with a code from the app; turns the second factor on, upgrades the session, returns recovery codes.
    public func confirm(code: String, session: SessionID?, by caller: Caller) async throws -> [String] {
        guard let id = caller.accountID else { throw RecordsError.notFound }
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await AccountRow.find(id.uuid, on: db), let pending = row.totpPendingSecret,
                let totp = TOTP(base32: pending)
            else { throw RecordsError.notFound }
            guard let step = totp.matchingStep(code, at: now) else {
                throw FieldProblems("code", "Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.")
            }
            let before = AccountSnapshot(row)
            row.totpSecret = pending
            row.totpPendingSecret = nil
            row.totpLastStep = step
            try await row.update(on: db)
            let codes = try await RecoveryCodes.replace(for: id.uuid, on: db)
            if let session, let sessionRow = try await SessionRow.find(session.uuid, on: db) {
                sessionRow.stage = SessionStage.active.rawValue
                try await sessionRow.update(on: db)
            }
            return (
                codes,
                [
                    AuditEvent(
                        action: "account.enableSecondFactor", entity: AuditEntity.account.rawValue, entityID: id.description,
                        summary: "\(row.username) bật xác thực hai lớp", before: before, after: AccountSnapshot(row))
                ]
            )
        }
    }

    /// Turns the second factor off after checking the password; refused while the school requires it for staff.
    public func disable(password: String, by caller: Caller) async throws {
        guard let id = caller.accountID, let row = try await AccountRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        if try await SchoolProfileRow.find(1, on: database)?.requireSecondFactor == true {
            throw FieldProblems("password", "Nhà trường yêu cầu xác thực hai lớp nên không thể tắt.")
        }
        guard try await hasher.verify(password, against: row.passwordHash) else {
            throw FieldProblems("password", "Mật khẩu không đúng.")
        }
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let before = AccountSnapshot(row)
            row.totpSecret = nil
            row.totpPendingSecret = nil
            try await row.update(on: db)
            try await RecoveryCodeRow.query(on: db).filter(\.$accountID == id.uuid).delete()
            return (
                (),
                [
                    AuditEvent(
                        action: "account.disableSecondFactor", entity: AuditEntity.account.rawValue, entityID: id.description,
                        summary: "\(row.username) tắt xác thực hai lớp", before: before, after: AccountSnapshot(row))
                ]
            )
        }
    }

    /// Replaces the recovery codes (the old ones stop working).
    public func newRecoveryCodes(by caller: Caller) async throws -> [String] {
        guard let id = caller.accountID else { throw RecordsError.notFound }
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let row = try await AccountRow.find(id.uuid, on: db), row.totpSecret != nil else { throw RecordsError.notFound }
            let codes = try await RecoveryCodes.replace(for: id.uuid, on: db)
            return (
                codes,
                [
                    AuditEvent(
                        action: "account.newRecoveryCodes", entity: AuditEntity.account.rawValue, entityID: id.description,
                        summary: "\(row.username) tạo mã khôi phục mới")
                ]
            )
        }
    }
}
