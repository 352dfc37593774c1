import FluentKit
import Foundation

/// The demo school a newcomer can try: Trường Tiểu học Trung Vương, 2026‑2027, 15 classes, one account per role.
public struct DemoSchool: Sendable {
    /// The password of every demo account.
    public static let password = "TrungVuong@2026"
    /// The school's name.
    public static let schoolName = "Trường Tiểu học Trung Vương"

    /// One demo login.
    public struct Login: Sendable {
        public let username: String
        public let name: String
        public let duty: String
    }

    /// What ``seed()`` did.
    public enum Outcome: Sendable {
        case created([Login])
        case alreadyThere([Login])
        case otherSchoolExists(String)
    }

    let database: any Database
    let hasher: any PasswordHasher
    let clock: @Sendable () -> Date

    public init(database: any Database, hasher: any PasswordHasher, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.hasher = hasher
        self.clock = clock
    }

    struct Person {
        let username: String
        let name: PersonName
        let roles: [Role]
        let homeroom: String?
        let duty: String
        var until: SchoolDate? = nil
    }

    static let classNames = (1...5).flatMap { grade in ["A", "B", "C"].map { "\(grade)\($0)" } }
    static let homeroomNames = [
        "Phạm Thu Hà", "Lê Văn Anh", "Nguyễn Thị Ánh", "Trần Đức Bảo", "Phạm Ngọc Ân", "Bùi Thị Thanh",
        "Đặng Văn Quang", "Võ Thị Yến", "Ngô Minh Tuấn", "Dương Thị Hạnh", "Lý Thị Kim", "Hồ Văn Lực",
        "Mai Thị Loan", "Đinh Công Sơn", "Tạ Thị Nga",
    ]

    static var people: [Person] {
        var list = [
            Person(
                username: "hieutruong", name: PersonName(family: "Nguyễn", middle: "Văn", given: "Minh"),
                roles: [.principal, .councilChair],
                homeroom: nil, duty: "Hiệu trưởng, chủ tịch hội đồng tuyển sinh"),
            Person(
                username: "quantri", name: PersonName(family: "Trần", middle: "Thị", given: "Lan"), roles: [.adminBoard],
                homeroom: nil, duty: "Ban quản trị"),
            Person(
                username: "vanthu", name: PersonName(family: "Lê", middle: "Thị", given: "Mai"), roles: [.clerk],
                homeroom: nil, duty: "Văn thư"),
            Person(
                username: "hoidong", name: PersonName(family: "Vũ", middle: "Văn", given: "Hải"), roles: [.councilMember],
                homeroom: nil, duty: "Thành viên hội đồng tuyển sinh"),
            Person(
                username: "thuongtruc", name: PersonName(family: "Hoàng", middle: "Thị", given: "Thu"), roles: [.onDutyStaff],
                homeroom: nil, duty: "Thường trực tuyển sinh"),
            Person(
                username: "thanhtra", name: PersonName(family: "Phan", middle: "Văn", given: "Đông"), roles: [.inspector],
                homeroom: nil, duty: "Thanh tra (đến 31/05/2027)", until: SchoolDate(year: 2027, month: 5, day: 31)),
            Person(
                username: "gvbm.tienganh", name: PersonName(family: "Hoàng", middle: "Văn", given: "Nam"), roles: [.teacher],
                homeroom: nil, duty: "GVBM Ngoại ngữ 1, lớp 3A–5C"),
            Person(
                username: "dothihoa", name: PersonName(family: "Đỗ", middle: "Thị", given: "Hoa"), roles: [.teacher],
                homeroom: nil, duty: "Giáo viên, chưa chủ nhiệm lớp"),
            Person(
                username: "hhenie", name: PersonName(family: "Niê", given: "H'Hen", familyLast: true), roles: [.teacher],
                homeroom: nil, duty: "Giáo viên (tên Ê Đê)"),
        ]
        for (index, className) in classNames.enumerated() {
            list.append(
                Person(
                    username: "gvcn.\(className.lowercased())", name: PersonName(kinhFullName: homeroomNames[index]),
                    roles: [.teacher], homeroom: className, duty: "GVCN lớp \(className)"))
        }
        return list
    }

    static var logins: [Login] { people.map { Login(username: $0.username, name: $0.name.full, duty: $0.duty) } }

    /// Fills an empty database; does nothing when the demo school is already there.
    public func seed() async throws -> Outcome {
        if let existing = try await SchoolProfileRow.find(1, on: database) {
            return existing.name == Self.schoolName ? .alreadyThere(Self.logins) : .otherSchoolExists(existing.name)
        }
        let hash = try await hasher.hash(Self.password)
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: .system("Dữ liệu mẫu")) { db in
            let profile = SchoolProfileRow()
            profile.id = 1
            SchoolService.apply(
                SchoolProfile(
                    name: Self.schoolName, code: "01000123", provinceCode: "01", wardCode: "00070",
                    addressLine: "Số 4 phố Hàng Bài", phone: "024 3825 1234", email: "c1trungvuong@hanoi.edu.vn",
                    principalName: "Nguyễn Văn Minh"), to: profile)
            profile.createdAt = Timestamps.storage(now)
            try await profile.create(on: db)
            let year = SchoolYearRow()
            year.id = UUID()
            year.name = "2026-2027"
            year.isCurrent = true
            SchoolService.apply(.typical(startYear: 2026), to: year)
            try await year.create(on: db)
            try await SetupService.seedSubjects(on: db)
            var events = [
                AuditEvent(
                    action: "school.setup", entity: AuditEntity.school.rawValue, entityID: "1",
                    summary: "Tạo trường mẫu \(Self.schoolName), năm học 2026-2027")
            ]
            var accounts: [String: AccountRow] = [:]
            for person in Self.people {
                let row = AccountRow(staff: person.username, name: person.name, passwordHash: hash, at: now)
                try await row.create(on: db)
                accounts[person.username] = row
                for role in person.roles {
                    events.append(try await RoleService.grant(role, to: row, year: year, until: person.until, at: now, on: db))
                }
            }
            var classes: [String: ClassRow] = [:]
            for person in Self.people {
                guard let className = person.homeroom else { continue }
                let row = ClassRow()
                row.id = UUID()
                row.yearID = year.id!
                row.name = className
                row.grade = Int(String(className.prefix(1)))!
                row.homeroomAccountID = accounts[person.username]?.id
                row.room = "P.\(100 * row.grade + classes.count % 3 + 1)"
                row.capacity = 35
                row.isMultiGrade = false
                row.sortKey = ClassRow.sortKey(grade: row.grade, name: row.name)
                row.version = 1
                try await row.create(on: db)
                classes[className] = row
            }
            if let english = accounts["gvbm.tienganh"] {
                for grade in 3...5 {
                    guard let subject = try await SubjectRow.query(on: db).filter(\.$grade == grade).filter(\.$code == "NN1").first() else {
                        continue
                    }
                    for suffix in ["A", "B", "C"] {
                        guard let classRow = classes["\(grade)\(suffix)"] else { continue }
                        let row = TeachingAssignmentRow()
                        row.id = UUID()
                        row.yearID = year.id!
                        row.accountID = english.id!
                        row.classID = classRow.id!
                        row.subjectID = subject.id!
                        try await row.create(on: db)
                    }
                }
            }
            events.append(
                AuditEvent(
                    action: "school.demo", entity: AuditEntity.class.rawValue, entityID: "demo",
                    summary: "Tạo 15 lớp mẫu và phân công giảng dạy"))
            return ((), events)
        }
        return .created(Self.logins)
    }
}
