import FluentKit
import Foundation

/// One role held by an account in a school year.
public struct RoleAssignment: Sendable, Equatable {
    public let id: RoleAssignmentID
    public let accountID: AccountID
    public let yearID: SchoolYearID
    public let role: Role
    /// For inspectors: the last day of access.
    public let validUntil: SchoolDate?

    init(_ row: RoleAssignmentRow) {
        id = RoleAssignmentID(row.id!)
        accountID = AccountID(row.accountID)
        yearID = SchoolYearID(row.yearID)
        role = Role(rawValue: row.role) ?? .teacher
        validUntil = row.validUntil.flatMap(SchoolDate.init(iso:))
    }
}

/// Gives and takes back roles for the current school year, and works out what an account may do today.
public struct RoleService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// The rights `account` holds today in the current school year.
    public func grants(for account: AccountID) async throws -> Grants {
        guard let year = try await SchoolYearRow.query(on: database).filter(\.$isCurrent == true).first() else { return .none }
        let today = SchoolDate(clock()).iso
        let rows = try await RoleAssignmentRow.query(on: database)
            .filter(\.$accountID == account.uuid).filter(\.$yearID == year.id!).filter(\.$revokedAt == nil).all()
        let roles = rows.filter { row in row.validUntil.map { $0 >= today } ?? true }.compactMap { Role(rawValue: $0.role) }
        let homeroom = try await ClassRow.query(on: database)
            .filter(\.$yearID == year.id!).filter(\.$homeroomAccountID == account.uuid).all()
        let teaching = try await TeachingAssignmentRow.query(on: database)
            .filter(\.$yearID == year.id!).filter(\.$accountID == account.uuid).all()
        return Grants(
            roles: Set(roles),
            homeroomClasses: Set(homeroom.map { ClassID($0.id!) }),
            teaching: Set(teaching.map { Grants.ClassSubject(classID: ClassID($0.classID), subjectID: SubjectID($0.subjectID)) }))
    }

    /// Active role assignments of the current year, for every account (the staff list).
    public func currentAssignments(by caller: Caller) async throws -> [RoleAssignment] {
        try caller.require(.viewSchool)
        let year = try await SchoolYears.current(on: database)
        return try await RoleAssignmentRow.query(on: database)
            .filter(\.$yearID == year.id!).filter(\.$revokedAt == nil).all().map(RoleAssignment.init)
    }

    /// The names of the enabled accounts holding any of `roles` this year, in Vietnamese name order: for example
    /// the admissions council the chair ticks as present. Requires ``Permission/viewAdmissions``.
    public func holders(of roles: Set<Role>, by caller: Caller) async throws -> [PersonName] {
        try caller.require(.viewAdmissions)
        let year = try await SchoolYears.current(on: database)
        let today = SchoolDate(clock()).iso
        let ids = try await RoleAssignmentRow.query(on: database)
            .filter(\.$yearID == year.id!).filter(\.$revokedAt == nil).filter(\.$role ~~ roles.map(\.rawValue)).all()
            .filter { row in row.validUntil.map { $0 >= today } ?? true }.map(\.accountID)
        guard !ids.isEmpty else { return [] }
        return try await AccountRow.query(on: database).filter(\.$id ~~ Set(ids)).filter(\.$isDisabled == false).all()
            .map(\.name).sorted { $0.sortKey < $1.sortKey }
    }

    /// Gives `role` to an account for the current year (an inspector needs an end date).
    public func grant(_ role: Role, to account: AccountID, until: SchoolDate? = nil, by caller: Caller) async throws {
        try caller.require(.grantRole(role))
        if role == .inspector && until == nil {
            throw FieldProblems("inspectorUntil", "Vui lòng nhập ngày hết hạn quyền thanh tra (dd/mm/yyyy).")
        }
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let account = try await AccountRow.find(account.uuid, on: db) else { throw RecordsError.notFound }
            let year = try await SchoolYears.current(on: db)
            let existing = try await RoleAssignmentRow.query(on: db).filter(\.$accountID == account.id!)
                .filter(\.$yearID == year.id!).filter(\.$role == role.rawValue).filter(\.$revokedAt == nil).first()
            if existing != nil && role != .inspector { return ((), []) }
            if let existing {
                existing.revokedAt = Timestamps.storage(now)
                try await existing.update(on: db)
            }
            return ((), [try await Self.grant(role, to: account, year: year, until: until, at: now, on: db)])
        }
    }

    /// Takes a role back; the assignment is kept, marked revoked. Nobody can take the last principal's role.
    public func revoke(_ role: Role, from account: AccountID, by caller: Caller) async throws {
        try caller.require(.grantRole(role))
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let year = try await SchoolYears.current(on: db)
            let rows = try await RoleAssignmentRow.query(on: db).filter(\.$accountID == account.uuid)
                .filter(\.$yearID == year.id!).filter(\.$role == role.rawValue).filter(\.$revokedAt == nil).all()
            guard !rows.isEmpty, let accountRow = try await AccountRow.find(account.uuid, on: db) else { return ((), []) }
            if role == .principal {
                let principals = try await RoleAssignmentRow.query(on: db).filter(\.$yearID == year.id!)
                    .filter(\.$role == Role.principal.rawValue).filter(\.$revokedAt == nil).count()
                if principals <= rows.count { throw RecordsError.forbidden }
            }
            for row in rows {
                row.revokedAt = Timestamps.storage(now)
                try await row.update(on: db)
            }
            return (
                (),
                [
                    AuditEvent(
                        action: "role.revoke", entity: AuditEntity.role.rawValue, entityID: rows[0].id!.uuidString,
                        summary: "Thu hồi vai trò \(role.label) của \(accountRow.name.full)",
                        before: ["role": role.rawValue, "account": accountRow.username], after: [String: String]?.none)
                ]
            )
        }
    }

    static func grant(
        _ role: Role, to account: AccountRow, year: SchoolYearRow, until: SchoolDate?, at now: Date,
        on db: any Database
    ) async throws -> AuditEvent {
        let row = RoleAssignmentRow()
        row.id = UUID()
        row.accountID = account.id!
        row.yearID = year.id!
        row.role = role.rawValue
        row.validUntil = role == .inspector ? until?.iso : nil
        row.grantedAt = Timestamps.storage(now)
        try await row.create(on: db)
        var summary = "Giao vai trò \(role.label) năm học \(year.name) cho \(account.name.full)"
        if let until = row.validUntil.flatMap(SchoolDate.init(iso:)) { summary += " đến hết \(until.display)" }
        return AuditEvent(
            action: "role.grant", entity: AuditEntity.role.rawValue, entityID: row.id!.uuidString, summary: summary,
            before: [String: String]?.none,
            after: ["role": role.rawValue, "account": account.username, "year": year.name, "validUntil": row.validUntil ?? ""])
    }
}
