import Foundation

/// Reads a pupil list exported by another system, or kept in Excel, into lines — without the database: columns by
/// their headers (title rows above them, two header rows, merged cells), names split, dates and numbers read as
/// schools type them, duplicates within the file found.
enum PupilImportParser {
    static func parse(
        _ table: [[String]], choices: PupilImportChoices, remembered: [String: PupilColumn], entryDefault: SchoolDate
    ) -> PupilImportPreview {
        guard let headerIndex = PupilColumn.headerRow(in: table) else {
            return .unreadable(
                "Không tìm thấy dòng tiêu đề có cột “Họ và tên” (hoặc “Tên”) và “Ngày sinh” trong 15 dòng đầu của tệp.")
        }
        let header = table[headerIndex]
        let below = headerIndex + 1 < table.count ? table[headerIndex + 1] : []
        let twoRows = isSubHeader(below)
        let width = max(header.count, twoRows ? below.count : 0)
        var headers: [String] = []
        var detected: [PupilColumn] = []
        for position in 0..<width {
            let top = cell(header, position)
            let sub = twoRows ? cell(below, position) : ""
            headers.append(sub.isEmpty || sub == top ? top : top.isEmpty ? sub : "\(top) – \(sub)")
            detected.append(column(top: top, sub: sub) ?? remembered[rememberKey(headers[position])] ?? .ignored)
        }
        let columns = detected.indices.map { choices.columns[$0] ?? detected[$0] }
        var preview = PupilImportPreview(
            headers: headers, columns: columns, headerLines: twoRows ? [headerIndex + 1, headerIndex + 2] : [headerIndex + 1],
            lines: [], fileProblem: nil, columnProblems: columnProblems(headers, columns, choices), missingClasses: [],
            defaultedEntryDates: 0)
        let firstData = headerIndex + (twoRows ? 2 : 1)
        for index in firstData..<max(firstData, table.count) where !isSkipped(table[index], columns) {
            var line = read(table[index], line: index + 1, columns: columns, choices: choices)
            if line.pupil.entryDate == nil {
                line.pupil.entryDate = entryDefault
                preview.defaultedEntryDates += 1
            }
            preview.lines.append(line)
        }
        if preview.lines.isEmpty { return .unreadable("Tệp không có dòng học sinh nào dưới dòng tiêu đề.") }
        markDuplicates(&preview.lines)
        return preview
    }

    /// The key a user's choice for a header is remembered under.
    static func rememberKey(_ header: String) -> String { VietnameseText.foldKey(header) }

    static func cell(_ row: [String], _ position: Int) -> String {
        position < row.count ? VietnameseText.clean(row[position]) : ""
    }

    /// A second header row: it names at least one column and holds no date (a data row always has a birth date).
    static func isSubHeader(_ row: [String]) -> Bool {
        let cells = row.map(VietnameseText.clean).filter { !$0.isEmpty }
        guard !cells.isEmpty, !cells.contains(where: { ImportText.date($0) != nil }) else { return false }
        return cells.contains { PupilColumn.recognising($0) != nil }
    }

    /// A header cell's meaning, reading the sub-header under a merged group ("Cha" over "Họ tên" and "Điện thoại").
    static func column(top: String, sub: String) -> PupilColumn? {
        guard !sub.isEmpty, sub != top else { return PupilColumn.recognising(top) }
        let subColumn = PupilColumn.recognising(sub)
        let relation = VietnameseText.foldKey(top)
        let people: [(String, PupilColumn, PupilColumn)] = [
            ("cha", .fatherName, .fatherPhone), ("bo", .fatherName, .fatherPhone), ("me", .motherName, .motherPhone),
            ("nguoi giam ho", .guardianName, .guardianPhone), ("giam ho", .guardianName, .guardianPhone),
        ]
        for (word, name, phone) in people where relation == word || relation.hasPrefix("thong tin " + word) {
            if subColumn == .fullName || subColumn == .given { return name }
            if subColumn == .phone { return phone }
        }
        return subColumn ?? PupilColumn.recognising(top + " " + sub) ?? PupilColumn.recognising(top)
    }

