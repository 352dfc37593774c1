import Documents

/// The register's lists as Excel workbooks, for schools that keep working in Excel.
public enum RegisterWorkbooks {
    /// Danh sách học sinh lớp … as .xlsx: STT, full name, then "Họ đệm" and "Tên" apart (the given name alone, as
    /// lists sorted by given name show it), date of birth as a date cell, sex, ethnicity, register number; the
    /// counts of attending pupils, girls and minority pupils below; a pupil who moved or left is kept, with a note.
    public static func roster(_ roster: ClassRoster) throws -> [UInt8] {
        var writer = XLSXWriter()
        let rows: [[XLSXCell]] = roster.lines.map { line in
            let front = (line.name.familyLast ? [line.name.middle, line.name.family] : [line.name.family, line.name.middle])
                .filter { !$0.isEmpty }.joined(separator: " ")
            return [
                .integer(line.position), .text(line.name.full), .text(front), .text(line.name.given),
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
}
