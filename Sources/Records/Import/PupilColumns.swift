/// A column of a pupil list, as other systems (vnEdu, SMAS, MISA EMIS) and schools' own Excel files head it.
public enum PupilColumn: String, Sendable, Codable, CaseIterable {
    case ignored, number, pupilCode, personalID, fullName, familyAndMiddle, family, middle, given, birthDate, sex
    case ethnicity, placeOfBirth, hometown, address, className, registerNumber, entryDate
    case fatherName, fatherPhone, motherName, motherPhone, guardianName, guardianPhone, phone

    /// The Vietnamese name offered on the mapping page.
    public var label: String {
        switch self {
        case .ignored: "Không nhập cột này"
        case .number: "STT"
        case .pupilCode: "Mã học sinh (của hệ thống cũ, ghi vào ghi chú)"
        case .personalID: "Mã định danh cá nhân"
        case .fullName: "Họ và tên (một cột)"
        case .familyAndMiddle: "Họ và tên đệm"
        case .family: "Họ"
        case .middle: "Tên đệm"
        case .given: "Tên"
        case .birthDate: "Ngày sinh"
        case .sex: "Giới tính"
        case .ethnicity: "Dân tộc"
        case .placeOfBirth: "Nơi sinh"
        case .hometown: "Quê quán"
        case .address: "Nơi ở hiện nay"
        case .className: "Lớp"
        case .registerNumber: "Số đăng bộ"
        case .entryDate: "Ngày vào trường"
        case .fatherName: "Họ tên cha"
        case .fatherPhone: "Điện thoại cha"
        case .motherName: "Họ tên mẹ"
        case .motherPhone: "Điện thoại mẹ"
        case .guardianName: "Họ tên người giám hộ"
        case .guardianPhone: "Điện thoại người giám hộ"
        case .phone: "Số điện thoại liên hệ (của mẹ, hoặc của cha khi không có mẹ)"
        }
    }

    /// The column a header names, read folded (no diacritics, lower case, punctuation as spaces), or nil.
    public static func recognising(_ header: String) -> PupilColumn? {
        synonyms[ImportText.matchKey(header)]
    }

    /// Folded header texts by column; several systems' spellings each.
    static let synonyms: [String: PupilColumn] = {
        let table: [(PupilColumn, [String])] = [
            (.number, ["stt", "so tt", "so thu tu", "tt"]),
            (.pupilCode, ["ma hoc sinh", "ma hs", "ma so hoc sinh", "ma hoc sinh moet"]),
            (
                .personalID,
                ["ma dinh danh", "ma dinh danh ca nhan", "so dinh danh", "so dinh danh ca nhan", "ma dinh danh hoc sinh", "cccd"]
            ),
            (.fullName, ["ho va ten", "ho ten", "ho va ten hoc sinh", "ho ten hoc sinh", "ten hoc sinh"]),
            (.familyAndMiddle, ["ho dem", "ho va ten dem", "ho va dem", "ho va chu dem", "ho ten dem"]),
            (.family, ["ho"]),
            (.middle, ["ten dem", "dem", "chu dem"]),
            (.given, ["ten"]),
            (.birthDate, ["ngay sinh", "ngay thang nam sinh", "ngay sinh dd mm yyyy", "ns"]),
            (.sex, ["gioi tinh", "gioi", "nam nu", "gt"]),
            (.ethnicity, ["dan toc"]),
            (.placeOfBirth, ["noi sinh"]),
            (.hometown, ["que quan", "nguyen quan"]),
            (.address, ["noi o", "noi o hien nay", "dia chi", "cho o hien nay", "dia chi thuong tru", "noi cu tru", "dia chi lien he"]),
            (.className, ["lop", "ten lop", "lop hoc"]),
            (.registerNumber, ["so dang bo", "so db", "so so dang bo", "dang bo"]),
            (.entryDate, ["ngay vao truong", "ngay nhap hoc", "ngay vao lop"]),
            (.fatherName, ["ho ten cha", "ho va ten cha", "ten cha", "cha", "ho ten bo"]),
            (.fatherPhone, ["dien thoai cha", "so dien thoai cha", "sdt cha", "dt cha"]),
            (.motherName, ["ho ten me", "ho va ten me", "ten me", "me"]),
            (.motherPhone, ["dien thoai me", "so dien thoai me", "sdt me", "dt me"]),
            (.guardianName, ["ho ten nguoi giam ho", "nguoi giam ho", "ho ten giam ho"]),
            (.guardianPhone, ["dien thoai nguoi giam ho", "sdt nguoi giam ho", "dien thoai giam ho"]),
            (
                .phone,
                [
                    "so dien thoai", "dien thoai", "sdt", "so dt", "dien thoai lien he", "sdt lien he", "so dien thoai phu huynh",
                    "sdt phu huynh",
                ]
            ),
        ]
        var result: [String: PupilColumn] = [:]
        for (column, names) in table { for name in names { result[name] = column } }
        return result
    }()

    /// The row holding the headers: of the first 15 rows, the one that names the most columns and at least a name
    /// and a date of birth (files exported by other systems carry the school's name and a title above it).
    static func headerRow(in table: [[String]]) -> Int? {
        var best: (row: Int, count: Int)?
        for (index, row) in table.prefix(15).enumerated() {
            let columns = row.compactMap(recognising)
            let named = columns.contains(.fullName) || columns.contains(.given)
            guard named, columns.contains(.birthDate) else { continue }
            if columns.count > (best?.count ?? 0) { best = (index, columns.count) }
        }
        return best?.row
    }
}
