import Documents
import Foundation
import Records

/// One child as a kindergarten list gives it, or as staff type it.
public struct ChildEntry: Sendable, Equatable {
    public var name: PersonName
    public var birthDate: SchoolDate?
    public var gender: Sex?
    /// Mã định danh cá nhân: 12 digits, when known.
    public var personalID: String
    public var parentName: String
    public var parentPhone: String
    public var address: String
    /// Why an older child (born up to 3 years earlier) applies.
    public var olderReason: String

    public init(
        name: PersonName, birthDate: SchoolDate?, gender: Sex?, personalID: String = "", parentName: String = "",
        parentPhone: String = "", address: String = "", olderReason: String = ""
    ) {
        self.name = name
        self.birthDate = birthDate
        self.gender = gender
        self.personalID = VietnameseText.clean(personalID)
        self.parentName = VietnameseText.clean(parentName)
        self.parentPhone = Contact.mobile(parentPhone) ?? VietnameseText.clean(parentPhone)
        self.address = VietnameseText.clean(address)
        self.olderReason = VietnameseText.clean(olderReason)
    }

    /// Same child: same folded full name and date of birth.
    var dedupeKey: String { name.searchKey + "|" + (birthDate?.iso ?? "") }

    /// Problems with this child for a campaign of `birthYear`, by form field.
    public func problems(birthYear: Int) -> FieldProblems {
        var problems = FieldProblems()
        if name.given.isEmpty { problems.add("given", "Thiếu họ và tên trẻ.") }
        if let date = birthDate {
            switch Eligibility.of(birthYear: date.year, campaignBirthYear: birthYear) {
            case .ofAge: break
            case .underAge:
                problems.add("birthDate", "Trẻ sinh năm \(date.year) chưa đủ tuổi vào lớp 1 (đúng độ tuổi là sinh năm \(birthYear)).")
            case .olderNeedsReason:
                if olderReason.isEmpty { problems.add("olderReason", "Trẻ sinh năm \(date.year) lớn hơn độ tuổi quy định: cần ghi lý do.") }
            case .tooOld: problems.add("birthDate", "Trẻ sinh năm \(date.year) lớn hơn độ tuổi quy định quá 3 tuổi.")
            }
        } else {
            problems.add("birthDate", "Ngày sinh không hợp lệ (viết dd/mm/yyyy).")
        }
        if gender == nil { problems.add("gender", "Giới tính ghi Nam hoặc Nữ.") }
        if !personalID.isEmpty && !(personalID.count == 12 && personalID.allSatisfy(\.isNumber)) {
            problems.add("personalID", "Mã định danh gồm đúng 12 chữ số.")
        }
        if !parentPhone.isEmpty && Contact.mobile(parentPhone) == nil {
            problems.add("parentPhone", "Số điện thoại di động \(Contact.mobileRule).")
        }
        return problems
    }
}

/// A parsed kindergarten list: every row with its problems.
public struct ChildListPreview: Sendable {
    /// One row of the file (line numbers count the header as line 1).
    public struct Row: Sendable {
        public let line: Int
        public let child: ChildEntry
        public var problems: [String]
    }

    public var rows: [Row]
    /// A problem with the whole file (unreadable, no name or date column); then `rows` is empty.
    public var fileProblem: String?

    /// Rows with at least one problem.
    public var badRows: [Row] { rows.filter { !$0.problems.isEmpty } }
    /// All or nothing: the list imports only when every row is good.
    public var isImportable: Bool { fileProblem == nil && !rows.isEmpty && badRows.isEmpty }
}

/// Reads kindergarten lists. Columns are found by their (Vietnamese) headers, with or without diacritics.
enum ChildListParser {
    enum Column: CaseIterable {
        case fullName, family, middle, given, birthDate, gender, personalID, parentName, parentPhone, address, reason
    }

    static func column(for header: String) -> Column? {
        switch VietnameseText.foldKey(header).replacingOccurrences(of: "_", with: " ") {
        case "ho va ten", "ho ten", "ho ten tre", "ho va ten tre", "ten tre": .fullName
        case "ho": .family
        case "ten dem", "dem": .middle
        case "ten": .given
        case "ngay sinh", "ngay thang nam sinh": .birthDate
        case "gioi tinh", "gioi": .gender
        case "ma dinh danh", "ma dinh danh ca nhan", "so dinh danh", "cccd": .personalID
        case "ho ten cha me", "cha me", "phu huynh", "ho ten phu huynh", "ho ten cha/me", "cha/me": .parentName
        case "so dien thoai", "dien thoai", "sdt", "so dt": .parentPhone
        case "dia chi", "noi cu tru", "dia chi cu tru": .address
        case "ly do", "ly do lon tuoi", "ghi chu": .reason
        default: nil
        }
    }

    static func parse(_ table: [[String]], birthYear: Int) -> ChildListPreview {
        guard let header = table.first else { return ChildListPreview(rows: [], fileProblem: "Tệp trống.") }
        var index: [Column: Int] = [:]
        for (position, title) in header.enumerated() {
            if let column = column(for: title), index[column] == nil { index[column] = position }
        }
        let hasName = index[.fullName] != nil || index[.given] != nil
        guard hasName, index[.birthDate] != nil else {
            return ChildListPreview(rows: [], fileProblem: "Không tìm thấy cột “Họ và tên” và “Ngày sinh” ở dòng đầu của tệp.")
        }
        var rows: [ChildListPreview.Row] = []
        for (offset, fields) in table.dropFirst().enumerated() {
            func value(_ column: Column) -> String {
                guard let position = index[column], position < fields.count else { return "" }
                return VietnameseText.clean(fields[position])
            }
            let name =
                index[.given] != nil
                ? PersonName(family: value(.family), middle: value(.middle), given: value(.given))
                : PersonName(kinhFullName: value(.fullName))
            let child = ChildEntry(
                name: name, birthDate: SchoolDate(vietnamese: value(.birthDate)) ?? SchoolDate(iso: value(.birthDate)),
                gender: Sex(text: value(.gender)), personalID: ImportText.personalID(value(.personalID)),
                parentName: value(.parentName), parentPhone: ImportText.phone(value(.parentPhone)),
                address: value(.address), olderReason: value(.reason))
            rows.append(.init(line: offset + 2, child: child, problems: child.problems(birthYear: birthYear).list.map(\.message)))
        }
        if rows.isEmpty { return ChildListPreview(rows: [], fileProblem: "Tệp không có dòng dữ liệu nào.") }
        // The same child twice in one file.
        var seenKeys: [String: Int] = [:]
        var seenIDs: [String: Int] = [:]
        for position in rows.indices {
            let child = rows[position].child
            if let first = seenKeys[child.dedupeKey], child.birthDate != nil {
                rows[position].problems.append("Trùng với dòng \(first) (cùng họ tên và ngày sinh).")
            } else {
                seenKeys[child.dedupeKey] = rows[position].line
            }
            if !child.personalID.isEmpty {
                if let first = seenIDs[child.personalID] {
                    rows[position].problems.append("Trùng mã định danh với dòng \(first).")
                } else {
                    seenIDs[child.personalID] = rows[position].line
                }
            }
        }
        return ChildListPreview(rows: rows, fileProblem: nil)
    }

    /// Reads an Excel workbook (first sheet) or a CSV file, told apart by content, not by name.
    static func table(fromFile bytes: [UInt8]) -> Result<[[String]], SpreadsheetFile.Unreadable> {
        SpreadsheetFile.table(bytes)
    }
}
