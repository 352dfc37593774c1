import Crypto
import FluentKit
import Foundation
import Records
import SQLKit

/// What a parent holds after entering a code and the child's date of birth.
public struct PortalAccess: Sendable, Equatable {
    public let code: RegistrationCode
    public let campaignID: CampaignID
    public let childID: ListedChildID
}

/// The public portal's door: code + date of birth, with limits per address and per code so codes cannot be guessed.
public struct PortalService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    /// Wrong tries allowed per code and per address inside `window`.
    public var perCode = 5
    /// High on purpose: many parents share one address behind a carrier's NAT; codes themselves cannot be guessed.
    public var perAddress = 100
    public var window: TimeInterval = 15 * 60
    /// How long a portal session lasts.
    public var sessionLifetime: TimeInterval = 2 * 3600
    /// Where lookups under way are counted in memory (one per process); nil counts them as rows.
    public var board: AttemptBoard?
    /// Where the cookies' key comes from: the server passes its key file's (``DerivedKeys``), shared by its nodes.
    public var keys = DerivedKeys.thisProcessOnly

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    var limiter: AttemptLimiter { AttemptLimiter(window: window, board: board) }
    static func codeKey(_ code: RegistrationCode) -> String { "portal-code:\(code.symbols)" }
    static func addressKey(_ address: String) -> String { "portal-address:\(address)" }

    /// Checks the code and date of birth. A mistyped code (caught by its check symbol) is reported by field before any
    /// lookup; an unknown code and a wrong date give the same ``AdmissionsError/noMatch``, and both count toward the limits.
    public func open(code text: String, birthDate dateText: String, address: String) async throws -> (token: String, access: PortalAccess) {
        var problems = FieldProblems()
        var parsed: RegistrationCode?
        switch RegistrationCode.parse(text) {
        case .success(let code): parsed = code
        case .failure(.wrongLength): problems.add("code", "Mã gồm 10 ký tự, ví dụ K7QM-4XRT-9C.")
        case .failure(.invalidCharacter(let character)):
            problems.add("code", "Mã không có ký tự “\(character)”. Mã không dùng số 0, số 1 và các chữ O, I, L.")
        case .failure(.checkFailed): problems.add("code", "Mã có vẻ bị gõ nhầm một ký tự. Vui lòng đối chiếu lại với phiếu.")
        }
        let birthDate = SchoolDate(vietnamese: dateText)
        if birthDate == nil { problems.add("birthDate", "Nhập ngày sinh của trẻ dạng dd/mm/yyyy.") }
        try problems.throwIfAny()
        guard let code = parsed, let birthDate else { throw problems }
        let now = clock()
        let limits: [AttemptLimiter.Limit] = [
            .init(key: Self.codeKey(code), max: perCode), .init(key: Self.addressKey(address), max: perAddress),
        ]
        // The attempt is counted before the lookup, so a burst of parallel guesses cannot all pass the check.
        let attempt = try await limiter.begin(limits, now: now, on: database)
        guard let access = try await lookup(code, birthDate: birthDate) else {
            try await limiter.fail(attempt, now: now, on: database)
            throw AdmissionsError.noMatch
        }
        let (limiter, codeKey) = (limiter, Self.codeKey(code))
        // Counted in memory, a success writes nothing; a code's counted attempts are cleared with it in one commit.
        if attempt.keysWithAttempts.contains(codeKey) {
            try await database.transaction { tx in
                try await limiter.clear(codeKey, on: tx)
                try await limiter.forget(attempt, on: tx)
            }
        } else {
            try await limiter.forget(attempt, on: database)
        }
        let cookie = PortalCookie(code: code, openedAt: Int64((now.timeIntervalSince1970 * 1000).rounded(.down)))
        return (try cookie.sealed(with: try cookieKey()), access)
    }

    /// The cookie sealed in `token`, if this server sealed it and it has not expired.
    func cookie(_ token: String) async throws -> PortalCookie? {
        guard let cookie = PortalCookie(unsealing: token, with: try cookieKey()),
            Double(cookie.openedAt) / 1000 + sessionLifetime > clock().timeIntervalSince1970
        else { return nil }
        return cookie
    }

    /// The key portal cookies are sealed with, the same on every node that shares the key file.
    func cookieKey() throws -> SymmetricKey { try keys.key(PortalCookie.keyName) }

    /// The access a portal cookie grants, or `nil` when it was not sealed by this server, has expired, was closed with
    /// “Thoát”, or its code was revoked. One indexed query on every page a parent opens.
    public func resolve(token: String) async throws -> PortalAccess? {
        guard let cookie = try await cookie(token),
            let row = try await Self.accessQuery.first(on: database.sql(), [Self.hash(token), cookie.code.symbols]),
            let access = try CodeMatch.access(in: row, cookie)
        else { return nil }
        return access
    }

    /// Where closed cookies are remembered until they would have expired anyway.
    static let signOuts = "portal_sign_outs"

    /// Forgets the closed cookies that would have expired before `now` (the minute job); returns how many.
    public func purgeExpiredSessions(now: Date) async throws -> Int {
        let sql = database.sql()
        let cutoff = SQLBinaryExpression(SQLColumn("expires_at"), .lessThan, SQLBind(now.timeIntervalSince1970))
        struct Count: Decodable { let count: Int }
        let count =
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from(Self.signOuts)
            .where(cutoff).first(decoding: Count.self)?.count ?? 0
        if count > 0 { try await sql.delete(from: Self.signOuts).where(cutoff).run() }
        return count
    }

    /// Ends a portal session: the cookie stops opening the code, on this node and every other, until it would have
    /// expired. Other cookies of the same code (the family's other phone) stay open.
    public func close(token: String) async throws {
        guard let cookie = try await cookie(token) else { return }
        try await database.sql().insert(into: Self.signOuts).columns("token_hash", "expires_at")
            .values(SQLBind(Self.hash(token)), SQLBind(Double(cookie.openedAt) / 1000 + sessionLifetime))
            .ignoringConflicts(with: ["token_hash"]).run()
    }

    /// Lets a code be tried again after too many wrong dates of birth (the desk, after checking who is asking).
    public func unlock(_ code: RegistrationCode, by caller: Caller) async throws {
        try caller.require(.admissionDesk)
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            try await limiter.clear(Self.codeKey(code), on: db)
            let child = try await RegistrationCodeRow.find(code.symbols, on: db)?.childID.uuidString ?? ""
            return ((), [AuditEvent(action: "code.unlock", entity: "child", entityID: child, summary: "Mở khoá mã \(code.masked)")])
        }
    }

    /// The access that an active `code` whose child was born on `birthDate` opens, or nil: the lookup behind
    /// `open`, without its limits. One indexed query whatever the case, so an unknown code and a wrong date take the
    /// same time.
    func lookup(_ code: RegistrationCode, birthDate: SchoolDate) async throws -> PortalAccess? {
        let match = try await Self.lookupQuery.first(on: database.sql(), [code.symbols, "active", birthDate.iso])?
            .decode(model: LookupMatch.self)
        return match.map { PortalAccess(code: code, campaignID: CampaignID($0.campaignID), childID: ListedChildID($0.childID)) }
    }

    static func hash(_ token: String) -> String { SecureToken.sha256Hex(token) }

    /// The code's campaign and child when the code (bind 0) has the status (bind 1) and its child was born on the
    /// date (bind 2).
    static let lookupQuery = PreparedSQL(binds: 3) { sql, bind in
        sql.select().column(SQLColumn("campaign_id", table: "c")).column(SQLColumn("child_id", table: "c"))
            .from(SQLAlias(SQLIdentifier(RegistrationCodeRow.schema), as: SQLIdentifier("c")))
            .join(
                SQLAlias(SQLIdentifier(ListedChildRow.schema), as: SQLIdentifier("l")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "l"), .equal, SQLColumn("child_id", table: "c")
            )
            .where(SQLColumn("code", table: "c"), .equal, bind[0])
            .where(SQLColumn("status", table: "c"), .equal, bind[1])
            .where(SQLColumn("birth_date", table: "l"), .equal, bind[2])
            .limit(1)
    }

    struct LookupMatch: Decodable {
        let campaignID: UUID
        let childID: UUID
        enum CodingKeys: String, CodingKey {
            case campaignID = "campaign_id"
            case childID = "child_id"
        }
    }
}