    static func columnProblems(_ headers: [String], _ columns: [PupilColumn], _ choices: PupilImportChoices) -> [String] {
        var problems: [String] = []
        var first: [PupilColumn: Int] = [:]
        for (position, column) in columns.enumerated() where column != .ignored {
            if let earlier = first[column] {
                problems.append(
                    "Hai cột “\(headers[earlier])” và “\(headers[position])” cùng được chọn là “\(column.label)”; chọn lại một cột.")
            } else {
                first[column] = position
            }
        }
        let has = Set(columns)
        if !has.contains(.fullName) && !has.contains(.given) { problems.append("Chưa có cột họ tên: chọn cột “Họ và tên” hoặc “Tên”.") }
        if !has.contains(.birthDate) { problems.append("Chưa có cột “Ngày sinh”.") }
        if !has.contains(.sex) { problems.append("Chưa có cột “Giới tính”.") }
        if !has.contains(.className) && choices.defaultClass.isEmpty {
            problems.append("Tệp không có cột “Lớp”: chọn lớp cho cả danh sách.")
        }
        return problems
    }

    /// Empty rows, a row of column numbers ("(1)", "(2)" … under the header) and footers ("Người lập biểu") are not
    /// pupils.
    static func isSkipped(_ row: [String], _ columns: [PupilColumn]) -> Bool {
        let cells = row.map(VietnameseText.clean).filter { !$0.isEmpty }
        if cells.isEmpty { return true }
        let numbering = cells.allSatisfy { text in
            let digits = text.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            return !digits.isEmpty && digits.count <= 2 && digits.allSatisfy(\.isNumber)
        }
        if numbering { return true }
        let named = [PupilColumn.fullName, .given, .birthDate].contains { column in
            columns.firstIndex(of: column).map { !cell(row, $0).isEmpty } ?? false
        }
        return !named
    }

    static func read(_ row: [String], line: Int, columns: [PupilColumn], choices: PupilImportChoices) -> PupilImportLine {
        func value(_ column: PupilColumn) -> String { columns.firstIndex(of: column).map { cell(row, $0) } ?? "" }
        var notes: [String] = []
        var name = readName(value)
        let flipped = choices.flippedLines.contains(line)
        if flipped { name = flip(name) }
        if name.familyLast {
            notes.append("Đọc là tên Ê Đê: tên “\(name.given)” đứng trước, họ “\(name.family)” đứng sau.")
        } else if name.full.split(separator: " ").dropFirst().contains(where: { NameSplit.isEdeGenderWord(String($0)) }) {
            notes.append("Có thể là tên Ê Đê viết họ trước; nếu vậy, chọn “Đảo thứ tự họ tên”.")
        }
        var pupil = ImportedPupil(name: name)
        let birthText = value(.birthDate)
        pupil.birthDate = ImportText.date(birthText)
        pupil.sex = Sex(text: value(.sex))
        let rawID = value(.personalID)
        pupil.personalID = ImportText.personalID(rawID)
        if pupil.personalID != rawID { notes.append("Thêm số 0 đầu mã định danh (Excel đã bỏ): \(pupil.personalID).") }
        pupil.ethnicity = value(.ethnicity)
        pupil.placeOfBirth = value(.placeOfBirth)
        pupil.hometown = value(.hometown)
        pupil.address = value(.address)
        pupil.className = value(.className).isEmpty ? VietnameseText.clean(choices.defaultClass) : value(.className)
        pupil.registerNumber = value(.registerNumber)
        pupil.entryDate = ImportText.date(value(.entryDate))
        pupil.pupilCode = value(.pupilCode)
        var problems: [String] = []
        pupil.guardians = guardians(value, problems: &problems)
        if !birthText.isEmpty && pupil.birthDate == nil { problems.append("Ngày sinh “\(birthText)” không đọc được (viết dd/mm/yyyy).") }
        if !value(.sex).isEmpty && pupil.sex == nil { problems.append("Giới tính “\(value(.sex))” ghi Nam hoặc Nữ.") }
        if !value(.entryDate).isEmpty && pupil.entryDate == nil {
            problems.append("Ngày vào trường “\(value(.entryDate))” không đọc được (viết dd/mm/yyyy).")
        }
        if pupil.className.isEmpty { problems.append("Thiếu lớp.") }
        return PupilImportLine(line: line, pupil: pupil, problems: problems, notes: notes, flipped: flipped)
    }

