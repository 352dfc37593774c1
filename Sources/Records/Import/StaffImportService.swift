import Documents
import FluentKit
import Foundation

/// Brings a school's staff list (from Excel, CSV, or another system's export) into hoso: one account per person with
/// the roles of the current year and the classes they are homeroom teacher of, all in one transaction or nothing.
/// Accounts are created without a password and disabled: they open when the admin board sets a first password (which
/// the owner changes at first login), so a list does not hand out guessable logins. Requires
/// ``Permission/manageAccounts``, and the right to grant each role the file asks for.
public struct StaffImportService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    /// An import service over `database`; `clock` dates the accounts and the audit log.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// The file read against the school as it is now: every line with its problems, or why the file cannot be read.
    /// `columns` are the meanings the user chose for columns by position; the meaning chosen for a header hoso does
    /// not know is remembered for the next file.
    public func preview(_ bytes: [UInt8], columns: [Int: StaffColumn] = [:], by caller: Caller) async throws -> StaffImportPreview {
        try caller.require(.manageAccounts)
        let preview = try await Self.check(bytes, columns: columns, caller: caller, on: database)
        try await ColumnChoices.remember(
            columns.mapValues(\.rawValue), headers: preview.headers, known: { StaffColumn.recognising($0) != nil },
            key: StaffImportParser.rememberKey, at: clock(), on: database)
        return preview
    }

    /// Imports the file if every line is good when checked again now; one audit event names every account made.
    public func commit(
        _ bytes: [UInt8], columns: [Int: StaffColumn] = [:], filename: String, by caller: Caller
    ) async throws -> StaffImportResult {
        try caller.require(.manageAccounts)
        let now = clock()
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let preview = try await Self.check(bytes, columns: columns, caller: caller, on: db)
            if let problem = preview.fileProblem { throw FieldProblems("file", problem) }
            guard preview.isImportable else {
                throw FieldProblems("file", "Danh sách còn \(preview.badLines.count) dòng lỗi; sửa tệp rồi tải lên lại.")
            }
            let year = try await SchoolYears.current(on: db)
            let classes = try await Self.classes(of: year, on: db)
            var homerooms: [String] = []
            for line in preview.lines {
                let row = AccountRow(
                    staff: line.username, name: line.name, email: line.email, phone: line.phone,
                    passwordHash: AccountRow.noPassword, at: now)
                row.isDisabled = true
                row.mustChangePassword = true
                try await row.create(on: db)
                for role in line.roles { _ = try await RoleService.grant(role, to: row, year: year, until: nil, at: now, on: db) }
                if let homeroom = classes[Self.classKey(line.homeroomClass)] {
                    homeroom.homeroomAccountID = row.id
                    homeroom.version += 1
                    try await homeroom.update(on: db)
                    homerooms.append("\(homeroom.name): \(line.username)")
                }
            }
            let event = AuditEvent(
                action: "staff.import", entity: AuditEntity.account.rawValue, entityID: SecureToken.sha256Hex(bytes),
                summary: "Nhập \(preview.lines.count) tài khoản cán bộ từ tệp \(VietnameseText.clean(filename).prefix(200)) "
                    + "(năm học \(year.name)), chờ đặt mật khẩu",
                before: [String: String]?.none,
                after: [
                    "accounts": String(preview.lines.count), "fileSha256": SecureToken.sha256Hex(bytes),
                    "usernames": preview.lines.map { "\($0.username) (\($0.roles.map(\.rawValue).joined(separator: "+")))" }
                        .joined(separator: ", "),
                    "homerooms": homerooms.joined(separator: ", "),
                ])
            return (StaffImportResult(accounts: preview.lines.count, homerooms: homerooms.count), [event])
        }
    }

    static func check(_ bytes: [UInt8], columns: [Int: StaffColumn], caller: Caller, on db: any Database) async throws
        -> StaffImportPreview
    {
        let table: [[String]]
        switch SpreadsheetFile.table(bytes, fillingMerged: true) {
        case .failure(let unreadable): return .unreadable(unreadable.message)
        case .success(let rows): table = rows
        }
        var remembered: [String: StaffColumn] = [:]
        for row in try await ImportColumnChoiceRow.query(on: db).all() {
            if let id = row.id, id.hasPrefix("staff|"), let column = StaffColumn(rawValue: row.columnName) { remembered[id] = column }
        }
        var preview = StaffImportParser.parse(table, choices: columns, remembered: remembered)
        guard preview.fileProblem == nil else { return preview }
        let year = try await SchoolYears.current(on: db)
        let classes = try await classes(of: year, on: db)
        let staff = try await AccountRow.query(on: db).filter(\.$kind == Account.Kind.staff.rawValue).all()
        let emails = Dictionary(
            staff.filter { !$0.email.isEmpty }.map { ($0.email.lowercased(), $0.username) }, uniquingKeysWith: { a, _ in a })
        let phones = Dictionary(staff.filter { !$0.phone.isEmpty }.map { ($0.phone, $0.username) }, uniquingKeysWith: { a, _ in a })
        let teachers = Dictionary(staff.map { ($0.id!, $0.name.full) }, uniquingKeysWith: { a, _ in a })
        var taken = Set(preview.lines.map(\.username).filter { !$0.isEmpty })
        var homeroomLines: [String: Int] = [:]
        for index in preview.lines.indices {
            var line = preview.lines[index]
            for role in line.roles where !caller.may(.grantRole(role)) {
                line.problems.append("Chỉ hiệu trưởng giao được vai trò \(role.label).")
            }
            if let owner = emails[line.email.lowercased()], !line.email.isEmpty {
                line.problems.append("Email \(line.email) đã thuộc tài khoản \(owner).")
            }
            if let owner = phones[line.phone], !line.phone.isEmpty {
                line.problems.append("Số điện thoại \(line.phone) đã thuộc tài khoản \(owner).")
            }
            if line.username.isEmpty {
                line.username = try await freeUsername(for: line.name, avoiding: &taken, on: db)
                line.notes.append("Tên đăng nhập do hoso đặt: \(line.username).")
            } else {
                var problems = FieldProblems()
                Usernames.check(line.username, into: &problems)
                if let problem = problems.list.first {
                    line.problems.append(problem.message)
                } else if try await Usernames.isTaken(line.username, on: db) {
                    line.problems.append("Tên đăng nhập \(line.username) đã có người dùng.")
                }
            }
            if !line.homeroomClass.isEmpty {
                let key = classKey(line.homeroomClass)
                if let homeroom = classes[key] {
                    if let current = homeroom.homeroomAccountID {
                        line.problems.append("Lớp \(homeroom.name) đã có giáo viên chủ nhiệm \(teachers[current] ?? "khác").")
                    } else if let first = homeroomLines[key] {
                        line.problems.append("Lớp \(homeroom.name) đã được giao chủ nhiệm ở dòng \(first).")
                    } else {
                        homeroomLines[key] = line.line
                    }
                } else {
                    line.problems.append("Năm học \(year.name) không có lớp “\(line.homeroomClass)”.")
                }
            }
            preview.lines[index] = line
        }
        return preview
    }

    /// The given name and the initials of the others, folded ("Nguyễn Thị Lan" → "lannt"), with a number added
    /// when it is taken.
    static func freeUsername(for name: PersonName, avoiding taken: inout Set<String>, on db: any Database) async throws -> String {
        let letters = { (text: String) in VietnameseText.foldKey(text).filter { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        let initials = (name.family.split(separator: " ") + name.middle.split(separator: " ")).compactMap { letters(String($0)).first }
        var base = letters(name.given) + String(initials)
        if base.count < 3 { base += "gv" }
        base = String(base.prefix(36))
        var candidate = base
        var number = 1
        while true {
            if !taken.contains(candidate), !(try await Usernames.isTaken(candidate, on: db)) { break }
            number += 1
            candidate = base + String(number)
        }
        taken.insert(candidate)
        return candidate
    }

    static func classKey(_ name: String) -> String {
        let folded = VietnameseText.foldKey(name).filter { !$0.isWhitespace }
        return folded.hasPrefix("lop") ? String(folded.dropFirst(3)) : folded
    }

    static func classes(of year: SchoolYearRow, on db: any Database) async throws -> [String: ClassRow] {
        let rows = try await ClassRow.query(on: db).filter(\.$yearID == year.id!).all()
        return Dictionary(rows.map { (classKey($0.name), $0) }, uniquingKeysWith: { a, _ in a })
    }
}
