import FluentKit
import Foundation

/// What the first page asks on an empty database.
public struct FirstRunSetup: Sendable {
    public var schoolName: String
    public var principalName: PersonName
    public var username: String
    public var password: String
    public var passwordConfirmation: String

    public init(schoolName: String, principalName: PersonName, username: String, password: String, passwordConfirmation: String) {
        self.schoolName = schoolName
        self.principalName = principalName
        self.username = username
        self.password = password
        self.passwordConfirmation = passwordConfirmation
    }
}

/// First‑run setup: the school, its current year with the 2018‑curriculum subjects, and the principal's account.
public struct SetupService: Sendable {
    let database: any Database
    let hasher: any PasswordHasher
    let clock: @Sendable () -> Date

    public init(database: any Database, hasher: any PasswordHasher, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.hasher = hasher
        self.clock = clock
    }

    /// Creates everything in one transaction; refused once a school exists.
    @discardableResult
    public func run(_ setup: FirstRunSetup) async throws -> Account {
        let username = Usernames.normalise(setup.username)
        var problems = FieldProblems()
        let schoolName = VietnameseText.clean(setup.schoolName)
        if schoolName.isEmpty { problems.add("schoolName", "Vui lòng nhập tên trường.") }
        if setup.principalName.family.isEmpty { problems.add("family", "Vui lòng nhập họ của hiệu trưởng.") }
        if setup.principalName.given.isEmpty { problems.add("given", "Vui lòng nhập tên của hiệu trưởng.") }
        Usernames.check(username, into: &problems)
        PasswordPolicy.check(setup.password, confirmation: setup.passwordConfirmation, into: &problems)
        try problems.throwIfAny()
        if try await SchoolProfileRow.find(1, on: database) != nil { throw RecordsError.alreadySetUp }
        let hash = try await hasher.hash(setup.password)
        let now = clock()
        let caller = Caller.system("Thiết lập lần đầu")
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            if try await SchoolProfileRow.find(1, on: db) != nil { throw RecordsError.alreadySetUp }
            let profile = SchoolProfileRow()
            profile.id = 1
            SchoolService.apply(SchoolProfile(name: schoolName, principalName: setup.principalName.full), to: profile)
            profile.createdAt = Timestamps.storage(now)
            try await profile.create(on: db)
            var events = [
                AuditEvent(
                    action: "school.setup", entity: AuditEntity.school.rawValue, entityID: "1",
                    summary: "Thiết lập trường \(schoolName)", before: SchoolProfile?.none,
                    after: profile.value())
            ]
            let year = try await Self.createCurrentYear(containing: SchoolDate(now), on: db)
            events.append(
                AuditEvent(
                    action: "schoolYear.create", entity: AuditEntity.schoolYear.rawValue, entityID: year.id!.uuidString,
                    summary: "Tạo năm học \(year.name)", before: String?.none, after: year.name))
            try await Self.seedSubjects(on: db)
            let account = AccountRow(staff: username, name: setup.principalName, passwordHash: hash, at: now)
            try await account.create(on: db)
            events.append(
                AuditEvent(
                    action: "account.create", entity: AuditEntity.account.rawValue, entityID: account.id!.uuidString,
                    summary: "Tạo tài khoản \(username) (\(account.name.full))",
                    before: AccountSnapshot?.none, after: AccountSnapshot(account)))
            events.append(try await RoleService.grant(.principal, to: account, year: year, until: nil, at: now, on: db))
            return (Account(account), events)
        }
    }

    /// The year containing `today` (a year runs from August to July) becomes the current one.
    static func createCurrentYear(containing today: SchoolDate, on db: any Database) async throws -> SchoolYearRow {
        let startYear = today.month >= 8 ? today.year : today.year - 1
        let row = SchoolYearRow()
        row.id = UUID()
        row.name = "\(startYear)-\(startYear + 1)"
        row.isCurrent = true
        SchoolService.apply(.typical(startYear: startYear), to: row)
        try await row.create(on: db)
        return row
    }

    static func seedSubjects(on db: any Database) async throws {
        for grade in 1...5 {
            for (order, entry) in SubjectCatalog.entries.enumerated() {
                guard let periods = entry.periods[grade - 1] else { continue }
                let row = SubjectRow()
                row.id = UUID()
                row.grade = grade
                row.code = entry.code
                row.name = entry.name
                row.kind = entry.kind.rawValue
                row.status = entry.status.rawValue
                row.isScored = entry.scoredFromGrade.map { grade >= $0 } ?? false
                row.periodsPerYear = periods
                row.sortOrder = order + 1
                row.isActive = true
                try await row.create(on: db)
            }
        }
    }
}
