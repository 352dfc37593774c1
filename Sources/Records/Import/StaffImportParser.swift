import Foundation

/// Reads a staff list into lines without the database: the header row found below any title rows, names split as
/// pupils' are, roles read from the words schools use ("Giáo viên", "Phó hiệu trưởng", "Văn thư"), duplicates in
/// the file found.
enum StaffImportParser {
    /// `choices` are the user's meanings for columns by position; `remembered` those chosen earlier for a header
    /// hoso does not know, by ``rememberKey(_:)``.
    static func parse(
        _ table: [[String]], choices: [Int: StaffColumn] = [:], remembered: [String: StaffColumn] = [:]
    ) -> StaffImportPreview {
        guard let headerIndex = headerRow(in: table) else {
            return .unreadable("Không tìm thấy dòng tiêu đề có cột “Họ và tên” (hoặc “Tên”) trong 15 dòng đầu của tệp.")
        }
        let headers = table[headerIndex].map(VietnameseText.clean)
        var seen = Set<StaffColumn>()
        let columns = headers.enumerated().map { position, header -> StaffColumn in
            let meant = choices[position] ?? StaffColumn.recognising(header) ?? remembered[rememberKey(header)] ?? .ignored
            guard meant != .ignored, seen.insert(meant).inserted else { return .ignored }
            return meant
        }
        var preview = StaffImportPreview(headers: headers, columns: columns, lines: [], fileProblem: nil)
        for index in (headerIndex + 1)..<max(headerIndex + 1, table.count) {
            let row = table[index]
            func value(_ column: StaffColumn) -> String {
                columns.firstIndex(of: column).map { PupilImportParser.cell(row, $0) } ?? ""
            }
            guard !value(.fullName).isEmpty || !value(.given).isEmpty else { continue }
            preview.lines.append(read(value, line: index + 1))
        }
        if preview.lines.isEmpty { return .unreadable("Tệp không có dòng cán bộ nào dưới dòng tiêu đề.") }
        markDuplicates(&preview.lines)
        return preview
    }

    /// The key a user's choice for a header is remembered under (apart from the pupil import's).
    static func rememberKey(_ header: String) -> String { "staff|" + VietnameseText.foldKey(header) }

    /// Of the first 15 rows, the one naming a name column and the most other columns.
    static func headerRow(in table: [[String]]) -> Int? {
        var best: (row: Int, count: Int)?
        for (index, row) in table.prefix(15).enumerated() {
            let columns = Set(row.compactMap(StaffColumn.recognising))
            guard columns.contains(.fullName) || columns.contains(.given), columns.count >= 2 else { continue }
            if columns.count > (best?.count ?? 0) { best = (index, columns.count) }
        }
        return best?.row
    }

    static func read(_ value: (StaffColumn) -> String, line: Int) -> StaffImportLine {
        let name = PupilImportParser.readName { column in
            switch column {
            case .fullName: value(.fullName)
            case .familyAndMiddle: value(.familyAndMiddle)
            case .family: value(.family)
            case .middle: value(.middle)
            case .given: value(.given)
            default: ""
            }
        }
        var problems: [String] = []
        var notes: [String] = []
        if name.given.isEmpty || name.family.isEmpty { problems.append("Họ tên cần có cả họ và tên.") }
        let email = value(.email)
        if !email.isEmpty && !Contact.isEmail(email) { problems.append("Email “\(email)” không hợp lệ.") }
        let typedPhone = ImportText.phone(value(.phone))
        let phone = Contact.mobile(typedPhone) ?? typedPhone
        if !phone.isEmpty && Contact.mobile(phone) == nil {
            problems.append("Số điện thoại “\(value(.phone))” cần \(Contact.mobileRule).")
        }
        var roles = roles(value(.roles), problems: &problems, notes: &notes)
        let homeroom = value(.homeroom)
        if !homeroom.isEmpty && !roles.contains(.teacher) { roles.append(.teacher) }
        if roles.isEmpty {
            roles = [.teacher]
            if value(.roles).isEmpty { notes.append("Không ghi vai trò: giao vai trò Giáo viên.") }
        }
        return StaffImportLine(
            line: line, name: name, username: Usernames.normalise(value(.username)), email: email, phone: phone,
            roles: roles.sorted(), homeroomClass: homeroom, problems: problems, notes: notes)
    }

    /// Roles from a cell such as "Giáo viên, Thư ký hội đồng": each part read folded. A part naming nothing hoso
    /// has (Tổng phụ trách Đội, Nhân viên y tế) is noted and left out; the inspector's role needs an end date and is
    /// given on the account's page.
    static func roles(_ text: String, problems: inout [String], notes: inout [String]) -> [Role] {
        var result: [Role] = []
        let parts = text.split(whereSeparator: { ",;/+\n".contains($0) }).map { VietnameseText.clean(String($0)) }.filter { !$0.isEmpty }
        for part in parts {
            if let role = roleWords[ImportText.matchKey(part)] {
                if role == .inspector {
                    problems.append("Vai trò Thanh tra cần ngày hết hạn: giao trên trang tài khoản sau khi nhập.")
                } else if !result.contains(role) {
                    result.append(role)
                }
            } else {
                notes.append("Vai trò “\(part)” không có trong hoso: bỏ qua.")
            }
        }
        return result
    }

    /// Folded role words, as Vietnamese school staff lists write them.
    static let roleWords: [String: Role] = {
        let table: [(Role, [String])] = [
            (.principal, ["hieu truong", "ht"]),
            (
                .adminBoard,
                ["pho hieu truong", "pht", "ban quan tri", "to quan ly", "quan tri", "ban giam hieu", "bgh", "to truong chuyen mon"]
            ),
            (
                .teacher,
                [
                    "giao vien", "gv", "giao vien chu nhiem", "gvcn", "giao vien bo mon", "gvbm", "giao vien tieu hoc",
                    "giao vien van hoa",
                ]
            ),
            (.clerk, ["van thu", "thu ky", "thu ky hoi dong", "nhan vien van thu", "giao vu", "van thu thu ky"]),
            (.councilMember, ["thanh vien hoi dong tuyen sinh", "hoi dong tuyen sinh", "uy vien hoi dong tuyen sinh"]),
            (.councilChair, ["chu tich hoi dong tuyen sinh"]),
            (.onDutyStaff, ["thuong truc tuyen sinh", "truc tuyen sinh"]),
            (.inspector, ["thanh tra"]),
        ]
        var result: [String: Role] = [:]
        for (role, words) in table { for word in words { result[word] = role } }
        return result
    }()

    /// The same person twice: same username, email or phone.
    static func markDuplicates(_ lines: inout [StaffImportLine]) {
        var seen: [String: Int] = [:]
        for index in lines.indices {
            let line = lines[index]
            let keys = [
                ("u|" + line.username, "cùng tên đăng nhập", !line.username.isEmpty),
                ("e|" + line.email.lowercased(), "cùng email", !line.email.isEmpty),
                ("p|" + line.phone, "cùng số điện thoại", !line.phone.isEmpty),
            ]
            for (key, what, present) in keys where present {
                if let first = seen[key] {
                    lines[index].problems.append("Trùng với dòng \(first) (\(what)).")
                } else {
                    seen[key] = line.line
                }
            }
        }
    }
}
