import FluentKit
import Foundation

/// How far a login has got.
public enum SessionStage: String, Sendable, Codable {
    /// Fully signed in.
    case active
    /// Password accepted; the one‑time code is still needed.
    case secondFactor
    /// Password accepted; the school requires a second factor the account has not set up yet.
    case enrolSecondFactor
}

/// A login session as the owner sees it in their list.
public struct SessionInfo: Sendable, Equatable {
    public let id: SessionID
    public let accountID: AccountID
    public let stage: SessionStage
    public let createdAt: Date
    public let lastSeenAt: Date
    public let address: String
    public let userAgent: String
}

/// The outcome of a password login: the secret token for the cookie, and the session.
public struct LoginResult: Sendable {
    public let token: String
    public let session: SessionInfo
}

/// Sessions kept in the database: login, lookup per request, second factor, listing and ending them.
public struct SessionService: Sendable {
    let database: any Database
    let hasher: any PasswordHasher
    let clock: @Sendable () -> Date
    let throttle: LoginThrottle
    /// A session ends after this long without a request.
    public var idleTimeout: TimeInterval = 8 * 3600
    /// A session ends this long after login, whatever happens.
    public var absoluteTimeout: TimeInterval = 7 * 24 * 3600

    public init(
        database: any Database, hasher: any PasswordHasher, policy: LoginThrottlePolicy = .init(),
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.database = database
        self.hasher = hasher
        self.clock = clock
        self.throttle = LoginThrottle(policy: policy)
    }

    /// Checks username and password, applying the per‑account and per‑address limits, and opens a session.
    public func login(username: String, password: String, address: String, userAgent: String) async throws -> LoginResult {
        let username = Usernames.normalise(username)
        let now = clock()
        // Count the attempt before checking the password: parallel guesses see each other and cannot slip under the limit.
        let attempt = try await throttle.begin(username: username, address: address, now: now, on: database)
        let row = try await AccountRow.query(on: database).filter(\.$username == username).first()
        // An unknown username still costs one bcrypt run, so timing does not tell which usernames exist.
        let matches =
            if let row, row.passwordHash != AccountRow.noPassword {
                try await hasher.verify(password, against: row.passwordHash)
            } else {
                try await hasher.hash(password).isEmpty
            }
        guard let row, matches else {
            try await throttle.fail(attempt, now: now, on: database)
            throw RecordsError.invalidCredentials
        }
        try await throttle.forget(attempt, on: database)
        guard !row.isDisabled else { throw RecordsError.accountDisabled }
        let stage: SessionStage
        if row.totpSecret != nil {
            stage = .secondFactor
        } else if try await SchoolProfileRow.find(1, on: database)?.requireSecondFactor == true, row.kind == Account.Kind.staff.rawValue {
            stage = .enrolSecondFactor
        } else {
            stage = .active
            try await throttle.clear(username: username, on: database)
        }
        let token = Self.newToken()
        let session = SessionRow()
        session.id = UUID()
        session.tokenHash = Self.hash(token)
        session.accountID = row.id!
        session.stage = stage.rawValue
        session.createdAt = now.timeIntervalSince1970
        session.lastSeenAt = now.timeIntervalSince1970
        session.expiresAt = now.timeIntervalSince1970 + absoluteTimeout
        session.address = String(address.prefix(64))
        session.userAgent = String(userAgent.prefix(200))
        try await session.create(on: database)
        return LoginResult(token: token, session: Self.info(session))
    }

    /// The live session and account for a cookie token, or `nil` if it is unknown, ended, expired or disabled.
    public func resolve(token: String) async throws -> (SessionInfo, Account)? {
        let now = clock().timeIntervalSince1970
        guard let session = try await SessionRow.query(on: database).filter(\.$tokenHash == Self.hash(token)).first(),
            session.endedAt == nil, session.expiresAt > now, session.lastSeenAt + idleTimeout > now,
            let account = try await AccountRow.find(session.accountID, on: database), !account.isDisabled
        else { return nil }
        if now - session.lastSeenAt > 60 {
            // Touch at most once a minute: a write per request would queue behind every other writer on SQLite.
            session.lastSeenAt = now
            try await session.update(on: database)
        }
        return (Self.info(session), Account(account))
    }

    /// Completes a login with a one‑time code or a recovery code; wrong codes count toward the account's limit.
    public func verifySecondFactor(session id: SessionID, code: String, address: String) async throws {
        let now = clock()
        guard let session = try await SessionRow.find(id.uuid, on: database), session.stage == SessionStage.secondFactor.rawValue,
            let account = try await AccountRow.find(session.accountID, on: database), account.totpSecret != nil
        else { throw RecordsError.notFound }
        // The attempt is counted before the code is checked, so parallel guesses cannot all slip under the limit.
        let attempt = try await throttle.begin(username: account.username, address: address, now: now, on: database)
        let accepted = try await database.transaction { db -> Bool in
            // Read again inside the transaction: the last used step must not race with a parallel login.
            guard let fresh = try await AccountRow.find(account.id!, on: db), let secret = fresh.totpSecret,
                let totp = TOTP(base32: secret)
            else { return false }
            if let step = totp.matchingStep(code, at: now), step > fresh.totpLastStep {
                fresh.totpLastStep = step
                try await fresh.update(on: db)
            } else if try await !RecoveryCodes.use(code, account: fresh.id!, at: now, on: db) {
                return false
            }
            session.stage = SessionStage.active.rawValue
            try await session.update(on: db)
            return true
        }
        guard accepted else {
            try await throttle.fail(attempt, now: now, on: database)
            throw RecordsError.invalidSecondFactor
        }
        try await throttle.clear(username: account.username, on: database)
        try await throttle.forget(attempt, on: database)
    }

    /// The account's sessions that are still open, newest first.
    public func openSessions(of account: AccountID) async throws -> [SessionInfo] {
        let now = clock().timeIntervalSince1970
        return try await SessionRow.query(on: database).filter(\.$accountID == account.uuid).filter(\.$endedAt == nil)
            .filter(\.$expiresAt > now).filter(\.$lastSeenAt > now - idleTimeout)
            .sort(\.$lastSeenAt, .descending).all().map(Self.info)
    }

    /// Ends one of the owner's sessions (logout, or "end this session" in the list).
    public func end(_ id: SessionID, owner: AccountID) async throws {
        guard let session = try await SessionRow.find(id.uuid, on: database), session.accountID == owner.uuid else {
            throw RecordsError.notFound
        }
        session.endedAt = clock().timeIntervalSince1970
        try await session.update(on: database)
    }

    static func endAll(of account: UUID, except keep: SessionID?, at now: Date, on db: any Database) async throws {
        let query = SessionRow.query(on: db).filter(\.$accountID == account).filter(\.$endedAt == nil)
        if let keep { query.filter(\.$id != keep.uuid) }
        try await query.set(\.$endedAt, to: now.timeIntervalSince1970).update()
    }

    static func newToken() -> String { SecureToken.generate() }

    static func hash(_ token: String) -> String { SecureToken.sha256Hex(token) }

    static func info(_ row: SessionRow) -> SessionInfo {
        SessionInfo(
            id: SessionID(row.id!), accountID: AccountID(row.accountID), stage: SessionStage(rawValue: row.stage) ?? .active,
            createdAt: Date(timeIntervalSince1970: row.createdAt), lastSeenAt: Date(timeIntervalSince1970: row.lastSeenAt),
            address: row.address, userAgent: row.userAgent)
    }
}
