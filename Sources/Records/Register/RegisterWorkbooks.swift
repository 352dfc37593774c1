import Documents

/// The register's lists as Excel workbooks, for schools that keep working in Excel.
public enum RegisterWorkbooks {
    /// Danh sách học sinh lớp … as .xlsx: STT, full name, then "Họ đệm" and "Tên" apart (the given name alone, as
    /// lists sorted by given name show it), date of birth as a date cell, sex, ethnicity, register number; the
    /// counts of attending pupils, girls and minority pupils below; a pupil who moved or left is kept, with a note.
    public static func roster(_ roster: ClassRoster) throws -> [UInt8] {
        var writer = XLSXWriter()
        let rows: [[XLSXCell]] = roster.lines.map { line in
            [
                .integer(line.position), .text(line.name.full), .text(front(line.name)), .text(line.name.given),
                .date(year: line.birthDate.year, month: line.birthDate.month, day: line.birthDate.day), .text(line.sex.label),
                .text(line.ethnicity), .text(line.registerNumberText), .text(line.note),
            ]
        }
        let counts = roster.counts
        let totals: [[XLSXCell]] = [
            [],
            [.text("Tổng số"), .integer(counts.attending)],
            [.text("Nam"), .integer(counts.attending - counts.girls)],
            [.text("Nữ"), .integer(counts.girls)],
            [.text("Dân tộc thiểu số"), .integer(counts.minority)],
            [.text("Đã chuyển lớp hoặc rời trường"), .integer(counts.gone)],
            [.text("Năm học \(roster.yearName)" + (roster.homeroomTeacherName.map { " · GVCN \($0)" } ?? ""))],
        ]
        writer.addSheet(
            name: "Lớp \(roster.className)",
            header: ["STT", "Họ và tên", "Họ đệm", "Tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số đăng bộ", "Ghi chú"], rows: rows + totals
        )
        return try writer.data()
    }

    /// Họ đệm: every part but the given name, in the order written.
    static func front(_ name: PersonName) -> String {
        (name.familyLast ? [name.middle, name.family] : [name.family, name.middle]).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Every pupil of the register (the pupils list) as .xlsx, in Vietnamese name order: STT, full name, Họ đệm, Tên,
    /// date of birth, sex, register number, class this year.
    public static func pupils(_ lines: [PupilListLine], yearName: String) throws -> [UInt8] {
        var writer = XLSXWriter()
        let rows: [[XLSXCell]] = lines.enumerated().map { index, line in
            [
                .integer(index + 1), .text(line.name.full), .text(front(line.name)), .text(line.name.given),
                .date(year: line.birthDate.year, month: line.birthDate.month, day: line.birthDate.day), .text(line.sex.label),
                .text(line.registerNumber), .text(line.className),
            ]
        }
        writer.addSheet(
            name: "Học sinh",
            header: ["STT", "Họ và tên", "Họ đệm", "Tên", "Ngày sinh", "Giới tính", "Số đăng bộ", "Lớp năm học \(yearName)"], rows: rows)
        return try writer.data()
    }

    /// Sổ đăng bộ of one school year as .xlsx: the same twelve columns as the printed book, the date of birth and
    /// the date of entry as date cells.
    public static func book(_ book: RegisterBook) throws -> [UInt8] {
        var writer = XLSXWriter()
        let rows: [[XLSXCell]] = book.lines.map { line in
            let details = line.entry.details
            var cells = RegisterPrintouts.bookCells(line).map(XLSXCell.text)
            cells[3] = .date(year: details.birthDate.year, month: details.birthDate.month, day: details.birthDate.day)
            cells[9] = .date(year: details.entryDate.year, month: details.entryDate.month, day: details.entryDate.day)
            return cells
        }
        writer.addSheet(name: "Sổ đăng bộ \(book.yearName)", header: RegisterPrintouts.bookHeader, rows: rows)
        return try writer.data()
    }
}
