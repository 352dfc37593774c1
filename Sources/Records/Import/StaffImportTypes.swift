import Foundation

/// A column of a staff list, as schools' personnel files (danh sách cán bộ, giáo viên, nhân viên) head it.
public enum StaffColumn: String, Sendable, CaseIterable {
    case ignored, number, fullName, familyAndMiddle, family, middle, given, username, email, phone, roles, homeroom

    /// The Vietnamese name offered on the preview's column choices.
    public var label: String {
        switch self {
        case .ignored: "Không nhập cột này"
        case .number: "STT"
        case .fullName: "Họ và tên (một cột)"
        case .familyAndMiddle: "Họ và tên đệm"
        case .family: "Họ"
        case .middle: "Tên đệm"
        case .given: "Tên"
        case .username: "Tên đăng nhập"
        case .email: "Email"
        case .phone: "Số điện thoại"
        case .roles: "Vai trò (chức vụ)"
        case .homeroom: "Lớp chủ nhiệm"
        }
    }

    /// The column a header names, read folded, or nil.
    public static func recognising(_ header: String) -> StaffColumn? {
        synonyms[ImportText.matchKey(header)]
    }

    static let synonyms: [String: StaffColumn] = {
        let table: [(StaffColumn, [String])] = [
            (.number, ["stt", "tt", "so tt", "so thu tu"]),
            (
                .fullName,
                [
                    "ho va ten", "ho ten", "ho va ten can bo", "ho ten can bo", "ho va ten giao vien", "ho ten giao vien",
                    "ten can bo", "ho va ten cb gv nv", "ho ten cb gv nv",
                ]
            ),
            (.familyAndMiddle, ["ho dem", "ho va ten dem", "ho va dem", "ho va chu dem"]),
            (.family, ["ho"]),
            (.middle, ["ten dem", "dem", "chu dem"]),
            (.given, ["ten"]),
            (.username, ["ten dang nhap", "tai khoan", "username", "ten tai khoan"]),
            (.email, ["email", "e mail", "thu dien tu", "dia chi email", "dia chi thu dien tu"]),
            (.phone, ["so dien thoai", "dien thoai", "sdt", "so dt", "di dong", "dien thoai di dong", "dt"]),
            (.roles, ["vai tro", "chuc vu", "chuc danh", "nhiem vu", "vi tri viec lam", "vai tro trong hoso"]),
            (.homeroom, ["lop chu nhiem", "chu nhiem lop", "chu nhiem", "gvcn lop", "lop cn", "cn lop"]),
        ]
        var result: [String: StaffColumn] = [:]
        for (column, names) in table { for name in names { result[name] = column } }
        return result
    }()
}

/// One person of an imported staff list, as checked against the school.
public struct StaffImportLine: Sendable, Equatable {
    /// The line number in the file, counting from 1 as a spreadsheet does.
    public let line: Int
    public var name: PersonName
    /// The username given in the file, or the one hoso made from the name (given name + initials, "lannt").
    public var username: String
    public var email: String
    public var phone: String
    /// The roles the account gets in the current year; a homeroom teacher is always a teacher.
    public var roles: [Role]
    /// The class of the current year the person is homeroom teacher of, as the file names it, or empty.
    public var homeroomClass: String
    /// What stops the line from importing.
    public var problems: [String]
    /// What was assumed (a username made up, a role not known to hoso left out).
    public var notes: [String]
}

/// An uploaded staff list read against the school.
public struct StaffImportPreview: Sendable, Equatable {
    /// The header cells as written, and what each was read as.
    public var headers: [String]
    public var columns: [StaffColumn]
    public var lines: [StaffImportLine]
    /// Why the whole file cannot be imported (no header row, no name column), or nil.
    public var fileProblem: String?

    /// Lines with problems.
    public var badLines: [StaffImportLine] { lines.filter { !$0.problems.isEmpty } }
    /// Whether the file can be imported as it is.
    public var isImportable: Bool { fileProblem == nil && !lines.isEmpty && badLines.isEmpty }

    static func unreadable(_ message: String) -> StaffImportPreview {
        StaffImportPreview(headers: [], columns: [], lines: [], fileProblem: message)
    }
}

/// What a staff import wrote.
public struct StaffImportResult: Sendable, Equatable {
    /// Accounts created (disabled until a password is set for them).
    public let accounts: Int
    /// Classes given a homeroom teacher.
    public let homerooms: Int
}
