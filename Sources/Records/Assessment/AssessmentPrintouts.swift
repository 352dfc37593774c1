import Documents
import Foundation

/// The assessment book's printouts and workbooks.
public enum AssessmentPrintouts {
    /// Short column heads for the qualities and competencies: PC1–PC5, NLC1–NLC3, NLĐ1–NLĐ7 (named in a legend).
    static func itemHeads(_ summary: ClassSummary) -> [String] {
        let qualities = summary.rulebook.qualities.count
        let general = summary.rulebook.generalCompetencies.count
        return summary.items.indices.map { index in
            index < qualities
                ? "PC\(index + 1)" : index < qualities + general ? "NLC\(index - qualities + 1)" : "NLĐ\(index - qualities - general + 1)"
        }
    }

    /// The legend of the short heads, as one line.
    static func legend(_ summary: ClassSummary) -> String {
        let subjects = summary.subjects.map { "\($0.code): \($0.name)" }.joined(separator: "; ")
        let items = zip(itemHeads(summary), summary.items).map { "\($0.0): \($0.1.name)" }.joined(separator: "; ")
        return "Môn học: \(subjects). M: mức đạt được, Đ: điểm kiểm tra. Phẩm chất, năng lực: \(items)."
    }

    /// Bảng tổng hợp kết quả đánh giá giáo dục: A4 landscape, the official heading, one row per pupil, the homeroom
    /// teacher's and the principal's signature places.
    public static func summary(_ summary: ClassSummary, printedOn date: SchoolDate) -> PDFDocument {
        var document = landscape(
            title: "Bảng tổng hợp kết quả đánh giá giáo dục lớp \(summary.className)", yearName: summary.yearName,
            running: "Bảng tổng hợp lớp \(summary.className) · \(summary.checkpoint.label) · Năm học \(summary.yearName)")
        document.add(contentsOf: blocks(summary, printedOn: date))
        return document
    }

    /// An A4 landscape document with `running` and the page number at the foot of each page.
    static func landscape(title: String, yearName: String, running: String) -> PDFDocument {
        var document = PDFDocument(
            title: title, subject: "Năm học \(yearName)", pageSize: .a4Landscape, margins: Margins(top: 10, right: 8, bottom: 10, left: 12))
        document.footer = { page in [.text("\(running) · Trang \(page.number)/\(page.count)", style: .small.aligned(.center))] }
        return document
    }

    /// Whether the principal approved the table, as printed under its title and shown on the class's page; nil
    /// where the rulebook asks for no approval.
    public static func approvalLine(_ summary: ClassSummary) -> String? {
        guard let approval = summary.approval else {
            return summary.rulebook.approvedCheckpoints.contains(summary.checkpoint) ? "Chưa được hiệu trưởng duyệt." : nil
        }
        let when = Timestamps.display(approval.approvedAt)
        return approval.current
            ? "Đã được hiệu trưởng duyệt (\(approval.approvedBy), \(when))."
            : "Đã có thay đổi sau khi hiệu trưởng duyệt (\(when)): cần duyệt lại."
    }

    /// The summary table's blocks: heading, title, the table, its legend and the signature places.
    static func blocks(_ summary: ClassSummary, printedOn date: SchoolDate) -> [Block] {
        var columns: [Table.Column] = [.init(.mm(8), alignment: .center), .init(.mm(36))]
        var header: [Table.Cell] = [Table.Cell("STT"), Table.Cell("Họ và tên")]
        for subject in summary.subjects {
            columns.append(.init(.mm(subject.tested ? 6.5 : 7.5), alignment: .center))
            header.append(Table.Cell("\(subject.code)\nM"))
            if subject.tested {
                columns.append(.init(.mm(6.5), alignment: .center))
                header.append(Table.Cell("\(subject.code)\nĐ"))
            }
        }
        for head in itemHeads(summary) {
            columns.append(.init(.mm(7.5), alignment: .center))
            header.append(Table.Cell(head))
        }
        let rows = summary.rows.map { row -> [Table.Cell] in
            var cells = [Table.Cell("\(row.position)"), Table.Cell(row.name.full)]
            for (column, value) in zip(summary.subjects, row.subjects) {
                cells.append(Table.Cell(value.level))
                if column.tested { cells.append(Table.Cell(value.score)) }
            }
            return cells + row.items.map { Table.Cell($0) }
        }
        let style = TextStyle(size: 7, lineHeight: 1.05)
        let table = Table(
            columns: columns, header: header, rows: rows, style: style,
            headerStyle: TextStyle(size: 6, isBold: true, alignment: .center, lineHeight: 1.0))
        return [
            RegisterPrintouts.heading(summary.school),
            .spacer(mm: 3),
            .text("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ GIÁO DỤC", style: .title.sized(13).spaced(after: 1)),
            .text(
                "Lớp \(summary.className) · \(summary.checkpoint.label) · Năm học \(summary.yearName) · \(summary.rulebook.name)",
                style: .body.aligned(.center)),
            .text(approvalLine(summary) ?? "", style: .small.aligned(.center)),
            .spacer(mm: 3),
            .table(table),
            .spacer(mm: 2),
            .text(legend(summary), style: .small),
            .spacer(mm: 4),
            RegisterPrintouts.signatures(
                left: ("GIÁO VIÊN CHỦ NHIỆM", "(Ký, ghi rõ họ tên)", summary.homeroomTeacherName ?? ""),
                right: ("HIỆU TRƯỞNG", "(Ký tên, đóng dấu)", summary.school.principalName),
                place: summary.school.place, date: date),
        ]
    }