    /// The name from one column, or from "Họ đệm" + "Tên", or from "Họ", "Tên đệm", "Tên".
    static func readName(_ value: (PupilColumn) -> String) -> PersonName {
        if !value(.fullName).isEmpty { return NameSplit.split(value(.fullName)) }
        let given = value(.given)
        let front = value(.familyAndMiddle)
        if !front.isEmpty {
            let words = front.split(separator: " ").map(String.init)
            if NameSplit.isEdeGenderWord(given) {
                // "Niê" + "H'Hen": an Ê Đê name typed into a Kinh-shaped system, the clan name as "Họ đệm".
                return PersonName(family: words[0], middle: words.dropFirst().joined(separator: " "), given: given, familyLast: true)
            }
            if NameSplit.isEdeGenderWord(words[0]) { return NameSplit.split(front + " " + given) }
            return PersonName(family: words[0], middle: words.dropFirst().joined(separator: " "), given: given)
        }
        return PersonName(family: value(.family), middle: value(.middle), given: given)
    }

    /// The other reading of a name: a family-last name read family first, or a family-first one turned round.
    static func flip(_ name: PersonName) -> PersonName {
        if name.familyLast { return PersonName(kinhFullName: name.full) }
        return PersonName(family: name.family, middle: name.middle, given: name.given, familyLast: true)
    }

    /// The named parents and guardian; a phone in a general column goes to the mother, else the father, else the
    /// guardian.
    static func guardians(_ value: (PupilColumn) -> String, problems: inout [String]) -> [NewGuardian] {
        let general = ImportText.phone(value(.phone))
        var result: [NewGuardian] = []
        var generalUsed = general.isEmpty
        for (relation, nameColumn, phoneColumn) in [
            (GuardianRelation.mother, PupilColumn.motherName, PupilColumn.motherPhone), (.father, .fatherName, .fatherPhone),
            (.guardian, .guardianName, .guardianPhone),
        ] {
            let name = value(nameColumn)
            var phone = ImportText.phone(value(phoneColumn))
            if name.isEmpty {
                if !phone.isEmpty { problems.append("Có số điện thoại của \(relation.label.lowercased()) nhưng thiếu họ tên.") }
                continue
            }
            if phone.isEmpty && !generalUsed {
                phone = general
                generalUsed = true
            }
            result.append(NewGuardian(name: NameSplit.split(name), relation: relation, phone: phone))
        }
        if !generalUsed { problems.append("Có số điện thoại liên hệ nhưng không có họ tên cha, mẹ hay người giám hộ.") }
        return result
    }

    /// The same pupil twice in one file: same name and date of birth, same personal ID, or same register number.
    static func markDuplicates(_ lines: inout [PupilImportLine]) {
        var seen: [String: Int] = [:]
        for index in lines.indices {
            let pupil = lines[index].pupil
            var keys: [(String, String)] = []
            if let date = pupil.birthDate { keys.append(("n|" + pupil.name.searchKey + "|" + date.iso, "cùng họ tên và ngày sinh")) }
            if !pupil.personalID.isEmpty { keys.append(("i|" + pupil.personalID, "cùng mã định danh")) }
            if !pupil.registerNumber.isEmpty { keys.append(("r|" + VietnameseText.foldKey(pupil.registerNumber), "cùng số đăng bộ")) }
            for (key, what) in keys {
                if let first = seen[key] {
                    lines[index].problems.append("Trùng với dòng \(first) (\(what)).")
                } else {
                    seen[key] = lines[index].line
                }
            }
        }
    }
}
