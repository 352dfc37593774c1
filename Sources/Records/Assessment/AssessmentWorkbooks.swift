import Documents
import Foundation

/// A class × subject grid as an Excel workbook to fill offline, and the filled workbook read back.
public enum AssessmentWorkbooks {
    static let idHeader = "Mã học sinh (hoso)"

    /// The grid as .xlsx: STT, the pupil's hoso code (kept for the upload), name, level, score where a test is due,
    /// comment; attending pupils only; a guide sheet with the allowed values.
    public static func subjectGrid(_ grid: SubjectGrid) throws -> [UInt8] {
        var writer = XLSXWriter()
        var header = ["STT", idHeader, "Họ và tên", "Mức đạt được"]
        if grid.testDue { header.append("Điểm KTĐK") }
        header.append("Nhận xét")
        let rows: [[XLSXCell]] = grid.lines.filter(\.attending).map { line in
            var cells: [XLSXCell] = [
                .integer(line.position), .text(line.studentID.description), .text(line.name.full), .text(line.level ?? ""),
            ]
            if grid.testDue { cells.append(line.score.map(XLSXCell.integer) ?? .empty) }
            cells.append(.text(line.comment))
            return cells
        }
        writer.addSheet(name: "\(grid.subject.name) \(grid.checkpoint.code) \(grid.className)", header: header, rows: rows)
        let levels = grid.rulebook.subjectLevels.map { "\($0.code) — \($0.name)" }.joined(separator: "; ")
        var guide: [[String]] = [
            ["Mức đạt được", levels + "."],
            ["Mã học sinh (hoso)", "Giữ nguyên cột này: hoso dùng nó để biết dòng nào của em nào."],
            ["Nhận xét", "Dài tối đa \(grid.rulebook.commentLimit) ký tự."],
        ]
        if grid.testDue {
            guide.insert(["Điểm KTĐK", "Số nguyên từ \(grid.rulebook.score.lowest) đến \(grid.rulebook.score.highest)."], at: 1)
        }
        writer.addSheet(name: "Hướng dẫn", header: ["Cột", "Cách ghi"], rows: guide.map { $0.map(XLSXCell.text) }, columnWidths: [22, 90])
        return try writer.data()
    }

    /// A filled workbook read back as the grid's form would post it (`level-<id>`, `score-<id>`, `comment-<id>`), or
    /// why it cannot be read.
    public static func formValues(_ bytes: [UInt8]) -> Result<[String: String], SpreadsheetFile.Unreadable> {
        let table: [[String]]
        switch SpreadsheetFile.table(bytes) {
        case .failure(let unreadable): return .failure(unreadable)
        case .success(let rows): table = rows
        }
        let key = { (text: String) in VietnameseText.foldKey(text) }
        guard let headerIndex = table.prefix(10).firstIndex(where: { $0.map(key).contains(key(idHeader)) }) else {
            return .failure(
                SpreadsheetFile.Unreadable(
                    message: "Không thấy cột “\(idHeader)”: hãy tải bảng Excel từ trang này, điền rồi tải lên lại."))
        }
        let header = table[headerIndex].map(key)
        func column(_ name: String) -> Int? { header.firstIndex(of: key(name)) }
        guard let id = column(idHeader) else { return .success([:]) }
        let level = column("Mức đạt được")
        let score = column("Điểm KTĐK")
        let comment = column("Nhận xét")
        var values: [String: String] = [:]
        for row in table.dropFirst(headerIndex + 1) {
            func cell(_ index: Int?) -> String {
                guard let index, index < row.count else { return "" }
                return VietnameseText.clean(row[index])
            }
            guard let student = StudentID(cell(id)) else { continue }
            values["level-\(student)"] = cell(level).uppercased()
            if score != nil { values["score-\(student)"] = cell(score) }
            values["comment-\(student)"] = cell(comment)
        }
        return .success(values)
    }
}