    /// The class's assessment book for the year: a title page, each checkpoint's summary table, and the year-end
    /// results with their reasons, awards and what follows them.
    public static func classBook(_ summaries: [ClassSummary], results: [PupilYearResult], printedOn date: SchoolDate) -> PDFDocument {
        guard let first = summaries.first else { return PDFDocument(title: "Sổ đánh giá") }
        var document = landscape(
            title: "Sổ đánh giá lớp \(first.className) năm học \(first.yearName)", yearName: first.yearName,
            running: "Sổ đánh giá lớp \(first.className) · Năm học \(first.yearName)")
        document.add(contentsOf: [
            RegisterPrintouts.heading(first.school),
            .spacer(mm: 30),
            .text("SỔ ĐÁNH GIÁ HỌC SINH", style: .title.sized(20).spaced(after: 4)),
            .text("Lớp \(first.className) · Năm học \(first.yearName)", style: .title.sized(14).spaced(after: 2)),
            .text("Giáo viên chủ nhiệm: \(first.homeroomTeacherName ?? "—") · \(first.rulebook.name)", style: .body.aligned(.center)),
        ])
        for summary in summaries {
            document.add(.pageBreak)
            document.add(contentsOf: blocks(summary, printedOn: date))
        }
        let rows = results.map { line -> [Table.Cell] in
            let outcome = line.outcome
            let parts = [outcome.result.map(\.label), line.completion].compactMap { $0 }
            let result = parts.isEmpty ? "Chưa đủ dữ liệu" : parts.joined(separator: "; ")
            var follow = line.followUp.retests.map { "Đánh giá bổ sung — \($0)" }
            if let decision = line.followUp.decision { follow.append(decision.promotes ? "Hiệu trưởng cho lên lớp" : "Ở lại lớp") }
            return [
                Table.Cell("\(line.position)"), Table.Cell(line.name.full), Table.Cell(result),
                Table.Cell((outcome.reasons + outcome.missing).joined(separator: "; ")), Table.Cell(outcome.awards.joined(separator: "; ")),
                Table.Cell(follow.joined(separator: "; ")),
            ]
        }
        let table = Table(
            columns: [
                .init(.mm(9), alignment: .center), .init(.mm(45)), .init(.mm(30)), .init(.mm(95)), .init(.mm(45)), .init(.mm(50)),
            ],
            header: ["STT", "Họ và tên", "Kết quả", "Lý do", "Khen thưởng", "Tiếp theo"].map { Table.Cell($0) }, rows: rows,
            style: TextStyle(size: 8, lineHeight: 1.1), headerStyle: TextStyle(size: 8, isBold: true, alignment: .center))
        document.add(contentsOf: [
            .pageBreak,
            .text("KẾT QUẢ GIÁO DỤC CUỐI NĂM HỌC", style: .title.sized(13).spaced(after: 3)),
            .table(table),
        ])
        return document
    }

    /// The same table as .xlsx, with the subjects' and items' full names in the header and the comment.
    public static func summaryWorkbook(_ summary: ClassSummary) throws -> [UInt8] {
        var writer = XLSXWriter()
        var header = ["STT", "Họ và tên"]
        for subject in summary.subjects {
            header.append("\(subject.name) — mức")
            if subject.tested { header.append("\(subject.name) — điểm") }
        }
        header += summary.items.map { "\($0.kind) \($0.name)" } + ["Nhận xét chung"]
        let rows: [[XLSXCell]] = summary.rows.map { row in
            var cells: [XLSXCell] = [.integer(row.position), .text(row.name.full)]
            for (column, value) in zip(summary.subjects, row.subjects) {
                cells.append(.text(value.level))
                if column.tested { cells.append(Int(value.score).map(XLSXCell.integer) ?? .empty) }
            }
            return cells + row.items.map(XLSXCell.text) + [.text(row.comment)]
        }
        writer.addSheet(name: "\(summary.className) \(summary.checkpoint.code)", header: header, rows: rows)
        return try writer.data()
    }
}
